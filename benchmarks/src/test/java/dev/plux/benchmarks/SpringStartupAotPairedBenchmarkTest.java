package dev.plux.benchmarks;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paired AOT benchmark's trial setup works outside JMH: the plain and the one-namespace plux application are
 * processed and defined in one JVM (their shared generated classes once), each starts from its own initializer
 * (the setup checks that, with 0 and 1 managers), and a round times both.
 */
class SpringStartupAotPairedBenchmarkTest {

    @Test
    @Timeout(300)
    void bothApplicationsStartFromTheirInitializersInOneJvm() throws IOException {
        SpringStartupAotPairedBenchmark benchmark = new SpringStartupAotPairedBenchmark();
        benchmark.namespaces = 1;
        try {
            benchmark.processAheadOfTime();
            SpringStartupAotPairedBenchmark.Nanos nanos = new SpringStartupAotPairedBenchmark.Nanos();
            nanos.reset();
            benchmark.round(nanos);
            assertThat(nanos.plain).isPositive();
            assertThat(nanos.plux).isPositive();
        }
        finally {
            benchmark.aotOffAndDelete();
        }
    }
}
