package dev.plux.runtime;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;

import dev.plux.QuietLogs;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SignatureCopies}: a bundle that carries its own copy of a type the application's plugin interface uses in
 * its methods (what a fat jar of the plugin holds: the library behind the interface's return type) cannot
 * implement that interface. The JVM says so with a {@code LinkageError} (loader constraint violation) when the
 * plugin is created, when it is called, or in the application's own code later, depending on which loader loaded
 * the type first and on the plugin's bytecode; plux fails the plugin when it is created, naming the copy, the
 * method and what to remove.
 */
@Timeout(60)
class SignatureCopiesTest {

    private static final String DOC = "package acme.lib; public class Doc { public String text() { return \"doc\"; } }";

    private static final String EXPORTER = "package acme.api;"
            + " public interface Exporter extends dev.plux.core.Plugin { acme.lib.Doc export(); }";

    @RegisterExtension
    final QuietLogs quiet = new QuietLogs(PluginManager.class);

    @TempDir
    Path work;

    @Test
    void aBundleCarryingACopyOfATypeOfThePluginInterfacesMethodsFailsNamingItWhenTheApplicationHasLoadedIt()
            throws Exception {
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                EXPORTER));
        Path plugins = fatBundle();
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            Class<?> exporter = loader.loadClass("acme.api.Exporter");
            loader.loadClass("acme.lib.Doc");
            PluginManager<Plugin> manager = manager(loader, exporter, plugins);

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class);
            assertCopyNamed(manager);
        }
    }

    @Test
    void aBundleCarryingACopyOfATypeOfThePluginInterfacesMethodsFailsAlsoWhenTheApplicationHasNotLoadedItYet()
            throws Exception {
        // without the check the plugin loaded, and the application's first use of acme.lib.Doc failed later with a
        // LinkageError in its own code, naming the bundle's loader but no plugin
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                EXPORTER));
        Path plugins = fatBundle();
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            Class<?> exporter = loader.loadClass("acme.api.Exporter");
            PluginManager<Plugin> manager = manager(loader, exporter, plugins);

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class);
            assertCopyNamed(manager);
            // the application's own copy still loads: the plugin was never linked against the bundle's
            assertThat(loader.loadClass("acme.lib.Doc").getClassLoader()).isSameAs(loader);
        }
    }

    @Test
    void aBundlesOwnCopyOfALibraryThePluginInterfaceDoesNotUseIsItsOwnBusiness() throws Exception {
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                "package acme.api; public interface Exporter extends dev.plux.core.Plugin { String export(); }"));
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                "package acme.api; public interface Exporter extends dev.plux.core.Plugin { String export(); }",
                "acme.csv.Csv", "package acme.csv; public class Csv implements acme.api.Exporter {"
                        + " public String export() { return new acme.lib.Doc().text(); } }"));
        Path plugins = bundle(build, "acme.csv.Csv", "acme/api/Exporter.class");
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            Class<?> exporter = loader.loadClass("acme.api.Exporter");
            loader.loadClass("acme.lib.Doc");
            PluginManager<Plugin> manager = manager(loader, exporter, plugins);

            assertThat(manager.load("csv").getClass().getClassLoader()).isInstanceOf(BundleClassLoader.class);
        }
    }

    @Test
    void aBundleWhoseIndexNamesAClassOfTheApplicationIsNotHeldToTheBundlesCopies() throws Exception {
        // the plugin class comes from the parent, so the bundle's copy of acme.lib.Doc is never in its way
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                EXPORTER, "acme.app.AppCsv", "package acme.app; public class AppCsv implements acme.api.Exporter {"
                        + " public acme.lib.Doc export() { return new acme.lib.Doc(); } }"));
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.lib.Doc", DOC));
        Path plugins = bundle(build, "acme.app.AppCsv");
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            Class<?> exporter = loader.loadClass("acme.api.Exporter");
            PluginManager<Plugin> manager = manager(loader, exporter, plugins);

            assertThat(manager.load("csv").getClass().getClassLoader()).isSameAs(loader);
        }
    }

    @Test
    void aPluginWhoseApplicationBaseClassMentionsAnAbsentOptionalTypeStillLoads() throws Exception {
        // the application's base class has a method using a type of an optional library that is not on the class
        // path: reflection on its methods fails with NoClassDefFoundError; the JVM itself never minds, as long as
        // nobody calls that method, so neither may the check (it failed the plugin's init with that error)
        String base = "package acme.api; public abstract class Base implements dev.plux.core.Plugin {"
                + " public abstract String export();"
                + " public void tune(acme.opt.Extra extra) { } }";
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of("acme.api.Base", base, "acme.opt.Extra",
                "package acme.opt; public class Extra { }"));
        delete(app.resolve("acme/opt/Extra.class"));
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.api.Base", base, "acme.opt.Extra",
                "package acme.opt; public class Extra { }", "acme.csv.Csv", "package acme.csv;"
                        + " public class Csv extends acme.api.Base { public String export() { return \"csv\"; } }"));
        Path plugins = bundle(build, "acme.csv.Csv", "acme/api/Base.class", "acme/opt/Extra.class");
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            Class<?> baseType = loader.loadClass("acme.api.Base");
            PluginManager<Plugin> manager = manager(loader, baseType, plugins);

            assertThat(manager.load("csv").getClass().getClassLoader()).isInstanceOf(BundleClassLoader.class);
        }
    }

    @Test
    void aMethodAnApplicationBaseClassImplementsAlreadyIsNotHeldAgainstTheBundlesCopy() throws Exception {
        // the plugin extends the application's adapter, which implements export() itself; the plugin does not
        // override it, so its bundle's copy of acme.lib.Doc (used inside the plugin only) never meets the
        // application's: the JVM loads it fine, and so must the check (it said 'cannot implement acme.api.Exporter')
        String adapter = "package acme.api; public abstract class Adapter implements acme.api.Exporter {"
                + " public acme.lib.Doc export() { return new acme.lib.Doc(); } public abstract String name(); }";
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                EXPORTER, "acme.api.Adapter", adapter));
        Path plugins = adapterBundle(adapter, "package acme.csv;"
                + " public class Csv extends acme.api.Adapter {"
                + " public String name() { return new acme.lib.Doc().text(); } }");
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            Class<?> exporter = loader.loadClass("acme.api.Exporter");
            loader.loadClass("acme.lib.Doc");
            PluginManager<Plugin> manager = manager(loader, exporter, plugins);

            Plugin plugin = manager.load("csv");

            assertThat(plugin.getClass().getClassLoader()).isInstanceOf(BundleClassLoader.class);
            assertThat(plugin.getClass().getMethod("name").invoke(plugin)).isEqualTo("doc");
        }
    }

    @Test
    void aPluginThatOverridesTheApplicationBaseClassesMethodWithItsCopyStillFailsNamingIt() throws Exception {
        String adapter = "package acme.api; public abstract class Adapter implements acme.api.Exporter {"
                + " public acme.lib.Doc export() { return new acme.lib.Doc(); } }";
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                EXPORTER, "acme.api.Adapter", adapter));
        Path plugins = adapterBundle(adapter, "package acme.csv;"
                + " public class Csv extends acme.api.Adapter {"
                + " @Override public acme.lib.Doc export() { return new acme.lib.Doc(); } }");
        try (URLClassLoader loader = TestFiles.classLoader(app)) {
            Class<?> exporter = loader.loadClass("acme.api.Exporter");
            loader.loadClass("acme.lib.Doc");
            PluginManager<Plugin> manager = manager(loader, exporter, plugins);

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(PluginException.class);
            assertCopyNamed(manager);
        }
    }

    /** A jar bundle built as a fat jar: the plugin with a copy of the library the plugin interface returns. */
    private Path fatBundle() {
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                EXPORTER, "acme.csv.Csv", "package acme.csv; public class Csv implements acme.api.Exporter {"
                        + " public acme.lib.Doc export() { return new acme.lib.Doc(); } }"));
        // the plugin interface itself is left out, as the README says; the library it uses is not
        return bundle(build, "acme.csv.Csv", "acme/api/Exporter.class");
    }

    /**
     * A fat jar of plugin {@code acme.csv.Csv} (the source given) built against the application's {@code Exporter}
     * and {@code Adapter} (the source given), both left out of the jar; the jar keeps its copy of {@code Doc}.
     */
    private Path adapterBundle(String adapter, String csv) {
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.lib.Doc", DOC, "acme.api.Exporter",
                EXPORTER, "acme.api.Adapter", adapter, "acme.csv.Csv", csv));
        return bundle(build, "acme.csv.Csv", "acme/api/Exporter.class", "acme/api/Adapter.class");
    }

    /**
     * The built classes as the jar bundle {@code csv-exporter.jar} of a plugin directory, plugin {@code csv} of
     * {@code copies.ns}, without the application's classes given (a plugin built with them {@code provided}).
     */
    private Path bundle(Path build, String pluginClass, String... leftOut) {
        for (String file : leftOut) {
            delete(build.resolve(file));
        }
        TestBundles.index(build, "[copies.ns]\ncsv = " + pluginClass + "\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("csv-exporter.jar"), build, null);
        return plugins;
    }

    private static void delete(Path file) {
        try {
            java.nio.file.Files.delete(file);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static PluginManager<Plugin> manager(ClassLoader loader, Class<?> pluginType, Path plugins) {
        return PluginManager.builder("copies.ns").classLoader(loader).pluginType((Class<Plugin>) pluginType)
            .pluginDirectory(plugins)
            .build();
    }

    private void assertCopyNamed(PluginManager<Plugin> manager) {
        // the bundle's whole path: two plugin directories may hold jars of the same name
        assertThat(manager.getContainer("csv").initError()).isNotNull()
            .hasMessageContaining("plugin copies.ns:csv")
            .hasMessageContaining("its bundle carries its own copy of acme.lib.Doc, of class loader"
                    + " plux-bundle:csv-exporter.jar (bundle " + this.work.resolve("plugins/csv-exporter.jar") + ")")
            .hasMessageContaining("acme.api.Exporter.export()")
            .hasMessageContaining("remove acme.lib.Doc (or the library holding it) from the plugin's bundle or jar");
    }
}
