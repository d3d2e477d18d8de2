package dev.plux.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import org.jspecify.annotations.Nullable;

/**
 * The members a {@code Class:member} entry names, as the runtime's resolver finds them by reflection: the field of
 * {@code Class.getField} when it is static, else among the public static methods of {@code Class.getMethods} a
 * {@code @PluginFunction} one, else one without arguments; it must be declared in a public class, as reflection then
 * checks access to that class.
 *
 * <p>{@link Elements#getAllMembers} is no substitute: it lists members that a subclass hides (a public static field
 * behind an instance field of the same name, a static method behind one of the same signature), which reflection
 * does not return, so the processor would call an entry fine that fails at run time, or a clash what the runtime
 * resolves without one. Like reflection, and like Java, it leaves out the static methods of superinterfaces: they are
 * not inherited.
 */
final class RuntimeMembers {

    private final Elements elements;

    private final Types types;

    /**
     * The members each type declares, by simple name, listed once: a class may hold thousands of factory methods,
     * each looked up by its name here, and javac builds the list of a class's members anew on every call. Read in
     * one round only (the processor reads every element in the last one), when the members no longer change.
     */
    private final Map<TypeElement, Map<String, List<Element>>> declaredByName = new IdentityHashMap<>();

    RuntimeMembers(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /**
     * The field {@code Class.getField} returns, static or not: a public field declared in the type, else in its
     * superinterfaces (in declaration order, each searched the same way), else in its superclass.
     */
    @Nullable VariableElement publicField(TypeElement holder, String name) {
        for (VariableElement field : ElementFilter.fieldsIn(declared(holder, name))) {
            if (field.getModifiers().contains(Modifier.PUBLIC)) {
                return field;
            }
        }
        for (TypeMirror supertype : holder.getInterfaces()) {
            TypeElement type = typeOf(supertype);
            VariableElement field = (type != null) ? publicField(type, name) : null;
            if (field != null) {
                return field;
            }
        }
        TypeElement superclass = typeOf(holder.getSuperclass());
        return (superclass != null) ? publicField(superclass, name) : null;
    }

    /**
     * The public static methods of that name among those {@code Class.getMethods} returns: declared in the type or
     * its superclasses, a method hidden by one of the same parameter and return types further down left out (one
     * with another return type stays, as in reflection); superinterfaces contribute none.
     */
    List<ExecutableElement> publicStaticMethods(TypeElement holder, String name) {
        List<ExecutableElement> found = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (TypeElement type = holder; type != null; type = typeOf(type.getSuperclass())) {
            for (ExecutableElement method : ElementFilter.methodsIn(declared(type, name))) {
                if (method.getModifiers().contains(Modifier.PUBLIC)
                        && signatures.add(signature(method)) && method.getModifiers().contains(Modifier.STATIC)) {
                    found.add(method);
                }
            }
        }
        return found;
    }

    /**
     * The members of that simple name the type declares, in declaration order; the list of the type's members is
     * built once, for all names.
     */
    List<Element> declared(TypeElement type, String name) {
        Map<String, List<Element>> byName = this.declaredByName.computeIfAbsent(type, (key) -> {
            Map<String, List<Element>> members = new HashMap<>();
            for (Element member : key.getEnclosedElements()) {
                members.computeIfAbsent(member.getSimpleName().toString(), (simpleName) -> new ArrayList<>())
                    .add(member);
            }
            return members;
        });
        return byName.getOrDefault(name, List.of());
    }

    /**
     * Why the runtime will not resolve an entry's member.
     *
     * @param reason a clause naming the class and what the runtime finds instead
     * @param nothingOfThatName whether the class has no public member of that name at all (a typo, likely)
     */
    record Problem(String reason, boolean nothingOfThatName) {
    }

    /**
     * Why the runtime will not resolve {@code holder:member}; {@code null} when it finds a static field, a
     * {@code @PluginFunction} method or a method without arguments, or when a supertype of the holder is not on the
     * compile class path ({@link MissingSupertypes}) and what reflection finds depends on it.
     */
    @Nullable Problem problem(TypeElement holder, String member) {
        if (MissingSupertypes.any(holder) && !declaresPublicStaticField(holder, member)) {
            // the missing supertypes may declare the member, or one the runtime takes first: nothing can be told
            return null;
        }
        String className = this.elements.getBinaryName(holder).toString();
        String quoted = Quoting.quote(member);
        VariableElement field = publicField(holder, member);
        List<ExecutableElement> methods = publicStaticMethods(holder, member);
        Element taken = (field != null && field.getModifiers().contains(Modifier.STATIC)) ? field
                : methods.stream()
                    .filter((method) -> AnnotationLookup.annotation(method, PluginDiscovery.PLUGIN_FUNCTION) != null)
                    .findFirst()
                    .or(() -> methods.stream().filter((method) -> method.getParameters().isEmpty()).findFirst())
                    .orElse(null);
        if (taken != null) {
            // reflection lists a public member of a package-private class, and then refuses another package access
            TypeElement declaring = DeclaringTypes.of(taken);
            if (declaring.getModifiers().contains(Modifier.PUBLIC)) {
                return null;
            }
            String declaringName = this.elements.getBinaryName(declaring).toString();
            return new Problem("class " + className + ": '" + quoted + "' is declared in " + declaringName
                    + ", which is not public: the runtime finds it through " + className + " but cannot call or read"
                    + " it from another package; name a public class that declares it", false);
        }
        if (!methods.isEmpty()) {
            return new Problem("class " + className + ": the public static methods named '" + quoted + "' all take"
                    + " arguments, and none is a @PluginFunction (the runtime calls a factory method without"
                    + " arguments)", false);
        }
        if (field != null) {
            Element hidden = hiddenStaticField(holder, field);
            return new Problem("class " + className + ": the public field '" + quoted + "' the runtime finds in "
                    + className + " is an instance field" + ((hidden != null) ? " (it hides " + describe(hidden) + ")"
                            : "") + "; the runtime takes only static members", false);
        }
        TypeElement declaringInterface = interfaceDeclaringStatic(holder, member);
        if (declaringInterface != null) {
            String owner = this.elements.getBinaryName(declaringInterface).toString();
            return new Problem("class " + className + ": '" + quoted + "' is a static method of interface " + owner
                    + ", which a class or interface extending it does not inherit; name " + owner + ":" + quoted,
                    false);
        }
        Element instance = this.elements.getAllMembers(holder)
            .stream()
            .filter((element) -> element.getSimpleName().contentEquals(member)
                    && (element.getKind() == ElementKind.METHOD || element.getKind() == ElementKind.FIELD)
                    && element.getModifiers().contains(Modifier.PUBLIC)
                    && !element.getModifiers().contains(Modifier.STATIC))
            .findFirst()
            .orElse(null);
        if (instance != null) {
            return new Problem("class " + className + ": '" + quoted + "' is an instance "
                    + ((instance.getKind() == ElementKind.METHOD) ? "method" : "field") + " of "
                    + this.elements.getBinaryName((TypeElement) instance.getEnclosingElement())
                    + ": the runtime takes only static members", false);
        }
        return new Problem("class " + className + " has no public static field or method named '" + quoted + "'",
                true);
    }

    /** Whether {@code Class.getField} finds a static field in the holder itself, before any supertype. */
    private static boolean declaresPublicStaticField(TypeElement holder, String name) {
        return ElementFilter.fieldsIn(holder.getEnclosedElements())
            .stream()
            .anyMatch((field) -> field.getSimpleName().contentEquals(name)
                    && field.getModifiers().contains(Modifier.PUBLIC)
                    && field.getModifiers().contains(Modifier.STATIC));
    }

    private @Nullable Element hiddenStaticField(TypeElement holder, VariableElement field) {
        return this.elements.getAllMembers(holder)
            .stream()
            .filter((element) -> element.getKind() == ElementKind.FIELD && !element.equals(field)
                    && element.getSimpleName().contentEquals(field.getSimpleName())
                    && element.getModifiers().contains(Modifier.PUBLIC)
                    && element.getModifiers().contains(Modifier.STATIC))
            .findFirst()
            .orElse(null);
    }

    /** A superinterface (of the type or its superclasses, at any depth) declaring a public static method so named. */
    private @Nullable TypeElement interfaceDeclaringStatic(TypeElement holder, String member) {
        Deque<TypeMirror> supertypes = new ArrayDeque<>(holder.getInterfaces());
        supertypes.add(holder.getSuperclass());
        Set<TypeElement> seen = new HashSet<>();
        while (!supertypes.isEmpty()) {
            TypeElement type = typeOf(supertypes.removeFirst());
            if (type == null || !seen.add(type)) {
                continue;
            }
            if (type.getKind() == ElementKind.INTERFACE && ElementFilter.methodsIn(type.getEnclosedElements())
                .stream()
                .anyMatch((method) -> method.getSimpleName().contentEquals(member)
                        && method.getModifiers().contains(Modifier.PUBLIC)
                        && method.getModifiers().contains(Modifier.STATIC))) {
                return type;
            }
            supertypes.addAll(type.getInterfaces());
            supertypes.add(type.getSuperclass());
        }
        return null;
    }

    private String describe(Element member) {
        return this.elements.getBinaryName((TypeElement) member.getEnclosingElement()) + "." + member.getSimpleName();
    }

    /** Reflection's key for a method: the erasures of its parameter types and of its return type. */
    private String signature(ExecutableElement method) {
        StringBuilder key = new StringBuilder();
        for (VariableElement parameter : method.getParameters()) {
            key.append(this.types.erasure(parameter.asType())).append(',');
        }
        return key.append(')').append(this.types.erasure(method.getReturnType())).toString();
    }

    private static @Nullable TypeElement typeOf(TypeMirror type) {
        return (type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).asElement() instanceof TypeElement element)
                ? element : null;
    }
}
