package dev.plux.runtime;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
                        TestFiles.url(first).toExternalForm() + TestFiles.INDEX + ":2", "second.jar!/"
                                + TestFiles.INDEX + ":3");
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
            assertThat(PluginIndex.read(loader).entries("ns")).extracting(IndexEntry::malformed)
                .containsExactly("expected 'name = value'", null);
        }
    }

    @Test
    void indexIsReadOncePerClassLoader() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.x.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            PluginIndex index = PluginIndex.of(loader);
            Files.writeString(first.resolve(TestFiles.INDEX), "[ns]\nchanged = com.x.Changed\n");
            assertThat(PluginIndex.of(loader)).isSameAs(index);
            assertThat(PluginIndex.of(loader).entries("ns")).extracting((e) -> e.entryPoint().name())
                .containsExactly("a");
        }
    }

    @Test
    void newClassLoaderReadsTheFilesAgain() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.x.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            PluginIndex index = PluginIndex.of(loader);
            Files.writeString(first.resolve(TestFiles.INDEX), "[ns]\nchanged = com.x.Changed\n");
            try (URLClassLoader fresh = TestFiles.classLoader(first)) {
                PluginIndex again = PluginIndex.of(fresh);
                assertThat(again).isNotSameAs(index);
                assertThat(again.entries("ns")).extracting((e) -> e.entryPoint().name()).containsExactly("changed");
            }
        }
    }

    @Test
    void clearCacheMakesTheNextUseReadAgain() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\na = com.x.A\n");
        try (URLClassLoader loader = TestFiles.classLoader(first)) {
            PluginIndex index = PluginIndex.of(loader);
            PluginIndex.clearCache();
            assertThat(PluginIndex.of(loader)).isNotSameAs(index);
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
