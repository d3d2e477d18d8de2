package dev.plux.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.core.EntryPoint;
import dev.plux.core.NoSuchPluginException;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFinder;
import dev.plux.core.PluginSpec;
import dev.plux.core.PluginSpecResolver;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The plugins a manager knows: declared from the index on first use, each resolved when first needed.
 *
 * <p>First use reads the namespace's index entries (no class is looked up): one {@link PluginState#DECLARED}
 * container per usable name, the first of a name winning; entries without a usable name go to
 * {@code onResolveException} once. Racing first uses read the same entries; one result is kept, and only its
 * reader logs (duplicates, an undeclared namespace, the count) and reports.
 *
 * <p>Resolving one container (on {@code load}, {@code loadAll}, {@code listPluginSpecs}) looks its entry point up
 * once, while owning the container in {@link LoadCycles}: no lock shared with other plugins or threads is held
 * while a holder's static initializer or a listener runs.
 */
final class DeclaredPlugins<P extends Plugin> {

    private static final Logger logger = LifecycleEvents.logger;

    private final String namespace;

    private final PluginFinder finder;

    private final @Nullable PluginDirectories directories;

    private final LifecycleEvents events;

    private final PluginSpecResolver resolver = new PluginSpecResolver();

    private final AtomicReference<@Nullable Known<P>> known = new AtomicReference<>();

    DeclaredPlugins(String namespace, PluginFinder finder, @Nullable PluginDirectories directories,
            LifecycleEvents events) {
        this.namespace = namespace;
        this.finder = finder;
        this.directories = directories;
        this.events = events;
    }

    /** The manager's lifecycle events, which also describe a failed plugin's failure again. */
    LifecycleEvents events() {
        return this.events;
    }

    /** Whether the namespace was read; never reads it. */
    boolean isRead() {
        return this.known.get() != null;
    }

    /** The containers in discovery order, reading the namespace on first use. */
    List<ManagedPlugin<P>> containers() {
        return known().inOrder();
    }

    /** The container of a name, or {@code null}; reads the namespace on first use. */
    @Nullable ManagedPlugin<P> find(String name) {
        // a null name is the caller's mistake: say so, not the NullPointerException of the map's internal lookup
        // (a plain check: a message supplier would be a capturing lambda on every load)
        if (name == null) {
            throw new NullPointerException("the plugin name is null (plux namespace " + this.namespace + ")");
        }
        return known().byName().get(name);
    }

    private Known<P> known() {
        Known<P> known = this.known.get();
        if (known != null) {
            return known;
        }
        List<IndexEntry> undeclared = new ArrayList<>();
        // what reading found to log (duplicates, an undeclared namespace, the count): logged by the kept reading only
        List<Runnable> logs = new ArrayList<>();
        Map<String, ManagedPlugin<P>> read = (this.finder instanceof IndexPluginFinder indexFinder)
                ? declare(indexFinder, undeclared, logs) : found(logs);
        // compact for the manager's life: Map.copyOf keeps no entry objects, List.copyOf one array
        Known<P> compact = new Known<>(Map.copyOf(read), List.copyOf(read.values()));
        Known<P> kept = this.known.compareAndExchange(null, compact);
        if (kept != null) {
            return kept;
        }
        // only the thread whose reading was kept logs and reports, after publishing it: a listener may use the manager.
        // The reading is kept already, so no later use reports its lines: they go to the listeners even when logging
        // throws (a backend that propagates an appender's failure)
        try {
            logs.forEach(Runnable::run);
        }
        finally {
            for (IndexEntry entry : undeclared) {
                reportUndeclared(entry);
            }
        }
        return compact;
    }

    /** What the namespace declares: by name for lookups, in discovery order for listings. */
    private record Known<P extends Plugin>(Map<String, ManagedPlugin<P>> byName, List<ManagedPlugin<P>> inOrder) {
    }

    ManagedPlugin<P> require(String name) {
        ManagedPlugin<P> container = find(name);
        if (container == null) {
            // a typo is the common cause: name the one meant, in declaration order (the first of equally close names
            // wins; Map.copyOf's order changes every run), read lazily: the search reads a bounded number of names
            List<ManagedPlugin<P>> inOrder = known().inOrder();
            Iterable<String> names = () -> inOrder.stream().map(ManagedPlugin::name).iterator();
            throw new NoSuchPluginException(this.namespace, name, ClosestName.closest(name, names));
        }
        return container;
    }

