package dev.plux.core;

import java.util.List;

/**
 * Finds the plugin specs a manager can load. The default finder reads the index files on the class path;
 * a custom finder can produce specs from anywhere.
 *
 * <p>A manager calls it on its first use, on the calling thread, holding no lock: threads whose first use of one
 * manager comes at once each call it, and the specs of one call are kept for all of them, so a finder must be safe
 * to call concurrently.
 */
public interface PluginFinder {

    /**
     * Finds plugins.
     *
     * @return the specs found, in a deterministic order, never {@code null} and without {@code null} items (a
     *         manager fails its use naming the finder otherwise, and asks again on the next); a manager keeps only
     *         those of its own namespace
     */
    List<PluginSpec> findPlugins();
}
