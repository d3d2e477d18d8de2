package dev.plux.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

import org.jspecify.annotations.Nullable;

/**
 * Annotated elements the compiler could not fully attribute yet: a class with a supertype, a factory method with a
 * return type, a factory field with a type, or an annotation with a value (a constant) that does not exist in this
 * round, a class's inherited {@code @PluginNamespace} value included. Another processor may generate it in a
 * later round, so such an element is read again then; if it still does not exist when processing is over, javac
 * reports the missing symbol itself ("cannot find symbol"), and the element is left out of the index without a
 * message of its own, which would only blame the wrong thing ("does not implement dev.plux.core.Plugin").
 *
 * <p>Elements of earlier rounds are not reused: javac enters the sources anew in each round, so a waiting element is
 * found again by its enclosing type's name and its own simple name.
 */
final class LaterRounds {

    /** What javac's {@code AnnotationValue#toString()} gives for a value it could not resolve. */
    private static final String ERRONEOUS_VALUE = "<error>";

    private final Set<Waiting> waiting = new LinkedHashSet<>();

    /**
     * An element waiting for a later round.
     *
     * @param type the qualified name of the class, or of the class declaring the member
     * @param member the member's simple name; {@code null} for the class itself
     * @param annotation the plux annotation it carries
     */
    record Waiting(String type, @Nullable String member, String annotation) {
    }

    /**
     * Puts an incomplete element ({@link #isIncomplete}) aside, to be read again in the next round.
     *
     * @param element a class, method or field
     * @param annotation the qualified name of the plux annotation on it
     */
    void putAside(Element element, String annotation) {
        if (element instanceof TypeElement type) {
            this.waiting.add(new Waiting(type.getQualifiedName().toString(), null, annotation));
        }
        else if (element.getEnclosingElement() instanceof TypeElement owner) {
            this.waiting.add(new Waiting(owner.getQualifiedName().toString(), element.getSimpleName().toString(),
                    annotation));
        }
    }

    /**
     * The elements put aside so far, as this round sees them, with their annotation's name; they are no longer
     * waiting (the caller reads each again, and may put it aside again).
     */
    List<Found> takeWaiting(Elements elements) {
        List<Found> found = new ArrayList<>();
        List<Waiting> all = new ArrayList<>(this.waiting);
        this.waiting.clear();
        for (Waiting entry : all) {
            TypeElement type = elements.getTypeElement(entry.type());
            if (type == null) {
                continue;
            }
            if (entry.member() == null) {
                found.add(new Found(type, entry.annotation()));
                continue;
            }
            for (Element member : type.getEnclosedElements()) {
                if (member.getSimpleName().contentEquals(entry.member())
                        && PluginDiscovery.annotation(member, entry.annotation()) != null) {
                    found.add(new Found(member, entry.annotation()));
                }
            }
        }
        return found;
    }

    /**
     * A waiting element found again.
     *
     * @param element the element of this round
     * @param annotation the qualified name of its plux annotation
     */
    record Found(Element element, String annotation) {
    }

    /**
     * Whether the element depends on a type or constant that does not exist in this round; for a class, that
     * includes the {@code @PluginNamespace} of itself and of its supertypes, where its namespace may come from.
     */
    static boolean isIncomplete(Element element, AnnotationMirror annotation) {
        if (hasErroneousValue(annotation)) {
            return true;
        }
        if (element instanceof TypeElement type) {
            return hasUnresolvedSupertype(type);
        }
        if (element instanceof ExecutableElement method) {
            return method.getReturnType().getKind() == TypeKind.ERROR;
        }
        if (element instanceof VariableElement field) {
            return field.asType().getKind() == TypeKind.ERROR;
        }
        return false;
    }

    private static boolean hasErroneousValue(AnnotationMirror annotation) {
        for (AnnotationValue value : annotation.getElementValues().values()) {
            if (ERRONEOUS_VALUE.equals(value.toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a supertype is missing, or the type or a supertype has a {@code @PluginNamespace} whose value is a
     * constant that does not exist yet (read now, the namespace would be {@code "<error>"}).
     */
    private static boolean hasUnresolvedSupertype(TypeElement type) {
        return hasErroneousNamespace(type) || MissingSupertypes.any(type, LaterRounds::hasErroneousNamespace);
    }

    private static boolean hasErroneousNamespace(TypeElement type) {
        AnnotationMirror namespace = PluginDiscovery.annotation(type, PluginDiscovery.PLUGIN_NAMESPACE);
        return namespace != null && hasErroneousValue(namespace);
    }
}
