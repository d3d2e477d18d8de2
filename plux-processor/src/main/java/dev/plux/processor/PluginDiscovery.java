package dev.plux.processor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic.Kind;

import org.jspecify.annotations.Nullable;

/**
 * Turns one annotated element into an index entry, or reports on the element why it cannot be one.
 *
 * <p>Annotations and plux types are looked up by name through {@link Elements}, so the processor needs nothing of
 * plux-core on its own class path.
 */
final class PluginDiscovery {

    static final String PLUGIN_NAME = "dev.plux.core.PluginName";

    static final String PLUGIN_NAMESPACE = "dev.plux.core.PluginNamespace";

    static final String PLUGIN_FUNCTION = "dev.plux.core.PluginFunction";

    static final String PLUGIN = "dev.plux.core.Plugin";

    private static final String PLUGIN_SPEC = "dev.plux.core.PluginSpec";

    private static final String PLUGIN_FACTORY = "dev.plux.core.PluginFactory";

    private final Elements elements;

    private final Types types;

    private final Messager messager;

    private final InheritedNamespaces inheritedNamespaces;

    private final MemberNameClash memberNameClash;

    private final KotlinShapes kotlinShapes;

    private boolean errors;

    PluginDiscovery(ProcessingEnvironment environment) {
        this.elements = environment.getElementUtils();
        this.types = environment.getTypeUtils();
        this.messager = environment.getMessager();
        this.inheritedNamespaces = new InheritedNamespaces(this.elements, this.messager);
        RuntimeMembers runtimeMembers = new RuntimeMembers(this.elements, this.types);
        this.memberNameClash = new MemberNameClash(runtimeMembers);
        this.kotlinShapes = new KotlinShapes(runtimeMembers, this.types);
    }

    /** Whether any element was reported as an error so far. */
    boolean hasErrors() {
        return this.errors;
    }

    /** Reports an error on an element; the index is then not written. */
    void error(String message, @Nullable Element element) {
        this.errors = true;
        this.messager.printMessage(Kind.ERROR, message, element);
    }

    /** Reports a warning that does not belong to an element of this compilation. */
    void warning(String message) {
        this.messager.printMessage(Kind.WARNING, message);
    }

    /** The namespace a class without one of its own inherits from its hierarchy now, or {@code null}. */
    @Nullable String inheritedNamespace(TypeElement type) {
        return this.inheritedNamespaces.of(type);
    }

    /** The entry of an element annotated {@code @PluginName}, if it is a valid one. */
    Optional<IndexEntry> pluginName(Element element) {
        AnnotationMirror annotation = AnnotationLookup.annotation(element, PLUGIN_NAME);
        if (annotation == null) {
            return Optional.empty();
        }
        String name = stringValue(annotation, "value");
        String namespace = stringValue(annotation, "namespace");
        RecordComponentElement component = RecordComponents.componentOf(element, PLUGIN_NAME);
        if (component != null) {
            // reported once, on the field: the accessor carries a copy of the same annotation, and javac gives no
            // position for a message on the component itself (the field's is the component's)
            if (element.getKind() == ElementKind.FIELD) {
                error(MisplacedPluginName.onRecordComponent(name, namespace, element, component), element);
            }
            return Optional.empty();
        }
        return switch (element.getKind()) {
            case CLASS, RECORD, ENUM -> pluginClass((TypeElement) element, name, namespace);
            case INTERFACE, ANNOTATION_TYPE -> {
                error(MisplacedPluginName.onInterface(name, element), element);
                yield Optional.empty();
            }
            case ENUM_CONSTANT -> {
                error(MisplacedPluginName.onEnumConstant(name, namespace, element), element);
                yield Optional.empty();
            }
            // a companion's copy of a @JvmStatic function: its static twin in the outer class is the entry
            case METHOD -> this.kotlinShapes.isJvmStaticCopy((ExecutableElement) element, PLUGIN_NAME)
                    ? Optional.empty() : factoryMethod((ExecutableElement) element, name, namespace);
            case FIELD -> factoryField((VariableElement) element, name, namespace);
            default -> {
                error("@PluginName is not supported on a "
                        + element.getKind().toString().toLowerCase(Locale.ROOT) + " (" + element + ")", element);
                yield Optional.empty();
            }
        };
    }

