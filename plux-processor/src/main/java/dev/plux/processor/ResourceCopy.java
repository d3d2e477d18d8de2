package dev.plux.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.annotation.processing.Filer;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

import org.jspecify.annotations.Nullable;

/**
 * Finds a generated index that its user copied into the project's resources ("to check it in"). Such a copy keeps the
 * generated header, so once the build copies it into the class output (Maven, before compiling) the processor takes it
 * for its own earlier output: a line added to it by hand is dropped when its class is compiled. Where resources and
 * classes go to separate directories (Gradle), both files reach the class path and the runtime reads both. Neither is
 * visible in the index, so the processor warns, naming the copy.
 *
 * <p>javac tells a processor nothing of resource directories; they are found by the conventions of Maven and Gradle,
 * from the class output ({@code target/classes}, {@code build/classes/java/main}) and from the source path
 * ({@code src/main/java}, which Maven passes as {@code -sourcepath}).
 */
final class ResourceCopy {

    private ResourceCopy() {
    }

    /**
     * The resource copies of a generated index found next to this compilation's sources or class output.
     *
     * @param filer the compiler's filer
     * @param compiled top-level types of this compilation (their source files locate the source roots)
     * @param elements the compiler's elements
     * @return the copies, each an index file under a resource directory whose first line is a generated header
     */
    static Set<Path> find(Filer filer, Collection<TypeElement> compiled, Elements elements) {
        Set<Path> copies = new LinkedHashSet<>();
        for (Path directory : resourceDirectories(filer, compiled, elements)) {
            Path index = directory.resolve(EntryPointsFile.LOCATION);
            if (isGenerated(index)) {
                copies.add(index);
            }
        }
        return copies;
    }

    /**
     * How warnings name the hand-written index: the file itself when it is found among the project's resources
     * ({@code /p/src/test/resources/META-INF/plux/entry_points.txt} for a test compilation), else its location
     * under the resource directory the build's convention gives the class output ({@code src/main/resources},
     * {@code src/test/resources}), which javac does not tell a processor.
     *
     * @param filer the compiler's filer
     * @param compiled top-level types of this compilation (their source files locate the source roots)
     * @param elements the compiler's elements
     * @return the file, or the convention
     */
    static HandWrittenLines.Source handWrittenSource(Filer filer, Collection<TypeElement> compiled,
            Elements elements) {
        Set<Path> directories = resourceDirectories(filer, compiled, elements);
        for (Path directory : directories) {
            Path index = directory.resolve(EntryPointsFile.LOCATION);
            if (Files.isRegularFile(index) && !isGenerated(index)) {
                return new HandWrittenLines.Source(index, "");
            }
        }
        // the first directory is the class output's (target/test-classes: src/test/resources), if it has one
        Path first = directories.isEmpty() ? null : directories.iterator().next();
        String convention = (first != null && first.getNameCount() >= 3)
                ? first.subpath(first.getNameCount() - 3, first.getNameCount()).toString().replace('\\', '/')
                : "src/main/resources";
        return new HandWrittenLines.Source(null, convention);
    }

    /**
     * The hand-written index Maven copies into the class output before compiling: {@code src/main/resources}'s for
     * {@code target/classes}, {@code src/test/resources}'s for {@code target/test-classes}. maven-compiler-plugin's
     * incremental build deletes the files its previous compilation created before it compiles again, the index among
     * them; when the hand-written file was added after that compilation, the copy the resources plugin has just
     * made is deleted with them, so the processor reads the file itself. Not for Gradle, whose resources reach the
     * class path beside the classes: a merged copy would declare each of its plugins twice.
     *
     * @param filer the compiler's filer
     * @return the hand-written file, or {@code null} when the class output is not Maven's or there is none
     */
    static @Nullable Path mavenHandWrittenIndex(Filer filer) {
        Path classOutput = classOutput(filer);
        if (classOutput == null) {
            return null;
        }
        Path target = classOutput.getParent();
        if (target == null || target.getParent() == null || !String.valueOf(target.getFileName()).equals("target")) {
            return null;
        }
        Set<Path> directories = new LinkedHashSet<>();
        addFromClassOutput(classOutput, directories);
        for (Path directory : directories) {
            Path index = directory.resolve(EntryPointsFile.LOCATION);
            if (Files.isRegularFile(index) && !isGenerated(index)) {
                return index;
            }
        }
        return null;
    }

