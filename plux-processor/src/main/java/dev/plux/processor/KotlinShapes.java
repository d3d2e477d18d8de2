package dev.plux.processor;

import java.util.List;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * What Kotlin declarations look like to an annotation processor, so that plux takes what works at run time and tells a
 * Kotlin author what to write in Kotlin. kapt runs processors over Java stubs of the Kotlin sources, shaped as the
 * Kotlin compiler's bytecode: a class compiled from Kotlin carries {@code @kotlin.Metadata}; an {@code object} is a
 * final class with private constructors and a {@code public static final INSTANCE} field of its own type; a
 * {@code companion object} is a static nested class held by a {@code public static final} field of the outer class
 * named like it; a {@code @JvmStatic} function (or property getter) of a companion is a static method of the outer
 * class plus an instance method of the companion, both with its annotations; a property's field is private (public
 * only with {@code @JvmField}); a {@code suspend} function takes a trailing {@code kotlin.coroutines.Continuation};
 * the overloads {@code @JvmOverloads} adds carry the function's annotations.
 */
final class KotlinShapes {

    private static final String METADATA = "kotlin.Metadata";

    private static final String JVM_OVERLOADS = "kotlin.jvm.JvmOverloads";

    private static final String CONTINUATION = "kotlin.coroutines.Continuation";

    private static final String PLUGIN_FACTORY = "dev.plux.core.PluginFactory";

    private final RuntimeMembers members;

    private final Types types;

    /**
     * @param members the members of each type by name, listed once: a companion may hold thousands of functions,
     *        each looking for its twin in the outer class
     */
    KotlinShapes(RuntimeMembers members, Types types) {
        this.members = members;
        this.types = types;
    }

