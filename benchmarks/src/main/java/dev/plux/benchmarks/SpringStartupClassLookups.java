package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The class look-ups that fail while each {@link StartupVariant} (AOT off) starts, beyond those of the plain
 * context, and what one costs on the benchmark's class path. Boot drops an auto-configuration candidate whose
 * {@code @ConditionalOnClass} names an absent class by loading that class (its build-time metadata names it), and a
 * look-up that fails searches the whole class path, parent first, and ends in two {@code ClassNotFoundException}s:
 * work that allocates little, so {@link SpringStartupAllocation} barely sees it, while the timed comparisons do.
 * The same class files probed as resources ({@code ClassLoader.getResource}) are timed beside them, the cheapest
 * search of the same jars. A diagnostic run by hand, not a speed target. Argument: fresh loaders for the timing
 * (default 300).
 */
public final class SpringStartupClassLookups {

    private SpringStartupClassLookups() {
    }

    /**
     * Runs the census and the timing.
     *
     * @param args fresh loaders for the timing
     * @throws IOException if the jars cannot be written or a loader closed
     */
    public static void main(String[] args) throws IOException {
        int loaders = (args.length > 0) ? Integer.parseInt(args[0]) : 300;
        Map<Integer, PluginJars> generated = StartupVariant.generateJars(Files.createTempDirectory("plux-startup"));
        try {
            List<StartupVariant> variants = StartupVariant.all();
            Map<String, Integer> plain = failedLookups(variants.get(0), generated);
            System.out.printf("%-38s %d failed class look-ups%n", variants.get(0).name(), count(plain));
            Set<String> added = new TreeSet<>();
            for (StartupVariant variant : variants.subList(1, variants.size())) {
                Map<String, Integer> extra = beyond(failedLookups(variant, generated), plain);
                System.out.printf("%-38s %d more: %s%n", variant.name(), count(extra), extra.keySet());
                added.addAll(extra.keySet());
            }
            if (!added.isEmpty()) {
                time(added, variants.get(variants.size() - 1), generated, loaders);
            }
        }
        finally {
            generated.values().forEach(PluginJars::delete);
        }
    }

    /** The class names a start of the variant failed to load, with how often (after one start to warm up). */
    private static Map<String, Integer> failedLookups(StartupVariant variant, Map<Integer, PluginJars> generated)
            throws IOException {
        variant.start(generated);
        try (URLClassLoader loader = variant.newClassLoader(generated)) {
            FailedLookupRecorder recorder = new FailedLookupRecorder(loader);
            variant.start(recorder);
            Map<String, Integer> counts = new TreeMap<>();
            recorder.failed().forEach((name) -> counts.merge(name, 1, Integer::sum));
            return counts;
        }
    }

    private static Map<String, Integer> beyond(Map<String, Integer> counts, Map<String, Integer> plain) {
        Map<String, Integer> extra = new TreeMap<>();
        counts.forEach((name, count) -> {
            int more = count - plain.getOrDefault(name, 0);
            if (more > 0) {
                extra.put(name, more);
            }
        });
        return extra;
    }

    private static int count(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Times the given absent classes on fresh loaders of the variant's class path, its jars opened first (as a
     * start opens them, reading their resources): as resources, then as classes.
     */
    private static void time(Set<String> absent, StartupVariant variant, Map<Integer, PluginJars> generated,
            int loaders) throws IOException {
        long[] resources = new long[loaders];
        long[] classes = new long[loaders];
        for (int i = -loaders / 4; i < loaders; i++) {
            try (URLClassLoader loader = variant.newClassLoader(generated)) {
                Collections.list(loader.getResources("META-INF/plux/entry_points.txt"));
                long start = System.nanoTime();
                for (String name : absent) {
                    URL found = loader.getResource(name.replace('.', '/') + ".class");
                    if (found != null) {
                        throw new IllegalStateException(name + " is on the class path: " + found);
                    }
                }
                long probed = System.nanoTime();
                for (String name : absent) {
                    try {
                        Class.forName(name, false, loader);
                        throw new IllegalStateException(name + " is on the class path");
                    }
                    catch (ClassNotFoundException expected) {
                        // what Boot's condition meets for an absent class
                    }
                }
                if (i >= 0) {
                    resources[i] = probed - start;
                    classes[i] = System.nanoTime() - probed;
                }
            }
        }
        Arrays.sort(resources);
        Arrays.sort(classes);
        System.out.printf("the %d added names, on a fresh loader of %s (median of %d, after a quarter as many to warm up):"
                + " as classes %.1f us, as resources %.1f us%n", absent.size(), variant.name(), loaders,
                classes[loaders / 2] / 1e3, resources[loaders / 2] / 1e3);
    }

    /**
     * A class loader that adds nothing to its parent, the application's, and records the names it could not load:
     * Boot's conditions and Spring's class checks ask the context's class loader.
     */
    private static final class FailedLookupRecorder extends ClassLoader {

        private final List<String> failed = Collections.synchronizedList(new ArrayList<>());

        FailedLookupRecorder(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            try {
                return super.loadClass(name, resolve);
            }
            catch (ClassNotFoundException ex) {
                this.failed.add(name);
                throw ex;
            }
        }

        List<String> failed() {
            synchronized (this.failed) {
                return List.copyOf(this.failed);
            }
        }
    }
}
