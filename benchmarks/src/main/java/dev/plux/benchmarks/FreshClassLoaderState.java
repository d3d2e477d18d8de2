package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Generated plugin jars for a whole trial, and a fresh class loader over them for every measurement, so that no
 * cache (plux's index, {@code ServiceLoader}'s, Spring's) survives from one measurement to the next. Cold
 * benchmarks extend it and inherit its settings: {@code SingleShotTime} mode, one call per iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 40)
@Fork(1)
public abstract class FreshClassLoaderState {

    /** N: plugin classes. */
    @Param({ "1000" })
    public int plugins;

    /** M: jars. */
    @Param({ "100" })
    public int jars;

    /** The generated jars. */
    protected PluginJars generated;

    /** The class loader of the current measurement. */
    protected URLClassLoader loader;

    /**
     * How many plux namespaces the plugins are spread over.
     *
     * @return the namespace count; one unless a benchmark needs several
     */
    protected int namespaceCount() {
        return 1;
    }

    /**
     * Generates the jars once per trial.
     *
     * @throws IOException if writing fails
     */
    @Setup(Level.Trial)
    public void generate() throws IOException {
        this.generated = PluginJars.generate(Files.createTempDirectory("plux-bench"), this.plugins, this.jars,
                namespaceCount());
    }

    /**
     * Whether a benchmark method measures the application without the starter: its class loader then hides plux's
     * auto-configurations from Boot ({@link StarterlessClassLoader}).
     *
     * @param method the benchmark method's name
     * @return {@code false} unless a benchmark says otherwise
     */
    protected boolean withoutStarter(String method) {
        return false;
    }

    /**
     * A new class loader for every measurement.
     *
     * @param params the running benchmark, to tell which method this iteration measures
     */
    @Setup(Level.Iteration)
    public void newIterationLoader(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        this.loader = withoutStarter(benchmark.substring(benchmark.lastIndexOf('.') + 1))
                ? this.generated.newStarterlessClassLoader() : this.generated.newClassLoader();
    }

    /** A new class loader on which Boot finds plux, for a start outside JMH's iterations (a setup's check). */
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
}
