package dev.plux.processor;

import java.io.IOException;

import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * Whether the compilation writes one class output per module ({@code javac --module-source-path}, "multi-module
 * mode"), where every resource must name its module: written without one, the index failed the whole compilation
 * ("No module specified and the location is either a module-oriented location, or a multi-module output location").
 * The processing API has no question for it; the Filer's answer to a resource without a module is the one sign.
 */
final class ModuleOutputs {

    private ModuleOutputs() {
    }

    /**
     * Whether the class output is a multi-module one.
     *
     * @param filer the compiler's filer
     * @return {@code true} when a resource of the class output must name its module
     */
    static boolean isMultiModule(Filer filer) {
        try {
            filer.getResource(StandardLocation.CLASS_OUTPUT, "", EntryPointsFile.LOCATION);
            return false;
        }
        catch (FilerException ex) {
            // javac's refusal of a resource without a module; a missing file is another IOException
            return true;
        }
        catch (IOException | IllegalArgumentException ex) {
            return false;
        }
    }

    /**
     * The module of an entry's element, whose class output gets the entry.
     *
     * @param entry an entry of this compilation (it has an element)
     * @param elements the compiler's elements
     * @return the module's name; {@code ""} for the unnamed module
     */
    static String moduleOf(IndexEntry entry, Elements elements) {
        Element element = entry.element();
        ModuleElement module = (element != null) ? elements.getModuleOf(element) : null;
        return (module != null) ? module.getQualifiedName().toString() : "";
    }
}
