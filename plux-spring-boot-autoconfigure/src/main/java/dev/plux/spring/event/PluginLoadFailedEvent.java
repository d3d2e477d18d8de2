package dev.plux.spring.event;

import java.util.Objects;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;

/**
 * Loading a plugin failed: its {@code load} (or {@code shouldLoad}) threw. A listener that throws
 * {@link dev.plux.core.PluginDisabled} naming the plugin turns the failure into disabled.
 */
public class PluginLoadFailedEvent extends PluginLifecycleEvent {

    private static final long serialVersionUID = 1L;

    private final transient Plugin plugin;

    private final transient Throwable exception;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param spec the plugin's spec
     * @param plugin the instance
     * @param exception the failure
     */
    public PluginLoadFailedEvent(PluginManager<?> manager, PluginSpec spec, Plugin plugin, Throwable exception) {
        super(manager, spec.namespace(), spec.name(), spec);
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.exception = Objects.requireNonNull(exception, "exception");
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
     * The failure.
     *
     * @return the exception
     */
    public Throwable exception() {
        return this.exception;
    }
}
