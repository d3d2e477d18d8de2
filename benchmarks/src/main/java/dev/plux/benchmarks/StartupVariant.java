package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One application and configuration that the paired starter measurements start side by side, each start on a
 * fresh class loader over the generated jars of its namespace count: {@link SpringStartupBenchmark}'s application
 * (AOT off), or an AOT-processed one ({@link #aot}).
 *
 * @param name what the configuration is
 * @param application the application class (with AOT on, the one whose generated initializer Boot applies)
 * @param properties its properties, quiet logging included
 * @param namespaces how many namespaces its jars declare (10 x 100 or 1 x 1,000 plugins)
 * @param starter whether Boot finds plux's auto-configurations ({@code false}: the plain context, started on a
 *        {@link StarterlessClassLoader})
 */
record StartupVariant(String name, Class<?> application, String[] properties, int namespaces, boolean starter) {

    /**
     * The plain context (the baseline, first: Boot finds no plux auto-configuration, as without the starter),
     * plux disabled, plux without a namespace, with one namespace of 1,000 plugins and with 10 namespaces of 100,
     * nothing loaded.
     */
    static List<StartupVariant> all() {
        return all(List.of());
    }

    /**
     * {@link #all()}, each with more properties, such as those that make it a web application.
     *
     * @param common properties added to every variant
     * @return the variants
     */
    static List<StartupVariant> all(List<String> common) {
        Class<?> application = SpringStartupBenchmark.BenchApplication.class;
        return List.of(withoutStarter(aot("plain (without the starter)", application, common, 10)),
                aot("plux.enabled=false", application, with(common, List.of("plux.enabled=false")), 10),
                aot("plux, no namespace", application, common, 10),
                aot("plux, 1 namespace x 1,000 unloaded", application,
                        with(common, SpringStartupBenchmark.namespaces(1, false)), 1),
                aot("plux, 10 namespaces x 100 unloaded", application,
                        with(common, SpringStartupBenchmark.namespaces(10, false)), 10));
    }

    private static List<String> with(List<String> common, List<String> properties) {
        List<String> all = new ArrayList<>(common);
        all.addAll(properties);
        return all;
    }

    private static StartupVariant withoutStarter(StartupVariant variant) {
        return new StartupVariant(variant.name, variant.application, variant.properties, variant.namespaces, false);
    }

    /**
     * A variant of another application, such as an AOT-processed one.
     *
     * @param name what the configuration is
     * @param application the application class
     * @param properties its properties (quiet logging is added)
     * @param namespaces how many namespaces its jars declare
     * @return the variant
     */
    static StartupVariant aot(String name, Class<?> application, List<String> properties, int namespaces) {
        List<String> all = new ArrayList<>(properties);
        all.add("spring.main.banner-mode=off");
        all.add("spring.main.log-startup-info=false");
        all.add("logging.level.root=WARN");
        return new StartupVariant(name, application, all.toArray(String[]::new), namespaces, true);
    }

    /**
     * Generates the jars every variant needs: 1,000 plugins in 100 jars, over 10 namespaces and over one.
     *
     * @param directory where to write them
     * @return the jars by namespace count
     * @throws IOException if writing fails
     */
    static Map<Integer, PluginJars> generateJars(Path directory) throws IOException {
        return Map.of(10, PluginJars.generate(directory.resolve("ten"), 1000, 100, 10), 1,
                PluginJars.generate(directory.resolve("one"), 1000, 100, 1));
    }

    /**
     * Starts and closes the context once.
     *
     * @param jars the jars by namespace count ({@link #generateJars})
     * @return nanoseconds to the refreshed context
     * @throws IOException if the class loader cannot be closed
     */
    long start(Map<Integer, PluginJars> jars) throws IOException {
        try (URLClassLoader loader = newClassLoader(jars)) {
            return start(loader);
        }
    }

    /**
     * A fresh class loader over the generated jars of this variant's namespace count, as {@link #start(Map)}
     * starts the context on.
     *
     * @param jars the jars by namespace count ({@link #generateJars})
     * @return the loader, to be closed by the caller
     */
    URLClassLoader newClassLoader(Map<Integer, PluginJars> jars) {
        PluginJars generated = jars.get(this.namespaces);
        return this.starter ? generated.newClassLoader() : generated.newStarterlessClassLoader();
    }

    /**
     * Starts and closes the context once on the given class loader.
     *
     * @param loader the application's class loader, normally one of {@link #newClassLoader}
     * @return nanoseconds to the refreshed context
     */
    long start(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            long start = System.nanoTime();
            try (ConfigurableApplicationContext context = SpringStartupAotBenchmark
                .builder(this.application, this.properties, loader)
                .run()) {
                return System.nanoTime() - start;
            }
        }
        finally {
            thread.setContextClassLoader(previous);
        }
    }
}
