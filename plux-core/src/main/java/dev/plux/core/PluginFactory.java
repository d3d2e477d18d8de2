package dev.plux.core;

/**
 * Creates a plugin instance. Called at most once per plugin and manager, when the plugin is first loaded.
 */
@FunctionalInterface
public interface PluginFactory {

    /**
     * Creates the plugin.
     *
     * @return a new plugin
     * @throws Exception any failure; it is recorded as the plugin's init error
     */
    Plugin create() throws Exception;
}
