package dev.plux.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

import org.jspecify.annotations.Nullable;

/**
 * Finds, creates and loads the plugins of one namespace, as plux's {@code PluginManager}.
 *
 * <pre>{@code
 * PluginManager<GreetingPlugin> greetings = PluginManager.<GreetingPlugin>builder("my.greetings")
 *         .loadArgs("world")
 *         .build();
 * List<String> names = greetings.listNames();          // from the index files: no class is looked up
 * GreetingPlugin hello = greetings.load("hello");      // resolved, created and loaded once
 * List<GreetingPlugin> all = greetings.loadAll();      // the others; failures are logged and skipped
 * }</pre>
 *
 * <p>The namespace is read on first use, not in the constructor. Every entry of it is <em>declared</em>:
 * {@link #listNames()}, {@link #exists(String)}, {@link #getContainer(String)} and {@link #listContainers()} answer
 * from the index alone. A plugin is <em>resolved</em> when first needed ({@link #load(String)}, {@link #loadAll()},
 * {@link #listPluginSpecs()}); a failure to resolve is kept ({@link PluginState#RESOLVE_FAILED}).
 * {@link #load(String)} then runs, at most once per plugin even under concurrent calls: the filters (the manager's
 * own and {@link MatchingPluginFilter#global()}), the factory, {@link Plugin#shouldLoad()}, and
 * {@link Plugin#load(Object...)} with the load arguments, inside the {@link PluginLoadInterceptor}s. Failures and
 * disabling are sticky: later calls throw again without running anything. Different plugins load in parallel;
 * plugins that load each other in a cycle get an exception naming it instead of waiting forever.
 *
 * <p>Threads: a manager is safe to share. Its first use, by any method but {@link #namespace()},
 * {@link #isResolved()}, {@link #excludes(EntryPoint)} and {@link #addListener}, reads the namespace on the calling
 * thread: the class loader's index files (waiting up to 5 seconds for another thread's first read of the same
 * loader's files), or the custom {@link PluginFinder}, and it reports lines without a usable name to the listeners.
 * {@link #listPluginSpecs()} resolves on the calling thread, which runs the static initializers of member entries
 * and the listeners; {@link #load(String)} and {@link #loadAll()} also run the filters, interceptors, factories,
 * {@link Plugin#shouldLoad()} and {@link Plugin#load(Object...)} there. Each waits while another thread resolves or
 * loads the same plugin.
 * A custom finder that throws on first use makes that call throw a {@link PluginException} caused by its failure;
 * the next use asks it again.
 *
 * @param <P> the plugin type
 */
public class PluginManager<P extends Plugin> {

    private final String namespace;

    private final CompositePluginLifecycleListener listeners;

    private final DeclaredPlugins<P> declared;

    private final LoadLifecycle<P> lifecycle;

    private final FilterQuery<P> filterQuery;

    /**
     * Creates a manager for a namespace that reads the index files of the thread's context class loader.
     *
     * <p>Nothing checks the type argument, which Java erases: for a plugin type other than {@link Plugin}, use
     * {@code PluginManager.<T>builder(namespace).pluginType(T.class)}, so that a plugin of another type fails init
     * naming itself rather than with a {@link ClassCastException} in the caller.
     *
     * @param namespace the namespace
     * @throws IllegalArgumentException if the namespace is blank
     */
    public PluginManager(String namespace) {
        this(new Builder<>(namespace));
    }