    /** The entry of a method annotated {@code @PluginFunction}, if it is a valid one. */
    Optional<IndexEntry> pluginFunction(Element element) {
        AnnotationMirror annotation = AnnotationLookup.annotation(element, PLUGIN_FUNCTION);
        if (annotation == null || element.getKind() != ElementKind.METHOD
                || this.kotlinShapes.isJvmStaticCopy((ExecutableElement) element, PLUGIN_FUNCTION)) {
            return Optional.empty();
        }
        ExecutableElement method = (ExecutableElement) element;
        TypeElement owner = DeclaringTypes.of(method);
        String name = stringValue(annotation, "name");
        if (name.isEmpty()) {
            name = method.getSimpleName().toString();
        }
        String namespace = stringValue(annotation, "namespace");
        String what = "@PluginFunction method " + owner.getQualifiedName() + "." + method.getSimpleName() + "()";
        boolean valid = checkPublicStatic(method, what, "make it public static");
        if (this.kotlinShapes.isSuspend(method)) {
            error(what + " is a Kotlin suspend function: plux calls a function plugin as a plain method, and"
                    + " FunctionPlugin.invoke cannot pass the kotlin.coroutines.Continuation it takes; declare the"
                    + " function without suspend (runBlocking { ... } in it runs coroutines)", method);
            valid = false;
        }
        String condition = stringValue(annotation, "shouldLoad");
        if (!condition.isEmpty() && !hasCondition(owner, condition)) {
            error(what + ": shouldLoad = \"" + condition + "\" must name a public static no-argument boolean method"
                    + " of " + owner.getQualifiedName() + ", but there is none; add 'public static boolean "
                    + condition + "()'", method);
            valid = false;
        }
        valid &= checkUniqueMember(owner, method, what);
        if (namespace.isEmpty()) {
            // the attribute is required, so "" is written on purpose, perhaps meaning "inherit one": say what to set
            error(what + " has no namespace: set it, as in @PluginFunction(namespace = \"...\")", method);
            valid = false;
        }
        valid &= checkNames(method, what, name, namespace.isEmpty() ? null : namespace);
        return entryIf(valid, what, namespace, name, binaryName(owner) + ":" + method.getSimpleName(), method);
    }

