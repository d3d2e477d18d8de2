package dev.plux.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The plain application of {@link SpringStartupAotBenchmark}, processed with {@code plux.enabled=false}:
 * auto-configuration only.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AotPlainApplication {

    /**
     * What AOT processing calls (it stops the run once the context is prepared).
     *
     * @param args the properties, {@code key=value}
     */
    public static void main(String[] args) {
        SpringStartupAotBenchmark.builder(AotPlainApplication.class, args, Thread.currentThread().getContextClassLoader()).run();
    }
}
