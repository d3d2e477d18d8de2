package dev.plux.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The starter's overhead (AOT off) under JMH, paired: one invocation is a round that starts and closes every
 * {@link StartupVariant} once in a shuffled order, each on a fresh class loader, adding each start's nanoseconds
 * to its counter; the counters are secondary results of the same iterations ({@code round:plain},
 * {@code round:pluxNamespaces} and so on), so their ratios compare the contexts over the same stretches of time,
 * which separate forks on this 2-speed machine cannot (see {@link ColdDiscoveryPairedBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 20, time = 2)
@Fork(2)
public class SpringStartupPairedBenchmark {

    private Map<Integer, PluginJars> generated;

    private final List<StartupVariant> variants = StartupVariant.all();

    private final ShuffledOrder order = new ShuffledOrder(this.variants.size(), 12);

    /**
     * Generates the jars (10 namespaces x 100 plugins, 1 x 1,000) once per trial.
     *
     * @throws IOException if writing fails
     */
    @Setup(Level.Trial)
    public void generate() throws IOException {
        this.generated = StartupVariant.generateJars(Files.createTempDirectory("plux-startup-paired"));
    }

    /** Deletes the jars. */
    @TearDown(Level.Trial)
    public void delete() {
        this.generated.values().forEach(PluginJars::delete);
    }

    /**
     * One round: every variant started once, in a new order.
     *
     * @param nanos the counters of the iteration
     * @throws IOException if a class loader cannot be closed
     */
    @Benchmark
    public void round(Nanos nanos) throws IOException {
        for (int i : this.order.next()) {
            nanos.add(i, this.variants.get(i).start(this.generated));
        }
    }

    /** The nanoseconds each variant's starts took in one iteration, in {@link StartupVariant#all()}'s order. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Nanos {

        /** The plain context (the application without the starter). */
        public long plain;

        /** plux disabled ({@code plux.enabled=false}). */
        public long pluxDisabled;

        /** plux with no namespace. */
        public long pluxNoNamespace;

        /** plux with one namespace of 1,000 plugins, nothing loaded. */
        public long pluxOneNamespace;

        /** plux with 10 namespaces x 100 plugins, nothing loaded. */
        public long pluxNamespaces;

        /** Starts an iteration at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            this.plain = 0;
            this.pluxDisabled = 0;
            this.pluxNoNamespace = 0;
            this.pluxOneNamespace = 0;
            this.pluxNamespaces = 0;
        }

        void add(int variant, long time) {
            switch (variant) {
                case 0 -> this.plain += time;
                case 1 -> this.pluxDisabled += time;
                case 2 -> this.pluxNoNamespace += time;
                case 3 -> this.pluxOneNamespace += time;
                case 4 -> this.pluxNamespaces += time;
                default -> throw new IllegalArgumentException("no variant " + variant);
            }
        }
    }
}
