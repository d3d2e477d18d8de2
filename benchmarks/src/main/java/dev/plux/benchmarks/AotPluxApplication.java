package dev.plux.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The plux application of {@link SpringStartupAotBenchmark}, processed with 10 namespaces configured:
 * auto-configuration only.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AotPluxApplication {

    /**
     * What AOT processing calls (it stops the run once the context is prepared).
     *
     * @param args the properties, {@code key=value}
     */
    public static void main(String[] args) {
        SpringStartupAotBenchmark.builder(AotPluxApplication.class, args, Thread.currentThread().getContextClassLoader()).run();
    }
}
