package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;

/**
 * {@link PluginDirectoryBenchmark}'s three measurements interleaved in one process, round after round, so that a
 * busy machine slows all three alike and their ratio stays readable when JMH's separate runs drift apart.
 * Prints the median and quartiles of each, and the medians' ratios. Arguments: plugins, jars, rounds (defaults
 * 1000, 100, 40; as many warm-up rounds first).
 */
public final class PluginDirectoryComparison {

    private PluginDirectoryComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args plugins, jars, rounds
     * @throws IOException if the jars cannot be written
     */
    public static void main(String[] args) throws IOException {
        int plugins = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
        int jars = (args.length > 1) ? Integer.parseInt(args[1]) : 100;
        int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 40;
        PluginJars generated = PluginJars.generate(Files.createTempDirectory("plux-dirs"), plugins, jars, 1);
        try {
            List<Measured> measured = List.of(
                    new Measured("plux pluginDirectory listNames", (parent) -> manager(generated, parent).listNames()
                        .size()),
                    new Measured("plux pluginDirectory listPluginSpecs (every class loaded)",
                            (parent) -> manager(generated, parent).listPluginSpecs().size()),
                    new Measured("PF4J DefaultPluginManager extension classes", (parent) -> pf4j(generated)));
            for (int round = -rounds; round < rounds; round++) {
                for (Measured each : measured) {
                    each.run(Math.max(round, -1), plugins);
                }
            }
            double pf4j = measured.get(2).median();
            for (Measured each : measured) {
                System.out.printf("%-60s median %7.1f ms (quartiles %.1f-%.1f), %.2f x PF4J%n", each.name,
                        each.median(), each.quartile(1), each.quartile(3), each.median() / pf4j);
            }
        }
        finally {
            generated.delete();
        }
    }

    private static PluginManager<Plugin> manager(PluginJars generated, ClassLoader parent) {
        return PluginManager.<Plugin>builder("bench.ns0")
            .classLoader(parent)
            .pluginDirectory(generated.jarDirectory())
            .build();
    }

    private static int pf4j(PluginJars generated) {
        return Pf4jDiscovery.extensionClasses(generated).size();
    }

    /** One contender: its timings, one per measured round. */
    private static final class Measured {

        private final String name;

        private final ToIntFunction<ClassLoader> task;

        private final List<Long> nanos = new java.util.ArrayList<>();

        Measured(String name, ToIntFunction<ClassLoader> task) {
            this.name = name;
            this.task = task;
        }

        /** Runs once on a new, empty parent loader (so no bundle loader is reused); records it unless warm-up. */
        void run(int round, int plugins) {
            try (URLClassLoader parent = new URLClassLoader(new URL[0], Measured.class.getClassLoader())) {
                long start = System.nanoTime();
                int found = this.task.applyAsInt(parent);
                long elapsed = System.nanoTime() - start;
                if (found != plugins) {
                    throw new IllegalStateException(this.name + " found " + found + " plugins, not " + plugins);
                }
                if (round >= 0) {
                    this.nanos.add(elapsed);
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        double median() {
            return quartile(2);
        }

        double quartile(int which) {
            long[] sorted = this.nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, sorted.length * which / 4)] / 1e6;
        }
    }
}
