package dev.plux.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
     * waiting. Each class is looked up, and its members listed, once: a class may hold thousands of annotated factory
     * methods, and javac builds the list of a class's members anew on every call.
     */
    List<Found> takeWaiting(Elements elements) {
        // by class, in the order they were put aside: the class's own annotations, and its members' by simple name
        Map<Waiting, Map<String, Set<String>>> byType = new LinkedHashMap<>();
        for (Waiting entry : this.waiting) {
            Map<String, Set<String>> members = byType.computeIfAbsent(
                    new Waiting(entry.module(), entry.type(), null, ""), (key) -> new LinkedHashMap<>());
            // "" stands for the class itself: no member has an empty simple name
            String member = (entry.member() != null) ? entry.member() : "";
            members.computeIfAbsent(member, (key) -> new LinkedHashSet<>()).add(entry.annotation());
        }
        this.waiting.clear();
        List<Found> found = new ArrayList<>();
        byType.forEach((key, members) -> {
            TypeElement type = typeElement(key, elements);
            if (type == null) {
                return;
            }
            Set<String> ofTheClass = members.remove("");
            if (ofTheClass != null) {
                ofTheClass.forEach((annotation) -> found.add(new Found(type, annotation)));
            }
            if (members.isEmpty()) {
                return;
            }
            // overloads, and a field and a method of one name, are all found: each carrying the annotation is read;
            // a nested class of that name is no member put aside (it is put aside, and found, by its own name)
            for (Element member : type.getEnclosedElements()) {
                Set<String> annotations = members.get(member.getSimpleName().toString());
                if (annotations == null || member instanceof TypeElement) {
                    continue;
                }
                for (String annotation : annotations) {
                    if (AnnotationLookup.annotation(member, annotation) != null) {
                        found.add(new Found(member, annotation));
                    }
                }
            }
        });
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
        AnnotationMirror namespace = AnnotationLookup.annotation(type, PluginDiscovery.PLUGIN_NAMESPACE);
        return namespace != null && hasErroneousValue(namespace);
    }
}
