package dev.plux.runtime;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every index file visible to one class loader, read once and shared by all managers and finders over that
 * loader, so that ten managers do not read the same files ten times.
 */
final class PluginIndex {

    private static final Logger logger = LoggerFactory.getLogger(PluginIndex.class);

    // weak keys: an index must not keep a closed plugin class loader alive
    private static final Map<ClassLoader, PluginIndex> byClassLoader = Collections.synchronizedMap(new WeakHashMap<>());

    private final List<URL> files;

    private final Map<String, List<IndexEntry>> byNamespace;

    private PluginIndex(List<URL> files, Map<String, List<IndexEntry>> byNamespace) {
        this.files = files;
        this.byNamespace = byNamespace;
    }

    static PluginIndex of(ClassLoader classLoader) {
        PluginIndex index = byClassLoader.get(classLoader);
        if (index == null) {
            // read outside the map's lock; two racing readers produce equal indexes and the first one is kept
            PluginIndex read = read(classLoader);
            index = byClassLoader.putIfAbsent(classLoader, read);
            if (index == null) {
                index = read;
            }
        }
        return index;
    }

    /** Forgets the cached index of one class loader, so the next use reads its files again. */
    static void forget(ClassLoader classLoader) {
        byClassLoader.remove(classLoader);
    }

    /** Forgets every cached index, so the next use reads the files again. */
    static void clearCache() {
        byClassLoader.clear();
    }

    static PluginIndex read(ClassLoader classLoader) {
        List<URL> files = new ArrayList<>();
        Map<String, List<IndexEntry>> byNamespace = new LinkedHashMap<>();
        Map<String, Map<String, IndexEntry>> firstByName = new HashMap<>();
        Enumeration<URL> resources;
        try {
            resources = classLoader.getResources(IndexFile.LOCATION);
        }
        catch (IOException ex) {
            logger.warn("cannot list the {} files of {}; no plugins are visible through it", IndexFile.LOCATION,
                    classLoader, ex);
            return new PluginIndex(List.of(), Map.of());
        }
        while (resources.hasMoreElements()) {
            URL file = resources.nextElement();
            List<IndexEntry> entries;
            try {
                entries = IndexFile.read(file);
            }
            catch (IOException ex) {
                logger.warn("cannot read plugin index {}; skipping it", file, ex);
                continue;
            }
            files.add(file);
            for (IndexEntry entry : entries) {
                String namespace = entry.entryPoint().namespace();
                if (entry.malformed() == null) {
                    IndexEntry first = firstByName.computeIfAbsent(namespace, (key) -> new HashMap<>())
                        .putIfAbsent(entry.entryPoint().name(), entry);
                    if (first != null) {
                        logger.warn("duplicate plugin {}:{}: keeping {} from {}, ignoring {} from {}",
                                Escaping.escape(namespace), Escaping.escape(entry.entryPoint().name()),
                                Escaping.escape(first.entryPoint().value()), first.location(),
                                Escaping.escape(entry.entryPoint().value()), entry.location());
                        continue;
                    }
                }
                byNamespace.computeIfAbsent(namespace, (key) -> new ArrayList<>()).add(entry);
            }
        }
        byNamespace.replaceAll((namespace, entries) -> List.copyOf(entries));
        logger.debug("read {} plugin index files with {} namespaces from {}", files.size(), byNamespace.size(),
                classLoader);
        return new PluginIndex(List.copyOf(files), Collections.unmodifiableMap(byNamespace));
    }

    List<URL> files() {
        return this.files;
    }

    List<IndexEntry> entries(String namespace) {
        return this.byNamespace.getOrDefault(namespace, List.of());
    }

    /** How many index files declare at least one entry of the namespace. */
    int fileCount(String namespace) {
        return (int) entries(namespace).stream().map((entry) -> entry.entryPoint().source()).distinct().count();
    }

    List<String> namespaces() {
        return List.copyOf(this.byNamespace.keySet());
    }
}
