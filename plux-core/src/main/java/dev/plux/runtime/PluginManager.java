package dev.plux.runtime;

import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.EntryPoint;
import dev.plux.core.NoSuchPluginException;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFinder;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.core.PluginSpecResolver;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, creates and loads the plugins of one namespace, as plux's {@code PluginManager}.
 *
 * <pre>{@code
 * PluginManager<GreetingPlugin> greetings = PluginManager.<GreetingPlugin>builder("my.greetings")
 *         .loadArgs("world")
 *         .build();
 * GreetingPlugin hello = greetings.load("hello");      // created and loaded once
 * List<GreetingPlugin> all = greetings.loadAll();      // the others; failures are logged and skipped
 * }</pre>
 *
 * <p>The namespace is read on first use, not in the constructor: every entry point of the namespace is resolved
 * (plain class entries without running static initializers) and failures are reported to
 * {@link PluginLifecycleListener#onResolveException}. {@link #load(String)} then runs, at most once per plugin
 * even under concurrent calls: the filters (the manager's own and {@link MatchingPluginFilter#global()}), the
 * factory, {@link Plugin#shouldLoad()}, and {@link Plugin#load(Object...)} with the load arguments. Failures and
 * disabling are sticky: later calls throw again without running anything. Different plugins load in parallel.
 *
 * @param <P> the plugin type
 */
public class PluginManager<P extends Plugin> {

    static final String FILTERED_REASON = "A plugin filter disabled this plugin before it was initialized";

    static final String CONDITION_REASON = "Load condition for plugin was false";

    private static final Logger logger = LoggerFactory.getLogger(PluginManager.class);

    private final String namespace;

    private final PluginFinder finder;

    private final ClassLoader classLoader;

    private final List<PluginFilter> filters;

    private final Object[] loadArgs;

    private final List<Object> loadArgsView;

    private final Class<?> pluginType;

    private final PluginInstantiator instantiator;

    private final CompositePluginLifecycleListener listeners;

    private final PluginSpecResolver resolver = new PluginSpecResolver();

    private final Object resolveLock = new Object();

    /** Guarded by {@link #resolveLock}: true while this manager resolves, to refuse re-entrant use. */
    private boolean resolving;

    private volatile @Nullable Map<String, ManagedPlugin<P>> containers;

    /**
     * Creates a manager for a namespace that reads the index files of the thread's context class loader.
     *
     * @param namespace the namespace
     */
    public PluginManager(String namespace) {
        this(new Builder<>(namespace));
    }

    private PluginManager(Builder<P> builder) {
        this.namespace = builder.namespace;
        this.classLoader = (builder.classLoader != null) ? builder.classLoader : defaultClassLoader();
        this.finder = (builder.finder != null) ? builder.finder : new IndexPluginFinder(this.classLoader);
        List<PluginFilter> allFilters = new ArrayList<>(builder.filters);
        allFilters.add(MatchingPluginFilter.global());
        this.filters = List.copyOf(allFilters);
        this.loadArgs = builder.loadArgs.clone();
        this.loadArgsView = Collections.unmodifiableList(Arrays.asList(this.loadArgs));
        this.pluginType = builder.pluginType;
        this.instantiator = builder.instantiator;
        this.listeners = new CompositePluginLifecycleListener(builder.listeners);
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return (context != null) ? context : PluginManager.class.getClassLoader();
    }

    /**
     * Starts building a manager.
     *
     * @param namespace the namespace
     * @param <P> the plugin type
     * @return a builder
     */
    public static <P extends Plugin> Builder<P> builder(String namespace) {
        return new Builder<>(namespace);
    }

    /**
     * The namespace this manager serves.
     *
     * @return the namespace
     */
    public String namespace() {
        return this.namespace;
    }

    /**
     * Adds a listener after the present ones; it sees only what happens from now on.
     *
     * @param listener the listener
     */
    public void addListener(PluginLifecycleListener listener) {
        this.listeners.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Loads a plugin, or returns it if it is loaded already.
     *
     * @param name the plugin's name
     * @return the loaded plugin
     * @throws NoSuchPluginException if the namespace has no such plugin
     * @throws PluginDisabled if the plugin is disabled (now or before)
     * @throws PluginException if its creation or loading failed (now or before); the cause is the failure
     */
    public P load(String name) {
        ManagedPlugin<P> container = require(name);
        P plugin = container.plugin;
        if (container.state == PluginState.LOADED && plugin != null) {
            return plugin;
        }
        return loadSlowly(container);
    }

    /**
     * Loads every plugin of the namespace; disabled and failed ones are logged and skipped.
     *
     * @return the loaded plugins, in discovery order
     */
    public List<P> loadAll() {
        return loadAll(false);
    }

    /**
     * Loads every plugin of the namespace.
     *
     * @param propagateExceptions whether the first failure is thrown (disabled plugins are never a failure)
     * @return the loaded plugins, in discovery order
     * @throws PluginException the first failure, when {@code propagateExceptions} is set
     */
    public List<P> loadAll(boolean propagateExceptions) {
        List<P> loaded = new ArrayList<>();
        for (ManagedPlugin<P> container : containers().values()) {
            try {
                loaded.add(load(container.name()));
            }
            catch (PluginDisabled ex) {
                logger.debug("skipping disabled plugin {}:{}: {}", this.namespace, container.name(),
                        ex.reason());
            }
            catch (PluginException ex) {
                if (propagateExceptions) {
                    throw ex;
                }
                logger.debug("skipping failed plugin {}:{}", this.namespace, container.name(), ex);
            }
        }
        return loaded;
    }

    /**
     * The specs of the namespace, resolving it on first use.
     *
     * @return the specs in discovery order
     */
    public List<PluginSpec> listPluginSpecs() {
        return containers().values().stream().map(ManagedPlugin::pluginSpec).toList();
    }

    /**
     * The plugin names of the namespace, resolving it on first use.
     *
     * @return the names in discovery order
     */
    public List<String> listNames() {
        return List.copyOf(containers().keySet());
    }

    /**
     * The containers of the namespace, resolving it on first use.
     *
     * @return the containers in discovery order
     */
    public List<PluginContainer<P>> listContainers() {
        return List.copyOf(containers().values());
    }

    /**
     * The container of a plugin.
     *
     * @param name the plugin's name
     * @return its container
     * @throws NoSuchPluginException if the namespace has no such plugin
     */
    public PluginContainer<P> getContainer(String name) {
        return require(name);
    }

    /**
     * Whether the namespace has a plugin of that name.
     *
     * @param name the plugin's name
     * @return {@code true} if it exists (loaded or not)
     */
    public boolean exists(String name) {
        return containers().containsKey(name);
    }

    /**
     * Whether the namespace has been read already (by any earlier use of this manager). Never resolves it, so
     * monitoring can look at a manager without triggering its first use.
     *
     * @return {@code true} once the namespace's entry points were resolved
     */
    public boolean isResolved() {
        return this.containers != null;
    }

    /**
     * Whether a plugin is loaded.
     *
     * @param name the plugin's name
     * @return {@code true} if loaded
     * @throws NoSuchPluginException if the namespace has no such plugin
     */
    public boolean isLoaded(String name) {
        return require(name).isLoaded();
    }

    @Override
    public String toString() {
        return "PluginManager[" + this.namespace + "]";
    }

    private ManagedPlugin<P> require(String name) {
        ManagedPlugin<P> container = containers().get(name);
        if (container == null) {
            throw new NoSuchPluginException(this.namespace, name);
        }
        return container;
    }

    // ---- loading ---------------------------------------------------------------------------------------------

    private P loadSlowly(ManagedPlugin<P> container) {
        container.lock.lock();
        try {
            PluginState state = container.state;
            P loaded = container.plugin;
            if (state == PluginState.LOADED && loaded != null) {
                return loaded;
            }
            if (state == PluginState.DISABLED) {
                throw new PluginDisabled(this.namespace, container.name(), container.disabledReason);
            }
            if (state == PluginState.INIT_FAILED || state == PluginState.LOAD_FAILED) {
                throw stickyFailure(container);
            }
            if (container.loading) {
                throw new PluginException("plugin " + this.namespace + ":" + container.name()
                        + " is being loaded by this thread already: a listener or the plugin itself loads it again",
                        this.namespace, container.name());
            }
            container.loading = true;
            try {
                return runLifecycle(container);
            }
            catch (PluginDisabled ex) {
                disable(container, ex.reason());
                throw new PluginDisabled(this.namespace, container.name(), ex.reason());
            }
            finally {
                container.loading = false;
            }
        }
        finally {
            container.lock.unlock();
        }
    }

    /** Runs filter, init and load; returns the loaded plugin or throws. Called holding the container's lock. */
    private P runLifecycle(ManagedPlugin<P> container) {
        PluginSpec spec = container.pluginSpec();
        if (isFiltered(container)) {
            throw new PluginDisabled(this.namespace, spec.name(), FILTERED_REASON);
        }
        P existing = container.plugin;
        P plugin = (existing != null) ? existing : initialize(container);
        boolean shouldLoad;
        try {
            shouldLoad = plugin.shouldLoad();
        }
        catch (PluginDisabled ex) {
            throw ex;
        }
        catch (Throwable ex) {
            Failures.rethrowIfFatal(ex);
            throw failLoad(container, plugin, ex);
        }
        if (!shouldLoad) {
            throw new PluginDisabled(this.namespace, spec.name(), CONDITION_REASON);
        }
        logger.debug("loading plugin {}:{}", this.namespace, spec.name());
        this.listeners.onLoadBefore(spec, plugin, this.loadArgsView);
        Object loadResult;
        try {
            loadResult = plugin.load(this.loadArgs.clone());
        }
        catch (PluginDisabled ex) {
            throw ex;
        }
        catch (Throwable ex) {
            Failures.rethrowIfFatal(ex);
            throw failLoad(container, plugin, ex);
        }
        // as in plux, onLoadAfter runs before the plugin counts as loaded: a PluginDisabled from it disables it
        this.listeners.onLoadAfter(spec, plugin, loadResult);
        container.loadValue = loadResult;
        container.state = PluginState.LOADED;
        logger.debug("loaded plugin {}:{}", this.namespace, spec.name());
        return plugin;
    }

    private boolean isFiltered(ManagedPlugin<P> container) {
        for (PluginFilter filter : this.filters) {
            if (filter.excludes(container.pluginSpec())) {
                logger.debug("plugin {}:{} excluded by filter {}", this.namespace, container.name(), filter);
                return true;
            }
        }
        return false;
    }

    private P initialize(ManagedPlugin<P> container) {
        PluginSpec spec = container.pluginSpec();
        this.listeners.onInitBefore(spec);
        Plugin created;
        try {
            created = this.instantiator.instantiate(spec);
            if (created == null) {
                throw new PluginException("the factory of plugin " + this.namespace + ":" + spec.name()
                        + " returned null", this.namespace, spec.name());
            }
            if (!this.pluginType.isInstance(created)) {
                throw new PluginException("plugin " + this.namespace + ":" + spec.name() + " is a "
                        + created.getClass().getName() + ", which is not a " + this.pluginType.getName()
                        + " (the plugin type of this manager)", this.namespace, spec.name());
            }
        }
        catch (PluginDisabled ex) {
            throw ex;
        }
        catch (Throwable ex) {
            Failures.rethrowIfFatal(ex);
            throw failInit(container, ex);
        }
        @SuppressWarnings("unchecked")
        P plugin = (P) created;
        container.plugin = plugin;
        container.state = PluginState.INITIALIZED;
        logger.debug("initialized plugin {}:{} as {}", this.namespace, spec.name(), plugin.getClass().getName());
        this.listeners.onInitAfter(spec, plugin);
        return plugin;
    }

    private PluginException failInit(ManagedPlugin<P> container, Throwable ex) {
        PluginSpec spec = container.pluginSpec();
        container.initError = ex;
        container.state = PluginState.INIT_FAILED;
        logger.warn("plugin {}:{} failed to initialize: {}", this.namespace, spec.name(), ex.toString(), ex);
        notify("onInitException", spec, () -> this.listeners.onInitException(spec, ex));
        return stickyFailure(container);
    }

    private PluginException failLoad(ManagedPlugin<P> container, P plugin, Throwable ex) {
        PluginSpec spec = container.pluginSpec();
        container.loadError = ex;
        container.state = PluginState.LOAD_FAILED;
        logger.warn("plugin {}:{} failed to load: {}", this.namespace, spec.name(), ex.toString(), ex);
        notify("onLoadException", spec, () -> this.listeners.onLoadException(spec, plugin, ex));
        return stickyFailure(container);
    }

    private void disable(ManagedPlugin<P> container, @Nullable String reason) {
        if (container.state == PluginState.DISABLED) {
            return;
        }
        String text = (reason != null) ? reason : "disabled";
        container.disabledReason = reason;
        container.state = PluginState.DISABLED;
        logger.debug("plugin {}:{} is disabled: {}", this.namespace, container.name(), text);
        PluginSpec spec = container.pluginSpec();
        notify("onDisabled", spec, () -> this.listeners.onDisabled(spec, text));
    }

    private PluginException stickyFailure(ManagedPlugin<P> container) {
        boolean initFailed = container.state == PluginState.INIT_FAILED;
        Throwable cause = initFailed ? container.initError : container.loadError;
        return new PluginException("plugin " + this.namespace + ":" + container.name() + " failed to "
                + (initFailed ? "initialize" : "load") + ": " + cause, this.namespace, container.name(), cause);
    }

    /** Calls listeners whose {@code PluginDisabled} would come too late to disable anything. */
    private void notify(String callback, PluginSpec spec, Runnable call) {
        try {
            call.run();
        }
        catch (PluginDisabled ex) {
            logger.warn("a listener threw PluginDisabled from {} for plugin {}:{}; too late to disable it, ignoring",
                    callback, this.namespace, spec.name());
        }
    }

    // ---- resolution ------------------------------------------------------------------------------------------

    private Map<String, ManagedPlugin<P>> containers() {
        Map<String, ManagedPlugin<P>> resolved = this.containers;
        if (resolved == null) {
            synchronized (this.resolveLock) {
                resolved = this.containers;
                if (resolved == null) {
                    if (this.resolving) {
                        // a listener called back into the manager from onResolveAfter/onResolveException
                        throw new PluginException("plugin manager " + this.namespace
                                + " is used by a listener while it resolves its plugins", this.namespace, null);
                    }
                    this.resolving = true;
                    try {
                        resolved = resolve();
                    }
                    finally {
                        this.resolving = false;
                    }
                    this.containers = resolved;
                }
            }
        }
        return resolved;
    }

    private Map<String, ManagedPlugin<P>> resolve() {
        Map<String, ManagedPlugin<P>> resolved = new LinkedHashMap<>();
        if (this.finder instanceof IndexPluginFinder indexFinder) {
            resolveIndex(indexFinder, resolved);
        }
        else {
            resolveFound(resolved);
        }
        return Collections.unmodifiableMap(resolved);
    }

    private void resolveIndex(IndexPluginFinder indexFinder, Map<String, ManagedPlugin<P>> resolved) {
        PluginIndex index = indexFinder.index();
        List<IndexEntry> entries = index.entries(this.namespace);
        EmptyNamespaceWarning.warnIfUndeclared(this.namespace, index);
        int failed = 0;
        for (IndexEntry entry : entries) {
            PluginSpec spec = resolveEntry(entry, indexFinder.classLoader());
            if (spec == null) {
                failed++;
                continue;
            }
            add(resolved, spec, entry.entryPoint().source());
        }
        logger.info("plux namespace {}: {} plugins from {} index files{}", this.namespace, resolved.size(),
                index.fileCount(this.namespace), (failed > 0) ? ", " + failed + " failed to resolve" : "");
    }

    private @Nullable PluginSpec resolveEntry(IndexEntry entry, ClassLoader loader) {
        EntryPoint entryPoint = entry.entryPoint();
        String what = Escaping.escape(this.namespace) + ":" + Escaping.escape(entryPoint.name());
        Throwable failure;
        if (entry.malformed() != null) {
            failure = new PluginException(entry.location() + ": malformed entry for plugin " + what + ": "
                    + entry.malformed(), this.namespace, entryPoint.name());
        }
        else {
            try {
                return this.resolver.resolve(entryPoint, loader);
            }
            catch (Throwable ex) {
                Failures.rethrowIfFatal(ex);
                String reason = (ex instanceof PluginException) ? ex.getMessage()
                        : "cannot resolve plugin " + what + " = " + Escaping.escape(entryPoint.value()) + ": " + ex;
                failure = new PluginException(entry.location() + ": " + reason, this.namespace, entryPoint.name(), ex);
            }
        }
        logger.warn("{}", failure.getMessage());
        notifyResolveException(entryPoint, failure);
        return null;
    }

    private void notifyResolveException(EntryPoint entryPoint, Throwable failure) {
        try {
            this.listeners.onResolveException(this.namespace, entryPoint, failure);
        }
        catch (PluginDisabled ex) {
            logger.debug("ignoring PluginDisabled from onResolveException", ex);
        }
    }

    private void resolveFound(Map<String, ManagedPlugin<P>> resolved) {
        List<PluginSpec> found;
        try {
            found = this.finder.findPlugins();
        }
        catch (RuntimeException ex) {
            // not cached: the next call tries the finder again
            throw new PluginException("plugin finder " + this.finder + " failed for namespace " + this.namespace
                    + ": " + ex, this.namespace, null, ex);
        }
        for (PluginSpec spec : found) {
            if (spec.namespace().equals(this.namespace)) {
                add(resolved, spec, null);
            }
        }
        logger.info("plux namespace {}: {} plugins from finder {}", this.namespace, resolved.size(), this.finder);
    }

    private void add(Map<String, ManagedPlugin<P>> resolved, PluginSpec spec, @Nullable URL source) {
        ManagedPlugin<P> first = resolved.get(spec.name());
        if (first != null) {
            logger.warn("duplicate plugin {}:{}: keeping {}, ignoring {}", this.namespace, spec.name(),
                    first.pluginSpec().value(), spec.value());
            return;
        }
        ManagedPlugin<P> container = new ManagedPlugin<>(spec, source);
        resolved.put(spec.name(), container);
        try {
            this.listeners.onResolveAfter(spec);
        }
        catch (PluginDisabled ex) {
            disable(container, ex.reason());
        }
    }

    /**
     * Builds a {@link PluginManager}.
     *
     * @param <P> the plugin type
     */
    public static final class Builder<P extends Plugin> {

        private final String namespace;

        private Object[] loadArgs = new Object[0];

        private final List<PluginLifecycleListener> listeners = new ArrayList<>();

        private final List<PluginFilter> filters = new ArrayList<>();

        private final List<PluginLoadInterceptor> interceptors = new ArrayList<>();

        private @Nullable PluginFinder finder;

        private @Nullable ClassLoader classLoader;

        private Class<?> pluginType = Plugin.class;

        private PluginInstantiator instantiator = PluginInstantiator.FACTORY;

        private Builder(String namespace) {
            Objects.requireNonNull(namespace, "namespace");
            if (namespace.isBlank()) {
                throw new IllegalArgumentException("the namespace of a plugin manager must not be blank");
            }
            this.namespace = namespace;
        }

        /**
         * The arguments every plugin's {@link Plugin#load(Object...)} receives.
         *
         * @param args the arguments (copied)
         * @return this builder
         */
        public Builder<P> loadArgs(Object... args) {
            this.loadArgs = args.clone();
            return this;
        }

        /**
         * Adds a lifecycle listener; listeners are called in the order added.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder<P> listener(PluginLifecycleListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Replaces the default finder (the index files of the class loader).
         *
         * @param finder the finder; only specs of the manager's namespace are kept
         * @return this builder
         */
        public Builder<P> finder(PluginFinder finder) {
            this.finder = Objects.requireNonNull(finder, "finder");
            return this;
        }

        /**
         * Adds a filter; {@link MatchingPluginFilter#global()} is always consulted as well.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder<P> filter(PluginFilter filter) {
            this.filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /**
         * Adds an interceptor around each plugin's first load attempt; the first one added runs outermost.
         *
         * @param interceptor the interceptor
         * @return this builder
         */
        public Builder<P> interceptor(PluginLoadInterceptor interceptor) {
            this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * The class loader whose index files are read and whose classes are resolved; default: the thread's
         * context class loader when the manager is built.
         *
         * @param classLoader the class loader
         * @return this builder
         */
        public Builder<P> classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * The type every plugin must have; a plugin that is not one fails init.
         *
         * @param type the plugin type
         * @return this builder
         */
        public Builder<P> pluginType(Class<? super P> type) {
            this.pluginType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * How plugins are created; default: the spec's factory.
         *
         * @param instantiator the instantiator
         * @return this builder
         */
        public Builder<P> instantiator(PluginInstantiator instantiator) {
            this.instantiator = Objects.requireNonNull(instantiator, "instantiator");
            return this;
        }

        /**
         * The namespace of the manager being built.
         *
         * @return the namespace
         */
        public String namespace() {
            return this.namespace;
        }

        /**
         * Builds the manager. Nothing is read until the manager is first used.
         *
         * @return a new manager
         */
        public PluginManager<P> build() {
            return new PluginManager<>(this);
        }
    }
}
