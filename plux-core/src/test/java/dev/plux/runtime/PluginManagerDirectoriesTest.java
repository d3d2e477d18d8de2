package dev.plux.runtime;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.TestPlugins;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PluginManager.Builder#pluginDirectory(Path)}: plugins from bundles next to the class path's.
 */
@Timeout(60)
class PluginManagerDirectoriesTest {

    @TempDir
    Path work;

    @Test
    void aBundlesPluginIsCreatedFromTheBundleAndReportsTheBundlesDistribution() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path jar = TestBundles.pluginJar(this.work, plugins.resolve("acme-exporters-1.2.jar"), "dirs.ns", "csv",
                "acme.csv.CsvPlugin", "\"csv\"", Map.of());
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            Plugin plugin = manager.load("csv");
            assertThat(plugin.getClass().getClassLoader()).isInstanceOf(BundleClassLoader.class);
            assertThat(plugin.getClass().getClassLoader().getParent()).isSameAs(app);
            assertThat(manager.getContainer("csv").loadValue()).isEqualTo("csv");
            assertThat(manager.getContainer("csv").distribution())
                .contains(new Distribution("acme-exporters-1.2.jar", null, TestFiles.url(jar.toRealPath())));
            assertThat(manager.getContainer("csv").bundle()).contains(jar.toRealPath());
        }
    }

    @Test
    void theClassPathComesFirstThenEachDirectoryInOrderThenBundlesByFileName() throws Exception {
        Path appIndex = TestBundles.index(this.work.resolve("app"), "[dirs.ns]\nshared = " + TestPlugins.Noop.class
            .getName() + "\n");
        Path first = this.work.resolve("first");
        Path second = this.work.resolve("second");
        TestBundles.pluginJar(this.work, first.resolve("b.jar"), "dirs.ns", "shared", "acme.b.Shared", "\"b\"", Map.of());
        TestBundles.pluginJar(this.work, first.resolve("c.jar"), "dirs.ns", "dup", "acme.c.Dup", "\"c\"", Map.of());
        TestBundles.pluginJar(this.work, first.resolve("a.jar"), "dirs.ns", "dup", "acme.a.Dup", "\"a\"", Map.of());
        TestBundles.pluginJar(this.work, second.resolve("0.jar"), "dirs.ns", "late", "acme.z.Late", "\"late\"",
                Map.of());
        try (URLClassLoader app = TestFiles.classLoader(appIndex); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(app).pluginDirectory(first)
                .pluginDirectory(second)
                .build();

            assertThat(manager.listNames()).containsExactly("shared", "dup", "late");
            assertThat(manager.load("shared")).isInstanceOf(TestPlugins.Noop.class);
            assertThat(manager.getContainer("shared").bundle()).isEmpty();
            assertThat(manager.load("dup").getClass().getName()).isEqualTo("acme.a.Dup");
            assertThat(manager.load("late").load()).isEqualTo("late");
            assertThat(log.warnings()).hasSize(2)
                .anySatisfy((warning) -> assertThat(warning).contains("dirs.ns:shared", "acme.b.Shared"))
                .anySatisfy((warning) -> assertThat(warning).contains("dirs.ns:dup", "keeping acme.a.Dup")
                    .endsWith("; names are unique in a namespace: rename one of the two (its @PluginName or index"
                            + " line), or remove the jar or directory you do not want"));
        }
    }

    @Test
    void aDuplicateAcrossTheClassPathAndABundleQuotesAtMost200CharactersOfEachValue() throws Exception {
        String longValue = "acme." + "X".repeat(1000);
        Path appIndex = TestBundles.index(this.work.resolve("app"), "[dirs.ns]\ndup = " + longValue + "\n");
        Path directory = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, directory.resolve("a.jar"), "dirs.ns", "dup", "acme.a.Dup", "\"a\"", Map.of());
        try (URLClassLoader app = TestFiles.classLoader(appIndex); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(app).pluginDirectory(directory)
                .build();
            assertThat(manager.listNames()).containsExactly("dup");
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("keeping acme." + "X".repeat(195) + "...[805 more characters]", "ignoring acme.a.Dup")
                .doesNotContain("X".repeat(201));
        }
    }

    @Test
    void aBundleRepeatingManyClassPathNamesGivesAtMostTenDuplicateWarningsThenOneWithTheCountOfTheRest()
            throws Exception {
        // SPEC, limits: one index file produces at most 10 warnings about its lines (duplicates included), then one
        // warning with the count of the rest; so does a bundle's, whose duplicates only a manager sees
        StringBuilder app = new StringBuilder("[dirs.ns]\n");
        StringBuilder bundle = new StringBuilder("[dirs.ns]\n");
        for (int i = 0; i < 15; i++) {
            app.append("p").append(i).append(" = acme.app.P").append(i).append('\n');
            bundle.append("p").append(i).append(" = acme.bundle.P").append(i).append('\n');
        }
        Path appIndex = TestBundles.index(this.work.resolve("app"), app.toString());
        Path directory = this.work.resolve("plugins");
        TestBundles.jar(directory.resolve("b.jar"), TestBundles.index(this.work.resolve("b"), bundle.toString()), null);
        try (URLClassLoader loader = TestFiles.classLoader(appIndex);
                LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(loader)
                .pluginDirectory(directory)
                .build();
            assertThat(manager.listNames()).hasSize(15);
            assertThat(manager.getContainer("p14").entryPoint().value()).isEqualTo("acme.app.P14");
            assertThat(log.warnings()).hasSize(11);
            assertThat(log.warnings().subList(0, 10)).allSatisfy((warning) -> assertThat(warning)
                .startsWith("duplicate plugin dirs.ns:p")
                .contains("ignoring acme.bundle.P", "b.jar!/META-INF/plux/entry_points.txt:"));
            assertThat(log.warnings().get(10)).contains("b.jar!/META-INF/plux/entry_points.txt",
                    "5 more warnings about lines of this file were not logged");
        }
    }

    @Test
    void aMisspelledNamespaceDeclaredOnlyByABundleIsWarnedWithTheBundlesNamespace() throws Exception {
        Path directory = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, directory.resolve("a.jar"), "acme.exporters", "csv", "acme.a.Csv", "\"a\"",
                Map.of());
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("acme.exporter").classLoader(app)
                .pluginDirectory(directory)
                .build();
            assertThat(manager.listNames()).isEmpty();
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("(0 index files read on the class path, and 1 plugin-directory bundle, none has a"
                        + " [acme.exporter] section). Likely cause: a typo: did you mean 'acme.exporters', the closest"
                        + " declared namespace?");
        }
    }

    @Test
    void theFirstUseSaysHowManyIndexFilesCameFromTheClassPathAndHowManyFromBundles() throws Exception {
        // '1 index file (class path and 1 bundle)' read as if the one file were on the class path and in a bundle
        Path directory = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, directory.resolve("a.jar"), "dirs.info", "csv", "acme.a.Csv", "\"a\"",
                Map.of());
        TestBundles.pluginJar(this.work, directory.resolve("b.jar"), "dirs.other", "x", "acme.b.X", "\"b\"",
                Map.of());
        Logger logger = (Logger) LoggerFactory.getLogger(PluginManager.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.info").classLoader(app)
                .pluginDirectory(directory)
                .build();
            assertThat(manager.listNames()).containsExactly("csv");
            assertThat(log.events()).map(ILoggingEvent::getFormattedMessage)
                .contains("plux namespace dirs.info: 1 plugin declared in 1 index file (0 on the class path, 1 in"
                        + " plugin directories, whose 2 bundles were read)");
        }
        finally {
            logger.setLevel(level);
        }
    }

    @Test
    void aNamespaceWhosePluginDirectoryIsMissingIsWarnedWithTheDirectoryAsTheLikelyCause() throws Exception {
        // the operator started the application elsewhere: the relative plugins/ is not there, and the class path has
        // no index file: the processor is not what to look at first
        Path directory = this.work.resolve("not-here");
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("acme.missing.dir").classLoader(app)
                .pluginDirectory(directory)
                .build();
            assertThat(manager.listNames()).isEmpty();
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("(0 index files read: there is no META-INF/plux/entry_points.txt on the class path, and"
                        + " the plugin directories hold no bundle: " + directory.toAbsolutePath() + " does not exist)")
                .contains("Likely cause: the plugins are not where this manager looks for them: "
                        + directory.toAbsolutePath() + " does not exist (a relative plugin directory is resolved"
                        + " against the working directory, " + Path.of("").toAbsolutePath() + ")")
                .doesNotContain("Likely cause: the plugins' build did not run");
        }
    }

    @Test
    void aNamespaceWhoseOnlyBundleCannotBeOpenedIsNotBlamedOnWhereTheDirectoryIs() throws Exception {
        // the jar is where the manager looks: telling the operator to move it there or to start elsewhere is wrong,
        // the error logged for the jar is what to fix
        Path directory = Files.createDirectories(this.work.resolve("plugins"));
        Files.writeString(directory.resolve("broken.jar"), "not a zip file");
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("acme.broken.dir").classLoader(app)
                .pluginDirectory(directory)
                .build();
            assertThat(manager.listNames()).isEmpty();
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(directory.toAbsolutePath() + " has bundles that could not be opened")
                .contains("Likely cause: the plugin directories could not be read: fix what the errors logged for"
                        + " them say (" + directory.toAbsolutePath() + " has bundles that could not be opened")
                .doesNotContain("the plugins are not where this manager looks for them")
                .doesNotContain("start the application where the directory is");
        }
    }

    @Test
    void aNamespaceWhosePluginDirectoryIsEmptyIsWarnedWithTheDirectory() throws Exception {
        Path directory = Files.createDirectories(this.work.resolve("plugins"));
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("acme.empty.dir").classLoader(app)
                .pluginDirectory(directory)
                .build();
            assertThat(manager.listNames()).isEmpty();
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("the plugin directories hold no bundle: " + directory.toAbsolutePath() + " has none"
                        + " (no *.jar, no bundle directory)")
                .contains("Likely cause: the plugins are not where this manager looks for them");
        }
    }

    @Test
    void managersOfTwoNamespacesOverOneDirectoryShareTheBundlesClasses() throws Exception {
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.shared.Registry",
                "package acme.shared; public class Registry { public static final Object TOKEN = new Object(); }",
                "acme.one.One", TestBundles.pluginSource("acme.one.One", "acme.shared.Registry.TOKEN"),
                "acme.two.Two", TestBundles.pluginSource("acme.two.Two", "acme.shared.Registry.TOKEN")));
        TestBundles.index(build, "[dirs.one]\none = acme.one.One\n[dirs.two]\ntwo = acme.two.Two\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("shared.jar"), build, null);
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> one = PluginManager.builder("dirs.one").classLoader(app).pluginDirectory(plugins)
                .build();
            PluginManager<Plugin> two = PluginManager.builder("dirs.two").classLoader(app).pluginDirectory(plugins)
                .build();

            one.load("one");
            two.load("two");
            assertThat(one.getContainer("one").loadValue()).isNotNull().isSameAs(two.getContainer("two").loadValue());
            assertThat(one.load("one").getClass().getClassLoader())
                .isSameAs(two.load("two").getClass().getClassLoader());
        }
    }

    @Test
    void aBundleCarryingItsOwnCopyOfThePluginTypeFailsNamingTheCopyAndTheBundle() throws Exception {
        String api = "package acme.api; public interface Exporter extends dev.plux.core.Plugin { }";
        Path app = TestBundles.compile(this.work.resolve("app"), Map.of("acme.api.Exporter", api));
        // the operator's mistake: the bundle was built with the plugin interface inside it
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.api.Exporter", api, "acme.csv.Csv",
                "package acme.csv; public class Csv implements acme.api.Exporter {"
                        + " public Object load(Object... args) { return 1; } }"));
        TestBundles.index(build, "[dirs.ns]\ncsv = acme.csv.Csv\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("csv-exporter.jar"), build, null);
        try (URLClassLoader loader = TestFiles.classLoader(app); LogCapture log = LogCapture.of(PluginManager.class)) {
            @SuppressWarnings("unchecked")
            Class<Plugin> exporter = (Class<Plugin>) loader.loadClass("acme.api.Exporter");
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(loader).pluginType(exporter)
                .pluginDirectory(plugins)
                .build();

            assertThatThrownBy(() -> manager.load("csv")).isInstanceOf(dev.plux.core.PluginException.class);
            assertThat(manager.getContainer("csv").initError()).hasMessageContaining(
                    "is a acme.csv.Csv, which is not a acme.api.Exporter (the plugin type of this manager)")
                .hasMessageContaining("implements another acme.api.Exporter, of class loader plux-bundle:csv-exporter.jar")
                .hasMessageContaining("remove acme.api.Exporter from the plugin's bundle");
            assertThat(manager.getContainer("csv").initError()).isInstanceOfSatisfying(
                    dev.plux.core.PluginTypeMismatchException.class, (mismatch) -> {
                        assertThat(mismatch.pluginType()).isSameAs(exporter);
                        assertThat(mismatch.pluginClass().getName()).isEqualTo("acme.csv.Csv");
                        assertThat(mismatch.copyOfPluginType()).isNotNull().isNotSameAs(exporter);
                        assertThat(mismatch.copyOfPluginType().getName()).isEqualTo("acme.api.Exporter");
                        assertThat(mismatch.copyOfPluginType().getClassLoader())
                            .isSameAs(mismatch.pluginClass().getClassLoader());
                    });
        }
    }

    @Test
    void aDirectoryOnAnotherFileSystemThanTheDefaultIsRefusedWhenGiven() throws Exception {
        // plugins packed inside the application's own jar, reached through a zip file system
        Path bundle = TestBundles.pluginJar(this.work, this.work.resolve("inner/p.jar"), "dirs.ns", "p",
                "acme.p.P", "\"p\"", Map.of());
        Path outer = TestBundles.jar(this.work.resolve("app.jar"), this.work.resolve("inner"), null);
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(outer)) {
            Path inside = zip.getPath("/");
            assertThat(Files.exists(inside.resolve(bundle.getFileName().toString()))).isTrue();

            assertThatThrownBy(() -> PluginManager.builder("dirs.ns").pluginDirectory(inside))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plugin directory")
                .hasMessageContaining(outer.getFileName().toString())
                .hasMessageContaining("default file system");
        }
    }

    @Test
    void pluginDirectoriesCannotBeCombinedWithACustomFinder() {
        PluginManager.Builder<Plugin> builder = PluginManager.<Plugin>builder("dirs.ns")
            .finder(List::of)
            .pluginDirectory(this.work);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("pluginDirectory")
            .hasMessageContaining("finder");
    }

    @Test
    void aMissingDirectoryIsAWarningAndTheClassPathStillWorks() throws Exception {
        Path appIndex = TestBundles.index(this.work.resolve("app"), "[dirs.ns]\ngood = " + TestPlugins.Noop.class
            .getName() + "\n");
        try (URLClassLoader app = TestFiles.classLoader(appIndex); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(app)
                .pluginDirectory(this.work.resolve("missing"))
                .build();

            assertThat(manager.listNames()).containsExactly("good");
            assertThat(log.warnings()).singleElement().asString().contains("missing", "does not exist");
        }
    }

    @Test
    void aNullOriginIsRefusedWithoutAddingTheDirectory() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("acme.jar"), "dirs.ns", "bundled", "acme.Bundled",
                "\"bundled\"", Map.of());
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager.Builder<Plugin> builder = PluginManager.builder("dirs.ns").classLoader(app);

            assertThatThrownBy(() -> builder.pluginDirectory(plugins, nullOrigin()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("origin");
            // nothing half-applied: the refused call added no directory
            assertThat(builder.build().listNames()).doesNotContain("bundled");
        }
    }

    @SuppressWarnings("NullAway")
    private static String nullOrigin() {
        return null;
    }

    @Test
    void aMissingDirectoryGivenWithAnOriginIsWarnedOnceNamingWhatSetIt() throws Exception {
        // the Spring layer gives plux.plugin-directories[i] and where it was set: the one warning names them
        String origin = "plux.plugin-directories[1]=missing, at class path resource [application.yml] - 4:7";
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            for (String namespace : List.of("dirs.one", "dirs.two")) {
                PluginManager<Plugin> manager = PluginManager.builder(namespace).classLoader(app)
                    .pluginDirectory(this.work.resolve("missing"), origin)
                    .build();
                assertThat(manager.listNames()).isEmpty();
            }

            assertThat(log.warnings()).singleElement().asString()
                .contains(this.work.resolve("missing").toString() + " (set by " + origin + ") does not exist");
        }
    }

    @Test
    void bundlesAreFoundOnTheManagersFirstUse() throws Exception {
        Path plugins = Files.createDirectories(this.work.resolve("plugins"));
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(app).pluginDirectory(plugins)
                .build();
            TestBundles.pluginJar(this.work, plugins.resolve("late.jar"), "dirs.ns", "late", "acme.l.Late", "1",
                    Map.of());

            assertThat(manager.listNames()).containsExactly("late");
        }
    }

    @Test
    void aBundleEntryThatFailsToResolveIsReportedLikeAnyOther() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("bad.jar"),
                TestBundles.index(this.work.resolve("bad"), "[dirs.ns]\nghost = acme.Missing\n"), null);
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            // declared from the bundle's index without looking its class up
            assertThat(manager.listNames()).containsExactly("ghost");
            assertThat(manager.getContainer("ghost").state()).isEqualTo(PluginState.DECLARED);
            assertThat(manager.getContainer("ghost").bundle()).isPresent();

            assertThat(manager.listPluginSpecs()).isEmpty();
            assertThat(manager.getContainer("ghost").state()).isEqualTo(PluginState.RESOLVE_FAILED);
            assertThat(manager.getContainer("ghost").resolveError()).hasMessageContaining("bad.jar");
            assertThat(log.warnings()).anySatisfy((warning) -> assertThat(warning).contains("bad.jar", "acme.Missing"));
        }
    }

    @Test
    void aManagerHoldsItsBundlesSoTheirLoaderOutlivesACollectionBeforeAnyPluginIsCreated() throws Exception {
        // the cache holds bundle loaders weakly: only the manager keeps the loader its first use opened, else a
        // later load would get a new loader and the plugin's class would no longer be the one other managers share
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("held.jar"), "dirs.ns", "held", "acme.held.Held",
                "\"held\"", Map.of());
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(app).pluginDirectory(plugins)
                .build();
            assertThat(manager.listNames()).containsExactly("held");
            WeakReference<ClassLoader> bundleLoader = new WeakReference<>(BundleCache.liveBundles(app)
                .get(0)
                .classLoader());

            collectGarbage();

            assertThat(bundleLoader.get()).as("the bundle's class loader while its manager lives").isNotNull();
            assertThat(manager.load("held").getClass().getClassLoader()).isSameAs(bundleLoader.get());
        }
    }

    /** Returns once the garbage collector has cleared an unreachable object's weak reference, three times over. */
    private static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            WeakReference<Object> probe = new WeakReference<>(new Object());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (probe.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(probe.get()).as("a collection within 10 s").isNull();
        }
    }

    @Test
    void theBundleLoaderAndTheParentAreCollectedOnceTheManagerAndItsPluginsAreGone() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("gc.jar"), "dirs.ns", "gc", "acme.gc.Gc", "\"gc\"", Map.of());
        WeakReference<?>[] refs = useAndForget(plugins);

        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((refs[0].get() != null || refs[1].get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(refs[0].get()).as("the bundle's class loader").isNull();
        assertThat(refs[1].get()).as("the manager's class loader").isNull();
    }

    private static WeakReference<?>[] useAndForget(Path plugins) throws Exception {
        URLClassLoader app = TestFiles.classLoader();
        PluginManager<Plugin> manager = PluginManager.builder("dirs.ns").classLoader(app).pluginDirectory(plugins)
            .build();
        Plugin plugin = manager.load("gc");
        assertThat(manager.getContainer("gc").distribution()).isPresent();
        app.close();
        return new WeakReference<?>[] { new WeakReference<>(plugin.getClass().getClassLoader()),
                new WeakReference<>(app) };
    }

    @Test
    void messagesNameAnIndexFileUnderSpacesAndNonAsciiNamesAsThePathReads() throws Exception {
        // a plugin directory named plügins or 插件 (or with a space, '#', '%'): messages named the index file by its
        // URL, pl%C3%BCgins/..., which the user finds in no file manager and no search of the log for the path
        Path plugins = this.work.resolve(TestFiles.fileName("plügins #1 100% 插件", "plugins #1 100%"));
        TestBundles.pluginJar(this.work, plugins.resolve("acme plugin+1.jar"), "dirs.odd", "p", "acme.p.P", "\"p\"",
                Map.of());
        Path broken = TestBundles.index(this.work.resolve("broken"), "[dirs.odd]\nmissing = acme.gone.Gone\n");
        String brokenJar = TestFiles.fileName("zz ü.jar", "zz +.jar");
        TestBundles.jar(plugins.resolve(brokenJar), broken, null);
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder("dirs.odd")
                .classLoader(app)
                .pluginDirectory(plugins)
                .build();

            assertThat(manager.load("p").load()).isEqualTo("p");
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("missing"))
                .withMessageContaining("jar:file:" + plugins.toRealPath().resolve(brokenJar)
                        + "!/META-INF/plux/entry_points.txt:2")
                .withMessageNotContaining(plugins.toUri().getRawPath());
        }
    }

    @Test
    void warningsAboutAnIndexFilesLinesAndAFileSkippedNameItAsThePathReads() throws Exception {
        // reading the index warns of its lines and refuses a file that is not UTF-8 before any plugin is resolved:
        // those messages named the file by its percent-encoded URL as well
        Path plugins = this.work.resolve(TestFiles.fileName("plügins 插件", "plugins #1"));
        Path lines = TestBundles.index(this.work.resolve("lines"), "stray = acme.Stray\n[dirs.lines]\n");
        String linesJar = TestFiles.fileName("a ü.jar", "a 100%.jar");
        TestBundles.jar(plugins.resolve(linesJar), lines, null);
        Path notUtf8 = this.work.resolve("latin1");
        Files.createDirectories(notUtf8.resolve("META-INF/plux"));
        Files.write(notUtf8.resolve("META-INF/plux/entry_points.txt"), new byte[] {'[', 'd', ']', '\n', (byte) 0xfc});
        String notUtf8Jar = TestFiles.fileName("b ü.jar", "b +.jar");
        TestBundles.jar(plugins.resolve(notUtf8Jar), notUtf8, null);
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginManager.builder("dirs.lines").classLoader(app).pluginDirectory(plugins).build().listNames();

            String real = plugins.toRealPath().toString();
            assertThat(log.warnings()).anySatisfy((warning) -> assertThat(warning)
                .contains("jar:file:" + real + "/" + linesJar + "!/META-INF/plux/entry_points.txt:1"));
            assertThat(log.events()).filteredOn((event) -> event.getLevel() == Level.ERROR)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy((error) -> assertThat(error)
                    .contains("jar:file:" + real + "/" + notUtf8Jar + "!/META-INF/plux/entry_points.txt is skipped"));
        }
    }

    @Test
    void anIndexFileLocationIsDecodedAndItsControlCharactersEscaped() throws Exception {
        assertThat(IndexFileNames.describe(new URL("jar:file:/srv/pl%C3%BCgins/a%20b%23%25+.jar!/META-INF/x.txt")))
            .isEqualTo("jar:file:/srv/plügins/a b#%+.jar!/META-INF/x.txt");
        assertThat(IndexFileNames.describe(new URL("file:/srv/a%0Ab/x.txt"))).isEqualTo("file:/srv/a\\u000ab/x.txt");
        assertThat(IndexFileNames.describe(new URL("file:/srv/plain/x.txt"))).isEqualTo("file:/srv/plain/x.txt");
        assertThat(IndexFileNames.describe(new URL("http://host/a%20b"))).isEqualTo("http://host/a%20b");
        // an unencoded '#': which part is the path is not certain, so the URL itself names the file, never nothing
        assertThat(IndexFileNames.describe(new URL("file:/srv/a%20b/#1/x.txt"))).isEqualTo("file:/srv/a%20b/#1/x.txt");
        // escapes that are no UTF-8 (a Latin-1 file name) would decode to U+FFFD, which names no file
        assertThat(IndexFileNames.describe(new URL("file:/srv/pl%FCgins/x.txt"))).isEqualTo("file:/srv/pl%FCgins/x.txt");
        assertThat(IndexFileNames.describe(null)).isEqualTo("<code>");
    }

    @Test
    void anIndexFileInAJarNestedInASpringBootJarIsNamedAsItsPathReads() throws Exception {
        // a Spring Boot application's class path: jar:nested:<jar>/!BOOT-INF/lib/<jar>!/<entry>, its path
        // percent-encoded as a file: URL's is; it was named encoded (Spring Boot's loader, which handles nested:,
        // is not on this class path: a handler of its own stands in, as the URL's text is all that is read)
        URLStreamHandler nested = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
                throw new UnsupportedOperationException();
            }
        };
        assertThat(IndexFileNames.describe(new URL(null, "jar:nested:/opt/my%20app/pl%C3%BCgins.jar/!BOOT-INF/lib/"
                + "x%2B1.jar!/META-INF/plux/entry_points.txt", nested)))
            .isEqualTo("jar:nested:/opt/my app/plügins.jar/!BOOT-INF/lib/x+1.jar!/META-INF/plux/entry_points.txt");
        // '+' is no space in a URL; %25 is '%', once; an invalid escape leaves the URL as it is; a Windows path
        assertThat(IndexFileNames.describe(new URL("file:/srv/a+b%2520/x.txt"))).isEqualTo("file:/srv/a+b%20/x.txt");
        assertThat(IndexFileNames.describe(new URL("file:/srv/a%zz%20/x.txt"))).isEqualTo("file:/srv/a%zz%20/x.txt");
        assertThat(IndexFileNames.describe(new URL("jar:file:/C:/Program%20Files/app/plugins/a.jar!/META-INF/x.txt")))
            .isEqualTo("jar:file:/C:/Program Files/app/plugins/a.jar!/META-INF/x.txt");
    }

    @Test
    void anIndexFileLocationWhoseEscapesAreNoUtf8IsNamedAsItIs() throws Exception {
        // a file name of Latin-1 bytes (%FC, an ü written by an older system) decodes to no text: named as it was,
        // not with U+FFFD, which matches nothing the user searches for
        assertThat(IndexFileNames.describe(new URL("jar:file:/srv/pl%FCgins/a%20b.jar!/META-INF/x.txt")))
            .isEqualTo("jar:file:/srv/pl%FCgins/a%20b.jar!/META-INF/x.txt");
    }
}
