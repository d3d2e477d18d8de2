package dev.plux.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Time to a refreshed Spring Boot context with 10 namespaces x 100 plugins configured: without plux (Boot finds
 * none of its auto-configurations), with plux and nothing loaded, and with {@code load-on-startup} on every namespace.
 * Each measurement starts and closes one context on a fresh class loader.
 */
@Measurement(iterations = 30)
public class SpringStartupBenchmark extends FreshClassLoaderState {

    private static final int NAMESPACES = 10;

    @Override
    protected int namespaceCount() {
        return NAMESPACES;
    }

    @Override
    protected boolean withoutStarter(String method) {
        return method.equals("withoutPlux");
    }

    /**
     * The plain application: Boot finds no plux auto-configuration, as without the starter.
     *
     * @return the started context's bean count
     */
    @Benchmark
    public int withoutPlux() {
        return start(List.of());
    }

    /**
     * plux with 10 namespaces configured, nothing resolved or loaded.
     *
     * @return the started context's bean count
     */
    @Benchmark
    public int pluxUnloaded() {
        return start(namespaces(false));
    }

    /**
     * plux with 10 namespaces loaded on startup (1,000 plugins created and loaded).
     *
     * @return the started context's bean count
     */
    @Benchmark
    public int pluxLoadOnStartup() {
        return start(namespaces(true));
    }

    static List<String> namespaces(boolean loadOnStartup) {
        return namespaces(NAMESPACES, loadOnStartup);
    }

    static List<String> namespaces(int count, boolean loadOnStartup) {
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            properties.add("plux.namespaces[" + i + "].namespace=bench.ns" + i);
            properties.add("plux.namespaces[" + i + "].load-on-startup=" + loadOnStartup);
        }
        return properties;
    }

    private int start(List<String> properties) {
        List<String> all = new ArrayList<>(properties);
        all.add("spring.main.banner-mode=off");
        all.add("spring.main.log-startup-info=false");
        all.add("logging.level.root=WARN");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(this.loader);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApplication.class)
            .resourceLoader(new DefaultResourceLoader(this.loader))
            .web(WebApplicationType.NONE)
            .properties(all.toArray(String[]::new))
            .run()) {
            return context.getBeanDefinitionCount();
        }
        finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The benchmarked application: auto-configuration only. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class BenchApplication {
    }
}
