package dev.plux.runtime;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class PluginIndexTest {

    @TempDir
    Path temp;

    @Test
    void mergesIndexFilesOfDirectoriesAndJars() throws IOException {
        Path dir = TempIndex.directory(this.temp, "classes", "[ns]\na = com.A\n");
        Path jar = TempIndex.indexJar(this.temp, "lib.jar", "[ns]\nb = com.B\n[other]\nc = com.C\n");
        try (URLClassLoader loader = TempIndex.loader(dir, jar)) {
            PluginIndex index = PluginIndex.read(loader);
            assertThat(index.files()).hasSize(2);
            assertThat(index.entries("ns")).extracting((entry) -> entry.entryPoint().name()).containsExactly("a", "b");
            assertThat(index.fileCount("ns")).isEqualTo(2);
            assertThat(index.namespaces()).containsExactly("ns", "other");
            assertThat(index.entries("missing")).isEmpty();
        }
    }

    @Test
    void keepsTheFirstOfTwoJarsDeclaringTheSameNameAndWarnsNamingBothSources() throws IOException {
        Path first = TempIndex.indexJar(this.temp, "first.jar", "[ns]\ndup = com.First\n");
        Path second = TempIndex.indexJar(this.temp, "second.jar", "[ns]\ndup = com.Second\n");
        Logger logger = (Logger) LoggerFactory.getLogger(PluginIndex.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level level = logger.getLevel();
        logger.setLevel(Level.WARN);
        try (URLClassLoader loader = TempIndex.loader(first, second)) {
            PluginIndex index = PluginIndex.read(loader);
            assertThat(index.entries("ns")).singleElement()
                .satisfies((entry) -> assertThat(entry.entryPoint().value()).isEqualTo("com.First"));
        }
        finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        assertThat(appender.list).singleElement().satisfies((event) -> assertThat(event.getFormattedMessage())
            .contains("duplicate plugin ns:dup", "com.First", "first.jar", "com.Second", "second.jar"));
    }

    @Test
    void readsTheIndexFilesOnlyOncePerClassLoader() throws IOException {
        Path dir = TempIndex.directory(this.temp, "classes", "[ns]\na = com.A\n");
        AtomicInteger lookups = new AtomicInteger();
        try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() }, null) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals(IndexFile.LOCATION)) {
                    lookups.incrementAndGet();
                }
                return super.getResources(name);
            }
        }) {
            PluginIndex first = PluginIndex.of(loader);
            PluginIndex second = PluginIndex.of(loader);
            PluginManager.builder("ns").classLoader(loader).build().listNames();
            assertThat(second).isSameAs(first);
            assertThat(lookups).hasValue(1);
        }
    }

    @Test
    void keepsNoIndexWhenTheClassLoaderCannotListResources() {
        ClassLoader failing = new ClassLoader(null) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                throw new IOException("broken");
            }
        };
        assertThat(PluginIndex.read(failing).files()).isEmpty();
    }
}
