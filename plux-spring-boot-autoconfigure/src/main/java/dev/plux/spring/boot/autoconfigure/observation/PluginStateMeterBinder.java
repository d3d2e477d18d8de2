package dev.plux.spring.boot.autoconfigure.observation;

import java.util.Locale;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers the gauge {@code plux.plugins}, tagged {@code namespace} and {@code state} (lower-case
 * {@link PluginState}), with the number of plugins of each manager in each state. Declare a bean of this type
 * (a subclass, or one over other managers) to replace the one plux registers.
 *
 * <p>A gauge never resolves a namespace: until the manager has been used (a load, a listing), all its gauges
 * read 0, so scraping metrics does not read index files or run resolution at an unexpected time.
 */
public class PluginStateMeterBinder implements MeterBinder {

    /** The gauge's name. */
    public static final String NAME = "plux.plugins";

    private final PluginManagers managers;

    /**
     * Creates the binder.
     *
     * @param managers the managers whose plugins are counted
     */
    public PluginStateMeterBinder(PluginManagers managers) {
        this.managers = managers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (PluginManager<?> manager : this.managers.all()) {
            for (PluginState state : PluginState.values()) {
                Gauge.builder(NAME, () -> count(manager, state))
                    .description("Plugins of a plux namespace in a state (0 until the namespace is first used)")
                    .tag("namespace", manager.namespace())
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .baseUnit("plugins")
                    .register(registry);
            }
        }
    }

    private static int count(PluginManager<?> manager, PluginState state) {
        if (!manager.isResolved()) {
            return 0;
        }
        int count = 0;
        for (PluginContainer<?> container : manager.listContainers()) {
            if (container.state() == state) {
                count++;
            }
        }
        return count;
    }
}
