package dev.plux.processor;

import org.jspecify.annotations.Nullable;

/**
 * Which plugin names and namespaces fit the index format: {@code [namespace]} headers and {@code name = value}
 * lines, with {@code #} and {@code ;} comments.
 */
final class Names {

    private static final String FORBIDDEN_IN_NAMESPACE = "=[]#;";

    private static final String FORBIDDEN_IN_NAME = FORBIDDEN_IN_NAMESPACE + ":";

    private Names() {
    }

    /** Why {@code name} cannot be a plugin name, or {@code null} when it can. */
    static @Nullable String problemWithName(String name) {
        return problem(name, FORBIDDEN_IN_NAME);
    }

    /** Why {@code namespace} cannot be a namespace, or {@code null} when it can. */
    static @Nullable String problemWithNamespace(String namespace) {
        return problem(namespace, FORBIDDEN_IN_NAMESPACE);
    }

    private static @Nullable String problem(String text, String forbidden) {
        if (text.isEmpty()) {
            return "it is empty";
        }
        if (text.length() > EntryPointsFile.MAX_NAME_LENGTH) {
            // the runtime would not declare it (SPEC, limits)
            return "it is longer than " + EntryPointsFile.MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "it contains whitespace or a control character";
            }
            if (forbidden.indexOf(c) >= 0) {
                return "it contains '" + c + "' (none of " + spell(forbidden) + " and no whitespace may appear)";
            }
        }
        if (text.codePoints().anyMatch(Quoting::isUnsafe)) {
            // the runtime would not declare it: a line or paragraph separator, a format character (bidi, zero-width)
            return "it contains a control, separator or format character (such as U+200B or U+202E)";
        }
        return null;
    }

    private static String spell(String characters) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < characters.length(); i++) {
            text.append((i == 0) ? "" : " ").append('\'').append(characters.charAt(i)).append('\'');
        }
        return text.toString();
    }
}
