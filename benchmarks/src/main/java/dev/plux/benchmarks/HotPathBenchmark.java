package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot path: {@code load(name)} of a plugin that is loaded already, from one thread and from two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

    private PluginJars generated;

    private URLClassLoader loader;

    private PluginManager<Plugin> manager;

    /**
     * Generates 1,000 plugins in 100 jars and loads them all once.
     *
     * @throws IOException if writing fails
     */
    @Setup(Level.Trial)
    public void loadOnce() throws IOException {
        this.generated = PluginJars.generate(Files.createTempDirectory("plux-bench"), 1000, 100, 1);
        this.loader = this.generated.newClassLoader();
        this.manager = PluginManager.<Plugin>builder("bench.ns0").classLoader(this.loader).build();
        this.manager.loadAll();
    }

    /**
     * Closes the loader and deletes the jars.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Trial)
    public void delete() throws IOException {
        this.loader.close();
        this.generated.delete();
    }

    /**
     * One thread.
     *
     * @return the plugin
     */
    @Benchmark
    @Threads(1)
    public Plugin loadLoadedPlugin() {
        return this.manager.load("plugin500");
    }

    /**
     * Two threads on the same plugin.
     *
     * @return the plugin
     */
    @Benchmark
    @Threads(2)
    public Plugin loadLoadedPluginTwoThreads() {
        return this.manager.load("plugin500");
    }
}
