package dev.plux.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import org.openjdk.jmh.annotations.Benchmark;

import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Cold load: a fresh class loader, then every one of the N plugins created (and, for plux, loaded).
 */
public class LoadAllBenchmark extends FreshClassLoaderState {

    /**
     * plux: resolve, create and load every plugin of the namespace.
     *
     * @return the loaded plugins
     */
    @Benchmark
    public List<Plugin> pluxLoadAll() {
        return PluginManager.builder("bench.ns0").classLoader(this.loader).build().loadAll();
    }

    /**
     * {@code ServiceLoader}: instantiate every provider.
     *
     * @return the providers
     */
    @Benchmark
    public List<Plugin> serviceLoaderInstantiate() {
        List<Plugin> all = new ArrayList<>();
        ServiceLoader.load(Plugin.class, this.loader).forEach(all::add);
        return all;
    }

    /**
     * Spring's factories loader: instantiate every factory.
     *
     * @return the instances
     */
    @Benchmark
    public List<Plugin> springFactoriesLoad() {
        return SpringFactoriesLoader.forDefaultResourceLocation(this.loader).load(Plugin.class);
    }
}
