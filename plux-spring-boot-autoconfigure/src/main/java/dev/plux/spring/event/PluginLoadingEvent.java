package dev.plux.spring.event;

import java.util.List;
import java.util.Objects;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;

/**
 * A plugin is about to be loaded. Throwing {@link dev.plux.core.PluginDisabled} naming the plugin from a listener
 * disables it (a veto).
 */
public class PluginLoadingEvent extends PluginLifecycleEvent {

    private static final long serialVersionUID = 1L;

    private final transient Plugin plugin;

    private final transient List<Object> loadArgs;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param spec the plugin's spec
     * @param plugin the instance
     * @param loadArgs the load arguments (read-only)
     */
    public PluginLoadingEvent(PluginManager<?> manager, PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
        super(manager, spec.namespace(), spec.name(), spec);
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.loadArgs = Objects.requireNonNull(loadArgs, "loadArgs");
    }

    /**
     * The spec of the plugin.
     *
     * @return the spec, never {@code null} for this event
     */
    @Override
    public PluginSpec spec() {
        return Objects.requireNonNull(super.spec());
    }

    /**
     * The plugin instance.
     *
     * @return the plugin
     */
    public Plugin plugin() {
        return this.plugin;
    }

    /**
     * The arguments the plugin's {@code load} will receive.
     *
     * @return the load arguments (read-only)
     */
    public List<Object> loadArgs() {
        return this.loadArgs;
    }
}