    private Map<String, ManagedPlugin<P>> declare(IndexPluginFinder indexFinder, List<IndexEntry> undeclared,
            List<Runnable> logs) {
        PluginIndex index = indexFinder.index();
        Map<String, ManagedPlugin<P>> declared = new LinkedHashMap<>();
        // duplicates only this reading sees (a bundle's entry repeating an earlier name), by the repeating file
        Map<String, Integer> duplicates = new LinkedHashMap<>();
        for (IndexEntry entry : index.entries(this.namespace)) {
            declare(entry, null, declared, undeclared, logs, duplicates);
        }
        int classPathFiles = index.fileCount(this.namespace);
        int files = classPathFiles;
        int bundles = 0;
        if (this.directories != null) {
            // after the class path: each directory in order, its bundles by file name, each in index order
            for (Bundle bundle : this.directories.bundles()) {
                bundles++;
                for (IndexEntry entry : bundle.entries(this.namespace)) {
                    declare(entry, bundle, declared, undeclared, logs, duplicates);
                }
                files += bundle.fileCount(this.namespace);
            }
        }
        if (files == 0) {
            // neither the class path nor a bundle has a section for it: most likely a typo or a missing processor
            List<Bundle> searched = (this.directories != null) ? this.directories.bundles() : List.of();
            PluginDirectories directories = this.directories;
            ModuleLayerClassLoader layer = (indexFinder.classLoader() instanceof ModuleLayerClassLoader layerLoader)
                    ? layerLoader : null;
            logs.add(() -> EmptyNamespaceWarning.warnIfUndeclared(this.namespace, index, searched, directories,
                    layer));
        }
        duplicates.forEach((file, count) -> {
            if (count > PluginIndex.MAX_LINE_WARNINGS) {
                // as PluginIndex caps the warnings about a file's lines: no index file floods the log
                logs.add(() -> logger.warn("{}: {} more warnings about lines of this file were not logged", file,
                        count - PluginIndex.MAX_LINE_WARNINGS));
            }
        });
        int plugins = declared.size();
        int fileCount = files;
        // said apart: "1 index file (class path and 1 bundle)" read as if the one file were in both
        String from = (this.directories != null) ? " (" + classPathFiles + " on the class path, "
                + (files - classPathFiles) + " in plugin directories, whose " + Counts.of(bundles, "bundle")
                + ((bundles == 1) ? " was" : " were") + " read)" : "";
        int unusable = undeclared.size();
        logs.add(() -> logger.info("plux namespace {}: {} declared in {}{}{}", Escaping.escape(this.namespace),
                Counts.of(plugins, "plugin"), Counts.of(fileCount, "index file"), from,
                (unusable == 0) ? "" : ", " + Counts.of(unusable, "line") + " without a usable name"));
        return declared;
    }

    /**
     * Declares one entry unless a plugin of its name is declared already (the first wins) or it has no name; a
     * duplicate is warned of within the cap of the file that repeats the name, counted in {@code duplicates}.
     */
    private void declare(IndexEntry entry, @Nullable Bundle bundle, Map<String, ManagedPlugin<P>> declared,
            List<IndexEntry> undeclared, List<Runnable> logs, Map<String, Integer> duplicates) {
        if (!entry.declared()) {
            undeclared.add(entry);
            return;
        }
        ManagedPlugin<P> first = declared.putIfAbsent(entry.entryPoint().name(), new ManagedPlugin<>(entry, bundle));
        if (first != null && duplicates.merge(IndexFileNames.describe(entry.entryPoint().source()), 1,
                Integer::sum) <= PluginIndex.MAX_LINE_WARNINGS) {
            logs.add(() -> logger.warn("duplicate plugin {}: keeping {} from {}, ignoring {} from {}{}",
                    first.describe(), Escaping.quote(first.entryPoint().value()), first.location(),
                    Escaping.quote(entry.entryPoint().value()), entry.location(), PluginIndex.DUPLICATE_ADVICE));
        }
    }

