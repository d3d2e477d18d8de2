package dev.plux.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.sun.management.ThreadMXBean;

/**
 * The bytes each {@link StartupVariant} (AOT off) allocates on the starting thread per start and close, in one
 * process, as a measure of the work the starter adds that does not drift: run in the interpreter ({@code -Xint}) the
 * count repeats to within a few hundred bytes from start to start, where the JIT's escape analysis moves it by tens
 * of kilobytes and the time of a start by points. It is not the speed target ({@link SpringStartupComparison} and
 * the JMH benchmarks measure that); it tells whether a change removed work, and how much, when time cannot resolve
 * it. Prints each variant's median and its difference from the plain context. Argument: starts per variant
 * (default 6; the first of each is dropped as warm-up).
 */
public final class SpringStartupAllocation {

    private SpringStartupAllocation() {
    }

    /**
     * Runs the measurement.
     *
     * @param args starts per variant
     * @throws IOException if the jars cannot be written or a loader closed
     */
    public static void main(String[] args) throws IOException {
        int starts = (args.length > 0) ? Integer.parseInt(args[0]) : 6;
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Integer, PluginJars> generated = StartupVariant.generateJars(Files.createTempDirectory("plux-startup"));
        try {
            List<StartupVariant> variants = StartupVariant.all();
            List<Long> medians = new ArrayList<>();
            for (StartupVariant variant : variants) {
                variant.start(generated);
                long[] bytes = new long[starts];
                for (int i = 0; i < starts; i++) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    variant.start(generated);
                    bytes[i] = threads.getCurrentThreadAllocatedBytes() - before;
                }
                Arrays.sort(bytes);
                medians.add(bytes[starts / 2]);
            }
            long plain = medians.get(0);
            for (int i = 0; i < variants.size(); i++) {
                long median = medians.get(i);
                System.out.printf("%-38s median %,10d bytes per start, %+,9d (%+.2f%%) against plain%n",
                        variants.get(i).name(), median, median - plain, 100.0 * (median - plain) / plain);
            }
        }
        finally {
            generated.values().forEach(PluginJars::delete);
        }
    }
}
