package dev.plux.runtime;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the JVM-wide bundle cache leaves behind: the files and class loaders of a plugin directory's bundles once the
 * managers and plugins that used them are gone, under a parent class loader that lives on (the application's own
 * loader, the usual case without Spring), and what a bundle that fails to open half-way leaves open.
 */
@Timeout(120)
class BundleCacheTest {

    private static final Path FDS = Path.of("/proc/self/fd");

    @TempDir
    Path work;

    @Test
    void underAParentThatLivesOnABundlesLoaderAndJarsAreReleasedOnceItsManagerAndPluginsAreGone() throws Exception {
        assumeTrue(Files.isDirectory(FDS), "no /proc/self/fd to list open files in");
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("single.jar"), "life.ns", "single", "acme.life.Single",
                "\"first\"", Map.of());
        directoryBundleWithLibrary(plugins.resolve("csv"));
        try (URLClassLoader app = TestFiles.classLoader()) {
            List<WeakReference<ClassLoader>> loaders = useAndForget(app, plugins, "first");

            awaitCollected(loaders, plugins.toRealPath());

            assertThat(loaders).as("bundle class loaders still reachable under the living parent")
                .allSatisfy((loader) -> assertThat(loader.get()).isNull());
            assertThat(openFiles(plugins.toRealPath())).as("files of the plugin directory still open").isEmpty();

            // the jar replaced at the same path is read anew by the next manager: no loader of the old one is left
            TestBundles.pluginJar(this.work.resolve("second-build"), plugins.resolve("single.jar"), "life.ns",
                    "single", "acme.life.Single", "\"second\"", Map.of());
            try (LogCapture log = LogCapture.of(BundleCache.class)) {
                PluginManager<Plugin> fresh = PluginManager.builder("life.ns").classLoader(app)
                    .pluginDirectory(plugins)
                    .build();
                assertThat(fresh.load("single").load()).isEqualTo("second");
                assertThat(log.warnings()).as("no 'changed since this JVM opened it' for a released bundle")
                    .isEmpty();
            }
        }
    }

    @Test
    void aBundleThatFailsToOpenHalfWayLeavesNoFileOpenWhileItsManagerLives() throws Exception {
        assumeTrue(Files.isDirectory(FDS), "no /proc/self/fd to list open files in");
        Path plugins = this.work.resolve("plugins");
        // a directory bundle whose first lib/ jar opens and whose second does not, and a corrupt jar bundle
        Path half = plugins.resolve("half");
        Path library = TestBundles.compile(this.work.resolve("good-classes"),
                Map.of("acme.good.Good", "package acme.good; public class Good { }"));
        TestBundles.jar(half.resolve("lib/a-good.jar"), library, null);
        Files.write(half.resolve("lib/b-corrupt.jar"), new byte[] { 'P', 'K', 3, 4, 1, 2, 3 });
        TestBundles.index(Files.createDirectories(half.resolve("classes")), "[half.ns]\nhalf = acme.half.Half\n");
        Files.write(plugins.resolve("corrupt.jar"), new byte[] { 'P', 'K', 5, 6, 0, 0 });
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("half.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            assertThat(manager.listNames()).isEmpty();

            assertThat(log.errors()).as("one error per bundle that could not be opened").hasSize(2);
            // no collection needed: nothing of a bundle that failed to open may stay open, even while its manager,
            // and the cache's entry for its path, live on
            assertThat(openFiles(plugins.toRealPath())).as("files of the bundles that failed to open").isEmpty();
            assertThat(BundleCache.liveBundles(app)).as("bundles open under the manager's loader").isEmpty();
        }
    }

    /** A directory bundle: the plugin {@code acme.csv.Csv} in {@code classes/}, its library in {@code lib/}. */
    private void directoryBundleWithLibrary(Path bundle) throws IOException {
        Path build = TestBundles.compile(this.work.resolve("csv-build"), TestBundles.CSV_PLUGIN_WITH_JSON_LIBRARY);
        Path libraryClasses = this.work.resolve("json-classes/acme/lib");
        Files.createDirectories(libraryClasses);
        Files.move(build.resolve("acme/lib/Json.class"), libraryClasses.resolve("Json.class"));
        TestBundles.jar(bundle.resolve("lib/json-1.0.jar"), this.work.resolve("json-classes"), null);
        Path classes = Files.createDirectories(bundle.resolve("classes/acme/csv")).getParent().getParent();
        Files.move(build.resolve("acme/csv/Csv.class"), classes.resolve("acme/csv/Csv.class"));
        TestBundles.index(classes, "[life.ns]\ncsv = acme.csv.Csv\n");
    }

    /** Loads both bundles' plugins through a manager, then drops the manager and the plugins. */
    private static List<WeakReference<ClassLoader>> useAndForget(ClassLoader app, Path plugins, String expected)
            throws Exception {
        PluginManager<Plugin> manager = PluginManager.builder("life.ns").classLoader(app).pluginDirectory(plugins)
            .build();
        assertThat(manager.listNames()).containsExactly("csv", "single");
        Plugin single = manager.load("single");
        Plugin csv = manager.load("csv");
        assertThat(manager.getContainer("single").loadValue()).isEqualTo(expected);
        assertThat(manager.getContainer("csv").loadValue()).isEqualTo("{}");
        assertThat(openFiles(plugins.toRealPath())).as("the bundles' jars, open while in use").isNotEmpty();
        return List.of(new WeakReference<>(single.getClass().getClassLoader()),
                new WeakReference<>(csv.getClass().getClassLoader()));
    }

    /**
     * Collects garbage until the loaders are cleared and the JDK's cleaners closed their jars, for at most 20 s
     * (the caller asserts what is left).
     */
    private static void awaitCollected(List<WeakReference<ClassLoader>> loaders, Path directory) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((loaders.stream().anyMatch((loader) -> loader.get() != null) || !openFiles(directory).isEmpty())
                && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
    }

    /** The files under a directory that this JVM has open. */
    private static List<String> openFiles(Path directory) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(FDS)) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(directory.toString())) {
                        open.add(target);
                    }
                }
                catch (IOException ex) {
                    // closed while listed
                }
            }
        }
        return open;
    }
}