    private PluginManager(Builder<P> builder) {
        this.namespace = builder.namespace;
        ClassLoader classLoader = (builder.classLoader != null) ? builder.classLoader : defaultClassLoader();
        if (builder.moduleLayer != null) {
            classLoader = ModuleLayerClassLoader.of(builder.moduleLayer, classLoader);
        }
        PluginFinder finder = (builder.finder != null) ? builder.finder : new IndexPluginFinder(classLoader);
        List<PluginFilter> filters = new ArrayList<>(builder.filters);
        filters.add(MatchingPluginFilter.global());
        this.listeners = new CompositePluginLifecycleListener(builder.listeners);
        LifecycleEvents events = new LifecycleEvents(this.listeners, classLoader);
        PluginDirectories directories = builder.pluginDirectories.isEmpty() ? null
                : new PluginDirectories(builder.pluginDirectories, builder.directoryOrigins, classLoader);
        this.declared = new DeclaredPlugins<>(this.namespace, finder, directories, events);
        this.lifecycle = new LoadLifecycle<>(this.declared, events, filters, builder.interceptors, builder.loadArgs,
                builder.pluginType, builder.instantiator);
        this.filterQuery = new FilterQuery<>(this.namespace, this.declared, filters);
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
     * @throws IllegalArgumentException if the namespace is blank
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
     * Loads a plugin, or returns it if it is loaded already; resolves it first if needed. The first call runs the
     * filters, interceptors, factory, {@link Plugin#shouldLoad()}, {@link Plugin#load(Object...)} and the listeners
     * on the calling thread; a call while another thread resolves or loads the plugin waits for it, then returns or
     * throws that attempt's outcome.
     *
     * @param name the plugin's name
     * @return the loaded plugin
     * @throws NoSuchPluginException if the namespace has no such plugin
     * @throws PluginDisabled if the plugin is disabled (now or before)
     * @throws PluginException if its resolution, creation or loading failed (now or before): the cause is the
     *         failure; if this load would close a cycle of plugins loading each other (the message names it); if the
     *         calling thread is interrupted while it waits for another thread's load of the plugin (the interrupt
     *         flag stays set); or if a custom finder fails on the manager's first use
     */
    public P load(String name) {
        ManagedPlugin<P> container = this.declared.require(name);
        P plugin = container.plugin;
        if (container.state == PluginState.LOADED && plugin != null) {
            return plugin;
        }
        return this.lifecycle.load(container);
    }

    /**
     * Loads every plugin of the namespace; disabled and failed ones are logged and skipped.
     *
     * @return the loaded plugins, in discovery order
     * @throws PluginException as {@link #loadAll(boolean) loadAll(false)}: when the calling thread is interrupted
     *         while it waits for a plugin another thread loads, or a plugin fails because the thread is interrupted
     *         (the interrupt flag stays set); or when a custom finder fails on the manager's first use
     */
    public List<P> loadAll() {
        return loadAll(false);
    }

    /**
     * Resolves, then loads, every plugin of the namespace.
     *
     * @param propagateExceptions whether the first failure, a resolution failure included, is thrown (disabled
     *        plugins are never a failure)
     * @return the loaded plugins, in discovery order
     * @throws PluginException the first failure, when {@code propagateExceptions} is set; or, whatever it is set
     *         to, when the calling thread is interrupted while it waits for a plugin another thread loads, or a
     *         plugin fails because the thread is interrupted (the interrupt flag stays set), or when a custom finder
     *         fails on the manager's first use
     */
    public List<P> loadAll(boolean propagateExceptions) {
        return new LoadAll<>(this.declared, this::load).run(propagateExceptions);
    }

    /**
     * The specs of the namespace, resolving every plugin not resolved yet; plugins that fail to resolve are left
     * out (their containers say why), and so is one from an index that another thread is resolving while it waits
     * for a plugin this thread is loading (it has not failed: this thread cannot wait for it).
     *
     * @return the specs in discovery order
     * @throws PluginException when the calling thread is interrupted while it waits for a plugin another thread
     *         resolves (the interrupt flag stays set), or when a custom finder fails on the manager's first use
     */
    public List<PluginSpec> listPluginSpecs() {
        this.declared.resolveAll(false);
        List<PluginSpec> specs = new ArrayList<>();
        for (ManagedPlugin<P> container : this.declared.containers()) {
            PluginSpec spec = container.spec;
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    /**
     * The names of the declared plugins; never looks a class up.
     *
     * @return the names in discovery order
     * @throws PluginException when a custom finder fails on the manager's first use
     */
    public List<String> listNames() {
        return this.declared.containers().stream().map(ManagedPlugin::name).toList();
    }

    /**
     * The containers of the declared plugins; never looks a class up.
     *
     * @return the containers in discovery order
     * @throws PluginException when a custom finder fails on the manager's first use
     */
    public List<PluginContainer<P>> listContainers() {
        return List.copyOf(this.declared.containers());
    }

    /**
     * The container of a plugin; never looks a class up.
     *
     * @param name the plugin's name
     * @return its container
     * @throws NoSuchPluginException if the namespace has no such plugin
     * @throws PluginException when a custom finder fails on the manager's first use
     */
    public PluginContainer<P> getContainer(String name) {
        return this.declared.require(name);
    }

    /**
     * Whether the namespace declares a plugin of that name; never looks a class up.
     *
     * @param name the plugin's name
     * @return {@code true} if it exists (whatever its state)
     * @throws PluginException when a custom finder fails on the manager's first use
     */
    public boolean exists(String name) {
        return this.declared.find(name) != null;
    }

    /**
     * Whether this manager has read its namespace already (by any earlier use). Never reads it, so monitoring can
     * look at a manager without triggering its first use.
     *
     * @return {@code true} once the namespace's entries were read
     */
    public boolean isResolved() {
        return this.declared.isRead();
    }

    /**
     * Whether this manager's filters exclude a plugin: those given to its {@link Builder#filter(PluginFilter)}, then
     * {@link MatchingPluginFilter#global()}, asked in that order as {@link #load(String)} asks them. So a caller can
     * tell a plugin the application excludes from one it needs, also when the plugin cannot resolve (its class is
     * missing, {@link PluginState#RESOLVE_FAILED}) and no filter was ever asked about it.
     *
     * <p>A plugin this manager has resolved is asked with its spec, as a load asks it; any other with the spec its
     * entry point declares: namespace, name, value (stripped, as resolution strips it), a factory that throws if
     * called. A filter failing by calling that factory cannot answer before resolution: the later filters decide. A
     * filter's {@link PluginDisabled} naming the plugin answers {@code true} (a load disables it); any other throw
     * answers {@code false}, the later filters unasked (a load fails the plugin); a {@link VirtualMachineError} is
     * thrown. Neither reads the namespace nor resolves a plugin itself (a filter may use the manager).
     *
     * <pre>{@code
     * PluginContainer<?> legacy = manager.getContainer("legacy");
     * // a missing class of a plugin the filters exclude is no failure of the application
     * boolean failed = legacy.state() == PluginState.RESOLVE_FAILED && !manager.excludes(legacy.entryPoint());
     * }</pre>
     *
     * @param entryPoint the plugin's entry point, of this manager's namespace
     * @return {@code true} if a filter excludes the plugin, which loading would disable
     * @throws IllegalArgumentException if the entry point is of another namespace, whose plugins this manager never
     *         filters
     */
    public boolean excludes(EntryPoint entryPoint) {
        return this.filterQuery.excludes(Objects.requireNonNull(entryPoint, "entryPoint"));
    }

    /**
     * Whether a plugin is loaded.
     *
     * @param name the plugin's name
     * @return {@code true} if loaded
     * @throws NoSuchPluginException if the namespace has no such plugin
     * @throws PluginException when a custom finder fails on the manager's first use
     */
    public boolean isLoaded(String name) {
        return this.declared.require(name).isLoaded();
    }

    @Override
    public String toString() {
        return "PluginManager[" + this.namespace + "]";
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

        private @Nullable ModuleLayer moduleLayer;

        private Class<?> pluginType = Plugin.class;

        private PluginInstantiator instantiator = PluginInstantiator.FACTORY;

        private final List<Path> pluginDirectories = new ArrayList<>();

        /** What set each plugin directory given with one, for the messages about it. */
        private final Map<Path, String> directoryOrigins = new HashMap<>();

        private Builder(String namespace) {
            Objects.requireNonNull(namespace, "namespace");
            if (namespace.isBlank()) {
                throw new IllegalArgumentException("the namespace of a plugin manager must not be blank");
            }
            this.namespace = namespace;
        }

        /**
         * The arguments every plugin's {@link Plugin#load(Object...)} receives; none unless called.
         *
         * @param args the arguments (copied); {@code loadArgs()} passes none
         * @return this builder
         * @throws NullPointerException if {@code args} is a null array ({@code loadArgs((Object[]) null)}, or
         *         {@code loadArgs(null)}), as every builder method rejects a null argument
         */
        public Builder<P> loadArgs(Object... args) {
            // loadArgs(null) compiles, with a warning; its author may have meant "none" or "one null": say so
            this.loadArgs = Objects.requireNonNull(args, () -> "plugin manager " + this.namespace
                    + ": loadArgs(...) was given a null array; loadArgs() passes no arguments").clone();
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
         * Also reads the index files of the modules of a module layer (and of its parents above the boot layer), and
         * resolves their classes with the loader the layer maps each module to, as
         * {@code ServiceLoader.load(layer, service)} finds a layer's providers. For a plugin system that defines its
         * plugin modules in a layer of its own; with {@code defineModulesWithOneLoader},
         * {@code classLoader(layer.findLoader(module))} does the same, but with {@code defineModulesWithManyLoaders}
         * no one loader sees every module's index. The class loader (default: the context class loader) still
         * answers for the class path and the boot layer, whose index files come first.
         *
         * <pre>{@code
         * ModuleLayer layer = ModuleLayer.boot().defineModulesWithManyLoaders(configuration, parentLoader);
         * PluginManager<Greeter> greeters = PluginManager.<Greeter>builder("greet")
         *     .pluginType(Greeter.class).moduleLayer(layer).build();
         * }</pre>
         *
         * @param layer the layer that holds plugin modules
         * @return this builder
         */
        public Builder<P> moduleLayer(ModuleLayer layer) {
            this.moduleLayer = Objects.requireNonNull(layer, "layer");
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
         * Adds a plugin directory (plux-core's README, "Plugin directories"): each {@code *.jar} in it, and each
         * sub-directory with {@code classes/} and/or {@code lib/*.jar}, is a bundle with its own class loader (a
         * child of the manager's, shared JVM-wide), whose index is read after the class path's on first use.
         * A plugin directory is trusted code, as the class path is.
         *
         * @param directory the directory (a missing one is a warning on first use)
         * @return this builder
         * @throws IllegalArgumentException if the directory is not on the default file system (inside a zip file
         * system, say), where no class loader can read a bundle
         */
        public Builder<P> pluginDirectory(Path directory) {
            this.pluginDirectories.add(PluginDirectories.checked(Objects.requireNonNull(directory, "directory")));
            return this;
        }

        /**
         * Adds a plugin directory, as {@link #pluginDirectory(Path)} does, with what set it: the warning about a
         * missing directory (or one that is not a directory, or cannot be listed) names it after the path, so that
         * a user knows which setting to fix. The Spring layer gives the property and where it was set:
         * {@code plugin directory /srv/app/plugins (set by plux.plugin-directories[0]=plugins, at class path
         * resource [application.yml] - 4:7) does not exist}. Each such warning is still logged once per JVM, with
         * the origin of the manager that met the directory first.
         *
         * @param directory the directory (a missing one is a warning on first use)
         * @param origin what set it, such as a property, its value and where it was set
         * @return this builder
         * @throws IllegalArgumentException if the directory is not on the default file system
         */
        public Builder<P> pluginDirectory(Path directory, String origin) {
            Objects.requireNonNull(origin, "origin"); // before adding: a refused call adds nothing
            pluginDirectory(directory);
            this.directoryOrigins.put(directory, origin);
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
         * @throws IllegalStateException if plugin directories or a module layer are combined with a custom finder
         */
        public PluginManager<P> build() {
            if (this.finder != null && !this.pluginDirectories.isEmpty()) {
                throw new IllegalStateException("plugin manager " + this.namespace + ": pluginDirectory(...) adds to "
                        + "the index finder and cannot be combined with a custom finder(" + this.finder + ")");
            }
            if (this.finder != null && this.moduleLayer != null) {
                throw new IllegalStateException("plugin manager " + this.namespace + ": moduleLayer(...) adds to "
                        + "the index finder and cannot be combined with a custom finder(" + this.finder + ")");
            }
            return new PluginManager<>(this);
        }
    }
}
