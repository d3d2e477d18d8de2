package dev.plux.runtime;

import java.util.regex.Pattern;

/**
 * A shell-style pattern as Python's {@code fnmatch.fnmatchcase}: {@code *}, {@code ?}, {@code [seq]},
 * {@code [!seq]}; matched against the whole text, case-sensitively. Unlike fnmatch, an unclosed {@code [} is
 * rejected rather than read as a literal, because it is almost always a typo in a configuration.
 */
final class Glob {

    private final String pattern;

    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    static Glob compile(String pattern) {
        StringBuilder regex = new StringBuilder(pattern.length() + 8);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> i = appendSet(pattern, i, regex);
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return new Glob(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    /** Appends a character set starting at {@code open}; returns the index of its closing bracket. */
    private static int appendSet(String pattern, int open, StringBuilder regex) {
        int i = open + 1;
        boolean negated = i < pattern.length() && pattern.charAt(i) == '!';
        if (negated) {
            i++;
        }
        // as in fnmatch, a ']' right after '[' or '[!' is a member, not the end
        int close = pattern.indexOf(']', (i < pattern.length() && pattern.charAt(i) == ']') ? i + 1 : i);
        if (close < 0) {
            throw new IllegalArgumentException(
                    "malformed glob '" + Escaping.escape(pattern) + "': '[' at index " + open + " is never closed");
        }
        regex.append(negated ? "[^" : "[");
        for (int j = i; j < close; j++) {
            char c = pattern.charAt(j);
            if (c == '-' && j > i && j < close - 1) {
                if (pattern.charAt(j - 1) > pattern.charAt(j + 1)) {
                    // java.util.regex would reject it too, but with a message about regular expressions
                    throw new IllegalArgumentException("malformed glob '" + Escaping.escape(pattern) + "': range '"
                            + Escaping.escape(pattern.substring(j - 1, j + 2)) + "' at index " + (j - 1)
                            + " is reversed");
                }
                regex.append('-');
            }
            else if (Character.isLetterOrDigit(c)) {
                regex.append(c);
            }
            else {
                // escaping a letter would change its meaning (\d, \w), escaping anything else is safe
                regex.append('\\').append(c);
            }
        }
        regex.append(']');
        return close;
    }

    boolean matches(String text) {
        return this.regex.matcher(text).matches();
    }

    @Override
    public String toString() {
        return this.pattern;
    }
}