    /** The project's resource directories, found from the class output and from the source path. */
    private static Set<Path> resourceDirectories(Filer filer, Collection<TypeElement> compiled, Elements elements) {
        Set<Path> resourceDirectories = new LinkedHashSet<>();
        Path classOutput = classOutput(filer);
        if (classOutput != null) {
            addFromClassOutput(classOutput, resourceDirectories);
        }
        Path besideSources = resourcesBesideSources(filer, compiled, elements);
        if (besideSources != null) {
            resourceDirectories.add(besideSources);
        }
        return resourceDirectories;
    }

    /** The warning for a copy: what happens to it and what to do. */
    static String warning(Path copy) {
        return copy + " is a copy of an index generated by plux-processor (its first line is the generated header)."
                + " The build copies it to the class output: Maven over the index the processor writes, which takes"
                + " it for its own earlier output, so a line added to it by hand is dropped once its class is"
                + " compiled; Gradle next to that index, so the runtime reads both and a stale entry of the copy stays."
                + " The build writes the index itself: delete it, or, to register classes you cannot annotate, keep"
                + " only those lines in it, without the generated header";
    }

    /** The class output directory, or {@code null} when it is no directory of the default file system. */
    static @Nullable Path classOutput(Filer filer) {
        try {
            FileObject index = filer.getResource(StandardLocation.CLASS_OUTPUT, "", EntryPointsFile.LOCATION);
            Path path = path(index.toUri());
            if (path == null || path.getNameCount() <= 3) {
                return null;
            }
            // .../META-INF/plux/entry_points.txt: three levels below the class output
            Path classOutput = path;
            for (int level = 0; level < 3 && classOutput != null; level++) {
                classOutput = classOutput.getParent();
            }
            return classOutput;
        }
        catch (IOException | IllegalArgumentException ex) {
            return null;
        }
    }

    /** {@code P/target/classes} and {@code P/target/test-classes} (Maven), {@code P/build/classes/<language>/<set>}. */
    private static void addFromClassOutput(Path classOutput, Set<Path> resourceDirectories) {
        Path parent = classOutput.getParent();
        String name = String.valueOf(classOutput.getFileName());
        if (parent != null && parent.getParent() != null && String.valueOf(parent.getFileName()).equals("target")) {
            if (name.equals("classes")) {
                resourceDirectories.add(parent.getParent().resolve("src/main/resources"));
            }
            else if (name.equals("test-classes")) {
                resourceDirectories.add(parent.getParent().resolve("src/test/resources"));
            }
            return;
        }
        Path classes = (parent != null) ? parent.getParent() : null;
        Path build = (classes != null) ? classes.getParent() : null;
        if (classes != null && build != null && build.getParent() != null
                && String.valueOf(classes.getFileName()).equals("classes")
                && String.valueOf(build.getFileName()).equals("build")) {
            resourceDirectories.add(build.getParent().resolve("src").resolve(name).resolve("resources"));
        }
    }

    /**
     * The {@code resources} directory beside a source root named {@code java} ({@code src/main/java}) holding a
     * compiled type on the source path ({@code -sourcepath}), if there is one; other roots (Maven's
     * {@code target/generated-sources/annotations}) have no resources beside them.
     */
    private static @Nullable Path resourcesBesideSources(Filer filer, Collection<TypeElement> compiled,
            Elements elements) {
        for (TypeElement type : compiled) {
            PackageElement owner = elements.getPackageOf(type);
            String packageName = owner.isUnnamed() ? "" : owner.getQualifiedName().toString();
            try {
                FileObject source = filer.getResource(StandardLocation.SOURCE_PATH, packageName,
                        type.getSimpleName() + ".java");
                Path path = path(source.toUri());
                int depth = packageName.isEmpty() ? 1 : packageName.split("\\.").length + 1;
                if (path != null && path.getNameCount() > depth) {
                    Path root = path.getRoot();
                    Path relative = path.subpath(0, path.getNameCount() - depth);
                    Path sourceRoot = (root != null) ? root.resolve(relative) : relative;
                    Path parent = sourceRoot.getParent();
                    if (String.valueOf(sourceRoot.getFileName()).equals("java") && parent != null) {
                        return parent.resolve("resources");
                    }
                }
            }
            catch (IOException | IllegalArgumentException ex) {
                // not on the source path (no -sourcepath, or a type generated in memory): try the next
            }
        }
        return null;
    }

    private static @Nullable Path path(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return null;
        }
        try {
            return Path.of(uri);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static boolean isGenerated(Path index) {
        if (!Files.isRegularFile(index)) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            return first != null && first.replace("\uFEFF", "").strip().startsWith(EntryPointsFile.GENERATED_BY);
        }
        catch (IOException ex) {
            // unreadable or not UTF-8: not the processor's output
            return false;
        }
    }
}
