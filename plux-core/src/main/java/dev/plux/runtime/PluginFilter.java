package dev.plux.runtime;

import dev.plux.core.PluginSpec;

/**
 * Decides, before a plugin is created, whether it is disabled.
 */
@FunctionalInterface
public interface PluginFilter {

    /**
     * Whether the plugin is excluded.
     *
     * @param spec the plugin's spec
     * @return {@code true} to disable the plugin
     */
    boolean excludes(PluginSpec spec);
}
