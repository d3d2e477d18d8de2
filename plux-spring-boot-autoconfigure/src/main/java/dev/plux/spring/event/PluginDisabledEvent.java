package dev.plux.spring.event;

import java.util.Objects;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;

/**
 * A plugin was disabled: by a filter, its load condition, or a {@link dev.plux.core.PluginDisabled} thrown by a
 * listener or the plugin. Published once per plugin.
 */
public class PluginDisabledEvent extends PluginLifecycleEvent {

    private static final long serialVersionUID = 1L;

    /** Why the plugin was disabled. */
    private final String reason;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param spec the plugin's spec
     * @param reason why it was disabled
     */
    public PluginDisabledEvent(PluginManager<?> manager, PluginSpec spec, String reason) {
        super(manager, spec.namespace(), spec.name(), spec);
        this.reason = Objects.requireNonNull(reason, "reason");
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
     * Why the plugin was disabled.
     *
     * @return the reason; {@code "disabled"} for a {@code PluginDisabled} thrown without one (whose container's
     *         {@code disabledReason()} stays {@code null})
     */
    public String reason() {
        return this.reason;
    }
}
