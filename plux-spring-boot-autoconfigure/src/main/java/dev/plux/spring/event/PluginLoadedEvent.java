package dev.plux.spring.event;

import java.util.Objects;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;

/**
 * A plugin's {@code load} returned. Published before the plugin counts as loaded (as plux's {@code on_load_after}):
 * a listener that throws {@link dev.plux.core.PluginDisabled} naming it disables it instead, and
 * {@code manager.isLoaded(name)} is still {@code false} while listeners run.
 */
public class PluginLoadedEvent extends PluginLifecycleEvent {

    private static final long serialVersionUID = 1L;

    private final transient Plugin plugin;

    private final transient @Nullable Object loadResult;

    /**
     * Creates the event.
     *
     * @param manager the manager that publishes it
     * @param spec the plugin's spec
     * @param plugin the instance
     * @param loadResult what {@code load} returned, {@code null} included
     */
    public PluginLoadedEvent(PluginManager<?> manager, PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
        super(manager, spec.namespace(), spec.name(), spec);
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.loadResult = loadResult;
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
     * What the plugin's {@code load} returned.
     *
     * @return the load result; {@code null} when {@code load} returned {@code null} (as the default one does)
     */
    public @Nullable Object loadResult() {
        return this.loadResult;
    }
}
