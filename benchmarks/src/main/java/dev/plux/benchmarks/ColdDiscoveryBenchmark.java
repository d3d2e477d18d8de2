package dev.plux.benchmarks;

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
 * Cold discovery: a fresh class loader over M jars, then the names (or types) of all N plugins of one namespace.
 * Each measurement is one call on a new class loader, so nothing is cached between them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 40)
@Fork(1)
public class ColdDiscoveryBenchmark extends FreshClassLoaderState {

    @Override
    protected int namespaceCount() {
        return 1;
    }

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
