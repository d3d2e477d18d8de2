package dev.plux.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.plux.core.Plugin;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;

/**
 * A namespace with one plugin of each kind, served from code (no index file): {@code good} loads,
 * {@code broken-init} fails in its constructor, {@code broken-load} fails in {@code load}, {@code off} has a false
 * load condition, {@code filtered} is excluded by the manager's filter.
 */
public final class PluginFixtures {

    /** Names of the plugins, in discovery order. */
    public static final List<String> NAMES = List.of("good", "broken-init", "broken-load", "off", "filtered");

    private PluginFixtures() {
    }

    /**
     * A manager of the fixture namespace.
     *
     * @param namespace the namespace
     * @param listeners listeners to attach
     * @return a manager that has not resolved anything yet
     */
    public static PluginManager<Plugin> manager(String namespace, Iterable<? extends PluginLifecycleListener> listeners) {
        return manager(namespace, listeners, builder -> {
        });
    }

    /**
     * A manager of the fixture namespace, customized.
     *
     * @param namespace the namespace
     * @param listeners listeners to attach
     * @param customizer changes to the builder
     * @return a manager that has not resolved anything yet
     */
    public static PluginManager<Plugin> manager(String namespace, Iterable<? extends PluginLifecycleListener> listeners,
            Consumer<PluginManager.Builder<Plugin>> customizer) {
        List<PluginSpec> specs = new ArrayList<>();
        specs.add(PluginSpec.of(namespace, "good", Good.class));
        specs.add(PluginSpec.of(namespace, "broken-init", BrokenInit.class));
        specs.add(PluginSpec.of(namespace, "broken-load", BrokenLoad.class));
        specs.add(PluginSpec.of(namespace, "off", Off.class));
        specs.add(PluginSpec.of(namespace, "filtered", Good.class));
        PluginManager.Builder<Plugin> builder = PluginManager.<Plugin>builder(namespace)
            .finder(() -> specs)
            .filter(spec -> spec.name().equals("filtered"));
        listeners.forEach(builder::listener);
        customizer.accept(builder);
        return builder.build();
    }

    /** Loads and returns "ok". */
    public static final class Good implements Plugin {

        @Override
        public @Nullable Object load(Object... args) {
            return "ok";
        }
    }

    /** Fails in its constructor. */
    public static final class BrokenInit implements Plugin {

        public BrokenInit() {
            throw new IllegalStateException("no database");
        }
    }

    /** Fails in {@code load}. */
    public static final class BrokenLoad implements Plugin {

        @Override
        public @Nullable Object load(Object... args) {
            throw new IllegalArgumentException("bad config");
        }
    }

    /** Its load condition is false. */
    public static final class Off implements Plugin {

        @Override
        public boolean shouldLoad() {
            return false;
        }
    }
}
