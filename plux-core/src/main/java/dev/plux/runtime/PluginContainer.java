package dev.plux.runtime;

import java.util.Optional;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;

/**
 * A manager's view of one plugin: its spec, its instance once created, and what happened to it.
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
     * The plugin's spec.
     *
     * @return the spec
     */
    PluginSpec pluginSpec();

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

    /**
     * The plugin-directory bundle the plugin came from (see {@link PluginManager.Builder#pluginDirectory}).
     *
     * @return the bundle's real path (a jar or a directory); empty for a plugin of the class path or of a finder
     */
    default Optional<java.nio.file.Path> bundle() {
        return Optional.empty();
    }
}
