package dev.plux.benchmarks;

import java.util.List;
import java.util.ServiceLoader;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import org.openjdk.jmh.annotations.Benchmark;

import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Cold discovery: a fresh class loader over M jars, then the names (or types) of all N plugins of one namespace.
 * Each measurement is one call on a new class loader, so nothing is cached between them.
 */
public class ColdDiscoveryBenchmark extends FreshClassLoaderState {

    /**
     * plux: read every index, resolve the namespace (classes loaded without static initializers), list names.
     *
     * @return the names
     */
    @Benchmark
    public List<String> pluxListNames() {
        return PluginManager.builder("bench.ns0").classLoader(this.loader).build().listNames();
    }

    /**
     * {@code ServiceLoader}: every services file, every provider type loaded (not instantiated).
     *
     * @return the provider types
     */
    @Benchmark
    public List<Class<? extends Plugin>> serviceLoaderTypes() {
        return ServiceLoader.load(Plugin.class, this.loader).stream().map(ServiceLoader.Provider::type).toList();
    }

    /**
     * PF4J: load and start the M jars as plugins (a class loader each), then the extension classes of the type
     * from their {@code META-INF/extensions.idx} (each class loaded).
     *
     * @return the extension classes
     */
    @Benchmark
    public List<Class<? extends Plugin>> pf4jExtensionClasses() {
        return Pf4jDiscovery.extensionClasses(this.generated);
    }

    /**
     * Spring's factories loader, names only (no class is loaded: cheaper than both above).
     *
     * @return the class names
     */
    @Benchmark
    @SuppressWarnings("deprecation")
    public List<String> springFactoriesNames() {
        return SpringFactoriesLoader.loadFactoryNames(Plugin.class, this.loader);
    }
}
