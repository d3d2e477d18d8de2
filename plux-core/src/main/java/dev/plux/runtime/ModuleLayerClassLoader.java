package dev.plux.runtime;

import java.io.IOException;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class loader a manager reads a {@link ModuleLayer} through ({@link PluginManager.Builder#moduleLayer}): one
 * loader that sees every module of the layer and of its parents above the boot layer, whatever loaders the layer
 * maps them to. A plugin system that defines its plugin modules with {@code defineModulesWithManyLoaders} (a loader
 * per module, so that two plugins can carry two versions of a package) has no loader that sees the index file of
 * every module: each module's loader finds its own resources and its parent's only, as
 * {@code ServiceLoader.load(layer, service)} does not need to care about, and plux does.
 *
 * <p>A class of a package of one of the modules is loaded by that module's own loader (so it is one {@code Class}
 * with what the layer made, and its static initializer is not run by the lookup); anything else is asked of the
 * parent, the manager's class loader. Resources: the parent's first (the class path and the boot layer), then those
 * of the modules, nearest layer last and by module name within a layer, so that the order of index files, and which
 * of two entries of one name wins, does not depend on the JDK's hash order. Only resources a module does not
 * encapsulate are served: those outside its packages ({@code META-INF/...}) and class files.
 */
final class ModuleLayerClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** One loader per layer and parent, so that managers of a layer share its index cache, as they share loaders. */
    private static final Map<ModuleLayer, List<WeakReference<ModuleLayerClassLoader>>> loaders = new WeakHashMap<>();

    private static final Logger logger = LoggerFactory.getLogger(ModuleLayerClassLoader.class);

    private final ModuleLayer layer;

    /** The modules that could not be read, each warned about once. */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    /** The module each package of the layers belongs to: the nearest layer's, when two layers have one package. */
    private final Map<String, Module> packages = new HashMap<>();

    /** The modules whose resources are served, farthest layer first, by name within a layer. */
    private final List<ResolvedModule> modules = new ArrayList<>();

    private ModuleLayerClassLoader(ModuleLayer layer, ClassLoader parent) {
        super("plux-layer", parent);
        this.layer = layer;
        List<ModuleLayer> layers = layers(layer);
        for (ModuleLayer each : layers) {
            for (Module module : each.modules()) {
                for (String packageName : module.getPackages()) {
                    this.packages.putIfAbsent(packageName, module);
                }
            }
        }
        Collections.reverse(layers);
        for (ModuleLayer each : layers) {
            List<ResolvedModule> own = new ArrayList<>(each.configuration().modules());
            own.sort(Comparator.comparing(ResolvedModule::name));
            this.modules.addAll(own);
        }
    }

    /**
     * The loader of a layer, shared by the managers of that layer and parent.
     *
     * @param layer the layer
     * @param parent the manager's class loader, asked for everything the layer's modules do not hold
     * @return the loader
     */
    static ModuleLayerClassLoader of(ModuleLayer layer, ClassLoader parent) {
        synchronized (loaders) {
            List<WeakReference<ModuleLayerClassLoader>> known = loaders.computeIfAbsent(layer,
                    (key) -> new ArrayList<>());
            known.removeIf((reference) -> reference.get() == null);
            for (WeakReference<ModuleLayerClassLoader> reference : known) {
                ModuleLayerClassLoader loader = reference.get();
                if (loader != null && loader.getParent() == parent) {
                    return loader;
                }
            }
            ModuleLayerClassLoader loader = new ModuleLayerClassLoader(layer, parent);
            // weakly: the loader holds its layer, which a strong value would keep in the map for ever
            known.add(new WeakReference<>(loader));
            return loader;
        }
    }

    /** The layer and its ancestors, nearest first, without the boot layer (the parent loader's to answer for). */
    private static List<ModuleLayer> layers(ModuleLayer layer) {
        Set<ModuleLayer> seen = new LinkedHashSet<>();
        Deque<ModuleLayer> pending = new ArrayDeque<>(List.of(layer));
        while (!pending.isEmpty()) {
            ModuleLayer next = pending.removeFirst();
            if (next != ModuleLayer.boot() && seen.add(next)) {
                pending.addAll(next.parents());
            }
        }
        return new ArrayList<>(seen);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int dot = name.lastIndexOf('.');
        Module module = (dot < 0) ? null : this.packages.get(name.substring(0, dot));
        if (module != null) {
            // the module's own loader defines it: one Class with what the layer made, not initialized by the lookup
            return Class.forName(name, false, module.getClassLoader());
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected @Nullable URL findResource(String name) {
        List<URL> found = find(name, true);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        return Collections.enumeration(find(name, false));
    }

    /**
     * The modules' resources of that name, in order; only the first with {@code first}: a single resource (a class
     * file) must not open the reader of every module of the layer.
     */
    private List<URL> find(String name, boolean first) {
        List<URL> found = new ArrayList<>();
        for (ResolvedModule module : this.modules) {
            if (encapsulated(module, name)) {
                continue;
            }
            ModuleReference reference = module.reference();
            try (ModuleReader reader = reference.open()) {
                Optional<URI> uri = reader.find(name);
                if (uri.isPresent()) {
                    found.add(uri.get().toURL());
                    if (first) {
                        return found;
                    }
                }
            }
            catch (IOException | RuntimeException ex) {
                // one module's jar gone or unreadable must not hide the others' resources (every index of the layer)
                if (this.unreadable.add(module.name())) {
                    logger.warn("cannot read module {} of the module layer ({}); its resources, its plux index file"
                            + " among them, are not visible: {}", module.name(),
                            reference.location().map(URI::toString).orElse("no location"), ex.toString(), ex);
                }
            }
        }
        return found;
    }

    /**
     * Whether a module's own loader would hide the resource from this one: a resource in one of its packages, unless
     * it is a class file or the package is opened to everyone (as {@code Module.getResourceAsStream} decides).
     */
    private static boolean encapsulated(ResolvedModule module, String name) {
        int slash = name.lastIndexOf('/');
        if (slash <= 0 || name.endsWith(".class")) {
            return false;
        }
        String packageName = name.substring(0, slash).replace('/', '.');
        var descriptor = module.reference().descriptor();
        if (!descriptor.packages().contains(packageName)) {
            return false;
        }
        if (descriptor.isOpen() || descriptor.isAutomatic()) {
            return false;
        }
        return descriptor.opens().stream()
            .noneMatch((opens) -> opens.source().equals(packageName) && !opens.isQualified());
    }

    /** The names of the modules whose resources it serves, sorted, for a warning: {@code a, b}, or {@code none}. */
    String moduleNames() {
        List<String> names = this.modules.stream().map(ResolvedModule::name).sorted().toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public String toString() {
        return "plux-layer" + this.layer.modules().stream().map(Module::getName).sorted().toList();
    }
}
