package dev.plux.core;

/**
 * Creates a plugin instance. Called at most once per plugin and manager, when the plugin is first loaded, on the
 * thread that loads it (a manager used from several threads calls the factories of different plugins at once).
 */
@FunctionalInterface
public interface PluginFactory {

    /**
     * Creates the plugin.
     *
     * @return a new plugin
     * @throws Exception any failure; it is recorded as the plugin's init error ({@code INIT_FAILED}), except a
     *         {@link PluginDisabled} naming this plugin (its namespace and name), which disables it
     */
    Plugin create() throws Exception;
}
