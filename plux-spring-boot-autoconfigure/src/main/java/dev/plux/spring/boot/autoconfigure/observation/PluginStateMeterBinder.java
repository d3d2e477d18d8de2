package dev.plux.spring.boot.autoconfigure.observation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the gauge {@code plux.plugins}, tagged {@code namespace} and {@code state} (lower-case
 * {@link PluginState}), with the number of plugins of each manager in each state. Declare a bean of this type
 * (a subclass, or one over other managers) to replace the one plux registers.
 *
 * <p>A gauge never resolves a namespace: until the manager has been used (a load, a listing), all its gauges
 * read 0, so scraping metrics does not read index files or run resolution at an unexpected time.
 *
 * <p>A registry holds one gauge per name and tags: a gauge that another binder registered already (another
 * context's manager of the same namespace, over a shared registry) is left to it, and stays when this binder is
 * closed.
 */
public class PluginStateMeterBinder implements MeterBinder, AutoCloseable {

    /** The gauge's name. */
    public static final String NAME = "plux.plugins";

    private static final Logger logger = LoggerFactory.getLogger(PluginStateMeterBinder.class);

    private final Supplier<PluginManagers> managers;

    private final List<String> namespaces;

    /** Every gauge registered, with its registry, to remove when the context closes. */
    private final List<Map.Entry<MeterRegistry, Meter>> registered = new CopyOnWriteArrayList<>();

    /**
     * Creates the binder.
     *
     * @param managers the managers whose plugins are counted
     */
    public PluginStateMeterBinder(PluginManagers managers) {
        this(() -> managers, managers.all().stream().map(PluginManager::namespace).toList());
    }

    /**
     * Creates the binder over managers obtained when a gauge is first read, so that binding the gauges, which Boot
     * does while the context starts, creates no manager.
     *
     * @param managers supplies the managers whose plugins are counted
     * @param namespaces their namespaces, one set of gauges each
     */
    public PluginStateMeterBinder(Supplier<PluginManagers> managers, List<String> namespaces) {
        this.managers = managers;
        this.namespaces = List.copyOf(namespaces);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String namespace : this.namespaces) {
            for (PluginState state : PluginState.values()) {
                String stateTag = state.name().toLowerCase(Locale.ROOT);
                if (registry.find(NAME).tags("namespace", namespace, "state", stateTag).gauge() != null) {
                    // another binder's (another context's manager of the same namespace, sharing this registry):
                    // the registry would hand it to this binder, whose close would then take it from its owner
                    logger.debug("gauge {} of plux namespace {} is registered already; {} leaves it to its owner",
                            NAME, namespace, this);
                    continue;
                }
                Gauge gauge = Gauge.builder(NAME, () -> count(namespace, state))
                    .description("Plugins of a plux namespace in a state (0 until the namespace is first used)")
                    .tag("namespace", namespace)
                    .tag("state", stateTag)
                    .baseUnit("plugins")
                    .register(registry);
                this.registered.add(Map.entry(registry, gauge));
            }
        }
    }

    /**
     * Removes the gauges from the registries they were bound to (the context closes; Spring calls this for the
     * auto-configured bean). A registry that outlives the context, one shared by tests or a restart in the same
     * JVM, then neither keeps reading the closed context nor hands its gauges to the next context's binder, whose
     * gauges have the same name and tags.
     */
    @Override
    public void close() {
        for (Map.Entry<MeterRegistry, Meter> gauge : this.registered) {
            gauge.getKey().remove(gauge.getValue());
        }
        this.registered.clear();
    }

    private int count(String namespace, PluginState state) {
        PluginManagers managers = this.managers.get();
        if (!managers.contains(namespace)) {
            return 0;
        }
        PluginManager<?> manager = managers.get(namespace);
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
