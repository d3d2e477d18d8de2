package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * {@link SpringStartupBenchmark}'s plain and plux-unloaded contexts (AOT off), plus plux enabled with no namespace
 * and the plain context with the same {@code plux.*} properties present (what they cost Boot, not the starter),
 * started in one process in a shuffled order round after round, each on a fresh class loader: the starter's
 * overhead as a ratio that JMH's separate forks (whose means drift by ±15%) cannot resolve at 5%. Prints the
 * median, quartiles and mean of each and the ratio of medians to the plain context. Arguments: rounds (default
 * 400; a quarter as many warm-up rounds first).
 */
public final class SpringStartupComparison {

    private SpringStartupComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args rounds
     * @throws IOException if the jars cannot be written or a loader closed
     */
    public static void main(String[] args) throws IOException {
        int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 400;
        PluginJars generated = PluginJars.generate(Files.createTempDirectory("plux-startup"), 1000, 100, 10);
        try {
            List<String> disabledWithNamespaces = new ArrayList<>(SpringStartupBenchmark.namespaces(false));
            disabledWithNamespaces.add("plux.enabled=false");
            List<Variant> variants = List.of(new Variant("plain (plux.enabled=false)", List.of("plux.enabled=false")),
                    new Variant("plain, same plux.* properties present", disabledWithNamespaces),
                    new Variant("plux, no namespace", List.of()),
                    new Variant("plux, 10 namespaces x 100 unloaded", SpringStartupBenchmark.namespaces(false)));
            // a fixed seed: the same order in every run; shuffled so that no variant always follows another
            Random random = new Random(12);
            List<Variant> order = new ArrayList<>(variants);
            for (int round = -rounds / 4; round < rounds; round++) {
                Collections.shuffle(order, random);
                for (Variant variant : order) {
                    double millis = variant.start(generated);
                    if (round >= 0) {
                        variant.times.add(millis);
                    }
                }
            }
            Timings plain = variants.get(0).times;
            for (Variant variant : variants) {
                Timings times = variant.times;
                System.out.printf("%-40s median %6.1f ms (quartiles %.1f-%.1f), mean %6.1f, %.3f x plain by medians,"
                        + " %.3f by means, %.3f median of per-round ratios%n", variant.name, times.quantile(2),
                        times.quantile(1), times.quantile(3), times.mean(), times.quantile(2) / plain.quantile(2),
                        times.mean() / plain.mean(), times.medianRatioTo(plain));
            }
        }
        finally {
            generated.delete();
        }
    }


    /** One context configuration and its measured times. */
    private static final class Variant {

        final String name;

        final String[] properties;

        final Timings times = new Timings();

        Variant(String name, List<String> properties) {
            this.name = name;
            List<String> all = new ArrayList<>(properties);
            all.add("spring.main.banner-mode=off");
            all.add("spring.main.log-startup-info=false");
            all.add("logging.level.root=WARN");
            this.properties = all.toArray(String[]::new);
        }

        double start(PluginJars generated) throws IOException {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            try (URLClassLoader loader = generated.newClassLoader()) {
                thread.setContextClassLoader(loader);
                long start = System.nanoTime();
                try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
                        SpringStartupBenchmark.BenchApplication.class)
                    .resourceLoader(new DefaultResourceLoader(loader))
                    .web(WebApplicationType.NONE)
                    .properties(this.properties)
                    .run()) {
                    return (System.nanoTime() - start) / 1e6;
                }
            }
            finally {
                thread.setContextClassLoader(previous);
            }
        }


    }
}
