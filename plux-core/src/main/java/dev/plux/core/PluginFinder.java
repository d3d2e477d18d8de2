package dev.plux.core;

import java.util.List;

/**
 * Finds the plugin specs a manager can load. The default finder reads the index files on the class path;
 * a custom finder can produce specs from anywhere.
 */
public interface PluginFinder {

    /**
     * Finds plugins.
     *
     * @return the specs found, in a deterministic order; a manager keeps only those of its own namespace
     */
    List<PluginSpec> findPlugins();
}
