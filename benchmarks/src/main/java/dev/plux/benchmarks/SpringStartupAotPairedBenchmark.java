package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.runtime.PluginManager;
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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;

/**
 * The starter's overhead with AOT on, paired as {@link SpringStartupPairedBenchmark} pairs it with AOT off: at
 * trial setup two applications are processed by Spring AOT in this JVM (the plain one with
 * {@code plux.enabled=false}, so nothing of plux is left in it, and the plux one with {@link #namespaces}
 * namespaces over 1,000 plugins) and their generated classes defined side by side ({@link AotArtifacts} keeps one
 * copy of the identical classes they share; two plux applications cannot share a JVM, their plux classes differ).
 * One invocation starts each once from its AOT initializer, in a shuffled order, each on a fresh class loader, and
 * adds its nanoseconds to its counter ({@code round:plain}, {@code round:plux}), so the ratio compares the same
 * stretches of time, which {@link SpringStartupAotBenchmark}'s separate forks cannot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 20, time = 2)
@Fork(2)
public class SpringStartupAotPairedBenchmark {

    private static final String AOT_ENABLED = "spring.aot.enabled";

    /** How many namespaces the 1,000 plugins are spread over: 10 (x 100) or 1. */
    @Param({ "10", "1" })
    public int namespaces;

    private Map<Integer, PluginJars> generated;

    private final List<StartupVariant> variants = new ArrayList<>();

    private ShuffledOrder order;

    /**
     * Generates the jars, processes, compiles and defines the two applications, then turns AOT on.
     *
     * @throws IOException if writing or reading fails
     */
    @Setup(Level.Trial)
    public void processAheadOfTime() throws IOException {
        this.generated = StartupVariant.generateJars(Files.createTempDirectory("plux-startup-aot-paired"));
        this.variants.add(StartupVariant.aot("plain", AotPlainApplication.class, List.of("plux.enabled=false"),
                this.namespaces));
        this.variants.add(StartupVariant.aot("plux", (this.namespaces == 1) ? AotPluxOneNamespaceApplication.class
                : AotPluxApplication.class, SpringStartupBenchmark.namespaces(this.namespaces, false),
                this.namespaces));
        for (StartupVariant variant : this.variants) {
            try (URLClassLoader processingLoader = this.generated.get(variant.namespaces()).newClassLoader()) {
                AotArtifacts.processCompileAndDefine(variant.application(), variant.properties(), processingLoader);
            }
        }
        this.order = new ShuffledOrder(this.variants.size(), 12);
        System.setProperty(AOT_ENABLED, "true");
        checkStartsFromInitializer(this.variants.get(0), this.generated, 0);
        checkStartsFromInitializer(this.variants.get(1), this.generated, this.namespaces);
    }

    /** Turns AOT off again and deletes the jars. */
    @TearDown(Level.Trial)
    public void aotOffAndDelete() {
        System.clearProperty(AOT_ENABLED);
        this.generated.values().forEach(PluginJars::delete);
    }

    /**
     * One round: every application started once from its AOT initializer, in a new order.
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

    /** Guards the numbers: the context starts from its AOT initializer, with the expected managers. */
    private static void checkStartsFromInitializer(StartupVariant variant, Map<Integer, PluginJars> jars,
            int managers) throws IOException {
        try (URLClassLoader loader = jars.get(variant.namespaces()).newClassLoader();
                ConfigurableApplicationContext context = SpringStartupAotBenchmark
                    .builder(variant.application(), variant.properties(), loader)
                    .run()) {
            // only a context refreshed from its AOT initializer lacks the configuration class parser
            String parser = AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME;
            if (context.containsBeanDefinition(parser)) {
                throw new IllegalStateException(variant.name() + " did not start from its AOT initializer");
            }
            int found = context.getBeanNamesForType(PluginManager.class).length;
            if (found != managers) {
                throw new IllegalStateException(found + " PluginManager beans, expected " + managers);
            }
        }
    }

    /** The nanoseconds each application's starts took in one iteration. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Nanos {

        /** The plain application (processed with {@code plux.enabled=false}). */
        public long plain;

        /** The plux application, nothing loaded. */
        public long plux;

        /** Starts an iteration at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            this.plain = 0;
            this.plux = 0;
        }

        void add(int variant, long time) {
            switch (variant) {
                case 0 -> this.plain += time;
                case 1 -> this.plux += time;
                default -> throw new IllegalArgumentException("no variant " + variant);
            }
        }
    }
}
