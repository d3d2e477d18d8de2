package dev.plux.spring.event;

import java.util.Objects;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;

/**
 * A plugin's entry point was resolved to a spec; the plugin is now known to its manager. Throwing
 * {@link dev.plux.core.PluginDisabled} naming the plugin from a listener disables it.
 */
public class PluginResolvedEvent extends PluginLifecycleEvent {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param spec the resolved spec
     */
    public PluginResolvedEvent(PluginManager<?> manager, PluginSpec spec) {
        super(manager, spec.namespace(), spec.name(), spec);
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
}
