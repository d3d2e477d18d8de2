package dev.plux.runtime;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;

/**
 * Creates plugin instances for a manager. The default calls {@code spec.factory().create()}; the Spring layer
 * replaces it to create class plugins through the application context.
 */
@FunctionalInterface
public interface PluginInstantiator {

    /**
     * The default: the spec's own factory.
     */
    PluginInstantiator FACTORY = (spec) -> spec.factory().create();

    /**
     * Creates the plugin of a spec.
     *
     * @param spec the spec
     * @return a new plugin
     * @throws Exception any failure; recorded as the plugin's init error
     */
    Plugin instantiate(PluginSpec spec) throws Exception;
}
