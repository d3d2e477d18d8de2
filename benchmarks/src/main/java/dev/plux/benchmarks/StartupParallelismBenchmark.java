package dev.plux.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Startup of a Spring Boot context whose one {@code load-on-startup} namespace has 100 plugins that each wait
 * 20 ms in {@code load()} (I/O-bound work: a connection, a remote call), with {@code plux.startup.parallelism}
 * 1 and 8. Target: 8 threads take at most 0.2x the sequential time (ideal: 13 rounds of 20 ms vs 100). The
 * {@code loadMillis=0} runs measure the rest of the startup, so the loading time alone is the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class StartupParallelismBenchmark {

    private static final String NAMESPACE = "bench.slow";

    private static final int PLUGINS = 100;

    /** {@code plux.startup.parallelism}. */
    @Param({ "1", "8" })
    public int parallelism;

    /** How long each plugin waits in {@code load()}; 0 measures the context and plux overhead alone. */
    @Param({ "0", "20" })
    public int loadMillis;

    /**
     * Starts and closes the context; the load-on-startup namespace is loaded before it counts as started.
     *
     * @return the number of plugins of the namespace
     */
    @Benchmark
    public int startWithSlowPlugins() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SlowPluginsApplication.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false",
                    "logging.level.root=WARN", "plux.namespaces[0].namespace=" + NAMESPACE,
                    "plux.namespaces[0].load-on-startup=true", "plux.startup.parallelism=" + this.parallelism,
                    "bench.load-millis=" + this.loadMillis)
            .run()) {
            return context.getBean(PluginManagers.class).get(NAMESPACE).listNames().size();
        }
    }

    /** Only plux's auto-configuration, and the slow plugins served from code. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PluxAutoConfiguration.class)
    static class SlowPluginsApplication {

        @Bean
        PluginManagerCustomizer slowPlugins() {
            List<PluginSpec> specs = new ArrayList<>();
            for (int i = 0; i < PLUGINS; i++) {
                specs.add(PluginSpec.of(NAMESPACE, "slow" + i, SlowPlugin.class));
            }
            return (namespace, builder) -> builder.finder(() -> specs);
        }
    }

    /** Waits {@code bench.load-millis} in {@code load()}. */
    public static class SlowPlugin implements Plugin {

        private final long millis;

        /**
         * Created through the application context.
         *
         * @param millis how long {@code load()} waits
         */
        public SlowPlugin(@Value("${bench.load-millis}") long millis) {
            this.millis = millis;
        }

        @Override
        public Object load(Object... args) throws InterruptedException {
            if (this.millis > 0) {
                Thread.sleep(this.millis);
            }
            return "ok";
        }
    }
}
