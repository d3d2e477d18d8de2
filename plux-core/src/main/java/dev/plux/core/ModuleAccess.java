package dev.plux.core;

import java.lang.module.ModuleDescriptor;
import java.util.TreeSet;

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
        Qualified qualified = qualifiedDirective(module, packageName);
        if (qualified != null && core.isNamed()) {
            // a second directive of the same kind ('exports p to dev.plux.core;' beside 'exports p to app;') is a
            // compile error, "duplicate or conflicting exports": the advice is to extend the one there is (an
            // 'opens' beside an 'exports' would compile, but extending is the one fix that fits both kinds)
            return "class " + type.getName() + " is in package " + packageName + " of module " + module.getName()
                    + ", which " + qualified.keyword() + " it only to " + qualified.targets() + ", not to module " + core.getName()
                    + ", so plux cannot create or call it; add " + core.getName() + " to that directive: '"
                    + qualified.keyword() + " " + packageName + " to " + qualified.targets() + ", " + core.getName()
                    + ";' in the module-info.java of " + module.getName()
                    + " (a second '" + qualified.keyword() + "' of the package does not compile)";
        }
        if (qualified != null) {
            // plux-core on the class path: no target list can name it, and 'exports p;' beside the qualified one
            // does not compile either; the one there is must lose its targets
            return "class " + type.getName() + " is in package " + packageName + " of module " + module.getName()
                    + ", which " + qualified.keyword() + " it only to " + qualified.targets() + ", not to plux-core (on the class"
                    + " path), so plux cannot create or call it; make that directive unqualified: '" + qualified.keyword()
                    + " " + packageName + ";' in the module-info.java of " + module.getName() + " (a qualified "
                    + "export cannot name the class path, and a second '" + qualified.keyword()
                    + "' of the package does not compile)";
        }
        String reader = core.isNamed() ? "module " + core.getName() : "plux-core (on the class path)";
        return "class " + type.getName() + " is in package " + packageName + " of module " + module.getName()
                + ", which neither exports nor opens it to " + reader + ", so plux cannot create or call it; add '"
                + "exports " + packageName + to + ";' (or 'opens " + packageName + to + ";') to the module-info.java of "
                + module.getName();
    }

    /**
     * For a package the module's descriptor exports (else opens) to other modules only: the directive's keyword
     * ({@code exports} or {@code opens}) and its targets, sorted ({@code a, b}); {@code null} when the descriptor has
     * no qualified directive for it.
     */
    private static @Nullable Qualified qualifiedDirective(Module module, String packageName) {
        ModuleDescriptor descriptor = module.getDescriptor();
        if (descriptor == null) {
            return null;
        }
        for (ModuleDescriptor.Exports exports : descriptor.exports()) {
            if (exports.source().equals(packageName) && exports.isQualified()) {
                return new Qualified("exports", String.join(", ", new TreeSet<>(exports.targets())));
            }
        }
        for (ModuleDescriptor.Opens opens : descriptor.opens()) {
            if (opens.source().equals(packageName) && opens.isQualified()) {
                return new Qualified("opens", String.join(", ", new TreeSet<>(opens.targets())));
            }
        }
        return null;
    }

    /** A qualified directive: {@code exports} or {@code opens}, and its targets ({@code a, b}). */
    private record Qualified(String keyword, String targets) {
    }
}
