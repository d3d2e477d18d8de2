package dev.plux.spring.boot.autoconfigure;

import java.beans.Introspector;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.CachedIntrospectionResults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application restarted in one JVM, the way spring-boot-devtools restarts it: its own classes (the plugin type, a
 * class-path plugin, its index file) in a fresh class loader, with plux and Spring on the parent, and plugin
 * directories with a jar and a directory bundle. Once the context is closed and the loader dropped, nothing of plux
 * keeps the application's loader, the bundles' loaders or their jar files, and no plux thread is left: after a
 * normal close, a {@code fail-fast} failure and a {@code startup-timeout}; and, over fifteen restarts on one
 * application class loader that lives on, nothing keeps the bundles' loaders or their jar files.
 */
@Timeout(300)
class ApplicationRestartTests {

    @TempDir
    static Path work;

    static Path appClasses;

    static Path plugins;

    @BeforeAll
    static void buildApplicationAndBundles() throws Exception {
        appClasses = compile(work.resolve("app"), Map.of(
                "restart.app.RestartApplication", """
                        package restart.app;
                        @org.springframework.boot.autoconfigure.SpringBootApplication
                        public class RestartApplication {
                        }
                        """,
                "restart.app.Greeter", """
                        package restart.app;
                        public interface Greeter extends dev.plux.core.Plugin {
                        }
                        """,
                "restart.app.HelloPlugin", """
                        package restart.app;
                        public class HelloPlugin implements Greeter {
                            private final org.springframework.core.env.Environment environment;
                            public HelloPlugin(org.springframework.core.env.Environment environment) {
                                this.environment = environment;
                            }
                            @Override public Object load(Object... args) {
                                return "hello " + this.environment.getProperty("greeting.name", "world");
                            }
                        }
                        """,
                "restart.app.FailingPlugin", """
                        package restart.app;
                        public class FailingPlugin implements Greeter {
                            @Override public Object load(Object... args) {
                                throw new IllegalStateException("failing on purpose");
                            }
                        }
                        """,
                "restart.app.SlowPlugin", """
                        package restart.app;
                        public class SlowPlugin implements Greeter {
                            @Override public Object load(Object... args) throws Exception {
                                Thread.sleep(600_000);
                                return "slow";
                            }
                        }
                        """), List.of(location(Plugin.class), location(SpringApplication.class),
                location(org.springframework.boot.autoconfigure.SpringBootApplication.class),
                location(org.springframework.core.env.Environment.class)));
        write(appClasses.resolve("META-INF/plux/entry_points.txt"), """
                [restart.greeters]
                hello = restart.app.HelloPlugin
                [restart.failing]
                failing = restart.app.FailingPlugin
                [restart.slow]
                slow = restart.app.SlowPlugin
                """);
        plugins = Files.createDirectories(work.resolve("plugins"));
        Path jarClasses = compile(work.resolve("jarred-classes"), Map.of("restart.jarred.JarredPlugin", """
                package restart.jarred;
                public class JarredPlugin implements restart.app.Greeter {
                    @Override public Object load(Object... args) throws java.io.IOException {
                        // what plugins do: read a resource of their own jar
                        try (java.io.InputStream in = getClass().getResourceAsStream("greeting.txt")) {
                            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        }
                    }
                }
                """), List.of(location(Plugin.class), appClasses.toString()));
        write(jarClasses.resolve("restart/jarred/greeting.txt"), "hello from a jar");
        write(jarClasses.resolve("META-INF/plux/entry_points.txt"),
                "[restart.greeters]\njarred = restart.jarred.JarredPlugin\n");
        jar(plugins.resolve("jarred-1.0.jar"), jarClasses);
        Path library = compile(work.resolve("library-classes"), Map.of("restart.library.Shout", """
                package restart.library;
                public final class Shout {
                    public static String of(String text) { return text.toUpperCase(java.util.Locale.ROOT); }
                }
                """), List.of());
        Path directoryBundle = plugins.resolve("shouting");
        jar(directoryBundle.resolve("lib/shout-1.0.jar"), library);
        Path directoryClasses = compile(directoryBundle.resolve("classes"), Map.of(
                "restart.shouting.ShoutingPlugin", """
                package restart.shouting;
                public class ShoutingPlugin implements restart.app.Greeter {
                    @Override public Object load(Object... args) { return restart.library.Shout.of("hello"); }
                }
                """), List.of(location(Plugin.class), appClasses.toString(), library.toString()));
        write(directoryClasses.resolve("META-INF/plux/entry_points.txt"),
                "[restart.greeters]\nshouting = restart.shouting.ShoutingPlugin\n");
    }

