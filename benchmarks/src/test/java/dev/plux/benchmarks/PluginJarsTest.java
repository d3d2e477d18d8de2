package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated jars declare the same plugins to plux, ServiceLoader and Spring, so the benchmarks compare like
 * with like.
 */
@Timeout(60)
class PluginJarsTest {

    @Test
    @SuppressWarnings("deprecation")
    void everyLoaderSeesTheSamePlugins(@TempDir Path directory) throws IOException {
        PluginJars jars = PluginJars.generate(directory, 30, 4, 3);
        assertThat(jars.jars()).hasSize(4);
        try (URLClassLoader loader = jars.newClassLoader()) {
            int plux = 0;
            for (int namespace = 0; namespace < 3; namespace++) {
                List<String> names = PluginManager.builder("bench.ns" + namespace).classLoader(loader).build().listNames();
                assertThat(names).hasSize(10).allMatch((name) -> name.startsWith("plugin"));
                plux += names.size();
            }
            assertThat(plux).isEqualTo(30);
            assertThat(ServiceLoader.load(Plugin.class, loader).stream().count()).isEqualTo(30);
            assertThat(SpringFactoriesLoader.loadFactoryNames(Plugin.class, loader)).hasSize(30);
            List<Plugin> loaded = PluginManager.builder("bench.ns1").classLoader(loader).build().loadAll();
            assertThat(loaded).hasSize(10);
        }
        org.pf4j.PluginManager pf4j = new org.pf4j.DefaultPluginManager(jars.jarDirectory());
        pf4j.loadPlugins();
        pf4j.startPlugins();
        try {
            assertThat(pf4j.getPlugins()).hasSize(4);
            assertThat(pf4j.getExtensionClasses(Plugin.class)).hasSize(30);
        }
        finally {
            pf4j.stopPlugins();
            pf4j.unloadPlugins();
        }
    }

    @Test
    void startupPropertiesConfigureEveryNamespace() {
        assertThat(SpringStartupBenchmark.namespaces(true)).contains("plux.namespaces[9].namespace=bench.ns9",
                "plux.namespaces[9].load-on-startup=true").hasSize(20);
    }
}
