package dev.plux.core;

import org.jspecify.annotations.Nullable;

/**
 * Whether plux-core may reflectively create or call a plugin's class, and what to add to {@code module-info.java}
 * when it may not. In a named module a public class is only reachable reflectively from modules its package is
 * exported (or opened) to; the JDK's {@code IllegalAccessException} says so, but neither which plugin it was nor
 * what to write, and it surfaces late (a function plugin failed only when called).
 */
final class ModuleAccess {

    private ModuleAccess() {
    }

    /**
     * Why plux-core cannot use the public members of a type, with the fix; {@code null} when it can (the package
     * is exported or opened to plux-core's module, or the type is on the class path).
     *
     * @param type a plugin class, or the class that declares a factory or function member
     * @return the reason, or {@code null}
     */
    static @Nullable String denial(Class<?> type) {
        Module module = type.getModule();
        Module core = ModuleAccess.class.getModule();
        String packageName = type.getPackageName();
        // isExported is also true for a package opened to plux-core, as reflection treats it at run time
        if (module.isExported(packageName, core)) {
            return null;
        }
        // a qualified export cannot name the unnamed module: with plux-core on the class path only 'exports p;' helps
        String to = core.isNamed() ? " to " + core.getName() : "";
        String reader = core.isNamed() ? "module " + core.getName() : "plux-core (on the class path)";
        return "class " + type.getName() + " is in package " + packageName + " of module " + module.getName()
                + ", which neither exports nor opens it to " + reader + ", so plux cannot create or call it; add '"
                + "exports " + packageName + to + ";' (or 'opens " + packageName + to + ";') to the module-info.java of "
                + module.getName();
    }
}
