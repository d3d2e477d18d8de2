package dev.plux.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * Spring AOT processing of a Boot application at benchmark time, as {@code spring-boot:process-aot} does at build
 * time: {@link SpringApplicationAotProcessor} writes sources and CGLIB classes, {@code javax.tools} compiles the
 * sources against the benchmark's class path, and every generated class is defined in the application class
 * loader, in its own package. The last step stands in for putting the output on the class path: the generated
 * bean definitions reach package-private members of the classes they describe, so a child class loader (another
 * runtime package) would not do.
 */
final class AotArtifacts {

    private AotArtifacts() {
    }

    /**
     * Processes {@code application} (its {@code main} is called with {@code args}, stopped once the context is
     * prepared), compiles the result and defines it. Call once per JVM and application: a class cannot be
     * defined twice (a generated class already defined with the same bytes by another application is kept).
     *
     * @param application the application class, with a {@code main(String[])} method
     * @param args the arguments of {@code main}
     * @param contextLoader the thread context class loader during processing (the plugin jars)
     * @return the number of classes defined
     * @throws IOException if writing or reading the output fails
     */
    static int processCompileAndDefine(Class<?> application, String[] args, ClassLoader contextLoader)
            throws IOException {
        Path root = Files.createTempDirectory("plux-aot");
        try {
            Path sources = root.resolve("sources");
            Path classes = root.resolve("classes");
            AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
                .sourceOutput(sources)
                .resourceOutput(root.resolve("resources"))
                .classOutput(classes)
                .groupId("dev.plux")
                .artifactId("benchmarks")
                .build();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(contextLoader);
            try {
                new SpringApplicationAotProcessor(application, settings, args).process();
            }
            finally {
                thread.setContextClassLoader(previous);
            }
            compile(sources, classes);
            return define(classes);
        }
        finally {
            delete(root);
        }
    }

    private static void compile(Path sources, Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter((path) -> path.toString().endsWith(".java")).toList();
        }
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(null, null, null)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d",
                    classes.toString(), "-proc:none", "-nowarn", "-parameters");
            boolean ok = compiler.getTask(null, manager, null, options, null, manager.getJavaFileObjectsFromPaths(files))
                .call();
            if (!ok) {
                throw new IllegalStateException("the AOT-generated sources in " + sources + " do not compile");
            }
        }
    }

    /**
     * What was defined so far in this JVM, by class name: two applications processed in one JVM (the paired
     * benchmark) generate classes of the same names for Boot's auto-configurations, defined once if identical.
     */
    private static final Map<String, byte[]> DEFINED = new HashMap<>();

    /** Defines every class under {@code classes}, each through a lookup in a class of its package. */
    private static synchronized int define(Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter((path) -> path.toString().endsWith(".class")).sorted().toList();
        }
        Map<String, MethodHandles.Lookup> lookups = new HashMap<>();
        Map<String, List<String>> hosts = hostCandidates();
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            String packageName = name.substring(0, name.lastIndexOf('.'));
            MethodHandles.Lookup lookup = lookups.computeIfAbsent(packageName,
                    (key) -> lookupIn(key, hosts.getOrDefault(key, List.of())));
            byte[] bytes = Files.readAllBytes(file);
            byte[] earlier = DEFINED.get(name);
            if (earlier != null) {
                if (!Arrays.equals(earlier, bytes)) {
                    throw new IllegalStateException(name + " was generated differently for two applications of"
                            + " this JVM; give each its own application class");
                }
                continue;
            }
            try {
                lookup.defineClass(bytes);
                DEFINED.put(name, bytes);
            }
            catch (IllegalAccessException ex) {
                throw new IllegalStateException("cannot define " + name, ex);
            }
        }
        return files.size();
    }

    private static MethodHandles.Lookup lookupIn(String packageName, List<String> candidates) {
        for (String candidate : candidates) {
            try {
                Class<?> host = Class.forName(candidate, false, AotArtifacts.class.getClassLoader());
                return MethodHandles.privateLookupIn(host, MethodHandles.lookup());
            }
            catch (ClassNotFoundException | LinkageError | IllegalAccessException ex) {
                // an optional dependency missing: try the next class of the package
            }
        }
        throw new IllegalStateException("no loadable class in package " + packageName + " to define AOT classes in");
    }

    /** Package to the classes of the class path that are in it (top-level ones first). */
    private static Map<String, List<String>> hostCandidates() throws IOException {
        Map<String, List<String>> hosts = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter((file) -> file.toString().endsWith(".class"))
                        .forEach((file) -> addHost(hosts, path.relativize(file).toString()));
                }
            }
            else if (Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                        addHost(hosts, entries.nextElement().getName());
                    }
                }
            }
        }
        hosts.values().forEach((names) -> names.sort((a, b) -> Boolean.compare(a.contains("$"), b.contains("$"))));
        return hosts;
    }

    private static void addHost(Map<String, List<String>> hosts, String resource) {
        if (!resource.endsWith(".class") || resource.startsWith("META-INF/") || !resource.contains("/")) {
            return;
        }
        String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
        hosts.computeIfAbsent(name.substring(0, name.lastIndexOf('.')), (key) -> new ArrayList<>()).add(name);
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach((path) -> {
                try {
                    Files.delete(path);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
