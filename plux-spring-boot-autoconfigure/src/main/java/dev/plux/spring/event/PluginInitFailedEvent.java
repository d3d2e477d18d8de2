package dev.plux.spring.event;

import java.util.Objects;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;

/**
 * Creating a plugin failed (its factory or constructor threw, a bean it needs is missing, or it is not of the
 * manager's plugin type). A listener that throws {@link dev.plux.core.PluginDisabled} naming the plugin turns the
 * failure into disabled.
 */
public class PluginInitFailedEvent extends PluginLifecycleEvent {

    private static final long serialVersionUID = 1L;

    private final transient Throwable exception;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param spec the plugin's spec
     * @param exception the failure
     */
    public PluginInitFailedEvent(PluginManager<?> manager, PluginSpec spec, Throwable exception) {
        super(manager, spec.namespace(), spec.name(), spec);
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
     * The failure.
     *
     * @return the exception
     */
    public Throwable exception() {
        return this.exception;
    }
}
