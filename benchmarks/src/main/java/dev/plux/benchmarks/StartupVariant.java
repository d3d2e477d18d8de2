package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * One configuration of {@link SpringStartupBenchmark}'s application (AOT off) that the paired starter measurements
 * start side by side, each start on a fresh class loader over the generated jars.
 *
 * @param name what the configuration is
 * @param properties its properties, quiet logging included
 */
record StartupVariant(String name, String[] properties) {

    /** The plain context, the plain one with the plux properties present, plux without and with 10 namespaces. */
    static List<StartupVariant> all() {
        List<String> disabledWithNamespaces = new ArrayList<>(SpringStartupBenchmark.namespaces(false));
        disabledWithNamespaces.add("plux.enabled=false");
        return List.of(of("plain (plux.enabled=false)", List.of("plux.enabled=false")),
                of("plain, same plux.* properties present", disabledWithNamespaces), of("plux, no namespace", List.of()),
                of("plux, 10 namespaces x 100 unloaded", SpringStartupBenchmark.namespaces(false)));
    }

    private static StartupVariant of(String name, List<String> properties) {
        List<String> all = new ArrayList<>(properties);
        all.add("spring.main.banner-mode=off");
        all.add("spring.main.log-startup-info=false");
        all.add("logging.level.root=WARN");
        return new StartupVariant(name, all.toArray(String[]::new));
    }

    /**
     * Starts and closes the context once.
     *
     * @param generated the jars
     * @return nanoseconds to the refreshed context
     * @throws IOException if the class loader cannot be closed
     */
    long start(PluginJars generated) throws IOException {
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
                return System.nanoTime() - start;
            }
        }
        finally {
            thread.setContextClassLoader(previous);
        }
    }
}
