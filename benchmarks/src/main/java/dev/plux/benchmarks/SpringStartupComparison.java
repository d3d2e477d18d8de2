package dev.plux.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link StartupVariant}s (AOT off: the plain context without plux's auto-configurations, plux disabled, plux
 * without a namespace, with one of 1,000 plugins and with 10 of 100) started in one process in a shuffled order
 * round after round, each on a fresh class loader: the starter's overhead as a ratio that JMH's separate forks
 * (whose means drift by ±15%) cannot resolve at 5%; {@link SpringStartupPairedBenchmark} is the same under JMH. Prints the median,
 * quartiles and mean of each, and its ratios to the plain context: of medians, of means, and the median of the
 * per-round ratios ({@link Timings#medianRatioTo}). Arguments: rounds (default 400; a quarter as many warm-up
 * rounds first), then {@code web} to start each variant as a web application (the web stack must be on the class
 * path: see benchmarks/README.md).
 */
public final class SpringStartupComparison {

    private SpringStartupComparison() {
    }

    /** What makes every variant a web application (Spring MVC on Tomcat, a free port). */
    private static final List<String> WEB = List.of("spring.main.web-application-type=servlet", "server.port=0");

    /**
     * Runs the comparison.
     *
     * @param args rounds; then {@code web} for web applications, which needs the web stack on the class path
     *        (benchmarks/README.md)
     * @throws IOException if the jars cannot be written or a loader closed
     */
    public static void main(String[] args) throws IOException {
        int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 400;
        boolean web = args.length > 1 && args[1].equals("web");
        Map<Integer, PluginJars> generated = StartupVariant.generateJars(Files.createTempDirectory("plux-startup"));
        try {
            List<StartupVariant> variants = StartupVariant.all(web ? WEB : List.of());
            List<Timings> timings = new ArrayList<>();
            variants.forEach((variant) -> timings.add(new Timings()));
            ShuffledOrder order = new ShuffledOrder(variants.size(), 12);
            for (int round = -rounds / 4; round < rounds; round++) {
                for (int i : order.next()) {
                    long nanos = variants.get(i).start(generated);
                    if (round >= 0) {
                        timings.get(i).add(nanos / 1e6);
                    }
                }
            }
            Timings plain = timings.get(0);
            for (int i = 0; i < variants.size(); i++) {
                Timings times = timings.get(i);
                System.out.printf("%-38s median %6.1f ms (quartiles %.1f-%.1f), mean %6.1f, %.3f x plain by medians,"
                        + " %.3f by means, %.3f median of per-round ratios%n", variants.get(i).name(),
                        times.quantile(2), times.quantile(1), times.quantile(3), times.mean(),
                        times.quantile(2) / plain.quantile(2), times.mean() / plain.mean(), times.medianRatioTo(plain));
            }
        }
        finally {
            generated.values().forEach(PluginJars::delete);
        }
    }
}
