package dev.plux.benchmarks;

import java.util.List;

import dev.plux.core.Plugin;
import org.pf4j.DefaultPluginManager;

/** What PF4J does to discover the generated plugins, the same in every benchmark that compares against it. */
final class Pf4jDiscovery {

    private Pf4jDiscovery() {
    }

    /**
     * Loads and starts the M jars as plugins (a class loader each), reads the extension classes of the type from
     * their {@code META-INF/extensions.idx} (each class loaded), then stops and unloads them.
     *
     * @param generated the jars
     * @return the extension classes
     */
    static List<Class<? extends Plugin>> extensionClasses(PluginJars generated) {
        org.pf4j.PluginManager pf4j = new DefaultPluginManager(generated.jarDirectory());
        pf4j.loadPlugins();
        pf4j.startPlugins();
        List<Class<? extends Plugin>> classes = pf4j.getExtensionClasses(Plugin.class);
        pf4j.stopPlugins();
        pf4j.unloadPlugins();
        return classes;
    }
}
