package dev.plux.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Callbacks for each step of a plugin's life in a manager. Every method is a no-op by default.
 *
 * <p>A listener that throws a {@link PluginDisabled} naming the plugin from {@code onResolveAfter},
 * {@code onInitBefore}, {@code onInitAfter}, {@code onLoadBefore} or {@code onLoadAfter} disables the plugin; from
 * {@code onInitException} or {@code onLoadException} it disables the plugin after its failure was recorded (as in
 * plux: an optional plugin's failure made "disabled"). Any other exception a listener throws is logged and ignored.
 *
 * <p>A listener is called on the thread that resolves or loads the plugin, holding no lock: a manager used from
 * several threads calls it about different plugins at once (and one listener of several managers, about their
 * plugins), so it must be thread-safe. The callbacks about one plugin of a manager come one at a time, in the order
 * of its life, each after what the previous one did (from different threads, when one thread resolves the plugin
 * and another loads it).
 */
public interface PluginLifecycleListener {

    /**
     * An entry point of the manager's namespace could not be resolved to a spec. An entry with a usable name stays
     * declared, in state {@code RESOLVE_FAILED}: listed, and every {@code load} of it throws a
     * {@link PluginException} whose cause is {@code exception}. A line with no usable name is never declared; it is
     * reported here once, when the manager first reads its namespace.
     *
     * @param namespace the manager's namespace
     * @param entryPoint the entry point that failed
     * @param exception why it failed: a {@link PluginException} naming the entry (index file and line), whose
     *        cause is what the lookup threw (none for a malformed line)
     */
    default void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
    }

    /**
     * A spec was resolved and is now known to the manager.
     *
     * @param spec the spec
     */
    default void onResolveAfter(PluginSpec spec) {
    }

    /**
     * A plugin is about to be created: its filters passed and its factory runs next. Together with the
     * terminal callbacks ({@code onLoadAfter}, {@code onInitException}, {@code onLoadException},
     * {@code onDisabled}) it brackets init and load on the loading thread, for timing and tracing. A terminal
     * callback may come without it: for a plugin that a filter excluded or failed on, or that a listener of
     * {@code onResolveAfter} disabled, before it was to be created.
     *
     * @param spec the plugin's spec
     */
    default void onInitBefore(PluginSpec spec) {
    }

    /**
     * A plugin failed before it was created (state {@code INIT_FAILED}); the failure is recorded. Told when its
     * factory fails or returns {@code null}, when it makes an object that is not of the manager's plugin type
     * ({@code PluginTypeMismatchException}), and when a filter throws (then before {@code onInitBefore}, with a
     * {@link PluginException} naming the filter, caused by what it threw); plux tells no listener of the last two.
     * Throwing a {@link PluginDisabled} naming the plugin disables it instead.
     *
     * @param spec the plugin's spec
     * @param exception the failure, as {@code initError()} of its container gives it
     */
    default void onInitException(PluginSpec spec, Throwable exception) {
    }

    /**
     * A plugin was created.
     *
     * @param spec the plugin's spec
     * @param plugin the new instance
     */
    default void onInitAfter(PluginSpec spec, Plugin plugin) {
    }

    /**
     * A plugin is about to be loaded.
     *
     * @param spec the plugin's spec
     * @param plugin the instance
     * @param loadArgs the arguments {@link Plugin#load(Object...)} will receive (read-only)
     */
    default void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
    }

    /**
     * A plugin was loaded.
     *
     * @param spec the plugin's spec
     * @param plugin the instance
     * @param loadResult what {@link Plugin#load(Object...)} returned; {@code null} when it returned {@code null}
     *        (as the default {@code load} does)
     */
    default void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
    }

    /**
     * A created plugin failed to load (state {@code LOAD_FAILED}); the failure is recorded. Told when
     * {@link Plugin#load(Object...)} fails, and when {@link Plugin#shouldLoad()} throws (then without
     * {@code onLoadBefore}; in plux that error escapes {@code load} unrecorded, telling no listener). Throwing a
     * {@link PluginDisabled} naming the plugin disables it instead.
     *
     * @param spec the plugin's spec
     * @param plugin the instance
     * @param exception the failure as thrown, as {@code loadError()} of its container gives it
     */
    default void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
    }

    /**
     * A plugin was disabled: by a filter, its load condition, or a {@link PluginDisabled} thrown on the way.
     * Called once per plugin and manager.
     *
     * @param spec the plugin's spec
     * @param reason why it was disabled: the disabled reason; {@code "disabled"} for a {@link PluginDisabled}
     *        without one (whose container's {@code disabledReason()} stays {@code null})
     */
    default void onDisabled(PluginSpec spec, String reason) {
    }
}
