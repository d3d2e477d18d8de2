package dev.plux.runtime;

/** Index files are user input: control characters must not forge log lines or terminal output. */
final class Escaping {

    private Escaping() {
    }

    static String escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return escapeFrom(text, i);
            }
        }
        return text;
    }

    private static String escapeFrom(String text, int first) {
        StringBuilder escaped = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            }
            else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
