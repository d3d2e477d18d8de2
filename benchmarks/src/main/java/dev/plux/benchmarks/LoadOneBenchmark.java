package dev.plux.benchmarks;

import java.util.ServiceLoader;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * Creating and loading one plugin out of N on a fresh class loader: the cost a user pays to reach one plugin
 * without caring about the others. plux declares the N entries from the index and resolves only the one asked
 * for; {@code ServiceLoader} streams providers (loading each provider's class) until it reaches the wanted one
 * and instantiates it. The wanted plugin sits in the middle of the class path, so {@code ServiceLoader}
 * pays for about half of the classes; plux for one.
 */
public class LoadOneBenchmark extends FreshClassLoaderState {

    /** Jar M/2 holds it: half-way through the class path, so half of the jars come before it. */
    private int wantedIndex() {
        return this.plugins / 2 + this.jars / 2;
    }

    private String wantedName() {
        return "plugin" + wantedIndex();
    }

    /**
     * plux: read the index, declare every entry, resolve, create and load one.
     *
     * @return the load value
     */
    @Benchmark
    public Object pluxLoadOne() {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder("bench.ns0").classLoader(this.loader).build();
        return manager.load(wantedName());
    }

    /**
     * {@code ServiceLoader}: stream providers (each type loaded) to the wanted one, instantiate it, call load.
     *
     * @return the load value
     * @throws Exception if the plugin's load fails
     */
    @Benchmark
    public Object serviceLoaderLoadOne() throws Exception {
        int index = wantedIndex();
        String wanted = "bench.p" + (index % this.jars) + ".Plugin" + index;
        Plugin plugin = ServiceLoader.load(Plugin.class, this.loader)
            .stream()
            .filter(provider -> provider.type().getName().equals(wanted))
            .findFirst()
            .orElseThrow()
            .get();
        return plugin.load();
    }
}
