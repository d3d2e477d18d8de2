package dev.plux.benchmarks;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AOT benchmark's trial setup works outside JMH: the plux application is processed, compiled and defined, and
 * a measurement starts it from its generated initializer. Only one variant per JVM: both variants generate bean
 * definition classes of the same names for Boot's auto-configurations.
 */
class SpringStartupAotBenchmarkTest {

    @Test
    @Timeout(240)
    void thePluxVariantStartsFromItsAotInitializerWithItsManagers() throws IOException {
        SpringStartupAotBenchmark benchmark = new SpringStartupAotBenchmark();
        benchmark.plugins = 100;
        benchmark.jars = 10;
        benchmark.variant = "pluxUnloaded";
        benchmark.generate();
        try {
            // also starts the context once and fails unless it came from the initializer with 10 managers
            benchmark.processAheadOfTime();
            assertThat(Class.forName("dev.plux.benchmarks.AotPluxApplication__ApplicationContextInitializer",
                    false, getClass().getClassLoader())).isNotNull();
            benchmark.newLoader();
            try {
                assertThat(benchmark.start()).isGreaterThan(10);
            }
            finally {
                benchmark.closeLoader();
            }
        }
        catch (ClassNotFoundException ex) {
            throw new AssertionError("the AOT initializer was not defined", ex);
        }
        finally {
            benchmark.aotOff();
            benchmark.delete();
        }
    }
}