    private void reportUndeclared(IndexEntry entry) {
        EntryPoint entryPoint = entry.entryPoint();
        // the line as the read's warning quotes it: the whole line without '=' (its name is the line), else what is
        // around the '=', which an empty name or value does not leave out
        String line = IndexFile.hasNoEquals(entry) ? entryPoint.name()
                : (entryPoint.name().isEmpty() ? "" : entryPoint.name() + " ") + "="
                        + (entryPoint.value().isEmpty() ? "" : " " + entryPoint.value());
        PluginException failure = new PluginException(entry.location() + ": malformed entry in namespace "
                + Escaping.escape(this.namespace) + ", not declared: " + entry.malformed() + ": '"
                + Escaping.quote(line) + "'", this.namespace, entryPoint.name());
        logger.debug("{}", failure.getMessage());
        try {
            this.events.listeners().onResolveException(this.namespace, entryPoint, failure);
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            logger.warn("a listener's onResolveException failed for {}; ignoring it: {}", entry.location(),
                    Failures.describe(ex), Failures.toLog(ex));
        }
    }

    private Map<String, ManagedPlugin<P>> found(List<Runnable> logs) {
        List<PluginSpec> specs;
        try {
            specs = this.finder.findPlugins();
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            // not kept: the next use tries the finder again
            throw new PluginException("plugin finder " + this.finder + " failed for namespace " + this.namespace
                    + ": " + Failures.describe(ex), this.namespace, null, ex);
        }
        checkNoNull(specs);
        Map<String, ManagedPlugin<P>> found = new LinkedHashMap<>();
        for (PluginSpec spec : specs) {
            if (!spec.namespace().equals(this.namespace)) {
                continue;
            }
            ManagedPlugin<P> first = found.putIfAbsent(spec.name(), new ManagedPlugin<>(spec));
            if (first != null) {
                logs.add(() -> logger.warn("duplicate plugin {}: keeping {}, ignoring {}", first.describe(),
                        Escaping.quote(first.entryPoint().value()), Escaping.quote(spec.value())));
            }
        }
        int plugins = found.size();
        logs.add(() -> logger.info("plux namespace {}: {} from finder {}", this.namespace,
                Counts.of(plugins, "plugin"), this.finder));
        return found;
    }

    /**
     * Fails, naming the finder, on a {@code null} list or item, which its signature rules out but a finder compiled
     * without a nullness checker can return: a bare NullPointerException would name neither. Not kept, as a
     * finder's failure is not: the next use asks it again.
     */
    @SuppressWarnings("NullAway") // checks what the finder's non-null signature promises
    private void checkNoNull(@Nullable List<@Nullable PluginSpec> specs) {
        if (specs == null) {
            throw new PluginException("plugin finder " + this.finder + " returned null for namespace " + this.namespace
                    + " (it returns an empty list when it finds no plugins)", this.namespace, null, null);
        }
        // not indexOf(null): List.of's lists throw on it
        int index = 0;
        for (PluginSpec spec : specs) {
            if (spec == null) {
                throw new PluginException("plugin finder " + this.finder + " returned a null PluginSpec (its item "
                        + index + ", counted from 0) for namespace " + this.namespace, this.namespace, null, null);
            }
            index++;
        }
    }

    /**
     * Resolves every container not resolved yet, in discovery order; failures are recorded and skipped. A
     * {@link StackOverflowError} is one entry's failure here (recorded, the stack unwound); other
     * {@link VirtualMachineError}s are rethrown.
     *
     * @param propagateWaitFailures whether a plugin this thread cannot wait for (a cycle through another thread's
     *        resolution) fails the call ({@code loadAll(true)}) instead of being skipped
     */
    void resolveAll(boolean propagateWaitFailures) {
        for (ManagedPlugin<P> container : containers()) {
            try {
                resolve(container);
            }
            catch (StackOverflowError ex) {
                logger.debug("plugin {} failed to resolve with a StackOverflowError", container.describe());
            }
            catch (PluginException ex) {
                // Only a wait can throw here: another thread resolves the plugin and waits, through its listeners,
                // for one this thread is loading (a cycle, or a deadlock the watcher found). The plugin has not
                // failed, and the other thread goes on once this one has; skipped as loadAll skips such a plugin
                // in its load phase. An interrupted wait is the caller's to see.
                if (propagateWaitFailures || ex.getCause() instanceof InterruptedException) {
                    throw ex;
                }
                logger.debug("skipping the resolution of plugin {}, which this thread cannot wait for: {}",
                        container.describe(), ex.getMessage());
            }
        }
    }