    /** Whether the type, or a type it is nested in, was compiled from Kotlin. */
    static boolean isKotlin(Element type) {
        for (Element current = type; current instanceof TypeElement; current = current.getEnclosingElement()) {
            if (AnnotationLookup.annotation(current, METADATA) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the method is a companion object's instance copy of a {@code @JvmStatic} function or property getter:
     * the static method of the outer class with the same name and parameters, carrying the same annotation, is the
     * one the runtime calls, and is checked and indexed instead. Only in a class compiled from Kotlin, only in its
     * companion (the nested class the outer class holds in a field named like it) and only with that twin: otherwise
     * passing the method over would drop an annotated method without a word. The copy itself need not carry
     * {@code @JvmStatic}: of a property's getter, kapt puts it on the synthetic {@code getX$annotations()} instead,
     * and in Kotlin only a companion's {@code @JvmStatic} member gives the outer class a static method.
     *
     * @param annotationName the plux annotation the method is read for, which the twin must carry too
     */
    boolean isJvmStaticCopy(ExecutableElement method, String annotationName) {
        if (method.getModifiers().contains(Modifier.STATIC)
                || !(method.getEnclosingElement() instanceof TypeElement companion) || !isKotlin(companion)
                || !(companion.getEnclosingElement() instanceof TypeElement outer)
                || !singletonField(outer, companion.getSimpleName().toString(), companion)) {
            return false;
        }
        return ElementFilter.methodsIn(this.members.declared(outer, method.getSimpleName().toString()))
            .stream()
            .anyMatch((candidate) -> candidate.getModifiers().contains(Modifier.STATIC)
                    && sameErasures(candidate.getParameters(), method.getParameters())
                    && AnnotationLookup.annotation(candidate, annotationName) != null);
    }

    /**
     * Whether the type is a Kotlin {@code object}: private constructors, one instance in a static INSTANCE field, and
     * no companion object (which an object cannot have, and a class may hold its own instance in as
     * {@code @JvmField val INSTANCE}, a field of the class in the stub).
     */
    boolean isObject(TypeElement type) {
        return isKotlin(type) && singletonField(type, "INSTANCE", type)
                && ElementFilter.constructorsIn(type.getEnclosedElements())
                    .stream()
                    .allMatch((constructor) -> constructor.getModifiers().contains(Modifier.PRIVATE))
                && ElementFilter.typesIn(type.getEnclosedElements())
                    .stream()
                    .noneMatch((nested) -> singletonField(type, nested.getSimpleName().toString(), nested));
    }

    /**
     * Kotlin advice for a member that is not public static, appended to the message; empty for Java.
     *
     * @param isPublic whether the member is public
     * @param isStatic whether the member is static
     */
    String publicStaticHint(Element member, boolean isPublic, boolean isStatic) {
        if (!(member.getEnclosingElement() instanceof TypeElement owner) || !isKotlin(owner)) {
            return "";
        }
        if (member.getKind() == ElementKind.FIELD && isStatic && member.getModifiers().contains(Modifier.PRIVATE)) {
            return "; in Kotlin, annotate the property @JvmField (without it, its field is private and read through a"
                    + " getter)";
        }
        // a PluginFactory getter (@get:PluginName) gets the @JvmField advice with its return type: @JvmStatic on the
        // property would make the getter static, and still no factory method
        if (member.getKind() == ElementKind.METHOD && isPublic && !isStatic && isSingleton(owner)
                && !isFactoryGetter((ExecutableElement) member)) {
            return "; in Kotlin, annotate the function @JvmStatic (without it, a function of an object or companion"
                    + " object is an instance method of the singleton)";
        }
        return "";
    }

    /** Kotlin advice for a factory method (a property getter, with {@code @get:}) that returns a PluginFactory. */
    static String factoryGetterHint(ExecutableElement method) {
        if (!(method.getEnclosingElement() instanceof TypeElement owner) || !isKotlin(owner)
                || !isFactoryGetter(method)) {
            return "";
        }
        return "; in Kotlin, a PluginFactory property is read as a field: annotate the property @JvmField and put"
                + " @PluginName on it without a use-site target such as @get:";
    }

    /**
     * Whether the method has the shape of a PluginFactory property's getter: {@code getName()}, returning the
     * factory. A function {@code fun factory(): PluginFactory} has no property to tell about.
     */
    private static boolean isFactoryGetter(ExecutableElement method) {
        String name = method.getSimpleName().toString();
        return method.getParameters().isEmpty() && name.length() > 3 && name.startsWith("get")
                && !Character.isLowerCase(name.charAt(3)) && method.getReturnType().toString().equals(PLUGIN_FACTORY);
    }

    /** Whether the member is one of the methods {@code @JvmOverloads} makes of a Kotlin function. */
    static boolean hasJvmOverloads(Element member) {
        return AnnotationLookup.annotation(member, JVM_OVERLOADS) != null;
    }

    /**
     * Whether the method is a Kotlin {@code suspend} function: declared in a class compiled from Kotlin, its last
     * parameter the continuation (a Java method may take one on purpose, its caller passing it to invoke).
     */
    boolean isSuspend(ExecutableElement method) {
        List<? extends VariableElement> parameters = method.getParameters();
        if (parameters.isEmpty() || !isKotlin(DeclaringTypes.of(method))) {
            return false;
        }
        TypeMirror last = this.types.erasure(parameters.get(parameters.size() - 1).asType());
        return last.toString().equals(CONTINUATION);
    }

    /** An {@code object}, or a {@code companion object} (its outer class holds it in a field named like it). */
    private boolean isSingleton(TypeElement type) {
        return singletonField(type, "INSTANCE", type) || (type.getEnclosingElement() instanceof TypeElement outer
                && singletonField(outer, type.getSimpleName().toString(), type));
    }

    private boolean singletonField(TypeElement holder, String name, TypeElement instanceType) {
        for (VariableElement field : ElementFilter.fieldsIn(this.members.declared(holder, name))) {
            if (field.getModifiers().contains(Modifier.STATIC) && field.getModifiers().contains(Modifier.PUBLIC)
                    && this.types.isSameType(this.types.erasure(field.asType()),
                            this.types.erasure(instanceType.asType()))) {
                return true;
            }
        }
        return false;
    }

    private boolean sameErasures(List<? extends VariableElement> a, List<? extends VariableElement> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!this.types.isSameType(this.types.erasure(a.get(i).asType()), this.types.erasure(b.get(i).asType()))) {
                return false;
            }
        }
        return true;
    }
}
