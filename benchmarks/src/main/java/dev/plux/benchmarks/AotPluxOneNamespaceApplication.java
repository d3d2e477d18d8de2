package dev.plux.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The plux application of {@link SpringStartupAotBenchmark}'s one-namespace variant, processed with one namespace
 * of 1,000 plugins configured: auto-configuration only. Its own class, because its generated registrations differ
 * from the 10-namespace application's and {@link SpringStartupAotPairedBenchmark} defines both in one JVM.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AotPluxOneNamespaceApplication {

    /**
     * What AOT processing calls (it stops the run once the context is prepared).
     *
     * @param args the properties, {@code key=value}
     */
    public static void main(String[] args) {
        SpringStartupAotBenchmark
            .builder(AotPluxOneNamespaceApplication.class, args, Thread.currentThread().getContextClassLoader())
            .run();
    }
}
