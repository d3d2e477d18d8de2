package dev.plux.spring.boot.autoconfigure.observation;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
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
import org.jspecify.annotations.Nullable;
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
 * <p>A registry holds one gauge per name and tags. When several binders count the same namespace in one registry
 * (contexts with a manager of that namespace each, over a shared registry: a parent and a child, or sibling
 * children), the gauge reads the manager of the binder bound first among those not closed; closing a binder removes
 * the gauge only when no other binder of that namespace is left, so a living context never loses its gauges to
 * another context's close. A gauge of the same name and tags that no {@code PluginStateMeterBinder} registered is
 * left alone, also one registered after plux's was removed from the registry: plux's is then neither registered
 * again nor removed in its place.
 */
public class PluginStateMeterBinder implements MeterBinder, AutoCloseable {

    /** The gauge's name. */
    public static final String NAME = "plux.plugins";

    private static final Logger logger = LoggerFactory.getLogger(PluginStateMeterBinder.class);

    private final Supplier<PluginManagers> managers;

    private final List<String> namespaces;

    /**
     * The gauges of every registry that binders of this type share, by registry (weakly: a registry nobody uses any
     * more is not kept) and by namespace and state. Guarded by itself; used when binding and closing, never when a
     * gauge is read.
     */
    private static final Map<MeterRegistry, Map<List<String>, SharedGauge>> SHARED = new WeakHashMap<>();

    /** Every gauge this binder counts in, with its registry, to leave when the context closes. */
    private final List<Map.Entry<MeterRegistry, SharedGauge>> registered = new CopyOnWriteArrayList<>();

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
        synchronized (SHARED) {
            Map<List<String>, SharedGauge> gauges = SHARED.computeIfAbsent(registry, (key) -> new HashMap<>());
            // the registry's gauges of this name, looked up once: Micrometer's find(...) copies every meter of the
            // registry, and once per gauge made binding quadratic in the namespaces
            Map<List<String>, Gauge> present = new HashMap<>();
            for (Gauge gauge : registry.find(NAME).gauges()) {
                String namespace = gauge.getId().getTag("namespace");
                String state = gauge.getId().getTag("state");
                if (namespace != null && state != null) {
                    present.putIfAbsent(List.of(namespace, state), gauge);
                }
            }
            for (String namespace : this.namespaces) {
                for (PluginState state : PluginState.values()) {
                    bind(registry, gauges, present, namespace, state);
                }
            }
        }
    }

    private void bind(MeterRegistry registry, Map<List<String>, SharedGauge> gauges, Map<List<String>, Gauge> present,
            String namespace, PluginState state) {
        String stateTag = state.name().toLowerCase(Locale.ROOT);
        List<String> key = List.of(namespace, stateTag);
        SharedGauge shared = gauges.get(key);
        Gauge existing = present.get(key);
        if (shared == null && existing != null) {
            // not a binder of this type's: the registry would hand it over, and our close would remove it
            logger.debug("gauge {} of plux namespace {} is registered already by another meter binder; {} leaves it"
                    + " alone", NAME, namespace, this);
            return;
        }
        if (shared != null && existing != null && existing != shared.gauge) {
            // ours was removed from the registry and another binder registered one of the same name and tags since:
            // theirs now, to leave alone (registering ours would hand it over, and our close would remove it)
            logger.debug("gauge {} of plux namespace {} is registered already by another meter binder; {} leaves it"
                    + " alone", NAME, namespace, this);
            return;
        }
        if (shared == null) {
            shared = new SharedGauge(key);
            gauges.put(key, shared);
        }
        if (existing == null) {
            // new, or removed from the registry meanwhile (registry.clear()): registered (again), reading the binders
            // that count in it
            shared.gauge = Gauge.builder(NAME, shared::read)
                .description("Plugins of a plux namespace in a state (0 until the namespace is first used)")
                .tag("namespace", namespace)
                .tag("state", stateTag)
                .baseUnit("plugins")
                .register(registry);
            present.put(key, shared.gauge);
        }
        Counted counted = new Counted(this, namespace, state);
        if (!shared.counted.contains(counted)) {
            // bound to this registry once (Boot binds each binder once; a second bind changes nothing)
            shared.counted.add(counted);
            this.registered.add(Map.entry(registry, shared));
        }
    }

    /**
     * Leaves the gauges of the registries this binder was bound to (the context closes; Spring calls this for the
     * auto-configured bean), removing each that no other binder counts in. A registry that outlives the context,
     * one shared by tests or a restart in the same JVM, then neither keeps reading the closed context nor hands its
     * gauges to the next context's binder, whose gauges have the same name and tags.
     */
    @Override
    public void close() {
        synchronized (SHARED) {
            // the meters of each registry, listed once (getMeters() copies them all): once per gauge made closing
            // quadratic in the namespaces. By identity: a meter's equals compares name and tags only
            Map<MeterRegistry, Set<Meter>> registeredMeters = new IdentityHashMap<>();
            for (Map.Entry<MeterRegistry, SharedGauge> entry : this.registered) {
                SharedGauge shared = entry.getValue();
                shared.counted.removeIf((counted) -> counted.binder() == this);
                if (shared.counted.isEmpty()) {
                    MeterRegistry registry = entry.getKey();
                    Gauge gauge = shared.gauge;
                    if (gauge != null && registeredMeters.computeIfAbsent(registry, PluginStateMeterBinder::meters)
                        .contains(gauge)) {
                        // Micrometer removes by name and tags: only while ours is the one registered, not one that
                        // another binder registered after ours was removed
                        registry.remove(gauge);
                    }
                    Map<List<String>, SharedGauge> gauges = SHARED.get(registry);
                    if (gauges != null) {
                        gauges.remove(shared.key, shared);
                        if (gauges.isEmpty()) {
                            SHARED.remove(registry);
                        }
                    }
                }
            }
            this.registered.clear();
        }
    }

    /** The meters registered in a registry, compared by identity. */
    private static Set<Meter> meters(MeterRegistry registry) {
        Set<Meter> meters = Collections.newSetFromMap(new IdentityHashMap<>());
        meters.addAll(registry.getMeters());
        return meters;
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

    /** A binder counting one namespace in one state. */
    private record Counted(PluginStateMeterBinder binder, String namespace, PluginState state) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Counted counted && counted.binder == this.binder
                    && counted.namespace.equals(this.namespace) && counted.state == this.state;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this.binder) * 31 + this.namespace.hashCode() * 7 + this.state.hashCode();
        }
    }

    /** One gauge of a registry, and the binders counting in it, in bind order: it reads the first. */
    private static final class SharedGauge {

        /** Its namespace and state tag, its key in {@link #SHARED}. */
        final List<String> key;

        final List<Counted> counted = new CopyOnWriteArrayList<>();

        @Nullable Gauge gauge;

        SharedGauge(List<String> key) {
            this.key = key;
        }

        int read() {
            for (Counted first : this.counted) {
                return first.binder().count(first.namespace(), first.state());
            }
            return 0;
        }
    }
}
