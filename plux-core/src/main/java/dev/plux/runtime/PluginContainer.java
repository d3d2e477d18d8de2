package dev.plux.runtime;

import java.util.Optional;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;

/**
 * A manager's view of one plugin: where it was declared, its spec once resolved, its instance once created, and
 * what happened to it. Reading a container never resolves, creates or loads anything.
 *
 * @param <P> the plugin type
 */
public interface PluginContainer<P extends Plugin> {

    /**
     * The plugin's name.
     *
     * @return the name
     */
    String name();

    /**
     * Where the plugin was declared: its index line, or, for a plugin of a custom {@code PluginFinder}, an entry
     * point made from its spec (source {@code null}).
     *
     * @return the entry point
     */
    EntryPoint entryPoint();

    /**
     * The plugin's spec. Never resolves: {@code null} until {@code load}, {@code loadAll} or
     * {@code listPluginSpecs} resolved the plugin, and when its resolution failed.
     *
     * @return the spec, or {@code null} while {@link PluginState#DECLARED} or {@link PluginState#RESOLVE_FAILED}
     */
    @Nullable PluginSpec pluginSpec();

    /**
     * Why the plugin's entry point could not be resolved.
     *
     * @return the failure, or {@code null} unless {@link PluginState#RESOLVE_FAILED}
     */
    @Nullable Throwable resolveError();

    /**
     * The plugin instance.
     *
     * @return the instance once created, else {@code null}
     */
    @Nullable P plugin();

    /**
     * What {@code load} returned.
     *
     * @return the load value, or {@code null} when not loaded or nothing was returned
     */
    @Nullable Object loadValue();

    /**
     * Whether the plugin was created.
     *
     * @return {@code true} once the factory returned
     */
    boolean isInit();

    /**
     * Whether the plugin was loaded.
     *
     * @return {@code true} once {@code load} returned
     */
    boolean isLoaded();

    /**
     * Why the factory failed.
     *
     * @return the failure, or {@code null}
     */
    @Nullable Throwable initError();

    /**
     * Why {@code load} failed.
     *
     * @return the failure, or {@code null}
     */
    @Nullable Throwable loadError();

    /**
     * Whether the plugin is disabled.
     *
     * @return {@code true} if disabled
     */
    boolean isDisabled();

    /**
     * Why the plugin is disabled.
     *
     * @return the reason, or {@code null} if not disabled (or disabled without a reason)
     */
    @Nullable String disabledReason();

    /**
     * The plugin's state.
     *
     * @return the state
     */
    PluginState state();

    /**
     * The jar or directory the plugin came from, computed on first call.
     *
     * @return the distribution, or empty when it cannot be told (a plugin made in code)
     */
    Optional<Distribution> distribution();
}
