package dev.plux.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import dev.plux.TestFiles;
import org.jspecify.annotations.Nullable;

/**
 * Builds plugin bundles for tests: sources compiled with {@code javax.tools} into a classes directory, packed
 * into a jar with {@link JarOutputStream} or laid out as a directory bundle.
 */
final class TestBundles {

    /**
     * A plugin, {@code acme.csv.Csv}, whose {@code load} uses a library class, {@code acme.lib.Json}: the sources of
     * a bundle with a library, and of a plugin missing it when compiled without packing the library.
     */
    static final Map<String, String> CSV_PLUGIN_WITH_JSON_LIBRARY = Map.of(
            "acme.lib.Json", "package acme.lib; public class Json { public String write() { return \"{}\"; } }",
            "acme.csv.Csv", "package acme.csv; public class Csv implements dev.plux.core.Plugin {"
                    + " public Object load(Object... args) { return new acme.lib.Json().write(); } }");

    private TestBundles() {
    }

    /**
     * Compiles sources (against plux-core) into a new classes directory.
     *
     * @param classes the directory to create
     * @param sources binary class names and their source
     * @return the directory
     */
    static Path compile(Path classes, Map<String, String> sources) {
        try {
            TestFiles.compile(classes, sources);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return classes;
    }

    /**
     * Writes an index file into a classes directory.
     *
     * @param classes the classes directory
     * @param index the index's content
     * @return the directory
     */
    static Path index(Path classes, String index) {
        try {
            TestFiles.indexDirectory(classes, index);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return classes;
    }

    /**
     * Packs every file of a classes directory into a jar.
     *
     * @param jar the jar to write
     * @param classes the directory whose files become entries
     * @param manifest the manifest's main attributes, or {@code null} for a jar without manifest
     * @return the jar
     */
    static Path jar(Path jar, Path classes, @Nullable Map<String, String> manifest) {
        return jar(jar, classes, manifest, false);
    }

    /**
     * As {@link #jar(Path, Path, Map)}, with an entry for each directory ({@code lib/}) before its files when
     * {@code directories}, as the JDK's {@code jar} tool, Maven, Gradle and Spring Boot write them.
     */
    static Path jar(Path jar, Path classes, @Nullable Map<String, String> manifest, boolean directories) {
        try {
            Files.createDirectories(jar.getParent());
            List<Path> files;
            try (Stream<Path> walk = Files.walk(classes)) {
                files = walk.filter((file) -> Files.isRegularFile(file)
                        || (directories && Files.isDirectory(file) && !file.equals(classes))).sorted().toList();
            }
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = (manifest != null) ? new JarOutputStream(file, manifest(manifest))
                            : new JarOutputStream(file)) {
                for (Path entry : files) {
                    String name = classes.relativize(entry).toString().replace('\\', '/');
                    if (Files.isDirectory(entry)) {
                        out.putNextEntry(new JarEntry(name + "/"));
                        out.closeEntry();
                        continue;
                    }
                    out.putNextEntry(new JarEntry(name));
                    out.write(Files.readAllBytes(entry));
                    out.closeEntry();
                }
            }
            return jar;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A jar bundle of one plugin class {@code <pkg>.<Name>} in namespace {@code namespace} under name
     * {@code plugin}, whose {@code load()} returns {@code result} (a Java expression).
     */
    static Path pluginJar(Path work, Path jar, String namespace, String plugin, String className, String result,
            Map<String, String> moreSources) {
        Path classes = work.resolve("build-" + jar.getFileName());
        Map<String, String> sources = new java.util.LinkedHashMap<>(moreSources);
        sources.put(className, pluginSource(className, result));
        compile(classes, sources);
        index(classes, "[" + namespace + "]\n" + plugin + " = " + className + "\n");
        return jar(jar, classes, null);
    }

    /** The source of a plugin class whose {@code load()} returns {@code result}. */
    static String pluginSource(String className, String result) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n" + "public class " + className.substring(dot + 1)
                + " implements dev.plux.core.Plugin {\n" + "    @Override public Object load(Object... args) { return "
                + result + "; }\n" + "}\n";
    }

    private static Manifest manifest(Map<String, String> attributes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((key, value) -> manifest.getMainAttributes().putValue(key, value));
        return manifest;
    }

    /** Writes a text file, creating its directory. */
    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Makes a named pipe (FIFO) with {@code mkfifo}; the test is skipped where there is no such command.
     *
     * @param pipe the path of the pipe to create
     * @return the pipe
     */
    static Path namedPipe(Path pipe) {
        try {
            Files.createDirectories(pipe.getParent());
            Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
            org.assertj.core.api.Assumptions.assumeThat(mkfifo.waitFor())
                .as("mkfifo " + pipe + ": " + new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
            return pipe;
        }
        catch (IOException ex) {
            org.assertj.core.api.Assumptions.assumeThat(false).as("no mkfifo here: " + ex).isTrue();
            return pipe;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
