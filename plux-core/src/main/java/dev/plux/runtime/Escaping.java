package dev.plux.runtime;

/**
 * Index files are user input: control characters, Unicode line and paragraph separators and format characters
 * (bidi overrides, zero-width spaces, byte order marks) must not forge log lines or reorder what a terminal shows,
 * and a huge line must not flood a log.
 */
final class Escaping {

    /** How many characters of a text from a file a message quotes. */
    static final int MAX_QUOTED = 200;

    private Escaping() {
    }

    /**
     * The text with every {@linkplain #isUnsafe(int) unsafe} character written as {@code \\uXXXX}.
     *
     * @param text the text
     * @return the text itself when nothing needs escaping
     */
    static String escape(String text) {
        int first = firstUnsafe(text);
        return (first < 0) ? text : escapeFrom(text, first);
    }

    /**
     * What a message quotes of a text from a file: at most {@link #MAX_QUOTED} characters, then a marker saying how
     * many were left out, {@linkplain #escape(String) escaped}.
     *
     * @param text the text
     * @return the quotable text
     */
    static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return escape(text);
        }
        int end = MAX_QUOTED;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            // never split a surrogate pair: half of one is not text
            end--;
        }
        return escape(text.substring(0, end)) + "...[" + (text.length() - end) + " more characters]";
    }

    /**
     * What a message shows of a value that comes from outside without being file text — a path, whose file name a
     * user chose, or an exception's text naming it: {@linkplain #escape(String) escaped}, so that a newline in a file
     * name cannot forge a log line, and never cut, since it names the file.
     *
     * @param value the path or text
     * @return its escaped text
     */
    static String shown(Object value) {
        return escape(String.valueOf(value));
    }

    /**
     * Whether the text holds a character that would be {@linkplain #escape(String) escaped}.
     *
     * @param text the text
     * @return {@code true} if it does
     */
    static boolean containsUnsafe(String text) {
        return firstUnsafe(text) >= 0;
    }

    /**
     * Control characters, line and paragraph separators ({@code U+2028}, {@code U+2029}) and format characters
     * ({@code U+202E}, {@code U+200B}, {@code U+FEFF}, also outside the BMP, such as tag characters).
     *
     * @param codePoint the character
     * @return whether it must be escaped
     */
    static boolean isUnsafe(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7f) {
                // printable ASCII, nearly every character of an index: no table lookup
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (isUnsafe(codePoint)) {
                return i;
            }
            if (Character.isSupplementaryCodePoint(codePoint)) {
                i++;
            }
        }
        return -1;
    }

    private static String escapeFrom(String text, int first) {
        StringBuilder escaped = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length();) {
            int codePoint = text.codePointAt(i);
            int count = Character.charCount(codePoint);
            if (isUnsafe(codePoint)) {
                for (int j = i; j < i + count; j++) {
                    escaped.append(String.format("\\u%04x", (int) text.charAt(j)));
                }
            }
            else {
                escaped.append(text, i, i + count);
            }
            i += count;
        }
        return escaped.toString();
    }
}
