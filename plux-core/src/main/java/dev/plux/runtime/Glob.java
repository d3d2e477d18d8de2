package dev.plux.runtime;

import java.util.regex.Pattern;

/**
 * A shell-style pattern as Python's {@code fnmatch.fnmatchcase}: {@code *}, {@code ?}, {@code [seq]},
 * {@code [!seq]}; matched against the whole text, case-sensitively, by code point (a character outside the Basic
 * Multilingual Plane is one character, as in a Python string). Unlike fnmatch, an unclosed {@code [} is
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
            // by code point, as fnmatch: a character outside the BMP is one character, never two halves
            int c = pattern.codePointAt(i);
            int next = i + Character.charCount(c);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> next = appendSet(pattern, i, regex) + 1;
                default -> regex.append(Pattern.quote(Character.toString(c)));
            }
            i = next;
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
        int[] members = pattern.substring(i, close).codePoints().toArray();
        regex.append(negated ? "[^" : "[");
        // as in fnmatch, a '-' right after a range is a member: [a-e-c] is a-e, '-' and 'c', not a range 'e-c'
        int rangeEnd = -1;
        for (int m = 0; m < members.length; m++) {
            int c = members[m];
            if (c == '-' && m > 0 && m < members.length - 1 && m - 1 != rangeEnd) {
                rangeEnd = m + 1;
                if (members[m - 1] > members[m + 1]) {
                    // java.util.regex would reject it too, but with a message about regular expressions
                    throw new IllegalArgumentException("malformed glob '" + Escaping.escape(pattern) + "': range '"
                            + Escaping.escape(new String(members, m - 1, 3)) + "' at index "
                            + pattern.offsetByCodePoints(i, m - 1) + " is reversed");
                }
                regex.append('-');
            }
            else {
                // by code point: no letter becomes a class (\d, \w), no character outside the BMP two halves
                regex.append("\\x{").append(Integer.toHexString(c)).append('}');
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
