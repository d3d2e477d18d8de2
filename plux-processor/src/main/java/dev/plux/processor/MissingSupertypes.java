package dev.plux.processor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether javac sees a class's whole hierarchy. A class on the compile class path can name a supertype whose class
 * file is not there (its jar's own dependency, left off the compile class path); javac then gives an error type for
 * it, and neither whether the class implements {@code dev.plux.core.Plugin} nor which members reflection finds
 * through its supertypes can be told. The hand-written-line checks say nothing they cannot tell, as they do when
 * {@code dev.plux.core.Plugin} itself is missing: the class may well be complete on the run-time class path.
 */
final class MissingSupertypes {

    private MissingSupertypes() {
    }

    /** Whether a superclass or superinterface of the type, at any depth, is not on the compile class path. */
    static boolean any(TypeElement type) {
        return any(type, (supertype) -> false);
    }

    /**
     * Whether a superclass or superinterface of the type, at any depth, is not on the compile class path, or is one
     * {@code also} holds for.
     */
    static boolean any(TypeElement type, Predicate<TypeElement> also) {
        Deque<TypeMirror> supertypes = new ArrayDeque<>(type.getInterfaces());
        supertypes.add(type.getSuperclass());
        Set<String> seen = new HashSet<>();
        while (!supertypes.isEmpty()) {
            TypeMirror supertype = supertypes.removeFirst();
            if (supertype.getKind() == TypeKind.ERROR) {
                return true;
            }
            if (supertype.getKind() == TypeKind.DECLARED
                    && ((DeclaredType) supertype).asElement() instanceof TypeElement element
                    && seen.add(element.getQualifiedName().toString())) {
                if (also.test(element)) {
                    return true;
                }
                supertypes.addAll(element.getInterfaces());
                supertypes.add(element.getSuperclass());
            }
        }
        return false;
    }
}
