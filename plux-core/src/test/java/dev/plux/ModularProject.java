package dev.plux;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import dev.plux.core.Plugin;

import org.slf4j.Logger;

/**
 * Real files for a modular (JPMS) user: modules compiled from source with {@code module-info.java}, jars, and a
 * forked {@code java --module-path} run, as a modular application would start.
 */
public final class ModularProject {

    /** The module name plux-core's jar declares (its descriptor, and the manifest's Automatic-Module-Name). */
    public static final String CORE_MODULE = "dev.plux.core";

    private ModularProject() {
    }

    /**
     * Packs plux-core's compiled classes into a jar as the build does: with the Automatic-Module-Name the pom
     * writes into the manifest, and the module descriptor if the classes have one.
     *
     * @param jar the jar file to write
     * @return the jar file
     * @throws IOException if writing fails
     */
    public static Path coreJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", CORE_MODULE);
        return jar(jar, manifest, location(Plugin.class));
    }

    /**
     * The jar plux-core needs at run time: slf4j-api. Not the JSpecify annotations, which a module compiled against
     * plux-core must not need either.
     *
     * @return its path
     */
    public static List<Path> coreDependencies() {
        return List.of(location(Logger.class));
    }

    /**
     * An SLF4J provider for a forked run (Logback, a named module that slf4j's service binding resolves), so that
     * what plux logs is in the run's output.
     *
     * @return the jars of the provider
     */
    public static List<Path> loggingProvider() {
        return List.of(location(ch.qos.logback.classic.Logger.class), location(ch.qos.logback.core.Context.class));
    }

    /**
     * Compiles one module (its {@code module-info.java} among the sources) without annotation processing.
     *
     * @param output the classes directory to write
     * @param modulePath the modules it may require
     * @param sources file paths relative to the source root ({@code module-info.java},
     *        {@code com/x/Foo.java}) and their text
     * @return the classes directory
     * @throws IOException if the directory cannot be created
     */
    public static Path compile(Path output, List<Path> modulePath, Map<String, String> sources) throws IOException {
        Files.createDirectories(output);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, source) -> units.add(new Source(path, source)));
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler
            .getTask(diagnostics, null, null, List.of("-d", output.toString(), "--module-path", join(modulePath),
                    "-proc:none", "--release", "17"), null, units)
            .call();
        if (!compiled) {
            throw new IllegalStateException("compilation failed:\n" + diagnostics);
        }
        return output;
    }

    /**
     * Writes a jar of a directory's files.
     *
     * @param jar the jar file to write
     * @param manifest the manifest
     * @param directory the directory whose files to pack
     * @return the jar file
     * @throws IOException if reading or writing fails
     */
    public static Path jar(Path jar, Manifest manifest, Path directory) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jarOut.putNextEntry(new JarEntry(name));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /**
     * Runs a module's main class in a new JVM (the one running the tests) with a module path, as
     * {@code java --module-path ... -m module/mainClass} does; waits at most {@code timeoutSeconds}.
     *
     * @param modulePath the module path
     * @param mainModule the module and its main class, {@code module/com.x.Main}
     * @param timeoutSeconds how long to wait before the process is killed
     * @return the exit code and what it printed (standard output and error, merged)
     * @throws IOException if the process cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static Run run(List<Path> modulePath, String mainModule, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(modulePath, List.of(), mainModule, timeoutSeconds);
    }

    /**
     * As {@link #run(List, String, long)}, with arguments for the main class.
     *
     * @param modulePath the module path
     * @param arguments the main class's arguments
     * @param mainModule the module and its main class, {@code module/com.x.Main}
     * @param timeoutSeconds how long to wait before the process is killed
     * @return the exit code and what it printed (standard output and error, merged)
     * @throws IOException if the process cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static Run run(List<Path> modulePath, List<String> arguments, String mainModule, long timeoutSeconds)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--module-path", join(modulePath), "-m", mainModule));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .start();
        CompletableOutput output = new CompletableOutput(process);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("java -m " + mainModule + " did not end within " + timeoutSeconds
                    + " seconds; output so far:\n" + output.text());
        }
        return new Run(process.exitValue(), output.join());
    }

    private static String join(List<Path> paths) {
        return String.join(java.io.File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * What a forked run did.
     *
     * @param exitCode the process's exit code
     * @param output what it printed
     */
    public record Run(int exitCode, String output) {
    }

    /** Drains the child's output on a thread of its own, so a chatty child never blocks on a full pipe. */
    private static final class CompletableOutput {

        private final StringBuilder text = new StringBuilder();

        private final Thread reader;

        CompletableOutput(Process process) {
            this.reader = new Thread(() -> {
                try {
                    String all = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (this.text) {
                        this.text.append(all);
                    }
                }
                catch (IOException ex) {
                    // the process was killed: what was read is all there is
                }
            }, "modular-project-output");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        String text() {
            synchronized (this.text) {
                return this.text.toString();
            }
        }

        String join() throws InterruptedException {
            // the process has ended, so its output ends soon
            this.reader.join(TimeUnit.SECONDS.toMillis(10));
            return text();
        }
    }

    private static final class Source extends SimpleJavaFileObject {

        private final String source;

        Source(String path, String source) {
            super(java.net.URI.create("string:///" + path), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return this.source;
        }
    }
}
