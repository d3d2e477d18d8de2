package dev.plux.runtime;

/**
 * A count with its noun in the right number, for log lines: {@code 1 plugin}, {@code 3 plugins},
 * {@code 1 index file}, {@code 0 index files}.
 */
final class Counts {

    private Counts() {
    }

    /** {@code count} and {@code noun}, with an {@code s} unless the count is exactly one. */
    static String of(long count, String noun) {
        return count + " " + noun + ((count == 1) ? "" : "s");
    }
}
