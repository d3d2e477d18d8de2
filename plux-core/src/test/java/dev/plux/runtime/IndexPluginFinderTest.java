package dev.plux.runtime;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.core.ClassPluginFactory;
import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;

@Timeout(30)
class IndexPluginFinderTest {

    private static final String ALPHA = AlphaPlugin.class.getName();

    private static final String BETA = BetaPlugin.class.getName();

    @TempDir
    Path directory;

    @Test
    void findPluginsResolvesEveryNamespace() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[one]\nalpha = " + ALPHA + "\n[two]\nbeta = " + BETA + "\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            List<PluginSpec> specs = new IndexPluginFinder(loader).findPlugins();
            assertThat(specs).extracting(PluginSpec::namespace, PluginSpec::name, PluginSpec::value)
                .containsExactly(tuple("one", "alpha", ALPHA), tuple("two", "beta", BETA));
            assertThat(specs.get(0).factory()).isEqualTo(new ClassPluginFactory(AlphaPlugin.class));
        }
    }

    @Test
    void findPluginsLeavesOutAndLogsEntriesThatFail() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), """
                [one]
                alpha = %s
                missing = com.example.DoesNotExist
                broken
                notAPlugin = java.lang.String
                beta = %s
                """.formatted(ALPHA, BETA));
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(IndexPluginFinder.class);
                LogCapture read = LogCapture.of(PluginIndex.class)) {
            List<PluginSpec> specs = new IndexPluginFinder(loader).findPlugins();
            assertThat(specs).extracting(PluginSpec::name).containsExactly("alpha", "beta");
            assertThat(log.warnings()).hasSize(2)
                .anySatisfy((message) -> assertThat(message).contains(":3", "one:missing",
                        "ClassNotFoundException"))
                .anySatisfy((message) -> assertThat(message).contains(":5", "one:notAPlugin"));
            // a line without a usable name is a parse problem: warned once, when the file was read
            assertThat(read.warnings()).singleElement()
                .asString()
                .contains(":4", "malformed entry in namespace one", "'broken'");
        }
    }

    @Test
    void findPluginsWarnsOfLinesWithoutAUsableNameNoMoreThanTheFilesCap() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[one]\nalpha = " + ALPHA + "\n" + "typo\n".repeat(30) + "empty =\n");
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(IndexPluginFinder.class);
                LogCapture read = LogCapture.of(PluginIndex.class)) {
            IndexPluginFinder finder = new IndexPluginFinder(loader);
            assertThat(finder.findPlugins()).extracting(PluginSpec::name).containsExactly("alpha");
            assertThat(finder.findPlugins()).hasSize(1);
            assertThat(read.warnings()).hasSize(11);
            assertThat(read.warnings().get(10)).contains("20 more warnings");
            // a declared entry with a bad value fails to resolve, and is warned as such, once
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(":33", "the value after '=' is empty");
        }
    }

    @Test
    void anEntryWithABadValueIsWarnedOncePerReadingOfItsFileHoweverOftenPluginsAreFound() throws IOException {
        // as a line without a usable name is: a parse problem of the file, not news on every call
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[one]\nalpha = " + ALPHA + "\nempty =\n");
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(IndexPluginFinder.class)) {
            IndexPluginFinder finder = new IndexPluginFinder(loader);
            for (int i = 0; i < 3; i++) {
                assertThat(finder.findPlugins()).extracting(PluginSpec::name).containsExactly("alpha");
                assertThat(new IndexPluginFinder(loader).findPlugins()).hasSize(1);
            }
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(":3", "malformed entry in [one]", "the value after '=' is empty");

            // the files read again: a new reading, whose problems are warned again
            IndexPluginFinder.refresh(loader);
            assertThat(new IndexPluginFinder(loader).findPlugins()).hasSize(1);
            assertThat(log.warnings()).hasSize(2);
        }
    }


    @Test
    void anEntryThatCannotBeResolvedIsWarnedOncePerReadingOfItsFileHoweverOftenPluginsAreFound() throws IOException {
        // SPEC: resolution failures are logged once each; an unknown class is news once, not on every call
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[one]\nalpha = " + ALPHA + "\nmissing = com.example.DoesNotExist\nnotAPlugin = java.lang.String\n");
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(IndexPluginFinder.class)) {
            IndexPluginFinder finder = new IndexPluginFinder(loader);
            for (int i = 0; i < 3; i++) {
                assertThat(finder.findPlugins()).extracting(PluginSpec::name).containsExactly("alpha");
                assertThat(new IndexPluginFinder(loader).findPlugins()).hasSize(1);
            }
            assertThat(log.warnings()).hasSize(2)
                .anySatisfy((message) -> assertThat(message).contains(":3", "cannot resolve plugin one:missing",
                        "ClassNotFoundException"))
                .anySatisfy((message) -> assertThat(message).contains(":4", "cannot resolve plugin one:notAPlugin"));

            // the files read again: a new reading, whose failures are warned again
            IndexPluginFinder.refresh(loader);
            assertThat(new IndexPluginFinder(loader).findPlugins()).hasSize(1);
            assertThat(log.warnings()).hasSize(4);
        }
    }
    @Test
    void entryPointsOfANamespaceComeInClassPathOrderWithTheFirstOfEachName() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[ns]\nzeta = com.first.Zeta\nalpha = com.first.Alpha\n");
        Path second = TestFiles.jar(this.directory.resolve("second.jar"), null,
                Map.of(TestFiles.INDEX, "[ns]\nalpha = com.second.Alpha\nbeta = com.second.Beta\n"));
        try (URLClassLoader loader = TestFiles.classLoader(first, second);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            List<EntryPoint> entryPoints = new IndexPluginFinder(loader).entryPoints("ns");
            assertThat(log.warnings()).singleElement().asString().contains("duplicate plugin ns:alpha");
            assertThat(entryPoints).extracting(EntryPoint::name, EntryPoint::value)
                .containsExactly(tuple("zeta", "com.first.Zeta"), tuple("alpha", "com.first.Alpha"),
                        tuple("beta", "com.second.Beta"));
            assertThat(entryPoints.get(0).source()).isNotNull();
            assertThat(entryPoints.get(2).source().toExternalForm()).contains("second.jar!/");
        }
    }

    // plux: tests/runtime/test_cache.py::test_cache_get_entry_points (plux's cache is keyed by sys.path; this one by
    // class loader). Its test_cache_get_entry_points_creates_parseable_file checks plux's on-disk copy of the index,
    // which plux for Java does not write: the index is kept in memory only (README, Coming from Python plux)
    @Test
    void findersOverTheSameClassLoaderShareTheIndex() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\nalpha = " + ALPHA + "\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            IndexPluginFinder finder = new IndexPluginFinder(loader);
            assertThat(finder.entryPoints("ns")).extracting(EntryPoint::name).containsExactly("alpha");
            assertThat(finder.index()).isSameAs(new IndexPluginFinder(loader).index());
            assertThat(new IndexPluginFinder(loader).entryPoints("ns")).isEqualTo(finder.entryPoints("ns"));
            assertThat(finder.classLoader()).isSameAs(loader);
        }
    }

    @Test
    void unknownNamespaceHasNoEntryPoints() throws IOException {
        try (URLClassLoader loader = TestFiles.classLoader(this.directory)) {
            assertThat(new IndexPluginFinder(loader).entryPoints("none")).isEmpty();
            assertThat(new IndexPluginFinder(loader).findPlugins()).isEmpty();
        }
    }

    @Test
    void classThatCannotBeLinkedIsLeftOutInsteadOfCrashing() throws IOException {
        Path classes = this.directory.resolve("classes");
        TestFiles.compile(classes, Map.of("gen.Base", """
                package gen;
                public abstract class Base implements dev.plux.core.Plugin {
                }
                """, "gen.Broken", """
                package gen;
                public class Broken extends Base {
                }
                """));
        Files.delete(classes.resolve("gen/Base.class"));
        TestFiles.indexDirectory(classes, "[ns]\nbroken = gen.Broken\nalpha = " + ALPHA + "\n");
        try (URLClassLoader loader = TestFiles.classLoader(classes);
                LogCapture log = LogCapture.of(IndexPluginFinder.class)) {
            assertThat(new IndexPluginFinder(loader).findPlugins()).extracting(PluginSpec::name)
                .containsExactly("alpha");
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("ns:broken", "NoClassDefFoundError", "gen/Base");
        }
    }

    @Test
    void findPluginsSurvivesAnErrorFromOneFactoryMethodAndReturnsTheOtherEntries() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), """
                [one]
                alpha = %s
                failing = %s:failing
                [two]
                beta = %s
                """.formatted(ALPHA, Holder.class.getName(), BETA));
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(IndexPluginFinder.class)) {
            assertThat(new IndexPluginFinder(loader).findPlugins()).extracting(PluginSpec::name)
                .containsExactly("alpha", "beta");
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(":3", "one:failing", "AssertionError", "factory method failed");
        }
    }

    @Test
    void findPluginsLetsAVirtualMachineErrorThrough() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[one]\noverflow = " + Holder.class.getName() + ":overflow\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            assertThatExceptionOfType(StackOverflowError.class)
                .isThrownBy(() -> new IndexPluginFinder(loader).findPlugins());
        }
    }

    @Test
    void refreshNeedsAClassLoader() {
        assertThatNullPointerException().isThrownBy(() -> IndexPluginFinder.refresh(null));
    }

    @Test
    void classLoaderIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new IndexPluginFinder(null));
    }

    public static class AlphaPlugin implements Plugin {
    }

    public static class Holder {

        public static PluginSpec failing() {
            throw new AssertionError("factory method failed");
        }

        public static PluginSpec overflow() {
            throw new StackOverflowError("deep");
        }
    }

    public static class BetaPlugin implements Plugin {
    }
}