    /** Resolves the container unless that happened already; returns once it is resolved or failed. */
    void resolve(ManagedPlugin<P> container) {
        if (container.resolutionDone) {
            return;
        }
        LoadCycles.Ownership owned = LoadCycles.acquire(container);
        try {
            resolveOwned(container);
        }
        finally {
            // a field write before the release, which may overflow: see LoadLifecycle.load
            owned.over = true;
            LoadCycles.release(container);
        }
    }

    /** Resolves the container, which the calling thread owns, unless that happened already. */
    void resolveOwned(ManagedPlugin<P> container) {
        if (container.resolutionDone) {
            return;
        }
        try {
            PluginSpec spec = container.spec;
            if (spec == null) {
                spec = lookUp(container);
                if (spec == null) {
                    return;
                }
                container.spec = spec;
                container.state = PluginState.RESOLVED;
            }
            PluginSpec resolved = spec;
            PluginDisabled disabled = this.events.mayDisable(container, "onResolveAfter",
                    () -> this.events.listeners().onResolveAfter(resolved));
            if (disabled != null) {
                this.events.disable(container, disabled.reason());
            }
        }
        catch (VirtualMachineError ex) {
            // from the lookup or onResolveAfter: either way the resolution failed (no init has begun)
            LifecycleEvents.failResolveFatally(container, ex);
            throw ex;
        }
        finally {
            container.resolutionDone = true;
        }
    }

    /**
     * Why a class was missing when the entry was looked up: its bundle changed since it was opened, else a class
     * the plugin's class needs (a superclass in another bundle) is elsewhere or nowhere, as at load.
     */
    private static String classHint(Throwable failure, @Nullable Bundle bundle, String value) {
        String changed = ChangedBundles.hint(failure, bundle);
        return changed.isEmpty() ? MissingClasses.hintAtResolution(failure, bundle, value) : changed;
    }

    /** Looks the entry point up; on failure records it and returns {@code null}. */
    private @Nullable PluginSpec lookUp(ManagedPlugin<P> container) {
        if (!container.fromIndex()) {
            throw new IllegalStateException(container + " has neither a spec nor an index line");
        }
        EntryPoint entryPoint = container.entryPoint();
        String malformed = container.malformed();
        PluginException failure;
        if (malformed != null) {
            failure = new PluginException(container.location() + ": malformed entry for plugin " + container.describe()
                    + ": " + malformed, this.namespace, entryPoint.name());
        }
        else {
            // a bundle's plugin comes from the bundle's class loader
            Bundle bundle = container.declaringBundle();
            ClassLoader classLoader = (bundle != null) ? bundle.classLoader()
                    : ((IndexPluginFinder) this.finder).classLoader();
            try {
                PluginSpec spec = this.resolver.resolve(entryPoint, classLoader);
                // throws nothing but a VirtualMachineError: a resolved plugin stays resolved
                PluginNameLineCheck.check(container, spec, classLoader);
                return spec;
            }
            catch (VirtualMachineError ex) {
                throw ex;
            }
            catch (Throwable ex) {
                // the value, and a class loader's message repeating it, are text from the file: quoted, not whole
                String reason = (ex instanceof PluginException) ? Failures.describe(ex)
                        : "cannot resolve plugin " + container.describe() + " = "
                                + Escaping.quote(entryPoint.value()) + ": " + Failures.describeQuoted(ex)
                                + classHint(ex, bundle, entryPoint.value()) + SignedJars.hint(ex, bundle, classLoader);
                failure = new PluginException(container.location() + ": " + reason, this.namespace, entryPoint.name(),
                        ex);
            }
        }
        this.events.failResolve(container, failure);
        return null;
    }
}
