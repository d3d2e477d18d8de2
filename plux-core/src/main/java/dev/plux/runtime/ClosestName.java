package dev.plux.runtime;

import org.jspecify.annotations.Nullable;

/**
 * The declared name closest to one asked for, by edit distance: the "did you mean" of a
 * {@link dev.plux.core.NoSuchPluginException} ({@link DeclaredPlugins#require}) and of the empty-namespace warning
 * ({@link EmptyNamespaceWarning}).
 *
 * <p>Its work is bounded: an application may pass a request's input to {@code load}, so a miss must not cost time
 * that grows with the namespace's names. One search looks at candidates until it has spent {@link #MAX_WORK} steps
 * (one per candidate looked at, one per cell of the edit-distance table computed), then suggests the closest seen so
 * far. Only the cells within the distance still worth finding are computed (a band along the table's diagonal),
 * which keeps a typo of one of 100,000 short names within the bound.
 */
final class ClosestName {

    /**
     * The most steps one search takes: at most about 10 ms on a 2-vCPU machine, a typo of any of the first 25,000
     * or so short names found (plux-core README, "Scale"). Before the bound, a miss compared every name in full:
     * 40 s for one miss against 100,000 names of 208 characters.
     */
    static final int MAX_WORK = 1_000_000;

    private int work;

    /** The two rows of the edit-distance table, reused from one candidate to the next (grown when one is longer). */
    private int[] previous = new int[0];

    private int[] current = new int[0];

    private ClosestName() {
    }

    /**
     * The candidate with the smallest edit distance to {@code name}, if it is close enough to be a typo of it (at
     * most a third of its characters changed, at least one); the first of equals wins. One that differs only in
     * case is always close enough (namespaces and names are case-sensitive, so 'MY.NS' is a typo of 'my.ns', though
     * every letter differs), and wins over closer ones. Looks at the candidates in order within {@link #MAX_WORK}
     * steps.
     *
     * @param name the name asked for
     * @param candidates the declared names, in declaration order (read lazily: only those the search reaches)
     * @return the closest, or {@code null} when none seen is close enough
     */
    static @Nullable String closest(String name, Iterable<String> candidates) {
        return new ClosestName().search(name, candidates);
    }

    private @Nullable String search(String name, Iterable<String> candidates) {
        String best = null;
        int limit = Math.max(1, name.length() / 3) + 1;
        // one pass: a bounded search must not walk every name first to look for one differing in case
        for (String candidate : candidates) {
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
            if (++this.work >= MAX_WORK) {
                break;
            }
            if (Math.abs(candidate.length() - name.length()) >= limit) {
                continue;
            }
            int distance = distance(name, candidate, limit);
            if (distance < limit) {
                best = candidate;
                limit = distance;
            }
        }
        return best;
    }

    /**
     * Levenshtein distance, or {@code limit} when it is at least that: only the cells within {@code limit - 1} of
     * the diagonal can hold a smaller one, and a row all at the limit ends the comparison. The lengths of {@code a}
     * and {@code b} differ by less than {@code limit}, so the last cell is inside the band.
     */
    private int distance(String a, String b, int limit) {
        if (this.previous.length <= b.length()) {
            this.previous = new int[b.length() + 1];
            this.current = new int[b.length() + 1];
        }
        int[] previous = this.previous;
        int[] current = this.current;
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = Math.min(j, limit);
        }
        for (int i = 1; i <= a.length(); i++) {
            int from = Math.max(1, i - limit + 1);
            int to = Math.min(b.length(), i + limit - 1);
            // the cells just outside the band count as the limit: the next row reads them
            current[from - 1] = (from == 1) ? Math.min(i, limit) : limit;
            int rowMinimum = current[from - 1];
            char c = a.charAt(i - 1);
            for (int j = from; j <= to; j++) {
                int substitution = previous[j - 1] + ((c == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(limit, Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1));
                rowMinimum = Math.min(rowMinimum, current[j]);
            }
            if (to < b.length()) {
                current[to + 1] = limit;
            }
            this.work += to - from + 1;
            if (rowMinimum >= limit) {
                return limit;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
