package dev.plux.runtime;

/**
 * The runtime's quoting, opened to the processor's tests (a test class in plux-core's package, on the test class
 * path only): the processor's {@code Quoting} must quote index text exactly as the runtime does, so that a compile
 * warning and the log line of the same bad line read alike.
 */
public final class RuntimeQuoting {

    private RuntimeQuoting() {
    }

    /**
     * The runtime's quote of a text from an index file.
     *
     * @param text the text
     * @return what a runtime message quotes of it
     */
    public static String quote(String text) {
        return Escaping.quote(text);
    }

    /**
     * Whether the runtime escapes a character.
     *
     * @param codePoint the character
     * @return whether it is unsafe
     */
    public static boolean isUnsafe(int codePoint) {
        return Escaping.isUnsafe(codePoint);
    }
}
