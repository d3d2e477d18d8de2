package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StartupRun} on its own, without a context: what only shows with many plugins.
 */
@Timeout(60)
class StartupRunTests {

    private static final String NS = "test.startup.run";

    @Test
    void bookkeepingStaysLinearWithManyPlugins() {
        int count = 50_000;
        // the manager's own cost of loading them all, one after another on this thread
        PluginManager<Plugin> plain = manager(count);
        long plainStart = System.nanoTime();
        for (String name : plain.listNames()) {
            plain.load(name);
        }
        Duration plainTime = Duration.ofNanos(System.nanoTime() - plainStart);

        PluginManager<Plugin> manager = manager(count);
        ManagerSettings settings = new ManagerSettings(0, NS, "runPluginManager", "plux.namespaces[0].namespace",
                Plugin.class, true, true, null, null, null);
        StartupRun.Namespace namespace = new StartupRun.Namespace(settings, manager, manager.listNames(),
                (name) -> false);
        long start = System.nanoTime();
        new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, start).run();
        Duration runTime = Duration.ofNanos(System.nanoTime() - start);

        assertThat(manager.listContainers()).hasSize(count).allSatisfy((container) -> assertThat(container.isLoaded())
            .isTrue());
        // Scanning every plugin after each one finished took seconds here (quadratic); a handful of steps per
        // plugin is a fraction of a second, generous enough for a busy machine
        assertThat(runTime).isLessThan(plainTime.multipliedBy(5).plusSeconds(2));
    }

    private static PluginManager<Plugin> manager(int count) {
        List<PluginSpec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            specs.add(new PluginSpec(NS, "p" + i, () -> new Plugin() {
            }));
        }
        return PluginManager.<Plugin>builder(NS).finder(() -> specs).build();
    }
}
