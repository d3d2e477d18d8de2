package dev.plux.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.plux.core.EntryPoint;
import dev.plux.core.PluginFinder;
import dev.plux.core.PluginSpec;
import dev.plux.core.PluginSpecResolver;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins in every {@code META-INF/plux/entry_points.txt} visible to a class loader, in class-path order.
 * The files are read once per class loader and shared by all finders and managers over it; the cache never keeps
 * a class loader alive, and {@link #refresh(ClassLoader)} makes later users see files a loader gained.
 *
 * <p>A {@link PluginManager} using this finder resolves only its own namespace and reports each failure to its
 * listeners; {@link #findPlugins()} resolves every namespace and logs failures. The class is final: the manager
 * reads the index through it directly, so an overriding subclass would be ignored; implement {@link PluginFinder}
 * instead.
 */
public final class IndexPluginFinder implements PluginFinder {

    private static final Logger logger = LoggerFactory.getLogger(IndexPluginFinder.class);

    private final ClassLoader classLoader;

    private final PluginSpecResolver resolver = new PluginSpecResolver();

    /**
     * Creates a finder over the class loader's index files.
     *
     * @param classLoader where to look for index files and plugin classes
     */
    public IndexPluginFinder(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Forgets what was read from the class loader's index files, so that managers and finders built afterwards
     * read them again and see index files added at run time (a class loader that gained a jar, as
     * {@code URLClassLoader} subclasses can). Managers built before keep what they read.
     *
     * <pre>{@code
     * pluginLoader.addJar(newJar);              // your URLClassLoader subclass calling addURL
     * IndexPluginFinder.refresh(pluginLoader);
     * new PluginManager<>("my.plugins")...     // sees the new jar's plugins
     * }</pre>
     *
     * @param classLoader the class loader whose index files changed
     */
    public static void refresh(ClassLoader classLoader) {
        PluginIndexCache.forget(Objects.requireNonNull(classLoader, "classLoader"));
    }

    /**
     * The class loader this finder reads.
     *
     * @return the class loader
     */
    public ClassLoader classLoader() {
        return this.classLoader;
    }

    /**
     * Resolves every entry point of every namespace; entries that fail are logged and left out. A line without a
     * usable name is left out without a further warning: reading the file warned of it. An entry with a bad value,
     * or one that fails to resolve (an unknown class, not a plugin, a failing member), is warned once per reading of
     * its file (by the first call of any finder over the loader); later calls log it at debug. Resolving a member
     * entry ({@code com.x.Foo:member}) runs its class's static initializer and, for a factory method returning a
     * spec, the method, on the calling thread. The first call for a class loader reads its index files, waiting up
     * to 5 seconds for another thread already reading them.
     *
     * @return the specs, by namespace in order of first appearance, then in class-path order
     */
    @Override
    public List<PluginSpec> findPlugins() {
        List<PluginSpec> specs = new ArrayList<>();
        PluginIndex index = index();
        for (String namespace : index.namespaces()) {
            List<IndexEntry> entries = index.entries(namespace);
            for (int i = 0; i < entries.size(); i++) {
                PluginSpec spec = resolve(entries.get(i), index, i);
                if (spec != null) {
                    specs.add(spec);
                }
            }
        }
        return specs;
    }

    private @Nullable PluginSpec resolve(IndexEntry entry, PluginIndex index, int position) {
        EntryPoint entryPoint = entry.entryPoint();
        if (!entry.declared()) {
            // no usable name: a parse problem, warned when the file was read (within the file's cap of warnings)
            logger.debug("{}: line without a usable name in [{}] left out: {}", entry.location(),
                    Escaping.quote(entryPoint.namespace()), entry.malformed());
            return null;
        }
        if (entry.malformed() != null) {
            // a parse problem of the file, as a line without a usable name: warned once per reading of the file
            if (index.firstWarning(entryPoint.namespace(), position)) {
                logger.warn("{}: malformed entry in [{}]: {}: '{}'", entry.location(),
                        Escaping.quote(entryPoint.namespace()), entry.malformed(), Escaping.quote(entryPoint.name()));
            }
            else {
                logger.debug("{}: malformed entry in [{}] left out, warned already", entry.location(),
                        Escaping.quote(entryPoint.namespace()));
            }
            return null;
        }
        try {
            return this.resolver.resolve(entryPoint, this.classLoader);
        }
        catch (Throwable ex) {
            // one entry's factory method or static initializer may throw anything; the others still count
            Failures.rethrowIfFatal(ex);
            // a missing class stays missing: news once per reading of the file, as a bad value is, not per call
            if (index.firstWarning(entryPoint.namespace(), position)) {
                logger.warn("{}: cannot resolve plugin {}:{} = {}: {}", entry.location(),
                        Escaping.quote(entryPoint.namespace()), Escaping.quote(entryPoint.name()),
                        Escaping.quote(entryPoint.value()), Escaping.quote(String.valueOf(ex)), ex);
            }
            else {
                logger.debug("{}: cannot resolve plugin {}:{} = {}, left out, warned already: {}", entry.location(),
                        Escaping.quote(entryPoint.namespace()), Escaping.quote(entryPoint.name()),
                        Escaping.quote(entryPoint.value()), Escaping.quote(String.valueOf(ex)));
            }
            return null;
        }
    }

    /**
     * The entry points of one namespace, in class-path order, first of each name only; malformed lines
     * included (they fail when resolved).
     *
     * @param namespace the namespace
     * @return the entry points
     */
    public List<EntryPoint> entryPoints(String namespace) {
        return index().entries(namespace).stream().map(IndexEntry::entryPoint).toList();
    }

    PluginIndex index() {
        return PluginIndexCache.of(this.classLoader);
    }
}
