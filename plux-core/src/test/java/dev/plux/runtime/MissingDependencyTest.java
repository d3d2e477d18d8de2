package dev.plux.runtime;

import java.lang.reflect.Field;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A plugin whose code needs a class that is nowhere to be found (a library its jar was built against but does not
 * carry): the failure names the missing class and where the plugin came from, and says where the library belongs.
 */
@Timeout(60)
class MissingDependencyTest {

    @TempDir
    Path work;

    @Test
    void aBundlePluginMissingALibraryNamesTheClassTheBundleAndWhereTheLibraryBelongs() throws Exception {
        Path build = TestBundles.compile(this.work.resolve("build"), TestBundles.CSV_PLUGIN_WITH_JSON_LIBRARY);
        // the plugin's jar was built against the library but does not carry it
        Files.delete(build.resolve("acme/lib/Json.class"));
        TestBundles.index(build, "[deps.ns]\ncsv = acme.csv.Csv\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("csv-exporter.jar"), build, null);
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("deps.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("plugin deps.ns:csv failed to load: java.lang.NoClassDefFoundError: acme/lib/Json")
                .hasMessageContaining("class acme.lib.Json, which the plugin's code uses, is neither in its bundle "
                        + plugins.resolve("csv-exporter.jar").toRealPath() + " nor on the application's class path")
                .hasMessageContaining("put the library into the plugin's jar")
                .hasMessageContaining("lib/");
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("plugin deps.ns:csv failed to load")
                .contains("class acme.lib.Json, which the plugin's code uses, is neither in its bundle"));
        }
    }

