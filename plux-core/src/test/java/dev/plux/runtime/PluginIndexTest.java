package dev.plux.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.plux.LogCapture;
import dev.plux.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@Timeout(30)
class PluginIndexTest {

    @TempDir
    Path directory;

    @Test
    void readsEveryIndexFileInClassPathOrder() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.first.A\n");
        Path second = TestFiles.jar(this.directory.resolve("second.jar"), null,
                Map.of(TestFiles.INDEX, "[ns]\nb = com.second.B\n[other]\nc = com.second.C\n"));
        try (URLClassLoader loader = TestFiles.classLoader(first, second)) {
            PluginIndex index = PluginIndex.read(loader);
            assertThat(index.files()).hasSize(2);
            assertThat(index.files().get(0).toExternalForm()).startsWith(TestFiles.url(first).toExternalForm());
            assertThat(index.files().get(1).toExternalForm()).startsWith("jar:").contains("second.jar!/");
            assertThat(index.entries("ns")).extracting((e) -> e.entryPoint().name(), (e) -> e.entryPoint().value())
                .containsExactly(tuple("a", "com.first.A"), tuple("b", "com.second.B"));
            assertThat(index.entries("other")).extracting((e) -> e.entryPoint().value()).containsExactly("com.second.C");
            assertThat(index.namespaces()).containsExactly("ns", "other");
            assertThat(index.fileCount("ns")).isEqualTo(2);
            assertThat(index.fileCount("other")).isEqualTo(1);
        }
    }

    @Test
    void managersOfOneNamespaceShareItsParsedEntries() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.first.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            PluginManager<?> one = PluginManager.builder("ns").classLoader(loader).build();
            PluginManager<?> two = PluginManager.builder("ns").classLoader(loader).build();
            // one EntryPoint for both: a declared plugin costs a further manager only its container
            assertThat(two.getContainer("a").entryPoint()).isSameAs(one.getContainer("a").entryPoint());
        }
    }

    @Test
    void unknownNamespaceHasNoEntries() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.first.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            assertThat(PluginIndex.read(loader).entries("nope")).isEmpty();
        }
    }

    @Test
    void firstDeclarationOfANameWinsAndTheDuplicateIsLoggedWithBothSources() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\nsame = com.first.Same\n");
        Path second = TestFiles.jar(this.directory.resolve("second.jar"), null,
                Map.of(TestFiles.INDEX, "[ns]\nother = com.second.Other\nsame = com.second.Same\n"));
        try (URLClassLoader loader = TestFiles.classLoader(first, second);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex index = PluginIndex.read(loader);
            assertThat(index.entries("ns")).extracting((e) -> e.entryPoint().name(), (e) -> e.entryPoint().value())
                .containsExactly(tuple("same", "com.first.Same"), tuple("other", "com.second.Other"));
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("duplicate plugin ns:same", "com.first.Same", "com.second.Same",
                        TestFiles.shown(first) + TestFiles.INDEX + ":2", "second.jar!/"
                                + TestFiles.INDEX + ":3")
                .endsWith("; names are unique in a namespace: rename one of the two (its @PluginName or index line),"
                        + " or remove the jar or directory you do not want");
        }
    }

    @Test
    void theDuplicateWarningNamesTheFileOfTheKeptEntryAlsoWhenItIsNotTheFirstFile() throws IOException {
        // SPEC: the warning names both sources; the kept entry's file is looked up by its own index, not the first
        Path unrelated = TestFiles.indexDirectory(this.directory.resolve("unrelated"), "[other]\nx = com.x.X\n");
        Path kept = TestFiles.indexDirectory(this.directory.resolve("kept"), "[ns]\nsame = com.kept.Same\n");
        Path ignored = TestFiles.indexDirectory(this.directory.resolve("ignored"), "[ns]\n\nsame = com.ignored.Same\n");
        try (URLClassLoader loader = TestFiles.classLoader(unrelated, kept, ignored);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex.read(loader);
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("keeping com.kept.Same from " + TestFiles.shown(kept) + TestFiles.INDEX
                        + ":2", "ignoring com.ignored.Same from " + TestFiles.shown(ignored)
                        + TestFiles.INDEX + ":3")
                .doesNotContain(TestFiles.shown(unrelated));
        }
    }

    @Test
    void theSameFileReachedTwiceIsReadOnceWithoutDuplicateWarnings() throws IOException {
        // a child loader listing its parent's directory again (as devtools' restart loader does), a symbolic link to
        // a jar and a path with "./" in it: each the same file, which declares no plugin twice
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\na = com.x.A\nb = com.x.B\n");
        Path jar = TestFiles.jar(this.directory.resolve("lib/p.jar"), null,
                Map.of(TestFiles.INDEX, "[ns]\nj = com.x.J\n"));
        Path link = Files.createSymbolicLink(this.directory.resolve("link.jar"), jar);
        try (URLClassLoader parent = TestFiles.classLoader(classes, jar);
                URLClassLoader child = new URLClassLoader(new URL[] { TestFiles.url(classes), TestFiles.url(link),
                        new URL(TestFiles.url(this.directory) + "lib/./p.jar") }, parent);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            assertThat(Collections.list(child.getResources(TestFiles.INDEX))).hasSize(5);
            PluginIndex index = PluginIndex.read(child);
            assertThat(index.files()).extracting(URL::toExternalForm)
                .containsExactly(TestFiles.url(classes) + TestFiles.INDEX,
                        "jar:" + TestFiles.url(jar) + "!/" + TestFiles.INDEX);
            assertThat(index.entries("ns")).extracting((e) -> e.entryPoint().name()).containsExactly("a", "b", "j");
            assertThat(index.fileCount("ns")).isEqualTo(2);
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void aFileThatCannotBeReadAndIsReachedTwiceIsReportedOnce() throws IOException {
        Path classes = this.directory.resolve("classes");
        Files.createDirectories(classes.resolve(TestFiles.INDEX));
        try (LogCapture log = LogCapture.of(PluginIndex.class)) {
            List<URL> twice = List.of(TestFiles.url(classes.resolve(TestFiles.INDEX)),
                    TestFiles.url(classes.resolve(TestFiles.INDEX)));
            assertThat(PluginIndex.read(twice).files()).isEmpty();
            assertThat(log.events()).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.ERROR);
        }
    }

    @Test
    void sameNameInDifferentNamespacesIsNoDuplicate() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[a]\nx = com.A\n[b]\nx = com.B\n");
        try (URLClassLoader loader = TestFiles.classLoader(first); LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex index = PluginIndex.read(loader);
            assertThat(index.entries("a")).hasSize(1);
            assertThat(index.entries("b")).hasSize(1);
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void malformedEntriesAreKeptSoTheyCanBeReported() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\nbroken\nbroken = com.x.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            assertThat(PluginIndex.read(loader).entries("ns")).extracting(IndexEntry::malformed, IndexEntry::declared)
                .containsExactly(tuple("expected 'name = value'", false), tuple(null, true));
        }
    }

    @Test
    void aDeclaredEntryWithABadValueTakesItsNameAndLaterDuplicatesAreIgnored() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na =\na = com.x.A\n");
        try (LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex index = PluginIndex.read(List.of(TestFiles.url(first.resolve(TestFiles.INDEX))));
            assertThat(index.entries("ns")).extracting(IndexEntry::line, IndexEntry::malformed)
                .containsExactly(tuple(2, "the value after '=' is empty"));
            assertThat(log.warnings()).singleElement().asString().contains(":3: duplicate plugin ns:a");
        }
    }

    @Test
    void aLineWithoutAUsableNameIsWarnedWithItsFileAndLineAndWhatIsWrong() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[ns]\nok = com.x.A\ntypo com.x.B\n = com.x.C\n");
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex.read(loader);
            // never declared, so no manager logs them when it resolves: the read is where a user learns of them
            assertThat(log.warnings()).satisfiesExactly(
                    (warning) -> assertThat(warning).contains("entry_points.txt:3: malformed entry in namespace ns",
                            "expected 'name = value'", "'typo com.x.B'"),
                    (warning) -> assertThat(warning).contains("entry_points.txt:4: malformed entry in namespace ns",
                            "the name before '=' is empty"));
        }
    }

    @Test
    void linesWithoutAUsableNameCountTowardsTheCapOfTheirFile() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\n" + "typo\n".repeat(30));
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            assertThat(PluginIndex.read(loader).entries("ns")).hasSize(30);
            assertThat(log.warnings()).hasSize(11);
            assertThat(log.warnings().get(10)).contains("20 more warnings");
        }
    }

    @Test
    void readsAnExplicitListOfIndexFilesInOrder() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.first.A\n");
        Path second = TestFiles.indexDirectory(this.directory.resolve("second"), "[ns]\nb = com.second.B\n");
        URL secondFile = TestFiles.url(second.resolve(TestFiles.INDEX));
        PluginIndex index = PluginIndex.read(List.of(secondFile, TestFiles.url(first.resolve(TestFiles.INDEX))));
        assertThat(index.files()).first().isEqualTo(secondFile);
        assertThat(index.entries("ns")).extracting((e) -> e.entryPoint().name()).containsExactly("b", "a");
    }

    @Test
    void aRefusedFileIsSkippedWithOneErrorNamingItAndTheOtherFilesAreRead() throws IOException {
        Path utf16 = this.directory.resolve("utf16");
        Files.createDirectories(utf16.resolve(TestFiles.INDEX).getParent());
        Files.write(utf16.resolve(TestFiles.INDEX), "[ns]\nbad = com.x.Bad\n".getBytes(StandardCharsets.UTF_16));
        Path good = TestFiles.indexDirectory(this.directory.resolve("good"), "[ns]\ngood = com.x.Good\n");
        try (URLClassLoader loader = TestFiles.classLoader(utf16, good);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex index = PluginIndex.read(loader);
            assertThat(index.entries("ns")).extracting((e) -> e.entryPoint().name()).containsExactly("good");
            assertThat(index.files()).hasSize(1);
            assertThat(log.events()).singleElement().satisfies((event) -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains(TestFiles.shown(utf16), "UTF-16");
            });
        }
    }

    @Test
    void aFileWhoseIdentityCannotBeToldIsSkippedWithOneErrorNamingItAndTheOtherFilesAreRead() throws IOException {
        // telling whether a file was read already asks its URL's stream handler (a custom protocol's code), which
        // may fail: that costs this one file, never the whole read
        Path broken = TestFiles.indexDirectory(this.directory.resolve("broken"), "[ns]\nbad = com.x.Bad\n");
        Path good = TestFiles.indexDirectory(this.directory.resolve("good"), "[ns]\ngood = com.x.Good\n");
        AtomicBoolean failOnce = new AtomicBoolean(true);
        URLStreamHandler handler = new URLStreamHandler() {

            @Override
            protected URLConnection openConnection(URL url) throws IOException {
                return new URL("file", "", url.getPath()).openConnection();
            }

            @Override
            protected String toExternalForm(URL url) {
                if (failOnce.getAndSet(false)) {
                    throw new UncheckedIOException(new IOException("handler lost its connection"));
                }
                return super.toExternalForm(url);
            }
        };
        URL brokenFile = new URL(null, "plux-test:" + TestFiles.url(broken.resolve(TestFiles.INDEX)).getPath(),
                handler);
        try (LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex index = PluginIndex.read(List.of(brokenFile, TestFiles.url(good.resolve(TestFiles.INDEX))));

            assertThat(index.entries("ns")).extracting((e) -> e.entryPoint().name()).containsExactly("good");
            assertThat(log.events()).singleElement().satisfies((event) -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("plux-test:", "broken", "skipped");
            });
        }
    }

    @Test
    void aDirectoryAtTheIndexPathOfAClassesDirectoryIsSkipped() throws IOException {
        Path classes = this.directory.resolve("classes");
        Path index = Files.createDirectories(classes.resolve(TestFiles.INDEX));
        Files.writeString(index.resolve("zz = good.Plugin"), "");
        try (URLClassLoader loader = TestFiles.classLoader(classes);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            assertThat(loader.getResources(TestFiles.INDEX).hasMoreElements()).isTrue();
            assertThat(PluginIndex.read(loader).namespaces()).isEmpty();
            assertThat(log.events()).singleElement().satisfies((event) -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("entry_points.txt", "directory");
            });
        }
    }

    @Test
    void fiveHundredBadLinesLogTenWarningsAndOneWithTheCountOfTheRest() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            text.append("orphan").append(i).append(" = com.x.A\n");
        }
        for (int i = 0; i < 250; i++) {
            text.append("[broken").append(i).append('\n');
        }
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), text.toString());
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(PluginIndex.class);
                LogCapture parser = LogCapture.of(IndexFile.class)) {
            PluginIndex.read(loader);
            assertThat(log.events()).hasSize(11);
            assertThat(log.warnings().get(0)).contains("entry_points.txt:1:", "orphan0");
            assertThat(log.warnings().get(10)).contains("entry_points.txt", "490 more warnings");
            assertThat(parser.events()).isEmpty();
        }
    }

    @Test
    void duplicatesCountTowardsTheCapOfTheFileThatRepeatsTheNameAndEachFileHasItsOwnCap() throws IOException {
        StringBuilder names = new StringBuilder("[ns]\n");
        for (int i = 0; i < 15; i++) {
            names.append("p").append(i).append(" = com.x.P\n");
        }
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), names.toString());
        Path second = TestFiles.indexDirectory(this.directory.resolve("second"), names + "[\n");
        try (URLClassLoader loader = TestFiles.classLoader(first, second);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex.read(loader);
            assertThat(log.warnings()).hasSize(11)
                .allSatisfy((message) -> assertThat(message).contains(TestFiles.shown(second)));
            assertThat(log.warnings().get(10)).contains("6 more warnings");
        }
    }

    @Test
    void aMegabyteOfRandomBytesLogsOneError() throws IOException {
        byte[] bytes = new byte[1 << 20];
        new Random(42).nextBytes(bytes);
        Path classes = this.directory.resolve("random");
        Files.createDirectories(classes.resolve(TestFiles.INDEX).getParent());
        Files.write(classes.resolve(TestFiles.INDEX), bytes);
        try (URLClassLoader loader = TestFiles.classLoader(classes);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            assertThat(PluginIndex.read(loader).namespaces()).isEmpty();
            assertThat(log.events()).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.ERROR);
        }
    }

    @Test
    void aMegabyteOfRandomTextLogsAtMostElevenLines() throws IOException {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        while (text.length() < (1 << 20)) {
            char c = (char) (random.nextInt(0x2100) + 1);
            text.append(Character.isSurrogate(c) ? '[' : c);
        }
        Path classes = TestFiles.indexDirectory(this.directory.resolve("random"), text.toString());
        try (URLClassLoader loader = TestFiles.classLoader(classes);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex.read(loader);
            assertThat(log.events()).hasSizeLessThanOrEqualTo(11);
        }
    }

    @Test
    void warningsQuoteAtMost200CharactersOfALine() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "x".repeat(100_000) + "\u202e\n");
        try (URLClassLoader loader = TestFiles.classLoader(first);
                LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex.read(loader);
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("x".repeat(200) + "...[99801 more characters]")
                .hasSizeLessThan(500);
        }
    }

    @Test
    void indexIsReadOncePerClassLoader() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.x.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            PluginIndex index = PluginIndexCache.of(loader);
            Files.writeString(first.resolve(TestFiles.INDEX), "[ns]\nchanged = com.x.Changed\n");
            assertThat(PluginIndexCache.of(loader)).isSameAs(index);
            assertThat(PluginIndexCache.of(loader).entries("ns")).extracting((e) -> e.entryPoint().name())
                .containsExactly("a");
        }
    }

    @Test
    void newClassLoaderReadsTheFilesAgain() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.x.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            PluginIndex index = PluginIndexCache.of(loader);
            Files.writeString(first.resolve(TestFiles.INDEX), "[ns]\nchanged = com.x.Changed\n");
            try (URLClassLoader fresh = TestFiles.classLoader(first)) {
                PluginIndex again = PluginIndexCache.of(fresh);
                assertThat(again).isNotSameAs(index);
                assertThat(again.entries("ns")).extracting((e) -> e.entryPoint().name()).containsExactly("changed");
            }
        }
    }

    @Test
    void clearCacheMakesTheNextUseReadAgain() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.x.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            PluginIndex index = PluginIndexCache.of(loader);
            PluginIndexCache.clearCache();
            assertThat(PluginIndexCache.of(loader)).isNotSameAs(index);
        }
    }

    @Test
    void classLoaderWithoutIndexFilesHasAnEmptyIndex() throws IOException {
        try (URLClassLoader loader = TestFiles.classLoader(this.directory)) {
            PluginIndex index = PluginIndex.read(loader);
            assertThat(index.files()).isEmpty();
            assertThat(index.namespaces()).isEmpty();
        }
    }
}
