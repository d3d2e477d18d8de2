package dev.plux.processor;

/**
 * How the processor's messages quote text from an index file, by the runtime's rules (plux-core's
 * {@code Escaping}, which the processor cannot use: it does not depend on the runtime): at most 200 characters,
 * unsafe characters as backslash-u escapes. The names of a file follow the same notion of unsafe.
 */
final class Quoting {

    private Quoting() {
    }

    /** How many characters of a text from an index a message quotes, as at run time. */
    static final int MAX_QUOTED = 200;

    /**
     * What a message quotes of a text from an index, as the runtime does: at most {@link #MAX_QUOTED} characters,
     * then how many were left out, with control, separator and format characters as backslash-u escapes (a
     * compiler warning must not be forged or reordered by a line of the file).
     */
    static String quote(String text) {
        int end = text.length();
        if (end > MAX_QUOTED) {
            end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
        }
        StringBuilder quoted = new StringBuilder();
        text.substring(0, end).codePoints().forEach((codePoint) -> {
            if (isUnsafe(codePoint)) {
                for (char c : Character.toChars(codePoint)) {
                    quoted.append(String.format("\\u%04x", (int) c));
                }
            }
            else {
                quoted.appendCodePoint(codePoint);
            }
        });
        if (end < text.length()) {
            quoted.append("...[").append(text.length() - end).append(" more characters]");
        }
        return quoted.toString();
    }

    /** Whether a character may not appear in a name, nor unescaped in a message. */
    static boolean isUnsafe(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
    }
}
