package dev.plux.processor;

import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import org.jspecify.annotations.Nullable;

/**
 * Whether the runtime's resolver takes the class a hand-written class entry ({@code name = binary.ClassName}) names:
 * a public, concrete class implementing {@code dev.plux.core.Plugin}. The processor checks annotated classes with
 * errors; a hand-written line is kept whatever it says, so this only words the warning.
 */
final class ClassEntryCheck {

    private ClassEntryCheck() {
    }

    /**
     * Why the runtime will not resolve a class entry for that class, as a clause naming it; {@code null} when it will
     * (or when {@code dev.plux.core.Plugin}, or a supertype of the class, is not on the compile class path to tell
     * whether it implements it: see {@link MissingSupertypes}).
     */
    static @Nullable String problem(TypeElement type, Elements elements, Types types) {
        String name = elements.getBinaryName(type).toString();
        TypeElement plugin = elements.getTypeElement(PluginDiscovery.PLUGIN);
        if (plugin != null && !types.isAssignable(types.erasure(type.asType()), types.erasure(plugin.asType()))
                && !MissingSupertypes.any(type)) {
            return "class " + name + " does not implement " + PluginDiscovery.PLUGIN;
        }
        if (type.getKind() == ElementKind.INTERFACE) {
            return name + " is an interface: the runtime creates a plugin from a concrete class";
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            return "class " + name + " is abstract: the runtime creates a plugin from a concrete class";
        }
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            return "class " + name + " is not public: the runtime creates plugins reflectively from another package";
        }
        return null;
    }
}
