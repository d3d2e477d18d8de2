package dev.plux.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

import org.jspecify.annotations.Nullable;

/**
 * The annotated elements of a compilation, put aside in the round that finds them and read in the last round, when
 * every processor has run. Another processor may still change a class after plux has seen it in a round: Lombok,
 * listed after plux on the processor path, adds or removes constructors and makes members static in the trees, which
 * javac enters anew for the next round; read at once, a class whose only constructor Lombok makes private was
 * indexed without an error, and a factory method Lombok makes static was an error. Read last, they are what the class
 * files will say. A type or constant another processor generates (a class's supertype, a factory method's return
 * type, a factory field's type, an annotation value, a class's inherited {@code @PluginNamespace} value) exists by
 * then too; if it does not, javac reports the missing symbol itself ("cannot find symbol"), and the element is left
 * out of the index without a message of its own, which would only blame the wrong thing ("does not implement
 * dev.plux.core.Plugin") ({@link #isIncomplete}).
 *
 * <p>Elements of earlier rounds are not reused: javac enters the sources anew in each round, so an element is found
 * again by its module, its enclosing type's name and its own simple name.
 */
final class LaterRounds {

    /** What javac's {@code AnnotationValue#toString()} gives for a value it could not resolve. */
    private static final String ERRONEOUS_VALUE = "<error>";

    private final Set<Waiting> waiting = new LinkedHashSet<>();

    /**
     * An element put aside for the last round.
     *
     * @param module the name of the class's module; {@code ""} for the unnamed module, or when there are no modules
     * @param type the qualified name of the class, or of the class declaring the member
     * @param member the member's simple name; {@code null} for the class itself
     * @param annotation the plux annotation it carries
     */
    record Waiting(String module, String type, @Nullable String member, String annotation) {
    }

    /**
     * Puts an annotated element aside, to be read in the last round.
     *
     * @param element a class, method, field or record component
     * @param annotation the qualified name of the plux annotation on it
     * @param elements the compiler's elements
     */
    void putAside(Element element, String annotation, Elements elements) {
        ModuleElement module = elements.getModuleOf(element);
        String moduleName = (module != null) ? module.getQualifiedName().toString() : "";
        if (element instanceof TypeElement type) {
            this.waiting.add(new Waiting(moduleName, type.getQualifiedName().toString(), null, annotation));
        }
        else if (element.getEnclosingElement() instanceof TypeElement owner) {
            this.waiting.add(new Waiting(moduleName, owner.getQualifiedName().toString(),
                    element.getSimpleName().toString(), annotation));
        }
    }

    /**
     * The elements put aside so far, as this round sees them, with their annotation's name; they are no longer
     * waiting.
     */
    List<Found> takeWaiting(Elements elements) {
        List<Found> found = new ArrayList<>();
        List<Waiting> all = new ArrayList<>(this.waiting);
        this.waiting.clear();
        for (Waiting entry : all) {
            TypeElement type = typeElement(entry, elements);
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
     * The class of a waiting element as this round sees it: in its module, where a modular compilation may hold a
     * class of the same name in another module (then the name alone finds none).
     */
    private static @Nullable TypeElement typeElement(Waiting entry, Elements elements) {
        if (!entry.module().isEmpty()) {
            ModuleElement module = elements.getModuleElement(entry.module());
            if (module != null) {
                return elements.getTypeElement(module, entry.type());
            }
        }
        return elements.getTypeElement(entry.type());
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
