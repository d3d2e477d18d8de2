package dev.plux.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates the same N plugin classes, spread over M jars, declared four ways at once: a plux index, a
 * {@code META-INF/services/dev.plux.core.Plugin} file, a {@code META-INF/spring.factories} entry and PF4J's
 * {@code META-INF/extensions.idx} (each jar is also a PF4J plugin, by its manifest). Plugins are
 * spread round-robin over {@code namespaces} plux namespaces ({@code bench.ns0}, {@code bench.ns1}, ...).
 */
public final class PluginJars {

    /** The service type every generated plugin implements, for {@code ServiceLoader} and Spring's loader. */
    public static final String SERVICE = "dev.plux.core.Plugin";

    private final Path directory;

    private final List<Path> jars;

    private final int plugins;

    private final int namespaces;

    private PluginJars(Path directory, List<Path> jars, int plugins, int namespaces) {
        this.directory = directory;
        this.jars = jars;
        this.plugins = plugins;
        this.namespaces = namespaces;
    }

    /**
     * Writes the jars.
     *
     * @param directory an empty directory
     * @param plugins N, the number of plugin classes
     * @param jarCount M, the number of jars
     * @param namespaces how many plux namespaces the plugins are spread over
     * @return the generated jars
     * @throws IOException if writing fails
     */
    public static PluginJars generate(Path directory, int plugins, int jarCount, int namespaces) throws IOException {
        Path sources = Files.createDirectories(directory.resolve("src"));
        Path classes = Files.createDirectories(directory.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < plugins; i++) {
            Path source = sources.resolve("bench/p" + (i % jarCount) + "/Plugin" + i + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package bench.p" + (i % jarCount) + ";\n"
                    + "public class Plugin" + i + " implements dev.plux.core.Plugin {\n"
                    + "    public Object load(Object... args) { return " + i + "; }\n" + "}\n");
            files.add(source);
        }
        compile(files, classes);
        // jars alone in their folder: PF4J takes every jar and folder of its plugins root for a plugin
        Path jarDirectory = Files.createDirectories(directory.resolve("jars"));
        List<Path> jars = new ArrayList<>();
        for (int jar = 0; jar < jarCount; jar++) {
            jars.add(writeJar(jarDirectory.resolve("plugins-" + jar + ".jar"), classes, jar, plugins, jarCount,
                    namespaces));
        }
        return new PluginJars(directory, List.copyOf(jars), plugins, namespaces);
    }

    private static void compile(List<Path> files, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-nowarn",
                "-classpath", System.getProperty("java.class.path")));
        files.forEach((file) -> arguments.add(file.toString()));
        int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("generated plugin sources did not compile (javac exit " + status + ")");
        }
    }

    private static Path writeJar(Path jar, Path classes, int index, int plugins, int jarCount, int namespaces)
            throws IOException {
        StringBuilder services = new StringBuilder();
        StringBuilder factories = new StringBuilder(SERVICE + "=");
        StringBuilder[] sections = new StringBuilder[namespaces];
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        // PF4J's plugin descriptor
        manifest.getMainAttributes().putValue("Plugin-Id", "bench-plugins-" + index);
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (int i = index; i < plugins; i += jarCount) {
                String className = "bench.p" + index + ".Plugin" + i;
                String entry = className.replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
                services.append(className).append('\n');
                factories.append((factories.charAt(factories.length() - 1) == '=') ? "" : ",").append(className);
                int namespace = i % namespaces;
                if (sections[namespace] == null) {
                    sections[namespace] = new StringBuilder("[bench.ns" + namespace + "]\n");
                }
                sections[namespace].append("plugin").append(i).append(" = ").append(className).append('\n');
            }
            StringBuilder index0 = new StringBuilder();
            for (StringBuilder section : sections) {
                if (section != null) {
                    index0.append(section);
                }
            }
            write(out, "META-INF/plux/entry_points.txt", index0.toString());
            write(out, "META-INF/services/" + SERVICE, services.toString());
            write(out, "META-INF/spring.factories", factories + "\n");
            // PF4J's extension index: the same classes, one per line
            write(out, "META-INF/extensions.idx", services.toString());
        }
        return jar;
    }

    private static void write(OutputStream out, String name, String content) throws IOException {
        JarOutputStream jar = (JarOutputStream) out;
        jar.putNextEntry(new JarEntry(name));
        jar.write(content.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }

    /**
     * A fresh class loader over the jars, child of this class's loader (which holds plux-core).
     *
     * @return a new class loader; close it when done
     */
    public URLClassLoader newClassLoader() {
        return new URLClassLoader(urls(), PluginJars.class.getClassLoader());
    }

    /**
     * A new class loader over the jars on which Boot finds no plux auto-configuration: the application without
     * the starter ({@link StarterlessClassLoader}).
     *
     * @return the class loader, child of this class's loader
     */
    URLClassLoader newStarterlessClassLoader() {
        return new StarterlessClassLoader(urls(), PluginJars.class.getClassLoader());
    }

    private URL[] urls() {
        return this.jars.stream().map(PluginJars::toUrl).toArray(URL[]::new);
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        }
        catch (MalformedURLException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The folder holding only the jars (PF4J's plugins root).
     *
     * @return the folder
     */
    public Path jarDirectory() {
        return this.jars.get(0).getParent();
    }

    /**
     * The generated jars.
     *
     * @return the jars
     */
    public List<Path> jars() {
        return this.jars;
    }

    /**
     * N.
     *
     * @return the number of plugins
     */
    public int plugins() {
        return this.plugins;
    }

    /**
     * The number of plux namespaces.
     *
     * @return the namespace count
     */
    public int namespaces() {
        return this.namespaces;
    }

    /**
     * Deletes the generated files.
     */
    public void delete() {
        try (Stream<Path> files = Files.walk(this.directory)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
