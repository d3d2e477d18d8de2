package dev.plux.runtime;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmptyNamespaceWarningTest {

    @TempDir
    Path temp;

    @Test
    void misspelledNamespaceIsWarnedOnceWithTheClosestDeclaredNamespaceAsTheLikelyTypo() throws Exception {
        // seen in a user trial: 'trial.startp' configured, 'trial.startup' declared; the warning offered the typo and
        // then called the annotation processor the likely cause, though the index files were there and read
        Path first = TestFiles.indexDirectory(this.temp.resolve("a"), "[trial.startup]\nhello = com.example.Hello\n");
        Path second = TestFiles.indexDirectory(this.temp.resolve("b"), "[other.things]\nx = com.example.X\n");
        try (URLClassLoader loader = TestFiles.classLoader(first, second);
                LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("trial.startp").classLoader(loader).build();

            assertThat(manager.listNames()).isEmpty();
            assertThat(manager.exists("hello")).isFalse();

            assertThat(log.warnings()).containsExactly("plux namespace 'trial.startp': no index file declares it"
                    + " (2 index files read, none has a [trial.startp] section). Likely cause: a typo: did you mean"
                    + " 'trial.startup', the closest declared namespace? Check where the namespace is set: the"
                    + " plugins' annotation or the manager's configuration. If neither is a typo, the plugins' build"
                    + " did not run the annotation processor (plux-processor).");
        }
    }

    @Test
    void twoThreadsUsingAManagerForTheFirstTimeAtOnceWarnOnce() throws Exception {
        Path first = TestFiles.indexDirectory(this.temp.resolve("a"), "[my.plugins.cli]\nhello = com.example.Hello\n");
        CountDownLatch listing = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        // a slow machine must not make the waiting thread give up and read itself
        Duration wait = PluginIndexCache.firstReadWait(Duration.ofHours(1));
        // the first listing of the index files is held, so that both threads are inside the manager's first use
        try (URLClassLoader loader = new URLClassLoader(new URL[] { TestFiles.url(first) },
                EmptyNamespaceWarningTest.class.getClassLoader()) {

            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (listing.getCount() > 0) {
                    listing.countDown();
                    try {
                        proceed.await(20, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.getResources(name);
            }
        }; LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("my.plugins.clj").classLoader(loader).build();
            Future<List<String>> one = executor.submit(manager::listNames);
            assertThat(listing.await(10, TimeUnit.SECONDS)).isTrue();
            Future<List<String>> two = executor.submit(manager::listNames);
            // inside its first use too once it waits for the index read under way: only then is the race exercised
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (PluginIndexCache.waiting(loader) == 0 && !two.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(PluginIndexCache.waiting(loader)).as("the second thread waits for the first read").isEqualTo(1);
            proceed.countDown();
            assertThat(one.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(two.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(log.warnings()).singleElement().asString().startsWith("plux namespace 'my.plugins.clj'");
        }
        finally {
            PluginIndexCache.firstReadWait(wait);
            executor.shutdownNow();
        }
    }

    @Test
    void withoutAnyIndexFileTheLikelyCauseIsTheAnnotationProcessorAlone() {
        String processor = ". Likely cause: the plugins' build did not run the annotation processor (plux-processor),"
                + " which writes META-INF/plux/entry_points.txt; add it to the annotation processor path of the module"
                + " that holds the plugins.";
        assertThat(EmptyNamespaceWarning.message("my.ns", 0, List.of()))
            .isEqualTo("plux namespace 'my.ns': no index file declares it (0 index files read: there is no"
                    + " META-INF/plux/entry_points.txt on the class path)" + processor);
        // index files read, but none declares any namespace: nothing for the namespace to be a typo of
        assertThat(EmptyNamespaceWarning.message("my.ns", 2, List.of()))
            .isEqualTo("plux namespace 'my.ns': no index file declares it (2 index files read, none has a [my.ns]"
                    + " section)" + processor);
    }

    @Test
    void aCloseDeclaredNamespaceMakesTheTypoTheLikelyCauseAndTheProcessorTheFallback() {
        String warning = EmptyNamespaceWarning.message("my.nz", 1, List.of("other.ns", "my.ns"));

        assertThat(warning).startsWith("plux namespace 'my.nz': no index file declares it (1 index file read, none"
                + " has a [my.nz] section). Likely cause: a typo: did you mean 'my.ns', the closest declared namespace?"
                + " Check where the namespace is set: the plugins' annotation or the manager's configuration.");
        // the processor advice follows the typo, not before it
        assertThat(warning.indexOf("did you mean")).isLessThan(warning.indexOf("annotation processor"));
        assertThat(warning).doesNotContain("Likely cause: the plugins' build");
    }

    @Test
    void aDeclaredNamespaceFarFromTheConfiguredOneIsNotOfferedAsATypoAndBothCausesAreGiven() {
        // 'other' shares nothing with 'my.ns': calling it the closest, "a typo?", sends the user after the wrong thing;
        // yet index files were read, so the processor is not the only likely cause either
        assertThat(EmptyNamespaceWarning.message("my.ns", 1, List.of("other")))
            .isEqualTo("plux namespace 'my.ns': no index file declares it (1 index file read, none has a [my.ns]"
                    + " section); no declared namespace is close to it (declared: 'other'). Likely cause: either the"
                    + " plugins' build did not run the annotation processor (plux-processor), which writes"
                    + " META-INF/plux/entry_points.txt (add it to the annotation processor path of the module that"
                    + " holds the plugins), or the namespace is misspelled where it is set: the plugins' annotation or"
                    + " the manager's configuration.")
            .doesNotContain("closest", "did you mean");
        assertThat(EmptyNamespaceWarning.message("my.ns", 3,
                List.of("g.six", "a.one", "f.five", "b.two", "c.three", "d.four", "a.one", "e.five")))
            .contains("no declared namespace is close to it (declared: 'a.one', 'b.two', 'c.three', 'd.four',"
                    + " 'e.five' and 2 more). Likely cause: either");
        assertThat(ClosestName.closest("my.ns", List.of("other"))).isNull();
    }

    @Test
    void aNamespaceThatDiffersOnlyInCaseIsOfferedHoweverShort() {
        // namespaces are case-sensitive, and a configured 'MY.NS' is a typo of 'my.ns' whatever its length: offered
        // before the closeness rule, it was then 'not close' (four of five characters differ)
        assertThat(ClosestName.closest("MY.NS", List.of("other", "my.ns"))).isEqualTo("my.ns");
        assertThat(ClosestName.closest("Ns", List.of("ns", "nx"))).isEqualTo("ns");
        assertThat(EmptyNamespaceWarning.message("My.Ns", 1, List.of("my.ns")))
            .contains("Likely cause: a typo: did you mean 'my.ns', the closest declared namespace?");
        assertThat(ClosestName.closest("MY.NS", List.of("other"))).isNull();
    }

    @Test
    void anEmptySectionOfTheNamespaceIsWarnedAsEmptyNamingItsFileNotAsMissing() throws Exception {
        // the header is there: "none has a [my.ns] section" would send the user after a typo that is not one
        Path empty = TestFiles.indexDirectory(this.temp.resolve("a"), "[my.ns]\n# nothing yet\n[other]\nx = com.X\n");
        Path second = TestFiles.indexDirectory(this.temp.resolve("b"), "[my.nz]\ny = com.Y\n");
        try (URLClassLoader loader = TestFiles.classLoader(empty, second);
                LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("my.ns").classLoader(loader).build();

            assertThat(manager.listNames()).isEmpty();

            // 'my.nz' is declared and close, but the header of 'my.ns' itself is there: no typo to offer
            assertThat(log.warnings()).containsExactly("plux namespace 'my.ns': no plugins declared: its [my.ns]"
                    + " section in " + TestFiles.shown(empty.resolve(TestFiles.INDEX)) + " is empty, and no other"
                    + " index file declares it (2 index files read); add a line 'name = value' below that header for"
                    + " each plugin, or, if the plugins are annotated, add the annotation processor (plux-processor)"
                    + " to their build: it fills the section.");
        }
    }

    @Test
    void anEmptySectionInAPluginDirectoryBundleIsWarnedAsEmptyToo() throws Exception {
        Path plugins = this.temp.resolve("plugins");
        TestBundles.jar(plugins.resolve("empty.jar"), TestBundles.index(this.temp.resolve("empty"), "[my.ns]\n"),
                null);
        try (URLClassLoader loader = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("my.ns")
                .classLoader(loader)
                .pluginDirectory(plugins)
                .build();

            assertThat(manager.listNames()).isEmpty();

            assertThat(log.warnings()).singleElement().asString()
                .startsWith("plux namespace 'my.ns': no plugins declared: its [my.ns] section in jar:"
                        + TestFiles.shown(plugins.resolve("empty.jar").toRealPath()) + "!/" + TestFiles.INDEX
                        + " is empty")
                .contains("(0 index files read on the class path, and 1 plugin-directory bundle)")
                .doesNotContain("none has");
        }
    }

    @Test
    void pluginJarsBuiltForPf4jAreNamedAsSuchWhenTheNamespaceIsEmpty() throws Exception {
        // a PF4J plugin jar dropped into the plugin directory: PF4J's extension index, no plux index
        Path pf4j = Files.createDirectories(this.temp.resolve("pf4j/META-INF"));
        Files.writeString(pf4j.resolve("extensions.idx"), "com.acme.hello.GermanGreeter\n");
        Path plugins = this.temp.resolve("plugins");
        TestBundles.jar(plugins.resolve("hello-plugin-1.0.0.jar"), this.temp.resolve("pf4j"), null);
        Path plux = TestBundles.index(this.temp.resolve("plux"), "[other.ns]\na = b\n");
        TestBundles.jar(plugins.resolve("plux.jar"), plux, null);
        try (URLClassLoader loader = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("my.ns")
                .classLoader(loader)
                .pluginDirectory(plugins)
                .build();

            assertThat(manager.listNames()).isEmpty();

            assertThat(log.warnings()).singleElement().asString()
                .startsWith("plux namespace 'my.ns': no index file declares it")
                .contains("1 of the 2 plugin-directory bundles is built for PF4J (PF4J's META-INF/extensions.idx,"
                        + " no META-INF/plux/entry_points.txt): "
                        + plugins.resolve("hello-plugin-1.0.0.jar").toRealPath() + "; plux reads only its own index:"
                        + " build those plugins with plux's annotations and plux-processor");
        }
    }

    @Test
    void whenEveryBundleIsBuiltForPf4jTheWarningSaysSoWithoutCountingOneOfOne() throws Exception {
        // the commonest PF4J move: the one plugin jar dropped into plugins/; then the two jars of a PF4J app
        Path pf4j = Files.createDirectories(this.temp.resolve("pf4j/META-INF"));
        Files.writeString(pf4j.resolve("extensions.idx"), "com.acme.hello.GermanGreeter\n");
        Path plugins = this.temp.resolve("plugins");
        TestBundles.jar(plugins.resolve("hello-plugin-1.0.0.jar"), this.temp.resolve("pf4j"), null);
        try (URLClassLoader loader = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager.builder("my.ns").classLoader(loader).pluginDirectory(plugins).build().listNames();
            TestBundles.jar(plugins.resolve("loud-1.0.0.jar"), this.temp.resolve("pf4j"), null);
            PluginManager.builder("my.ns").classLoader(loader).pluginDirectory(plugins).build().listNames();

            assertThat(log.warnings()).hasSize(2);
            assertThat(log.warnings().get(0)).asString()
                .contains("none has a [my.ns] section). Likely cause: the only plugin-directory bundle, "
                        + plugins.resolve("hello-plugin-1.0.0.jar").toRealPath()
                        + ", is built for PF4J (PF4J's META-INF/extensions.idx, no META-INF/plux/entry_points.txt);"
                        + " plux reads only its own index: build those plugins with plux's annotations")
                .doesNotContain("1 of the 1")
                // a plux build without the processor is not the cause here, and came first before
                .doesNotContain("did not run the annotation processor");
            assertThat(log.warnings().get(1)).asString()
                .contains(". Likely cause: both plugin-directory bundles are built for PF4J (PF4J's META-INF/extensions.idx, no"
                        + " META-INF/plux/entry_points.txt): " + plugins.resolve("hello-plugin-1.0.0.jar").toRealPath()
                        + ", " + plugins.resolve("loud-1.0.0.jar").toRealPath() + "; plux reads only its own index:"
                        + " build those plugins with plux's annotations")
                .doesNotContain("2 of the 2")
                .doesNotContain("did not run the annotation processor");
        }
    }

    @Test
    void aPluginJarWithPf4jsIndexAndARefusedPluxIndexIsNotSaidToHaveNoPluxIndex() throws Exception {
        // half migrated: PF4J's processor still on the path beside plux-processor, and the plux index refused (saved
        // as Latin-1, an error names it); its namespaces are none, but it has a plux index: the fix is that file
        Path built = this.temp.resolve("built");
        Files.createDirectories(built.resolve("META-INF/plux"));
        Files.writeString(built.resolve("META-INF/extensions.idx"), "com.acme.hello.GermanGreeter\n");
        Files.write(built.resolve(TestFiles.INDEX), "[my.ns]\ncaf\u00e9 = com.example.Cafe\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        Path plugins = this.temp.resolve("plugins");
        TestBundles.jar(plugins.resolve("hello-plugin-1.0.0.jar"), built, null);
        try (URLClassLoader loader = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager.builder("my.ns").classLoader(loader).pluginDirectory(plugins).build().listNames();

            assertThat(log.warnings()).singleElement().asString()
                .startsWith("plux namespace 'my.ns': no index file declares it")
                .doesNotContain("built for PF4J");
        }
    }

    @Test
    void theOnlyIndexFileSkippedIsNamedAsSkippedNotAsMissing() throws Exception {
        // seen while writing the upgrade guide: an index file saved as Latin-1 was refused (an error names it), and
        // then the warning said "there is no META-INF/plux/entry_points.txt on the class path", which it was
        Path classes = this.temp.resolve("a");
        Path file = classes.resolve(TestFiles.INDEX);
        Files.createDirectories(file.getParent());
        Files.write(file, "[my.ns]\ncaf\u00e9 = com.example.Cafe\n".getBytes(StandardCharsets.ISO_8859_1));
        try (URLClassLoader loader = TestFiles.classLoader(classes);
                LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("my.ns").classLoader(loader).build();

            assertThat(manager.listNames()).isEmpty();

            assertThat(log.warnings()).containsExactly("plux namespace 'my.ns': no index file declares it (0 index"
                    + " files read: 1 index file was found and skipped, see the error logged for it: "
                    + TestFiles.shown(file) + "). Likely cause: the skipped index file, which may declare it: fix"
                    + " what that error says. If it does not declare it, the plugins' build did not run the"
                    + " annotation processor (plux-processor), or the namespace is misspelled where it is set: the"
                    + " plugins' annotation or the manager's configuration.");
        }
    }

    @Test
    void aSkippedIndexFileIsNamedBesideTheFilesRead() {
        String warning = EmptyNamespaceWarning.message("my.ns", 2, 0, List.of("other"),
                List.of("file:/a/entry_points.txt", "file:/b/entry_points.txt"));

        assertThat(warning).startsWith("plux namespace 'my.ns': no index file declares it (2 index files read, none"
                + " has a [my.ns] section; 2 more were found and skipped, see the error logged for each:"
                + " file:/a/entry_points.txt, file:/b/entry_points.txt); no declared namespace is close to it"
                + " (declared: 'other'). Likely cause: the skipped index files, which may declare it:")
            .doesNotContain("there is no");
    }

    @Test
    void declaredNamespaceIsNotWarned() throws Exception {
        Path classes = TestFiles.indexDirectory(this.temp.resolve("a"), "[my.ns]\nhello = com.example.Hello\n");
        try (URLClassLoader loader = TestFiles.classLoader(classes); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.builder("my.ns").classLoader(loader).build();
            manager.listNames();

            assertThat(log.warnings()).noneMatch((warning) -> warning.contains("no index file declares"));
        }
    }

    @Test
    void closestNamespaceIsTheOneWithTheSmallestEditDistance() {
        List<String> declared = List.of("localstack.plugins.services", "my.plugins.cli", "my.plugins.clients");

        assertThat(ClosestName.closest("my.plugins.client", declared)).isEqualTo("my.plugins.clients");
        assertThat(ClosestName.closest("my.plugin.cli", declared)).isEqualTo("my.plugins.cli");
        assertThat(ClosestName.closest("localstack.plugin.service", declared))
            .isEqualTo("localstack.plugins.services");
        assertThat(ClosestName.closest("x", List.of())).isNull();
        // equal distances: the first declared wins, so the message does not change between runs
        assertThat(ClosestName.closest("ab", List.of("ax", "xb"))).isEqualTo("ax");
    }

    @Test
    void controlCharactersOfTheNamespaceAreEscaped() {
        assertThat(EmptyNamespaceWarning.message("evil\nns", 0, List.of())).doesNotContain("\n");
    }
}