    @Test
    void aBundlePluginUsingAClassOfAnotherBundleIsToldThatBundlesDoNotSeeEachOther() throws Exception {
        // as a PF4J user lays plugins out: one plugin jar uses a class another plugin jar carries
        Path plugins = pluginAndLibraryJars();
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("deps.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("class acme.lib.Json, which the plugin's code uses, is not in its bundle "
                        + plugins.resolve("csv-exporter.jar").toRealPath() + " but in bundle "
                        + plugins.resolve("json-support.jar").toRealPath()
                        + ", whose classes other bundles do not see")
                .hasMessageContaining("put the library into the plugin's own bundle too");
        }
    }

    @Test
    void aBundlePluginWhoseSuperclassIsInAnotherBundleFailsItsResolutionNamingThatBundle() throws Exception {
        // a PF4J user's plugin extending a base class of another plugin jar: the JVM needs the superclass to define
        // the plugin's class, so the plugin fails to resolve, not to load
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of(
                "acme.base.Exporter", "package acme.base; public abstract class Exporter"
                        + " implements dev.plux.core.Plugin {}",
                "acme.csv.Csv", "package acme.csv; public class Csv extends acme.base.Exporter {}"));
        Path base = Files.createDirectories(this.work.resolve("base/acme/base"));
        Files.move(build.resolve("acme/base/Exporter.class"), base.resolve("Exporter.class"));
        TestBundles.index(build, "[deps.ns]\ncsv = acme.csv.Csv\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("csv-exporter.jar"), build, null);
        TestBundles.index(this.work.resolve("base"), "[deps.base]\n");
        TestBundles.jar(plugins.resolve("exporter-base.jar"), this.work.resolve("base"), null);
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("deps.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("failed to resolve")
                .hasMessageContaining("NoClassDefFoundError: acme/base/Exporter")
                .hasMessageContaining("class acme.base.Exporter, which the plugin's code uses, is not in its bundle "
                        + plugins.resolve("csv-exporter.jar").toRealPath() + " but in bundle "
                        + plugins.resolve("exporter-base.jar").toRealPath()
                        + ", whose classes other bundles do not see");
            assertThat(manager.getContainer("csv").state()).isEqualTo(PluginState.RESOLVE_FAILED);
        }
    }

    @Test
    void aPluginClassMissingFromItsOwnBundleGetsNoLibraryAdvice() throws Exception {
        // the index names a class its jar does not have: the message names that class already, and no library is
        // missing
        TestBundles.index(this.work.resolve("index"), "[deps.ns]\ncsv = acme.csv.Gone\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("csv-exporter.jar"), this.work.resolve("index"), null);
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("deps.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageEndingWith("cannot resolve plugin deps.ns:csv = acme.csv.Gone:"
                        + " java.lang.ClassNotFoundException: acme.csv.Gone");
        }
    }

    @Test
    void theOtherBundleHintDoesNotWaitForABundleBeingOpenedOrCheckedElsewhere() throws Exception {
        // another manager (a Spring context starting in parallel) holds a bundle's slot while it opens or re-stamps
        // it, which takes as long as its jar or classes/ tree does: a failure report must not wait for that
        Path plugins = pluginAndLibraryJars();
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("deps.ns").classLoader(app).pluginDirectory(plugins)
                .build();
            manager.listNames();
            Field byParent = BundleCache.class.getDeclaredField("byParent");
            byParent.setAccessible(true);
            Object slot = ((Map<?, ?>) ((Map<?, ?>) byParent.get(null)).get(app))
                .get(plugins.resolve("json-support.jar").toRealPath());
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                synchronized (slot) {
                    held.countDown();
                    try {
                        release.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            holder.start();
            try {
                held.await();
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> manager.load("csv"))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("but in bundle " + plugins.resolve("json-support.jar").toRealPath()));
            }
            finally {
                release.countDown();
                holder.join();
            }
        }
    }

    @Test
    void aClassPathPluginMissingALibraryNamesTheClassAndTheClassPath() throws Exception {
        Path app = TestBundles.compile(this.work.resolve("app"), TestBundles.CSV_PLUGIN_WITH_JSON_LIBRARY);
        Files.delete(app.resolve("acme/lib/Json.class"));
        TestBundles.index(app, "[deps.ns]\ncsv = acme.csv.Csv\n");
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            PluginManager<Plugin> manager = PluginManager.builder("deps.ns").classLoader(loader).build();

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("class acme.lib.Json, which the plugin's code uses, is not on the class path"
                        + " (a library missing from the application's dependencies?)");
        }
    }

    @Test
    void aClassThatFailedToInitializeEarlierIsNotCalledMissing() throws Exception {
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of(
                "acme.lib.Broken", "package acme.lib; public class Broken {"
                        + " static final int X = Integer.parseInt(\"x\"); public static int x() { return X; } }",
                "acme.csv.Csv", "package acme.csv; public class Csv implements dev.plux.core.Plugin {"
                        + " public Object load(Object... args) { try { acme.lib.Broken.x(); } catch (Throwable t) { }"
                        + " return acme.lib.Broken.x(); } }"));
        TestBundles.index(app, "[deps.ns]\ncsv = acme.csv.Csv\n");
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            PluginManager<Plugin> manager = PluginManager.builder("deps.ns").classLoader(loader).build();

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("Could not initialize class acme.lib.Broken")
                .hasMessageNotContaining("which the plugin's code uses");
        }
    }

    /**
     * A plugin directory with the plugin's jar, {@code csv-exporter.jar}, and beside it {@code json-support.jar},
     * which carries the library class the plugin uses: two bundles, as a PF4J user lays out a plugin and one it
     * depends on.
     */
    private Path pluginAndLibraryJars() throws java.io.IOException {
        Path build = TestBundles.compile(this.work.resolve("build"), TestBundles.CSV_PLUGIN_WITH_JSON_LIBRARY);
        Path library = Files.createDirectories(this.work.resolve("library/acme/lib"));
        Files.move(build.resolve("acme/lib/Json.class"), library.resolve("Json.class"));
        TestBundles.index(build, "[deps.ns]\ncsv = acme.csv.Csv\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("csv-exporter.jar"), build, null);
        TestBundles.jar(plugins.resolve("json-support.jar"), this.work.resolve("library"), null);
        return plugins;
    }
}
