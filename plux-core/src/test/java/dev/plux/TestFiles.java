package dev.plux;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import dev.plux.core.Plugin;

/**
 * Real files for tests: index files, classes compiled from source, jars, class loaders over them.
 */
public final class TestFiles {

    /** Where every jar and classes directory keeps its index. */
    public static final String INDEX = "META-INF/plux/entry_points.txt";

    private TestFiles() {
    }

    /**
     * A file name the platform can name files by: {@code preferred}, or {@code fallback} where the file name
     * encoding ({@code sun.jnu.encoding}, from the locale: ASCII under {@code LANG=C}) has no bytes for one of its
     * characters, and every path holding it would throw {@link InvalidPathException}.
     *
     * @param preferred the name to test with, typically with non-ASCII characters
     * @param fallback an ASCII name that still tests what the test is about (a space, {@code #}, {@code %}, a
     * control character)
     * @return the name to use
     */
    public static String fileName(String preferred, String fallback) {
        try {
            Path.of(preferred);
            return preferred;
        }
        catch (InvalidPathException ex) {
            return fallback;
        }
    }

    /**
     * Writes a classes directory holding an index file.
     *
     * @param directory the directory to create
     * @param index the index file's content
     * @return the directory
     * @throws IOException if writing fails
     */
    public static Path indexDirectory(Path directory, String index) throws IOException {
        Path file = directory.resolve(INDEX);
        Files.createDirectories(file.getParent());
        Files.writeString(file, index, StandardCharsets.UTF_8);
        return directory;
    }

    /**
     * Writes a jar.
     *
     * @param jar the jar file to write
     * @param manifest the manifest, or {@code null} for none
     * @param entries entry names and their content
     * @return the jar file
     * @throws IOException if writing fails
     */
    public static Path jar(Path jar, Manifest manifest, Map<String, String> entries) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = (manifest != null) ? new JarOutputStream(out, manifest)
                        : new JarOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                jarOut.putNextEntry(new JarEntry(entry.getKey()));
                jarOut.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /**
     * How plux's messages name a local file or directory: its URL with the path decoded, the path a user searches for
     * (a temporary directory under a path with a space, {@code #}, {@code %} or non-ASCII letters is not
     * percent-encoded there, as it is in {@link #url(Path)}).
     *
     * @param path the path
     * @return {@code file:} and its absolute path, with a trailing {@code /} for a directory
     */
    public static String shown(Path path) {
        try {
            return "file:" + url(path).toURI().getPath();
        }
        catch (java.net.URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A class loader over jars and directories, delegating to the test class loader first, so plux types are
     * shared while classes found only in the given locations are defined (and initialized) by the new loader.
     *
     * @param locations jars or classes directories, in class-path order
     * @return a new class loader
     */
    public static URLClassLoader classLoader(Path... locations) {
        URL[] urls = new URL[locations.length];
        for (int i = 0; i < locations.length; i++) {
            urls[i] = url(locations[i]);
        }
        return new URLClassLoader(urls, TestFiles.class.getClassLoader());
    }

    /**
     * The URL of a file or directory.
     *
     * @param path the path
     * @return its URL
     */
    public static URL url(Path path) {
        try {
            return path.toUri().toURL();
        }
        catch (MalformedURLException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    /**
     * Compiles Java sources into a directory, against plux-core's classes.
     *
     * @param output the classes directory to write
     * @param sources binary class names and their source text
     * @throws IOException if the directory cannot be created
     */
    public static void compile(Path output, Map<String, String> sources) throws IOException {
        Files.createDirectories(output);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, source) -> units.add(new Source(name, source)));
        String classPath = Path.of(codeLocation(Plugin.class)).toString();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler
            .getTask(diagnostics, null, null,
                    List.of("-d", output.toString(), "-classpath", classPath, "-proc:none", "--release", "17"), null,
                    units)
            .call();
        if (!compiled) {
            throw new IllegalStateException("compilation failed:\n" + diagnostics);
        }
    }

    private static java.net.URI codeLocation(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        }
        catch (java.net.URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static final class Source extends SimpleJavaFileObject {

        private final String source;

        Source(String className, String source) {
            super(java.net.URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
                    Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return this.source;
        }
    }
}
