package dev.plux.spring.boot.autoconfigure;

import java.util.List;

/**
 * A list of plugin names (or of plugins with their failures) as a warning or message shows it: all of a few, the
 * first of many with the count, so that one line stays readable however many plugins a namespace has.
 */
final class NameSample {

    /** How many names a warning or message shows of a longer list. */
    static final int SHOWN = 20;

    /** How many plugins with their failures the startup summary shows: each is a root cause of up to 200 characters. */
    static final int FAILURES_SHOWN = 10;

    private NameSample() {
    }

    /** {@code a, b, c}, or {@code a, b, ... (5000 in all)} past {@link #SHOWN}. */
    static String of(List<String> names) {
        return of(names, SHOWN);
    }

    /** {@code a, b, c}, or the first {@code shown} then {@code , ... (5000 in all)}. */
    static String of(List<String> names, int shown) {
        return (names.size() <= shown) ? String.join(", ", names)
                : String.join(", ", names.subList(0, shown)) + ", ... (" + names.size() + " in all)";
    }
}
