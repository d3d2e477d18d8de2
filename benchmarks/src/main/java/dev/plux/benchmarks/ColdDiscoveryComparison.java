package dev.plux.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;

/**
 * {@link ColdDiscoveryBenchmark}'s and {@link LoadOneBenchmark}'s plux and {@code ServiceLoader} operations, plus
 * the floor (listing and reading the index files through their URLs, as {@code ServiceLoader} reads its files),
 * run in one process in a shuffled order round after round, each on a fresh class loader over the same jars.
 *
 * <p>Why next to JMH: on a 2-vCPU machine every operation here, the JDK's own jar reading included, runs in one of
 * two speeds that differ by about 2×, switching every few seconds; JMH runs each benchmark in its own forks at
 * different times, so its ratios move by ±30% with which speed each fork met. Interleaving gives every operation
 * the same share of both. Prints median, quartiles and mean of each, and the ratios of medians and of means.
 * Arguments: plugins (default 1000), rounds (default 300; a third as many warm-up rounds first).
 */
public final class ColdDiscoveryComparison {

    private static final String INDEX = "META-INF/plux/entry_points.txt";

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
        // the plugin LoadOneBenchmark wants: in jar M/2, half-way through the class path
        int wanted = plugins / 2 + JARS / 2;
        String wantedName = "plugin" + wanted;
        String wantedClass = "bench.p" + (wanted % JARS) + ".Plugin" + wanted;
        try {
            Operation floor = new Operation("floor: list and read the index files", (loader) -> readIndexFiles(loader));
            Operation pluxList = new Operation("plux listNames()",
                    (loader) -> PluginManager.builder("bench.ns0").classLoader(loader).build().listNames());
            Operation serviceLoaderList = new Operation("ServiceLoader provider types",
                    (loader) -> ServiceLoader.load(Plugin.class, loader)
                        .stream()
                        .map(ServiceLoader.Provider::type)
                        .toList());
            Operation pluxLoadOne = new Operation("plux load one",
                    (loader) -> PluginManager.<Plugin>builder("bench.ns0").classLoader(loader).build().load(wantedName));
            Operation serviceLoaderLoadOne = new Operation("ServiceLoader load one",
                    (loader) -> ServiceLoader.load(Plugin.class, loader)
                        .stream()
                        .filter((provider) -> provider.type().getName().equals(wantedClass))
                        .findFirst()
                        .orElseThrow()
                        .get()
                        .load());
            List<Operation> operations = List.of(floor, pluxList, serviceLoaderList, pluxLoadOne, serviceLoaderLoadOne);
            // a fixed seed: the same order in every run; shuffled so that no operation always follows another
            Random random = new Random(11);
            List<Operation> order = new ArrayList<>(operations);
            for (int round = -rounds / 3; round < rounds; round++) {
                Collections.shuffle(order, random);
                for (Operation operation : order) {
                    operation.run(generated, round >= 0);
                }
            }
            System.out.printf("N=%d plugins in %d jars, %d rounds%n", plugins, JARS, rounds);
            for (Operation operation : operations) {
                System.out.printf("%-40s median %7.2f ms (quartiles %.2f-%.2f), mean %7.2f%n", operation.name,
                        operation.times.quantile(2), operation.times.quantile(1), operation.times.quantile(3),
                        operation.times.mean());
            }
            ratio("listNames / ServiceLoader types", pluxList, serviceLoaderList);
            ratio("floor / ServiceLoader types", floor, serviceLoaderList);
            ratio("load one / ServiceLoader load one", pluxLoadOne, serviceLoaderLoadOne);
        }
        finally {
            generated.delete();
        }
    }

    private static void ratio(String name, Operation plux, Operation other) {
        Timings mine = plux.times;
        Timings theirs = other.times;
        System.out.printf("%-40s %.3f by medians, %.3f by means, %.3f median of per-round ratios%n", name,
                mine.quantile(2) / theirs.quantile(2), mine.mean() / theirs.mean(), mine.medianRatioTo(theirs));
    }


    /** What {@code ServiceLoader} does to reach its files, for plux's: list them and read each without caches. */
    private static int readIndexFiles(ClassLoader loader) throws IOException {
        int bytes = 0;
        for (URL url : Collections.list(loader.getResources(INDEX))) {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                bytes += in.readAllBytes().length;
            }
        }
        return bytes;
    }

    /** What one operation does with a fresh class loader. */
    @FunctionalInterface
    private interface Work {

        Object run(URLClassLoader loader) throws Exception;
    }

    /** One operation and its measured times. */
    private static final class Operation {

        final String name;

        final Work work;

        final Timings times = new Timings();

        Operation(String name, Work work) {
            this.name = name;
            this.work = work;
        }

        void run(PluginJars generated, boolean measured) throws Exception {
            try (URLClassLoader loader = generated.newClassLoader()) {
                long start = System.nanoTime();
                Object result = this.work.run(loader);
                double millis = (System.nanoTime() - start) / 1e6;
                if (result == null) {
                    throw new IllegalStateException(this.name + " returned nothing");
                }
                if (measured) {
                    this.times.add(millis);
                }
            }
        }


    }
}
