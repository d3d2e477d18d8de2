package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.metrics.ApplicationStartup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The words of startup loading stay one readable line with thousands of plugins: the summary of 5,000 failures and
 * the timeout with 5,000 plugins waiting name the first few and the count, not every plugin.
 */
@Timeout(60)
class StartupReportManyPluginsTests {

    private static final String NS = "test.startup.many";

    private static final int COUNT = 5_000;

    @Test
    void theSummaryOfFiveThousandFailedPluginsNamesTheFirstFewAndTheCount() {
        PluginManager<Plugin> manager = manager((i) -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw new IllegalStateException("plugin " + i + " cannot reach its service");
            }
        });
        StartupNamespace namespace = new StartupNamespace(settings(false, null), manager, manager.listNames(),
                (name) -> false);
        new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime(), ApplicationStartup.DEFAULT)
            .run();

        String summary = StartupReport.summary(namespace);

        // before, the one INFO line held every failure: about 340,000 characters for these 5,000
        assertThat(summary).startsWith("plux namespace " + NS + ": loaded 0 plugins, failed 5000: p0"
                + " (IllegalStateException: plugin 0 cannot reach its service), p1 (")
            .endsWith(" (5000 in all)")
            .doesNotContain("p10 (", "p4999");
        assertThat(summary.length()).isLessThan(2_000);
    }

    @Test
    void aTimeoutWithFiveThousandPluginsWaitingNamesTheFirstFewAndTheCountAndKeepsThemAllInPlugins() {
        StartupNamespace[] namespace = new StartupNamespace[1];
        StartupRun[] run = new StartupRun[1];
        PluginManager<Plugin> manager = manager((i) -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                if (i == 0) {
                    // the timeout passes while the first plugin loads: the other 4,999 wait
                    run[0].timedOut(namespace[0]);
                }
                return null;
            }
        });
        namespace[0] = new StartupNamespace(settings(true, Duration.ofSeconds(1)), manager, manager.listNames(),
                (name) -> false);
        run[0] = new StartupRun(List.of(namespace[0]), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        try {
            run[0].load(namespace[0].tasks.get(0), watchdog);

            assertThatThrownBy(run[0]::report).isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                assertThat(failure.plugins()).hasSize(COUNT);
                // before, the message named all 5,000 (about 34,000 characters)
                assertThat(failure.getMessage()).contains("still loading: p0 (on thread ",
                        "still waiting to load: p1, p2, ", ", p20, ... (4999 in all)")
                    .doesNotContain("p21,", "p4999");
                assertThat(failure.getMessage().length()).isLessThan(1_000);
            });
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    private static ManagerSettings settings(boolean failFast, @Nullable Duration startupTimeout) {
        return new ManagerSettings(0, NS, "manyPluginManager", "plux.namespaces[0].namespace", Plugin.class, true,
                failFast, null, null, startupTimeout);
    }

    private interface PluginOfIndex {

        Plugin create(int index);
    }

    private static PluginManager<Plugin> manager(PluginOfIndex plugins) {
        List<PluginSpec> specs = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            int index = i;
            specs.add(new PluginSpec(NS, "p" + i, () -> plugins.create(index)));
        }
        return PluginManager.<Plugin>builder(NS).finder(() -> specs).build();
    }
}
