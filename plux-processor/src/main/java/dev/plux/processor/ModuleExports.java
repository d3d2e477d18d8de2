package dev.plux.processor;

import java.util.List;

import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.Directive;
import javax.lang.model.element.ModuleElement.ExportsDirective;
import javax.lang.model.element.ModuleElement.OpensDirective;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

import org.jspecify.annotations.Nullable;

/**
 * Whether the module being compiled lets plux-core reach a plugin's package. plux-core creates class plugins and
 * reads factory and function members reflectively, which in a named module needs the package exported (or opened)
 * to {@value #CORE_MODULE}; without it the index is written, and every load of the plugin fails at run time.
 */
final class ModuleExports {

    /** The module name of plux-core. */
    static final String CORE_MODULE = "dev.plux.core";

    private ModuleExports() {
    }

    /**
     * Why plux-core cannot reach the type at run time, with the line to add; {@code null} when it can or when the
     * compilation is not modular.
     *
     * @param type a plugin class, or the class declaring a factory or function member
     * @param elements the compiler's elements
     * @return the reason, or {@code null}
     */
    static @Nullable String unreachable(TypeElement type, Elements elements) {
        ModuleElement module = elements.getModuleOf(type);
        // null when compiling for Java 8 or older; unnamed on the class path; an open module opens every package
        if (module == null || module.isUnnamed() || module.isOpen()) {
            return null;
        }
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        for (Directive directive : module.getDirectives()) {
            if (directive instanceof ExportsDirective exports
                    && reaches(exports.getPackage(), exports.getTargetModules(), packageName)) {
                return null;
            }
            if (directive instanceof OpensDirective opens
                    && reaches(opens.getPackage(), opens.getTargetModules(), packageName)) {
                return null;
            }
        }
        String extended = extendedDirective(module, packageName);
        if (extended != null) {
            String directive = extended.substring(extended.indexOf('\n') + 1);
            // a second directive of the same kind beside the qualified one is javac's "duplicate or conflicting
            // exports": the advice is to extend the one there is
            return "class " + elements.getBinaryName(type) + " is in package " + packageName + ", which module "
                    + module.getQualifiedName() + " " + extended.substring(0, extended.indexOf('\n')) + ", not to "
                    + CORE_MODULE + ", so plux cannot create or call it at run time; add " + CORE_MODULE
                    + " to that directive: '" + directive
                    + "' in module-info.java (a second '" + directive.substring(0, directive.indexOf(' '))
                    + "' of the package does not compile)";
        }
        return "class " + elements.getBinaryName(type) + " is in package " + packageName + ", which module "
                + module.getQualifiedName() + " neither exports nor opens to " + CORE_MODULE
                + ", so plux cannot create or call it at run time; add 'exports " + packageName + " to " + CORE_MODULE
                + ";' (or 'opens " + packageName + " to " + CORE_MODULE + ";') to module-info.java";
    }

    /**
     * For a package the module exports (else opens) to other modules only: what it does ("exports only to a, b"), a
     * newline, and the directive with plux-core added ("exports p to a, b, dev.plux.core;"); {@code null} when the
     * module has no qualified directive for it. Targets are listed as written.
     */
    private static @Nullable String extendedDirective(ModuleElement module, String packageName) {
        for (String keyword : List.of("exports", "opens")) {
            for (Directive directive : module.getDirectives()) {
                PackageElement directivePackage = null;
                List<? extends ModuleElement> targets = null;
                if (keyword.equals("exports") && directive instanceof ExportsDirective exports) {
                    directivePackage = exports.getPackage();
                    targets = exports.getTargetModules();
                }
                else if (keyword.equals("opens") && directive instanceof OpensDirective opens) {
                    directivePackage = opens.getPackage();
                    targets = opens.getTargetModules();
                }
                if (directivePackage != null && targets != null && !targets.isEmpty()
                        && directivePackage.getQualifiedName().contentEquals(packageName)) {
                    String listed = String.join(", ",
                            targets.stream().map((target) -> target.getQualifiedName().toString()).toList());
                    return keyword + " only to " + listed + "\n" + keyword + " " + packageName + " to " + listed + ", "
                            + CORE_MODULE + ";";
                }
            }
        }
        return null;
    }

    /** An unqualified directive (no target modules) reaches every module. */
    private static boolean reaches(PackageElement directivePackage, @Nullable List<? extends ModuleElement> targets,
            String packageName) {
        if (!directivePackage.getQualifiedName().contentEquals(packageName)) {
            return false;
        }
        return targets == null
                || targets.stream().anyMatch((target) -> target.getQualifiedName().contentEquals(CORE_MODULE));
    }
}
