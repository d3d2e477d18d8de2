package dev.plux.spring.event;

import java.util.Objects;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

/**
 * A step in the life of a plugin, published by the {@link PluginManager} bean that manages it (the event's
 * source). Listen to one kind or to all:
 *
 * <pre>{@code
 * @EventListener
 * void onLoaded(PluginLoadedEvent event) {
 *     log.info("loaded {}:{}", event.namespace(), event.pluginName());
 * }
 * }</pre>
 *
 * Events are published synchronously on the thread that resolves or loads the plugin. A listener that throws
 * {@link dev.plux.core.PluginDisabled} naming the plugin from a {@link PluginResolvedEvent},
 * {@link PluginInitializedEvent}, {@link PluginLoadingEvent} or {@link PluginLoadedEvent} disables the plugin, and
 * from a {@link PluginInitFailedEvent} or {@link PluginLoadFailedEvent} turns its failure into disabled (a
 * {@link PluginDisabledEvent} follows); any other exception is logged and ignored. An asynchronous listener
 * ({@code @Async}, or a multicaster with an executor) runs after the step and cannot disable the plugin.
 */
public abstract class PluginLifecycleEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /** The namespace of the manager that published the event. */
    private final String namespace;

    /** The plugin concerned. */
    private final String pluginName;

    private final transient @Nullable PluginSpec spec;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param namespace the namespace
     * @param pluginName the plugin's name
     * @param spec the plugin's spec, or {@code null} when there is none (a failed resolution)
     */
    protected PluginLifecycleEvent(PluginManager<?> manager, String namespace, String pluginName,
            @Nullable PluginSpec spec) {
        super(manager);
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        this.spec = spec;
    }

    /**
     * The manager that published the event.
     *
     * @return the manager
     */
    public PluginManager<?> manager() {
        return (PluginManager<?>) getSource();
    }

    /**
     * The namespace of the plugin.
     *
     * @return the namespace
     */
    public String namespace() {
        return this.namespace;
    }

    /**
     * The name of the plugin.
     *
     * @return the name
     */
    public String pluginName() {
        return this.pluginName;
    }

    /**
     * The spec of the plugin; {@code null} only for {@link PluginResolveFailedEvent}, whose entry point never
     * became a spec.
     *
     * @return the spec
     */
    public @Nullable PluginSpec spec() {
        return this.spec;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + this.namespace + ":" + this.pluginName + "]";
    }
}