    @Test
    void aClosedContextLeavesNoClassLoaderThreadOrJarOfItsApplicationBehind() throws Exception {
        runInItsOwnJvm("restarts");
    }

    /**
     * Restarts on one application class loader, as Spring Cloud's restart endpoint, a test suite's contexts or an
     * application running {@code SpringApplication.run} again do: the bundles' parent lives on, so only the bundle
     * loaders and their jars can go. Fifteen closed contexts (a leak per context shows after any of them) must
     * leave none of them, nor a thread.
     */
    @Test
    void contextsRestartedOnOneClassLoaderLeaveNoBundleLoaderThreadOrJarBehind() throws Exception {
        runInItsOwnJvm("same-loader-restarts");
    }

    @Test
    void aFailFastStartupFailureLeavesNoClassLoaderOrThreadBehind() throws Exception {
        runInItsOwnJvm("fail-fast");
    }

    @Test
    void aStartupTimeoutLeavesNoClassLoaderOrThreadBehind() throws Exception {
        runInItsOwnJvm("startup-timeout");
    }

    /**
     * Runs a scenario of {@link #main} in a JVM of its own: no other test's state, and soft references cleared at
     * every collection ({@code SoftRefLRUPolicyMSPerMB=0}). Spring keeps caches by class loader in soft references
     * (its {@code SpringFactoriesLoader}), which let go under memory pressure and hold nothing for good; without the
     * flag they would outlive the few collections a test can wait for, in a JVM with gigabytes free.
     */
    private static void runInItsOwnJvm(String scenario) throws IOException, InterruptedException {
        Path output = Files.createTempFile(work, scenario, ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:SoftRefLRUPolicyMSPerMB=0", "-cp",
                System.getProperty("java.class.path"), ApplicationRestartTests.class.getName(), scenario,
                appClasses.toString(), plugins.toString()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        boolean exited;
        try {
            exited = process.waitFor(150, TimeUnit.SECONDS);
        }
        finally {
            process.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("the scenario ended; its output:%n%s", log).isTrue();
        assertThat(process.exitValue()).as("the scenario passed; its output:%n%s", log).isZero();
        assertThat(log).contains("scenario " + scenario + " passed");
    }

    /**
     * The scenarios, in a JVM of their own.
     *
     * @param args the scenario, the application's classes directory and the plugin directory
     */
    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        appClasses = Path.of(args[1]);
        plugins = Path.of(args[2]);
        try {
            List<WeakReference<?>> references = new ArrayList<>();
            switch (scenario) {
                case "restarts" -> {
                    for (int restart = 0; restart < 3; restart++) {
                        URLClassLoader app = applicationLoader("restarted-app-" + restart);
                        references.add(new WeakReference<>(app));
                        references.addAll(runAndClose(app, "hello from a jar"));
                    }
                }
                case "same-loader-restarts" -> {
                    // a copy: this scenario replaces a jar, which the other scenarios' JVMs read
                    Path original = plugins;
                    plugins = copy(original, Files.createTempDirectory(original.getParent(), "same-loader-plugins"));
                    URLClassLoader app = applicationLoader("restarted-app");
                    for (int restart = 0; restart < 15; restart++) {
                        references.addAll(runAndClose(app, "hello from a jar"));
                        assertNoPluxThreadLeft();
                    }
                    // the application's loader lives on, as the bundles' parent does under such restarts
                    awaitCollected(references);
                    assertThat(openFiles(plugins)).as("files of the plugin directory still open").isEmpty();
                    // its bundle loader collected, a jar replaced at the same path is read anew by the next context
                    Path jarClasses = copy(original.getParent().resolve("jarred-classes"),
                            Files.createTempDirectory(original.getParent(), "jarred-again"));
                    write(jarClasses.resolve("restart/jarred/greeting.txt"), "hello from the replaced jar");
                    jar(plugins.resolve("jarred-1.0.jar"), jarClasses);
                    references.addAll(runAndClose(app, "hello from the replaced jar"));
                    Reference.reachabilityFence(app);
                }
                case "fail-fast" -> references.add(failToStart(PluginStartupException.class,
                        "plux.namespaces[0].namespace=restart.failing", "plux.namespaces[0].fail-fast=true"));
                case "startup-timeout" -> references.add(failToStart(PluginStartupException.class,
                        "plux.namespaces[0].namespace=restart.slow", "plux.namespaces[0].startup-timeout=1s"));
                default -> throw new IllegalArgumentException(scenario);
            }
            assertNoPluxThreadLeft();
            awaitCollected(references);
            assertThat(openFiles(plugins)).as("files of the plugin directory still open").isEmpty();
            System.out.println("scenario " + scenario + " passed");
        }
        catch (Throwable ex) {
            ex.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
        // the loading threads are daemons: nothing else keeps this JVM alive
    }

    /** A class loader of the application's own classes, as devtools makes one at each restart. */
    private static URLClassLoader applicationLoader(String name) throws IOException {
        return new URLClassLoader(name, new URL[] { appClasses.toUri().toURL() },
                ApplicationRestartTests.class.getClassLoader());
    }

    private static List<WeakReference<?>> runAndClose(URLClassLoader app, String jarredGreeting) throws Exception {
        List<WeakReference<?>> references = new ArrayList<>();
        onRestartThread(app, () -> {
            try (ConfigurableApplicationContext context = application(app).run(
                    "--plux.namespaces[0].namespace=restart.greeters",
                    "--plux.namespaces[0].plugin-type=restart.app.Greeter",
                    "--plux.namespaces[0].load-on-startup=true",
                    "--plux.startup.parallelism=3",
                    "--plux.plugin-directories=" + plugins)) {
                references.add(new WeakReference<>(context));
                PluginManager<?> greeters = context.getBean(PluginManagers.class).get("restart.greeters");
                assertThat(greeters.listNames()).containsExactly("hello", "jarred", "shouting");
                assertThat(greeters.getContainer("hello").loadValue()).isEqualTo("hello world");
                assertThat(greeters.getContainer("jarred").loadValue()).isEqualTo(jarredGreeting);
                assertThat(greeters.getContainer("shouting").loadValue()).isEqualTo("HELLO");
                for (String name : List.of("jarred", "shouting")) {
                    ClassLoader bundle = greeters.load(name).getClass().getClassLoader();
                    assertThat(bundle.getParent()).isSameAs(app);
                    references.add(new WeakReference<>(bundle));
                }
                assertThat(context.getBean(MeterRegistry.class).find("plux.plugins").tag("state", "loaded").gauge())
                    .isNotNull();
            }
            // at once, not after the grace assertNoPluxThreadLeft gives: a servlet container looks for the threads
            // of a web application as soon as its context is closed (Tomcat's "appears to have started a thread")
            assertThat(pluxThreads()).extracting(Thread::getName).as("destroy threads alive once closed")
                .noneMatch((name) -> name.startsWith("plux-destroy-"));
        });
        return references;
    }

    private static WeakReference<?> failToStart(Class<? extends Throwable> failure, String... properties)
            throws Exception {
        URLClassLoader app = applicationLoader("failed-app");
        List<String> args = new ArrayList<>(List.of("--plux.namespaces[0].load-on-startup=true",
                "--plux.startup.parallelism=2", "--plux.plugin-directories=" + plugins));
        for (String property : properties) {
            args.add("--" + property);
        }
        onRestartThread(app, () -> {
            SpringApplication application = application(app);
            assertThatThrownBy(() -> application.run(args.toArray(String[]::new)))
                .satisfies((ex) -> assertThat(causes(ex)).anyMatch(failure::isInstance));
        });
        return new WeakReference<>(app);
    }

    /**
     * Runs an application as devtools restarts one: on a new thread whose context class loader is the application's,
     * which ends with it. (Boot keeps a failed run's exception in that thread's uncaught-exception handler, with the
     * plugin classes of its stack trace: on a thread that ends, that goes too.)
     */
    private static void onRestartThread(ClassLoader app, ThrowingRunnable run) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                run.run();
            }
            catch (Throwable ex) {
                failure[0] = ex;
            }
        }, "restartedMain");
        thread.setContextClassLoader(app);
        thread.start();
        thread.join(120_000);
        assertThat(thread.isAlive()).as("the application's run ended").isFalse();
        if (failure[0] instanceof Exception ex) {
            throw ex;
        }
        if (failure[0] instanceof Error error) {
            throw error;
        }
    }

    /** A step that may throw. */
    private interface ThrowingRunnable {

        void run() throws Exception;
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    private static SpringApplication application(ClassLoader app) throws ClassNotFoundException {
        SpringApplication application = new SpringApplication(new DefaultResourceLoader(app),
                app.loadClass("restart.app.RestartApplication"));
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        // Boot's own JVM-wide state, not plux's: its shutdown hook is a thread whose context class loader is that of
        // the first application to register it, and the first application's logging system stays registered with it
        // (logging.register-shutdown-hook), both for the life of the JVM
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(Map.of("logging.register-shutdown-hook", "false"));
        return application;
    }

    /** No thread named by plux is alive (a thread still ending after the close gets a few seconds). */
    private static void assertNoPluxThreadLeft() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Thread> left = pluxThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = pluxThreads();
        }
        assertThat(left).extracting(Thread::getName).as("plux threads still alive").isEmpty();
    }

    private static List<Thread> pluxThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter((thread) -> thread.getName().startsWith("plux-"))
            .filter(Thread::isAlive)
            .toList();
    }

    /**
     * Waits until every reference is cleared, after clearing the caches that devtools clears on a restart (Spring's
     * soft-reference caches of reflection and types, which let go under memory pressure anyway).
     */
    private static void awaitCollected(List<WeakReference<?>> references) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (references.stream().anyMatch((reference) -> reference.get() != null) && System.nanoTime() < deadline) {
            Introspector.flushCaches();
            ResolvableType.clearCache();
            ReflectionUtils.clearCache();
            AnnotationUtils.clearCache();
            CachedIntrospectionResults.clearClassLoader(ApplicationRestartTests.class.getClassLoader());
            System.gc();
            Thread.sleep(50);
        }
        assertThat(references).as("still reachable: %s", references.stream()
            .map(WeakReference::get)
            .filter((referent) -> referent != null)
            .map(String::valueOf)
            .toList()).allSatisfy((reference) -> assertThat(reference.get()).isNull());
    }

    /** The files under a directory that this JVM has open, from {@code /proc/self/fd} (none where there is none). */
    static List<String> openFiles(Path directory) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return List.of();
        }
        String prefix = directory.toRealPath().toString();
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> open;
        do {
            // closed by cleaners once their jar files are collected: a few collections may be needed
            System.gc();
            open = new ArrayList<>();
            try (Stream<Path> files = Files.list(fds)) {
                for (Path fd : files.toList()) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith(prefix)) {
                            open.add(target);
                        }
                    }
                    catch (IOException ex) {
                        // closed while listed
                    }
                }
            }
        }
        while (!open.isEmpty() && System.nanoTime() < deadline && sleep());
        return open;
    }

    private static boolean sleep() {
        try {
            Thread.sleep(50);
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path compile(Path classes, Map<String, String> sources, List<String> classPath) throws IOException {
        Path sourceRoot = Files.createTempDirectory(work, "src");
        List<File> files = new ArrayList<>();
        for (Map.Entry<String, String> source : new LinkedHashMap<>(sources).entrySet()) {
            Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
            write(file, source.getValue());
            files.add(file.toFile());
        }
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "--release", "17"));
        if (!classPath.isEmpty()) {
            options.addAll(List.of("-classpath", String.join(File.pathSeparator, classPath)));
        }
        boolean compiled = compiler.getTask(diagnostics, null, null, options, null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjectsFromFiles(files))
            .call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();
        return classes;
    }

    private static void jar(Path jar, Path classes) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> entries = Files.walk(classes)) {
            for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(entry));
                out.closeEntry();
            }
        }
    }

    /** Copies a directory tree into an empty directory. */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
