package dev.plux.runtime;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bundle deleted or replaced under a running application, after a manager listed its plugins and before it
 * created them: the failure says so, rather than leaving a {@code ClassNotFoundException} of a class the index
 * names in that very jar, or advice to add a library that the bundle carried.
 */
@Timeout(60)
class ChangedBundlesTest {

    @TempDir
    Path work;

    @Test
    void aBundleJarDeletedAfterItsPluginsWereListedFailsTheirResolutionNamingTheDeletedBundle() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path jar = TestBundles.pluginJar(this.work, plugins.resolve("acme-csv-1.0.jar"), "changed.ns", "csv",
                "acme.csv.Csv", "\"csv\"", Map.of());
        Path real = jar.toRealPath();
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("changed.ns").classLoader(app)
                .pluginDirectory(plugins)
                .build();
            assertThat(manager.listNames()).containsExactly("csv");

            Files.delete(jar);

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("ClassNotFoundException: acme.csv.Csv")
                .hasMessageContaining("its bundle " + real + " was deleted after this JVM opened it")
                .hasMessageContaining("restart the application");
            assertThat(manager.getContainer("csv").state()).isEqualTo(PluginState.RESOLVE_FAILED);
        }
    }

    @Test
    void aBundleJarReplacedAfterItsPluginsWereListedFailsTheirResolutionSayingItChanged() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path jar = TestBundles.pluginJar(this.work, plugins.resolve("acme-csv.jar"), "changed.ns", "csv",
                "acme.csv.Csv", "\"csv\"", Map.of());
        // the next version renamed the class: the index read when the bundle was opened names the old one
        Path next = TestBundles.pluginJar(this.work, this.work.resolve("next/acme-csv-next.jar"), "changed.ns", "csv",
                "acme.csv.CsvExporter", "\"csv\"", Map.of());
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("changed.ns").classLoader(app)
                .pluginDirectory(plugins)
                .build();
            assertThat(manager.listNames()).containsExactly("csv");

            Files.copy(next, jar, StandardCopyOption.REPLACE_EXISTING);
            // a copy within the file system's time resolution: its size differs anyway, its time too this way
            Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(10)));

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("ClassNotFoundException: acme.csv.Csv")
                .hasMessageContaining("its bundle " + jar.toRealPath() + " changed since this JVM opened it")
                .hasMessageContaining("restart the application");
        }
    }

    @Test
    void aClassDeletedFromADirectoryBundleBeforeThePluginNeededItIsBlamedOnTheChangeNotOnAMissingLibrary()
            throws Exception {
        Path bundle = this.work.resolve("plugins/csv");
        Path classes = TestBundles.compile(bundle.resolve("classes"), TestBundles.CSV_PLUGIN_WITH_JSON_LIBRARY);
        TestBundles.index(classes, "[changed.ns]\ncsv = acme.csv.Csv\n");
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("changed.ns").classLoader(app)
                .pluginDirectory(this.work.resolve("plugins"))
                .build();
            assertThat(manager.listNames()).containsExactly("csv");

            // a rebuild under the running application, half done: the library's class is gone for now
            Files.delete(classes.resolve("acme/lib/Json.class"));

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("failed to load: java.lang.NoClassDefFoundError: acme/lib/Json")
                .hasMessageContaining("its bundle " + bundle.toRealPath() + " changed since this JVM opened it")
                .hasMessageNotContaining("put the library's jar into");
        }
    }

    @Test
    void anUnchangedBundleMissingAClassGetsNoWordAboutChanges() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.index(this.work.resolve("index"), "[changed.ns]\ncsv = acme.csv.Missing\n");
        TestBundles.jar(plugins.resolve("acme-csv.jar"), this.work.resolve("index"), null);
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("changed.ns").classLoader(app)
                .pluginDirectory(plugins)
                .build();

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class)
                .hasMessageContaining("ClassNotFoundException: acme.csv.Missing")
                .hasMessageNotContaining("opened it");
        }
    }
}
