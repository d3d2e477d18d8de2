package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
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
public class LoadAllBenchmark {

    /** N: plugin classes. */
    @Param({ "1000" })
    public int plugins;

    /** M: jars. */
    @Param({ "100" })
    public int jars;

    private PluginJars generated;

    private URLClassLoader loader;

    /**
     * Generates the jars once per trial.
     *
     * @throws IOException if writing fails
     */
    @Setup(Level.Trial)
    public void generate() throws IOException {
        this.generated = PluginJars.generate(Files.createTempDirectory("plux-bench"), this.plugins, this.jars, 1);
    }

    /** A new class loader for every measurement. */
    @Setup(Level.Iteration)
    public void newLoader() {
        this.loader = this.generated.newClassLoader();
    }

    /**
     * Closes the class loader of the measurement.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Iteration)
    public void closeLoader() throws IOException {
        this.loader.close();
    }

    /** Deletes the jars. */
    @TearDown(Level.Trial)
    public void delete() {
        this.generated.delete();
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