    private Optional<IndexEntry> pluginClass(TypeElement type, String name, String declaredNamespace) {
        String what = "@PluginName(\"" + Quoting.quote(name) + "\") class " + type.getQualifiedName();
        boolean valid = true;
        if (type.getKind() == ElementKind.ENUM) {
            String namespace = declaredNamespace.isEmpty() ? this.inheritedNamespaces.of(type) : declaredNamespace;
            error(MisplacedPluginName.onEnum(name, namespace, type), type);
            return Optional.empty();
        }
        if (this.kotlinShapes.isObject(type)) {
            String namespace = declaredNamespace.isEmpty() ? this.inheritedNamespaces.of(type) : declaredNamespace;
            error(MisplacedPluginName.onKotlinObject(name, namespace, type), type);
            return Optional.empty();
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            error(what + " is abstract: only a concrete class can be a plugin; annotate its concrete subclasses"
                    + " (a @PluginNamespace on it gives them their namespace)", type);
            return Optional.empty();
        }
        if (!isSubtype(type.asType(), PLUGIN)) {
            error(what + " does not implement dev.plux.core.Plugin; implement it (or an interface extending it)",
                    type);
            valid = false;
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
                && type.getKind() == ElementKind.CLASS) {
            error(what + " is an inner class: plux cannot create it without an enclosing instance; "
                    + (KotlinShapes.isKotlin(type) ? "in Kotlin, remove 'inner' (a nested class without it is static)"
                            : "make it static"), type);
            valid = false;
        }
        else if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            error(what + " is a local class: it cannot be listed in the index; make it a top-level or static"
                    + " nested class", type);
            valid = false;
        }
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            error(what + " is not public: the plux runtime creates plugins reflectively from another package;"
                    + " make the class public", type);
            valid = false;
        }
        List<ExecutableElement> declaredConstructors = ElementFilter.constructorsIn(type.getEnclosedElements());
        List<ExecutableElement> constructors = declaredConstructors.stream()
            .filter((constructor) -> constructor.getModifiers().contains(Modifier.PUBLIC))
            .toList();
        // the implicit constructor has the class's access: "make the class public" (reported above) fixes both, and
        // a second error asking to add a public constructor would send the user to write one needlessly
        boolean publicWithTheClass = !type.getModifiers().contains(Modifier.PUBLIC) && declaredConstructors.size() == 1
                && this.elements.getOrigin(declaredConstructors.get(0)) == Elements.Origin.MANDATED;
        if (constructors.isEmpty() && !publicWithTheClass) {
            error(what + " has no public constructor: plux creates a class plugin through a public constructor;"
                    + " add one, or expose the plugin through a @PluginName public static factory method", type);
            valid = false;
        }
        else if (!constructors.isEmpty()
                && constructors.stream().noneMatch((constructor) -> constructor.getParameters().isEmpty())) {
            this.messager.printMessage(Kind.NOTE, what + " has no public no-argument constructor: it is meant for"
                    + " the plux Spring layer, which creates it with constructor injection; a plain PluginManager"
                    + " cannot create it (without Spring: add a public no-argument constructor, or declare the plugin"
                    + " through a @PluginName public static factory method that calls this constructor)", type);
        }
        String namespace = declaredNamespace.isEmpty() ? this.inheritedNamespaces.of(type) : declaredNamespace;
        if (namespace == null) {
            error(what + " has no namespace: set @PluginName(value = \"" + Quoting.quote(name)
                    + "\", namespace = \"...\") or put @PluginNamespace(\"...\") on one of its supertypes", type);
            return Optional.empty();
        }
        valid &= checkNames(type, what, name, namespace);
        return entryIf(valid, what, namespace, name, binaryName(type), type);
    }

    private Optional<IndexEntry> factoryMethod(ExecutableElement method, String name, String namespace) {
        TypeElement owner = DeclaringTypes.of(method);
        String what = "@PluginName(\"" + Quoting.quote(name) + "\") method " + owner.getQualifiedName() + "."
                + method.getSimpleName() + "()";
        boolean valid = checkPublicStatic(method, what, "a factory method must be public static");
        if (!method.getParameters().isEmpty()) {
            error(what + " takes arguments: a factory method must take none", method);
            valid = false;
        }
        TypeMirror returned = method.getReturnType();
        if (!isSubtype(returned, PLUGIN) && !isSubtype(returned, PLUGIN_SPEC)) {
            error(what + " returns " + returned + ": a factory method must return a dev.plux.core.Plugin or a"
                    + " dev.plux.core.PluginSpec" + KotlinShapes.factoryGetterHint(method), method);
            valid = false;
        }
        if (AnnotationLookup.annotation(method, PLUGIN_FUNCTION) != null) {
            // the runtime takes a @PluginFunction method of an entry's member name before a factory method
            error(what + " is also a @PluginFunction: the runtime resolves " + binaryName(owner) + ":"
                    + method.getSimpleName() + " as that function plugin, for this entry too, and never calls it as"
                    + " a factory; keep one of the two annotations", method);
            valid = false;
        }
        valid &= checkUniqueMember(owner, method, what);
        valid &= checkMemberNamespace(method, what, name, namespace);
        return entryIf(valid, what, namespace, name, binaryName(owner) + ":" + method.getSimpleName(), method);
    }

    private Optional<IndexEntry> factoryField(VariableElement field, String name, String namespace) {
        TypeElement owner = DeclaringTypes.of(field);
        String what = "@PluginName(\"" + Quoting.quote(name) + "\") field " + owner.getQualifiedName() + "."
                + field.getSimpleName();
        boolean valid = checkPublicStatic(field, what, "a factory field must be public static");
        TypeMirror type = field.asType();
        if (!isSubtype(type, PLUGIN_FACTORY) && !isSubtype(type, PLUGIN_SPEC)) {
            error(what + " has type " + type + ": a factory field must be a dev.plux.core.PluginFactory or a"
                    + " dev.plux.core.PluginSpec", field);
            valid = false;
        }
        valid &= checkUniqueMember(owner, field, what);
        valid &= checkMemberNamespace(field, what, name, namespace);
        return entryIf(valid, what, namespace, name, binaryName(owner) + ":" + field.getSimpleName(), field);
    }

    /** A method the runtime would not take for its entry, as another member has its name, is an error. */
    private boolean checkUniqueMember(TypeElement owner, Element member, String what) {
        String clash = this.memberNameClash.of(owner, member, what);
        if (clash != null) {
            error(clash, member);
        }
        return clash == null;
    }

    private boolean checkMemberNamespace(Element member, String what, String name, String namespace) {
        if (namespace.isEmpty()) {
            error(what + " has no namespace: a factory method or field must set it, as in @PluginName(value = \""
                    + Quoting.quote(name) + "\", namespace = \"...\")", member);
            return false;
        }
        return checkNames(member, what, name, namespace);
    }

    private boolean checkPublicStatic(Element member, String what, String advice) {
        TypeElement owner = DeclaringTypes.of(member);
        if (!owner.getModifiers().contains(Modifier.PUBLIC)) {
            error(what + " is declared in " + owner + ", which is not public: the plux runtime reads the member"
                    + " reflectively from another package; make " + owner.getSimpleName() + " public", member);
            return false;
        }
        Set<Modifier> modifiers = member.getModifiers();
        boolean isPublic = modifiers.contains(Modifier.PUBLIC);
        boolean isStatic = modifiers.contains(Modifier.STATIC);
        if (isPublic && isStatic) {
            return true;
        }
        String missing = (!isPublic && !isStatic) ? "neither public nor static"
                : (!isPublic ? "not public" : "not static");
        error(what + " is " + missing + ": " + advice + this.kotlinShapes.publicStaticHint(member, isPublic,
                isStatic), member);
        return false;
    }

    /** Checks the name, and the namespace unless it is {@code null} (its absence was reported already). */
    private boolean checkNames(Element element, String what, String name, @Nullable String namespace) {
        boolean valid = true;
        String nameProblem = Names.problemWithName(name);
        if (nameProblem != null) {
            error(what + ": invalid plugin name '" + Quoting.quote(name) + "': " + nameProblem, element);
            valid = false;
        }
        if (namespace == null) {
            return valid;
        }
        String namespaceProblem = Names.problemWithNamespace(namespace);
        if (namespaceProblem != null) {
            error(what + ": invalid namespace '" + Quoting.quote(namespace) + "': " + namespaceProblem, element);
            valid = false;
        }
        return valid;
    }

    private boolean hasCondition(TypeElement owner, String methodName) {
        // declared in the class itself, as the runtime looks it up (an inherited one fails to resolve there)
        return ElementFilter.methodsIn(owner.getEnclosedElements())
            .stream()
            .anyMatch((method) -> method.getSimpleName().contentEquals(methodName)
                    && method.getModifiers().contains(Modifier.PUBLIC)
                    && method.getModifiers().contains(Modifier.STATIC) && method.getParameters().isEmpty()
                    && method.getReturnType().getKind() == TypeKind.BOOLEAN);
    }

    private boolean isSubtype(TypeMirror type, String supertypeName) {
        TypeElement supertype = this.elements.getTypeElement(supertypeName);
        // a type variable (<T extends Plugin> T make()) counts by its erasure, its bound, as at run time
        return supertype != null && (type.getKind() == TypeKind.DECLARED || type.getKind() == TypeKind.TYPEVAR)
                && this.types.isAssignable(this.types.erasure(type), this.types.erasure(supertype.asType()));
    }

    private String binaryName(TypeElement type) {
        return this.elements.getBinaryName(type).toString();
    }

    /**
     * The entry of an element found valid, unless its value is longer than the runtime takes (an error on the
     * element: the runtime would list the entry as failed to resolve).
     */
    private Optional<IndexEntry> entryIf(boolean valid, String what, String namespace, String name, String value,
            Element element) {
        if (!valid) {
            return Optional.empty();
        }
        if (value.length() > EntryPointsFile.MAX_VALUE_LENGTH) {
            error(what + ": its index value " + Quoting.quote(value) + " is " + value.length() + " characters long,"
                    + " and the runtime refuses a value over " + EntryPointsFile.MAX_VALUE_LENGTH + " characters: give"
                    + ((element instanceof TypeElement) ? " the class a shorter name or package" : " the member a"
                            + " shorter name"), element);
            return Optional.empty();
        }
        return Optional.of(entry(namespace, name, value, element));
    }

    /**
     * The entry of a valid element; in a named module whose package plux-core cannot reach, with a warning saying
     * what to add to module-info.java (a warning: an {@code --add-exports} at run time, or another framework
     * creating the plugin, may still make it work).
     */
    private IndexEntry entry(String namespace, String name, String value, Element element) {
        TypeElement owner = (element instanceof TypeElement type) ? type : DeclaringTypes.of(element);
        String unreachable = ModuleExports.unreachable(owner, this.elements);
        if (unreachable != null) {
            this.messager.printMessage(Kind.WARNING, "plugin " + Quoting.quote(namespace) + ":" + Quoting.quote(name)
                    + ": " + unreachable, element);
        }
        return new IndexEntry(namespace, name, value, element, false);
    }

    private String stringValue(AnnotationMirror annotation, String attribute) {
        return AnnotationLookup.stringValue(this.elements, annotation, attribute);
    }
}
