package dev.plux.benchmarks;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ColdOperations} run in one process in a shuffled order round after round, each on a fresh class loader
 * over the same jars: {@link ColdDiscoveryBenchmark}'s and {@link LoadOneBenchmark}'s plux and
 * {@code ServiceLoader} operations plus the floor, side by side.
 *
 * <p>Why next to JMH: on a 2-vCPU machine every operation here, the JDK's own jar reading included, runs in one of
 * two speeds that differ by about 2×, switching every few seconds; JMH runs each benchmark in its own forks at
 * different times, so its ratios move by ±30% with which speed each fork met. Interleaving gives every operation
 * the same share of both, and the ratio within a round cancels the speed ({@link Timings#medianRatioTo}); so does
 * {@link ColdDiscoveryPairedBenchmark}, the same rounds under JMH. Arguments: plugins (default 1000), rounds
 * (default 300; a third as many warm-up rounds first).
 */
public final class ColdDiscoveryComparison {

    private static final int JARS = 100;

    private ColdDiscoveryComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args plugins, rounds
     * @throws Exception if the jars cannot be written or an operation fails
     */
    public static void main(String[] args) throws Exception {
        int plugins = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
        int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 300;
        PluginJars generated = PluginJars.generate(Files.createTempDirectory("plux-cold"), plugins, JARS, 1);
        try {
            List<ColdOperations.Named> operations = ColdOperations.of(plugins, JARS);
            List<Timings> timings = new ArrayList<>();
            operations.forEach((operation) -> timings.add(new Timings()));
            ShuffledOrder order = new ShuffledOrder(operations.size(), 11);
            for (int round = -rounds / 3; round < rounds; round++) {
                for (int i : order.next()) {
                    long nanos = ColdOperations.time(generated, operations.get(i));
                    if (round >= 0) {
                        timings.get(i).add(nanos / 1e6);
                    }
                }
            }
            System.out.printf("N=%d plugins in %d jars, %d rounds%n", plugins, JARS, rounds);
            for (int i = 0; i < operations.size(); i++) {
                Timings times = timings.get(i);
                System.out.printf("%-40s median %7.2f ms (quartiles %.2f-%.2f), mean %7.2f%n",
                        operations.get(i).name(), times.quantile(2), times.quantile(1), times.quantile(3),
                        times.mean());
            }
            ratio("listNames / ServiceLoader types", timings.get(ColdOperations.PLUX_LIST),
                    timings.get(ColdOperations.SERVICE_LOADER_LIST));
            ratio("floor / ServiceLoader types", timings.get(ColdOperations.FLOOR),
                    timings.get(ColdOperations.SERVICE_LOADER_LIST));
            ratio("load one / ServiceLoader load one", timings.get(ColdOperations.PLUX_LOAD_ONE),
                    timings.get(ColdOperations.SERVICE_LOADER_LOAD_ONE));
        }
        finally {
            generated.delete();
        }
    }

    private static void ratio(String name, Timings plux, Timings other) {
        System.out.printf("%-40s %.3f by medians, %.3f by means, %.3f median of per-round ratios%n", name,
                plux.quantile(2) / other.quantile(2), plux.mean() / other.mean(), plux.medianRatioTo(other));
    }
}
