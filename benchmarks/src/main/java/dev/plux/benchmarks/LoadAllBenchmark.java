package dev.plux.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Cold load: a fresh class loader, then every one of the N plugins created (and, for plux, loaded).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 40)
@Fork(1)
public class LoadAllBenchmark extends FreshClassLoaderState {

    @Override
    protected int namespaceCount() {
        return 1;
    }

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
