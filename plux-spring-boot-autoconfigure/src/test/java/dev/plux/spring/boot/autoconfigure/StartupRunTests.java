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
        StartupRun run = new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime());
        long start = System.nanoTime();
        run.run();
        Duration runTime = Duration.ofNanos(System.nanoTime() - start);

        assertThat(manager.listContainers()).hasSize(count).allSatisfy((container) -> assertThat(container.isLoaded())
            .isTrue());
        // Scanning every plugin after each one finished (quadratic) looked at 50,000 plugins 50,000 times; a few steps
        // per plugin is what the run counts, whatever the timing: the deterministic check
        assertThat(run.steps()).isLessThanOrEqualTo(2L * count + 2);
        // and a backstop for a scan elsewhere: the quadratic run took about 12 s here, the linear one under 1 s; the
        // bound leaves a loaded machine several seconds more
        assertThat(runTime).isLessThan(plainTime.multipliedBy(10).plusSeconds(8));
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
