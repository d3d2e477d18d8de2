package dev.plux.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;

/**
 * The cold operations the paired measurements time, each run on a fresh class loader over the same generated
 * jars: the floor (list and read the index files through their URLs, as {@code ServiceLoader} reads its files),
 * plux's {@code listNames()} and {@code ServiceLoader}'s provider types, and loading the one plugin
 * {@link LoadOneBenchmark} wants (in jar M/2) with each.
 */
final class ColdOperations {

    private static final String INDEX = "META-INF/plux/entry_points.txt";

    /** Indexes into {@link #of}'s list, for the ratios. */
    static final int FLOOR = 0;

    static final int PLUX_LIST = 1;

    static final int SERVICE_LOADER_LIST = 2;

    static final int PLUX_LOAD_ONE = 3;

    static final int SERVICE_LOADER_LOAD_ONE = 4;

    private ColdOperations() {
    }

    /** What one operation does with a fresh class loader; it returns something, so nothing is optimized away. */
    @FunctionalInterface
    interface Work {

        Object run(URLClassLoader loader) throws Exception;
    }

    /** An operation and its name. */
    record Named(String name, Work work) {
    }

    /**
     * The five operations, in the order of the index constants.
     *
     * @param plugins N
     * @param jars M
     * @return the operations
     */
    static List<Named> of(int plugins, int jars) {
        int wanted = plugins / 2 + jars / 2;
        String wantedName = "plugin" + wanted;
        String wantedClass = "bench.p" + (wanted % jars) + ".Plugin" + wanted;
        return List.of(new Named("floor: list and read the index files", ColdOperations::readIndexFiles),
                new Named("plux listNames()",
                        (loader) -> PluginManager.builder("bench.ns0").classLoader(loader).build().listNames()),
                new Named("ServiceLoader provider types",
                        (loader) -> ServiceLoader.load(Plugin.class, loader)
                            .stream()
                            .map(ServiceLoader.Provider::type)
                            .toList()),
                new Named("plux load one",
                        (loader) -> PluginManager.<Plugin>builder("bench.ns0")
                            .classLoader(loader)
                            .build()
                            .load(wantedName)),
                new Named("ServiceLoader load one",
                        (loader) -> ServiceLoader.load(Plugin.class, loader)
                            .stream()
                            .filter((provider) -> provider.type().getName().equals(wantedClass))
                            .findFirst()
                            .orElseThrow()
                            .get()
                            .load()));
    }

    /**
     * Runs one operation on a fresh class loader.
     *
     * @param generated the jars
     * @param operation the operation
     * @return its time in nanoseconds
     * @throws Exception if it fails or returns nothing
     */
    static long time(PluginJars generated, Named operation) throws Exception {
        try (URLClassLoader loader = generated.newClassLoader()) {
            long start = System.nanoTime();
            Object result = operation.work().run(loader);
            long nanos = System.nanoTime() - start;
            if (result == null) {
                throw new IllegalStateException(operation.name() + " returned nothing");
            }
            return nanos;
        }
    }

    private static Integer readIndexFiles(ClassLoader loader) throws IOException {
        int bytes = 0;
        for (URL url : Collections.list(loader.getResources(INDEX))) {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                bytes += in.readAllBytes().length;
            }
        }
        return bytes;
    }
}
