package dev.plux.spring.event;

import java.util.Objects;

import dev.plux.core.EntryPoint;
import dev.plux.runtime.PluginManager;

/**
 * An entry point of the namespace could not be resolved (unknown class, not a plugin, missing member,
 * malformed line). An entry with a usable name stays declared in its manager, in state {@code RESOLVE_FAILED}:
 * listed, and every {@code load} of it throws a {@link dev.plux.core.PluginException} caused by {@link #exception()}.
 * A line with no usable name is never declared; this event for it comes once, when the manager first reads its
 * namespace. {@link #spec()} is {@code null}: there is no spec.
 */
public class PluginResolveFailedEvent extends PluginLifecycleEvent {

    private static final long serialVersionUID = 1L;

    /** The entry point that failed to resolve. */
    private final EntryPoint entryPoint;

    private final transient Throwable exception;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param entryPoint the entry point that failed
     * @param exception why it failed
     */
    public PluginResolveFailedEvent(PluginManager<?> manager, EntryPoint entryPoint, Throwable exception) {
        super(manager, entryPoint.namespace(), entryPoint.name(), null);
        this.entryPoint = entryPoint;
        this.exception = Objects.requireNonNull(exception, "exception");
    }

    /**
     * The entry point that failed.
     *
     * @return the entry point, with the index file it came from
     */
    public EntryPoint entryPoint() {
        return this.entryPoint;
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
