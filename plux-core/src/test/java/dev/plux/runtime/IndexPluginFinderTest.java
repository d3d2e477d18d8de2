package dev.plux.runtime;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;

import dev.plux.core.EntryPoint;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class IndexPluginFinderTest {

    @TempDir
    Path temp;

    @Test
    void findsTheResolvableSpecsOfEveryNamespaceAndSkipsTheOthers() throws IOException {
        Path dir = TempIndex.directory(this.temp, "classes", "[one]\na = " + TestPlugins.Noop.class.getName()
                + "\nbroken\nmissing = com.example.Missing\n[two]\nb = " + TestPlugins.Other.class.getName() + "\n");
        try (URLClassLoader loader = TempIndex.loader(dir)) {
            IndexPluginFinder finder = new IndexPluginFinder(loader);
            assertThat(finder.classLoader()).isSameAs(loader);
            assertThat(finder.findPlugins()).containsExactly(PluginSpec.of("one", "a", TestPlugins.Noop.class),
                    PluginSpec.of("two", "b", TestPlugins.Other.class));
            assertThat(finder.entryPoints("one")).extracting(EntryPoint::name).containsExactly("a", "broken", "missing");
            assertThat(finder.entryPoints("one").get(0).source()).isEqualTo(dir.resolve(IndexFile.LOCATION).toUri().toURL());
            assertThat(finder.entryPoints("none")).isEmpty();
        }
    }

    @Test
    void isTheDefaultFinderOfAManagerWithAClassLoader() throws IOException {
        Path dir = TempIndex.directory(this.temp, "classes", "[ns]\na = " + TestPlugins.Noop.class.getName() + "\n");
        try (URLClassLoader loader = TempIndex.loader(dir)) {
            assertThat(PluginManager.builder("ns").classLoader(loader).build().listNames()).containsExactly("a");
        }
    }
}
