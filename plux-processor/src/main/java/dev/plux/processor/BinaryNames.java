package dev.plux.processor;

import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

import org.jspecify.annotations.Nullable;

/**
 * Finds a type by the binary name an index entry holds. {@link Elements#getTypeElement} wants a canonical name, and
 * a {@code $} in a binary name may separate a nested class or belong to a name ({@code p.Outer$In$ner} is
 * {@code Outer.In$ner} or {@code Outer$In.ner} ...), so each way of reading the {@code $}s is tried, and the type
 * whose binary name is exactly the one asked for is taken.
 */
final class BinaryNames {

    /** Beyond this many {@code $}s only the two plain readings are tried (2^n look-ups otherwise). */
    private static final int MAX_SPLIT_DOLLARS = 8;

    private BinaryNames() {
    }

    /**
     * The type of that binary name on the compile class path or in this compilation.
     *
     * @param binaryName such as {@code p.Outer$Inner}
     * @param elements the compiler's elements
     * @return the type, or {@code null} when there is none
     */
    static @Nullable TypeElement typeElement(String binaryName, Elements elements) {
        int dollars = (int) binaryName.chars().filter((c) -> c == '$').count();
        if (dollars > MAX_SPLIT_DOLLARS) {
            TypeElement asIs = matching(binaryName, binaryName, elements);
            return (asIs != null) ? asIs : matching(binaryName.replace('$', '.'), binaryName, elements);
        }
        // bit i set: the i-th '$' separates a nested class; from "all nested" (the common case) down
        for (int mask = (1 << dollars) - 1; mask >= 0; mask--) {
            TypeElement type = matching(canonical(binaryName, mask), binaryName, elements);
            if (type != null) {
                return type;
            }
        }
        return null;
    }

    private static String canonical(String binaryName, int mask) {
        StringBuilder name = new StringBuilder(binaryName.length());
        int dollar = 0;
        for (int i = 0; i < binaryName.length(); i++) {
            char c = binaryName.charAt(i);
            if (c == '$') {
                name.append(((mask >> dollar) & 1) != 0 ? '.' : '$');
                dollar++;
            }
            else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static @Nullable TypeElement matching(String canonicalName, String binaryName, Elements elements) {
        TypeElement type = elements.getTypeElement(canonicalName);
        return (type != null && elements.getBinaryName(type).contentEquals(binaryName)) ? type : null;
    }
}
