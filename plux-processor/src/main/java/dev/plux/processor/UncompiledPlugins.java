package dev.plux.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The annotated plugins of the classes in the class output that this run did not compile, read from their class files
 * (the plux annotations are kept there), for when the previous index cannot tell them: the build copied a
 * hand-written index over the generated one (Maven does so when the hand-written file is newer; an IDE alike) and
 * compiles only the changed sources (Maven with {@code useIncrementalCompilation=false}, an IDE), so every other
 * plugin would be missing from the index written now.
 */
final class UncompiledPlugins {

    private static final String CLASS_SUFFIX = ".class";

    private UncompiledPlugins() {
    }

    /**
     * The entries of the annotated classes and members of the class output not compiled in this run, checked as
     * a full build checks them; none when the class output is not a directory of this file system.
     *
     * @param compiledTypes the binary names of the types compiled in this run, which produced their entries afresh
     */
    static List<IndexEntry> find(Filer filer, Elements elements, Set<String> compiledTypes,
            PluginDiscovery discovery) {
        Path classOutput = ResourceCopy.classOutput(filer);
        if (classOutput == null || !Files.isDirectory(classOutput)) {
            return List.of();
        }
        List<IndexEntry> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classOutput)) {
            // sorted: the same class output gives the same messages in the same order
            Iterator<Path> classFiles = files.filter((file) -> file.toString().endsWith(CLASS_SUFFIX))
                .sorted()
                .iterator();
            while (classFiles.hasNext()) {
                String binaryName = binaryName(classOutput.relativize(classFiles.next()));
                if (compiledTypes.contains(binaryName) || binaryName.endsWith("module-info")
                        || binaryName.endsWith("package-info")) {
                    continue;
                }
                // a local or anonymous class (Outer$1) is found by no name: javac indexes none either
                TypeElement type = BinaryNames.typeElement(binaryName, elements);
                if (type != null) {
                    addPlugins(type, discovery, found);
                }
            }
        }
        catch (IOException | UncheckedIOException ex) {
            discovery.warning("cannot list the classes of the class output " + classOutput + " (" + ex + "): the"
                    + " plugins of classes not compiled in this run may be missing from " + EntryPointsFile.LOCATION
                    + "; rebuild cleanly");
        }
        return found;
    }

    private static void addPlugins(TypeElement type, PluginDiscovery discovery, List<IndexEntry> found) {
        add(type, PluginDiscovery.PLUGIN_NAME, discovery, found);
        for (Element member : type.getEnclosedElements()) {
            // a nested class has a class file of its own
            if (!(member instanceof TypeElement)) {
                add(member, PluginDiscovery.PLUGIN_NAME, discovery, found);
                add(member, PluginDiscovery.PLUGIN_FUNCTION, discovery, found);
            }
        }
    }

    private static void add(Element element, String annotationName, PluginDiscovery discovery,
            List<IndexEntry> found) {
        AnnotationMirror annotation = AnnotationLookup.annotation(element, annotationName);
        if (annotation == null) {
            return;
        }
        if (LaterRounds.isIncomplete(element, annotation)) {
            // a full build gets javac's "cannot find symbol" for it; checked now, it would be blamed for not
            // implementing Plugin or returning the wrong type
            discovery.warning(element + " in the class output, not compiled in this run, uses a type missing from"
                    + " the compile class path; its plugin is left out of " + EntryPointsFile.LOCATION
                    + ": rebuild cleanly");
            return;
        }
        (annotationName.equals(PluginDiscovery.PLUGIN_NAME) ? discovery.pluginName(element)
                : discovery.pluginFunction(element)).ifPresent(found::add);
    }

    private static String binaryName(Path relative) {
        StringBuilder name = new StringBuilder();
        for (Path part : relative) {
            name.append((name.length() == 0) ? "" : ".").append(part);
        }
        return name.substring(0, name.length() - CLASS_SUFFIX.length());
    }
}
