package dev.plux.runtime;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The modules of the module path (or of a jlink image) that the JVM did not resolve and whose index file declares a
 * namespace. A module on
 * the module path is only part of the application when a module requires it (or {@code --add-modules} names it), and
 * an application rarely requires its plugins' module: it knows only their API. Such a module's index is invisible to
 * every class loader, and the empty-namespace warning then blamed the annotation processor, though the index was there.
 * Read only for that warning, once per namespace: it opens every module of the module path.
 */
final class UnresolvedModules {

    private UnresolvedModules() {
    }

    /**
     * A module that declares the namespace and is not resolved.
     *
     * @param name the module's name
     * @param indexFile its index file
     * @param where where the module is: {@link #MODULE_PATH} or {@link #RUN_TIME_IMAGE}
     */
    record Declaring(String name, URL indexFile, String where) {
    }

    /** Where a module of the JVM's module path is, for the warning. */
    static final String MODULE_PATH = "on the module path";

    /** Where a module linked into the JVM's own image ({@code jlink}) is, for the warning. */
    static final String RUN_TIME_IMAGE = "of the run-time image";

    /**
     * The modules of the JVM's module path ({@code --module-path}), then those linked into its run-time image
     * ({@code jlink}), that the boot layer lacks and whose index file declares at least one plugin of
     * {@code namespace}, by name. A jlink image resolves only the main module and what it requires, as the module path
     * does; its plugin modules are system modules there.
     */
    static List<Declaring> declaring(String namespace) {
        List<Declaring> declaring = new ArrayList<>();
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            List<Path> entries = new ArrayList<>();
            for (String entry : modulePath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry));
                }
            }
            declaring.addAll(declaringSafely(namespace, () -> ModuleFinder.of(entries.toArray(Path[]::new)),
                    MODULE_PATH));
        }
        declaring.addAll(declaringSafely(namespace, ModuleFinder::ofSystem, RUN_TIME_IMAGE));
        return declaring;
    }

    private static List<Declaring> declaringSafely(String namespace, Supplier<ModuleFinder> finder, String where) {
        try {
            return declaring(namespace, finder.get(), where, ModuleLayer.boot());
        }
        catch (RuntimeException ex) {
            // an unreadable module path (two modules of one name, a bad jar) already failed the JVM's own resolution
            // of what it resolved; this guess is not worth a second error
            return List.of();
        }
    }

    /**
     * The modules {@code finder} finds that {@code layer} (and its parents) lacks and whose index file declares at
     * least one plugin of {@code namespace}, by name.
     */
    static List<Declaring> declaring(String namespace, ModuleFinder finder, String where, ModuleLayer layer) {
        List<Declaring> declaring = new ArrayList<>();
        List<ModuleReference> modules;
        try {
            modules = new ArrayList<>(finder.findAll());
        }
        catch (FindException ex) {
            return List.of();
        }
        modules.sort(Comparator.comparing((ModuleReference module) -> module.descriptor().name()));
        for (ModuleReference module : modules) {
            String name = module.descriptor().name();
            if (layer.findModule(name).isPresent()) {
                continue;
            }
            URL indexFile = indexFile(module);
            if (indexFile != null && declares(indexFile, namespace)) {
                declaring.add(new Declaring(name, indexFile, where));
            }
        }
        return declaring;
    }

    private static @Nullable URL indexFile(ModuleReference module) {
        try (ModuleReader reader = module.open()) {
            Optional<URI> found = reader.find(IndexFile.LOCATION);
            return found.isPresent() ? found.get().toURL() : null;
        }
        catch (IOException | RuntimeException ex) {
            // a module that cannot be opened is no evidence either way
            return null;
        }
    }

    /** Whether the file has an entry under the namespace's header; read with the one parser every reader uses. */
    private static boolean declares(URL indexFile, String namespace) {
        boolean[] found = new boolean[1];
        try {
            IndexFile.read(indexFile, new IndexFile.Sink() {
                @Override
                public void entry(String section, int line, String text) {
                    found[0] |= section.equals(namespace);
                }

                @Override
                public void ignored(int line, IndexFile.Ignored reason, String text) {
                }
            });
        }
        catch (IOException ex) {
            return false;
        }
        return found[0];
    }
}
