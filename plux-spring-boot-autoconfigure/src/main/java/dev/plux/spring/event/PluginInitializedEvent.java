package dev.plux.spring.event;

import java.util.Objects;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;

/**
 * A plugin was created. Throwing {@link dev.plux.core.PluginDisabled} naming the plugin from a listener disables it.
 */
public class PluginInitializedEvent extends PluginLifecycleEvent {

    private static final long serialVersionUID = 1L;

    private final transient Plugin plugin;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param spec the plugin's spec
     * @param plugin the new instance
     */
    public PluginInitializedEvent(PluginManager<?> manager, PluginSpec spec, Plugin plugin) {
        super(manager, spec.namespace(), spec.name(), spec);
        this.plugin = Objects.requireNonNull(plugin, "plugin");
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
}
