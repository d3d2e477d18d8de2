package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cold discovery of the M jars as plugin bundles, each with a class loader of its own: plux's
 * {@code pluginDirectory} against PF4J's {@code DefaultPluginManager} over the same directory. plux's bundle
 * class loaders are shared per parent loader, so every measurement gets a new, empty parent loader: nothing
 * read in one measurement is reused by the next.
 */
public class PluginDirectoryBenchmark extends FreshClassLoaderState {

    /** The parent of the bundles of the current measurement: holds plux-core, no plugin. */
    private URLClassLoader parent;

    /** A new, empty parent loader for every measurement. */
    @Setup(Level.Iteration)
    public void newParent() {
        this.parent = new URLClassLoader(new URL[0], PluginDirectoryBenchmark.class.getClassLoader());
    }

    /**
     * Closes the parent loader of the measurement.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Iteration)
    public void closeParent() throws IOException {
        this.parent.close();
    }

    private PluginManager<Plugin> manager() {
        return PluginManager.<Plugin>builder("bench.ns0")
            .classLoader(this.parent)
            .pluginDirectory(this.generated.jarDirectory())
            .build();
    }

    /**
     * plux: list the M jars, open each as a bundle (its own class loader, its distribution), read each bundle's
     * own index, list the names of the namespace.
     *
     * @return the names
     */
    @Benchmark
    public List<String> pluxDirectoryListNames() {
        return manager().listNames();
    }

    /**
     * plux: as {@link #pluxDirectoryListNames()}, then resolve every plugin: each class loaded from its bundle
     * (static initializers not run), as PF4J loads each extension class.
     *
     * @return the specs
     */
    @Benchmark
    public List<PluginSpec> pluxDirectoryResolveAll() {
        return manager().listPluginSpecs();
    }

    /**
     * PF4J: load and start the M jars as plugins (a class loader each), then the extension classes of the type
     * from their {@code META-INF/extensions.idx} (each class loaded).
     *
     * @return the extension classes
     */
    @Benchmark
    public List<Class<? extends Plugin>> pf4jExtensionClasses() {
        return Pf4jDiscovery.extensionClasses(this.generated);
    }
}
