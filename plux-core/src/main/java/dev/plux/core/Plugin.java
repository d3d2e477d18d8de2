package dev.plux.core;

import org.jspecify.annotations.Nullable;

/**
 * A plugin: something a {@code PluginManager} discovers in a namespace, creates and loads.
 *
 * <p>Both methods have defaults, so the smallest plugin is an empty class; most override {@link #load(Object...)}:
 * <pre>{@code
 * @PluginName("hello")
 * public class HelloPlugin implements GreetingPlugin {
 *     @Override
 *     public Object load(Object... args) {
 *         return "hello, " + args[0];
 *     }
 * }
 * }</pre>
 */
public interface Plugin {

    /**
     * Whether this plugin should be loaded. Called once, after the plugin was created and before
     * {@link #load(Object...)}; a plugin that answers {@code false} is disabled with the reason
     * "Load condition for plugin was false". An exception it throws fails the plugin ({@code LOAD_FAILED}); a
     * {@link PluginDisabled} naming this plugin disables it.
     *
     * @return {@code true} (the default) to load the plugin
     */
    default boolean shouldLoad() {
        return true;
    }

    /**
     * Loads the plugin. Called at most once per manager, with the manager's load arguments.
     *
     * @param args the load arguments of the manager (empty when none were set)
     * @return a value the manager keeps as the plugin's load value, or {@code null}
     * @throws Exception any failure; it is recorded and makes the plugin fail for good ({@code LOAD_FAILED}),
     *         except a {@link PluginDisabled} naming this plugin (its namespace and name), which disables it; one
     *         naming another plugin (a plugin this one loads, which is disabled) fails this plugin
     */
    default @Nullable Object load(Object... args) throws Exception {
        return null;
    }
}
