package dev.plux.processor;

import java.util.Locale;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

import org.jspecify.annotations.Nullable;

/**
 * What to tell a user who put {@code @PluginName} where the runtime cannot read a plugin from (a record component, an
 * interface, an enum or one of its constants, a Kotlin object), each message with the declaration to write instead.
 * Message text only: {@link PluginDiscovery} reports it on the element.
 */
final class MisplacedPluginName {

    private static final String PLUGIN_SPEC = "dev.plux.core.PluginSpec";

    private static final String PLUGIN_FACTORY = "dev.plux.core.PluginFactory";

    private MisplacedPluginName() {
    }

    /** A record component: javac copies the annotation to its instance field and instance accessor. */
    static String onRecordComponent(String name, String namespace, Element field, RecordComponentElement component) {
        return "@PluginName(\"" + Quoting.quote(name) + "\") on record component " + field.getEnclosingElement() + "."
                + component.getSimpleName() + ": the runtime reads only a public static field or method, and a"
                + " record component is an instance field with an instance accessor; declare a factory instead: "
                + factoryField(name, namespace, component.getSimpleName().toString().toUpperCase(Locale.ROOT),
                        "...");
    }

    /** An interface or annotation type: nothing to create. */
    static String onInterface(String name, Element type) {
        return "@PluginName(\"" + Quoting.quote(name) + "\") on interface " + type + ": only a concrete class"
                + " implementing dev.plux.core.Plugin can be a plugin; annotate the implementations instead (a"
                + " @PluginNamespace on the interface gives them their namespace)";
    }

    /** An enum constant: a public static field, but neither a factory nor a spec. */
    static String onEnumConstant(String name, String namespace, Element constant) {
        String simpleName = constant.getSimpleName().toString();
        return "@PluginName(\"" + Quoting.quote(name) + "\") on enum constant " + constant.getEnclosingElement() + "."
                + simpleName + ": the runtime reads a public static field only as a " + PLUGIN_FACTORY + " or a "
                + PLUGIN_SPEC + ", and an enum constant is neither; hand it out through a factory field: "
                + factoryField(name, namespace, simpleName + "_FACTORY", "() -> " + simpleName);
    }

    /**
     * An enum: its constructors are private whatever it declares, so plux cannot create it; a factory field in it can
     * hand out a constant (in Kotlin, a {@code @JvmField} property of its companion object).
     *
     * @param namespace the namespace declared or inherited, or {@code null} when it has none
     */
    static String onEnum(String name, @Nullable String namespace, TypeElement type) {
        String constant = type.getEnclosedElements()
            .stream()
            .filter((member) -> member.getKind() == ElementKind.ENUM_CONSTANT)
            .map((member) -> member.getSimpleName().toString())
            .findFirst()
            .orElse("INSTANCE");
        String factory = KotlinShapes.isKotlin(type)
                ? "companion object { @JvmField @PluginName(value = \"" + Quoting.quote(name) + "\", namespace = \""
                        + ((namespace != null) ? Quoting.quote(namespace) : "...")
                        + "\") val FACTORY = PluginFactory { " + constant + " } }"
                : factoryField(name, (namespace != null) ? namespace : "", "FACTORY", "() -> " + constant);
        return "@PluginName(\"" + Quoting.quote(name) + "\") enum " + type.getQualifiedName() + ": plux cannot create"
                + " an enum constant (an enum's constructors are private); move the annotation to a factory field that"
                + " hands one out: " + factory;
    }

    /**
     * A Kotlin {@code object}: its constructor is private and its one instance is {@code INSTANCE}, so plux cannot
     * create it; a {@code @JvmStatic} function of the object can hand the instance out.
     *
     * @param namespace the namespace declared or inherited, or {@code null} when it has none
     */
    static String onKotlinObject(String name, @Nullable String namespace, TypeElement type) {
        String simpleName = type.getSimpleName().toString();
        return "@PluginName(\"" + Quoting.quote(name) + "\") object " + type.getQualifiedName() + ": plux creates a"
                + " class plugin through a public constructor, and a Kotlin object has none (its only instance is "
                + simpleName + ".INSTANCE); declare it as a class (class " + simpleName + "), or move the annotation"
                + " to a function of the object that hands the instance out: @JvmStatic @PluginName(value = \""
                + Quoting.quote(name) + "\", namespace = \"" + ((namespace != null) ? Quoting.quote(namespace) : "...")
                + "\") fun plugin(): Plugin = this";
    }

    private static String factoryField(String name, String namespace, String field, String initializer) {
        return "@PluginName(value = \"" + Quoting.quote(name) + "\", namespace = \""
                + (namespace.isEmpty() ? "..." : Quoting.quote(namespace)) + "\") public static final PluginFactory "
                + field + " = " + initializer + ";";
    }
}
