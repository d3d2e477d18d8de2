package dev.plux.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * {@link ColdDiscoveryBenchmark} and {@link LoadOneBenchmark} side by side under JMH: one invocation is a round
 * that runs every {@link ColdOperations} operation once, in a shuffled order, each on a fresh class loader, and
 * adds each one's time to its counter. JMH reports the counters as secondary results of the same iterations
 * ({@code round:pluxListNames} and so on, nanoseconds summed over an iteration's rounds), so the ratio of two of
 * them compares the operations over exactly the same stretches of time: this 2-vCPU machine switches between two
 * speeds about 2× apart every few seconds, which separate forks (the plain benchmarks) cannot cancel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 15, time = 2)
@Fork(2)
public class ColdDiscoveryPairedBenchmark {

    private static final int JARS = 100;

    /** N: plugin classes. */
    @Param({ "1000" })
    public int plugins;

    private PluginJars generated;

    private List<ColdOperations.Named> operations;

    private ShuffledOrder order;

    /**
     * Generates the jars once per trial.
     *
     * @throws IOException if writing fails
     */
    @Setup(Level.Trial)
    public void generate() throws IOException {
        this.generated = PluginJars.generate(Files.createTempDirectory("plux-paired"), this.plugins, JARS, 1);
        this.operations = ColdOperations.of(this.plugins, JARS);
        this.order = new ShuffledOrder(this.operations.size(), 11);
    }

    /** Deletes the jars. */
    @TearDown(Level.Trial)
    public void delete() {
        this.generated.delete();
    }

    /**
     * One round: every operation once, in a new order.
     *
     * @param nanos the counters of the iteration
     * @throws Exception if an operation fails
     */
    @Benchmark
    public void round(Nanos nanos) throws Exception {
        for (int i : this.order.next()) {
            nanos.add(i, ColdOperations.time(this.generated, this.operations.get(i)));
        }
    }

    /** The nanoseconds each operation took in one iteration, summed over its rounds. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Nanos {

        /** The floor: listing and reading the index files. */
        public long floor;

        /** plux {@code listNames()}. */
        public long pluxListNames;

        /** {@code ServiceLoader} provider types. */
        public long serviceLoaderTypes;

        /** plux loading one plugin. */
        public long pluxLoadOne;

        /** {@code ServiceLoader} loading the same one. */
        public long serviceLoaderLoadOne;

        /** Starts an iteration at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            this.floor = 0;
            this.pluxListNames = 0;
            this.serviceLoaderTypes = 0;
            this.pluxLoadOne = 0;
            this.serviceLoaderLoadOne = 0;
        }

        void add(int operation, long time) {
            switch (operation) {
                case ColdOperations.FLOOR -> this.floor += time;
                case ColdOperations.PLUX_LIST -> this.pluxListNames += time;
                case ColdOperations.SERVICE_LOADER_LIST -> this.serviceLoaderTypes += time;
                case ColdOperations.PLUX_LOAD_ONE -> this.pluxLoadOne += time;
                case ColdOperations.SERVICE_LOADER_LOAD_ONE -> this.serviceLoaderLoadOne += time;
                default -> throw new IllegalArgumentException("no operation " + operation);
            }
        }
    }
}
