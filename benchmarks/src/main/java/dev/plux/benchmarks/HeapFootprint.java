package dev.plux.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;

/**
 * Retained heap per declared, per resolved and per loaded plugin: builds {@code MANAGERS} managers over the same 1,000 plugins
 * (one class loader, so classes and the shared index are counted once, not per manager), and compares the used
 * heap after full collections. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.plux.benchmarks.HeapFootprint}.
 */
public final class HeapFootprint {

    private static final int PLUGINS = 1000;

    private static final int MANAGERS = 50;

    private HeapFootprint() {
    }

    /**
     * Prints bytes per declared, per resolved and per loaded plugin.
     *
     * @param args ignored
     * @throws IOException if the jars cannot be written
     */
    public static void main(String[] args) throws IOException {
        PluginJars jars = PluginJars.generate(Files.createTempDirectory("plux-heap"), PLUGINS, 100, 1);
        try (URLClassLoader loader = jars.newClassLoader()) {
            // warm: classes loaded and the index cached, so the deltas below hold only per-manager state
            PluginManager.<Plugin>builder("bench.ns0").classLoader(loader).build().loadAll();
            List<PluginManager<Plugin>> managers = new ArrayList<>();
            long baseline = usedAfterGc();
            for (int i = 0; i < MANAGERS; i++) {
                PluginManager<Plugin> manager = PluginManager.<Plugin>builder("bench.ns0").classLoader(loader).build();
                manager.listNames();
                managers.add(manager);
            }
            long declared = usedAfterGc();
            managers.forEach(PluginManager::listPluginSpecs);
            long resolved = usedAfterGc();
            managers.forEach(PluginManager::loadAll);
            long loaded = usedAfterGc();
            double perDeclared = (declared - baseline) / (double) (MANAGERS * PLUGINS);
            double perResolved = (resolved - baseline) / (double) (MANAGERS * PLUGINS);
            double perLoaded = (loaded - baseline) / (double) (MANAGERS * PLUGINS);
            System.out.printf("plugins per manager: %d, managers: %d%n", PLUGINS, MANAGERS);
            System.out.printf("retained heap per declared plugin: %.0f bytes (listNames(): index only)%n",
                    perDeclared);
            System.out.printf("retained heap per resolved plugin: %.0f bytes%n", perResolved);
            System.out.printf("retained heap per loaded plugin:   %.0f bytes (instance and load value included)%n",
                    perLoaded);
            if (managers.size() != MANAGERS) {
                throw new IllegalStateException("managers collected early");
            }
        }
        finally {
            jars.delete();
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // several rounds: a single System.gc() may leave floating garbage behind
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
