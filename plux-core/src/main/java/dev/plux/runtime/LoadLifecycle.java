package dev.plux.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.core.PluginTypeMismatchException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Loads one plugin, once: resolution if needed, then the interceptors around filters, init, load condition and
 * load with their listeners. The first attempt ends in a final state ({@code LOADED}, {@code DISABLED},
 * {@code INIT_FAILED}, {@code LOAD_FAILED}) that every later call reports without running anything.
 *
 * <p>A thread runs the attempt while owning the container in {@link LoadCycles}; other threads wait for it, and a
 * wait that would close a cycle fails at once.
 */
final class LoadLifecycle<P extends Plugin> {

    static final String FILTERED_REASON = "A plugin filter disabled this plugin before it was initialized";

    static final String CONDITION_REASON = "Load condition for plugin was false";

    private static final Logger logger = LifecycleEvents.logger;

    private final DeclaredPlugins<P> declared;

    private final LifecycleEvents events;

    private final PluginLifecycleListener listeners;

    private final List<PluginFilter> filters;

    private final List<PluginLoadInterceptor> interceptors;

    private final Object[] loadArgs;

    private final List<Object> loadArgsView;

    private final Class<?> pluginType;

    private final PluginInstantiator instantiator;

    LoadLifecycle(DeclaredPlugins<P> declared, LifecycleEvents events, List<PluginFilter> filters,
            List<PluginLoadInterceptor> interceptors, Object[] loadArgs, Class<?> pluginType,
            PluginInstantiator instantiator) {
        this.declared = declared;
        this.events = events;
        this.listeners = events.listeners();
        this.filters = List.copyOf(filters);
        this.interceptors = List.copyOf(interceptors);
        this.loadArgs = loadArgs.clone();
        this.loadArgsView = Collections.unmodifiableList(Arrays.asList(this.loadArgs));
        this.pluginType = pluginType;
        this.instantiator = instantiator;
    }

    /** Loads the plugin unless that was tried already; returns it, or throws what the attempt recorded. */
    P load(ManagedPlugin<P> container) {
        boolean attempted = false; // whether this call runs the plugin's attempt
        if (!container.settled && !isOwnAttemptDecided(container)) {
            LoadCycles.checkNotLoadingThroughAnotherManager(container);
            LoadCycles.Ownership owned = LoadCycles.acquire(container);
            // a thread that waited for another's attempt owns the plugin after it, with its outcome final already
            attempted = !LifecycleEvents.isFinal(container.state);
            try {
                owned.loading = true;
                this.declared.resolveOwned(container);
                if (container.state == PluginState.RESOLVED) {
                    new Invocation(container, 0).proceed();
                }
            }
            finally {
                try {
                    if (attempted && LifecycleEvents.isFailure(container.state)) {
                        container.failedOn = AttemptThread.current();
                    }
                    // before letting go: a caller that skips the wait must see the outcome every listener agreed on
                    container.settled = LifecycleEvents.isFinal(container.state);
                }
                finally {
                    // even if a StackOverflowError strikes above: an owned plugin nobody releases hangs its waiters.
                    // Marked over first, by a field write that makes no call and cannot overflow: should the release
                    // overflow, the next thread that needs the plugin takes it over (LoadCycles)
                    owned.over = true;
                    LoadCycles.release(container);
                }
            }
        }
        // a call that ran no attempt (a later one, or one that waited for another thread's) answers an earlier one
        return outcome(container, !attempted && !LoadCycles.isOwnedByCurrentThread(container));
    }

    /**
     * Whether this thread runs the container's attempt and its outcome is recorded: a listener told of the failure
     * or of the disabling (or an interceptor after {@code proceed()}) that loads the plugin again gets that outcome,
     * as any later load does; only its own attempt can still change it, and re-entering would be a false cycle.
     * That holds while the plugin is still being resolved, too ({@code onResolveException}, or {@code onDisabled}
     * after {@code onResolveAfter} disabled it): a state recorded as final there is the outcome.
     */
    private static boolean isOwnAttemptDecided(ManagedPlugin<?> container) {
        return LifecycleEvents.isFinal(container.state) && LoadCycles.isOwnedByCurrentThread(container);
    }

    private P outcome(ManagedPlugin<P> container, boolean earlierAttempt) {
        PluginState state = container.state;
        P plugin = container.plugin;
        if (state == PluginState.LOADED && plugin != null) {
            return plugin;
        }
        if (state == PluginState.DISABLED) {
            throw new PluginDisabled(container.entryPoint().namespace(), container.name(), container.disabledReason());
        }
        if (state == PluginState.RESOLVE_FAILED || state == PluginState.INIT_FAILED
                || state == PluginState.LOAD_FAILED) {
            throw this.events.stickyFailure(container, earlierAttempt);
        }
        throw new IllegalStateException(container + " is not in a final state after its load");
    }

    /** One level of the interceptor chain; the last level runs the lifecycle. Runs once however often called. */
    private final class Invocation implements PluginLoadInvocation {

        private final ManagedPlugin<P> container;

        private final int index;

        private final AtomicBoolean proceeded = new AtomicBoolean();

        /** The thread owning the container: the attempt must run there, where cycles are tracked. */
        private final Thread thread = Thread.currentThread();

        Invocation(ManagedPlugin<P> container, int index) {
            this.container = container;
            this.index = index;
        }

        @Override
        public void proceed() {
            if (Thread.currentThread() != this.thread) {
                logger.warn("an interceptor called proceed() for plugin {} on another thread; ignoring the call, "
                        + "the loading thread proceeds once the interceptor returns", this.container.describe());
                return;
            }
            if (!this.proceeded.compareAndSet(false, true)) {
                logger.warn("an interceptor called proceed() again for plugin {}; ignoring the call",
                        this.container.describe());
                return;
            }
            if (this.index == LoadLifecycle.this.interceptors.size()) {
                run(this.container);
                return;
            }
            PluginLoadInterceptor interceptor = LoadLifecycle.this.interceptors.get(this.index);
            Invocation next = new Invocation(this.container, this.index + 1);
            try {
                interceptor.aroundLoad(this.container, next);
            }
            catch (VirtualMachineError ex) {
                LifecycleEvents.failFatally(this.container, ex);
                throw ex;
            }
            catch (Throwable ex) {
                logger.warn("plugin load interceptor {} failed for plugin {}; ignoring it: {}", interceptor,
                        this.container.describe(), Failures.describe(ex), Failures.toLog(ex));
            }
            if (!next.proceeded.get()) {
                logger.warn("plugin load interceptor {} did not proceed with plugin {}; proceeding without it",
                        interceptor, this.container.describe());
                next.proceed();
            }
        }
    }

    /** Runs the steps; never throws but a {@link VirtualMachineError}, after recording the plugin as failed. */
    private void run(ManagedPlugin<P> container) {
        try {
            steps(container);
        }
        catch (Stop stop) {
            // the outcome is recorded
        }
        catch (VirtualMachineError ex) {
            LifecycleEvents.failFatally(container, ex);
            throw ex;
        }
        catch (Throwable ex) {
            // a step let something through that it should have recorded: record it, so the plugin is settled
            if (!LifecycleEvents.isFinal(container.state)) {
                P plugin = container.plugin;
                if (plugin == null) {
                    this.events.failInit(container, ex);
                }
                else {
                    this.events.failLoad(container, plugin, ex);
                }
            }
        }
    }

    private void steps(ManagedPlugin<P> container) {
        PluginSpec spec = requireSpec(container);
        String exclusion = exclusion(container, spec);
        if (exclusion != null) {
            disable(container, FILTERED_REASON + ": " + exclusion);
        }
        disableIf(container,
                this.events.mayDisable(container, "onInitBefore", () -> this.listeners.onInitBefore(spec)));
        P plugin = create(container, spec);
        container.plugin = plugin;
        container.state = PluginState.INITIALIZED;
        logger.debug("initialized plugin {} as {}", container.describe(), plugin.getClass().getName());
        FunctionLineCheck.check(container, plugin);
        disableIf(container,
                this.events.mayDisable(container, "onInitAfter", () -> this.listeners.onInitAfter(spec, plugin)));
        if (!Boolean.TRUE.equals(call(container, plugin, plugin::shouldLoad))) {
            disable(container, CONDITION_REASON);
        }
        logger.debug("loading plugin {}", container.describe());
        disableIf(container, this.events.mayDisable(container, "onLoadBefore",
                () -> this.listeners.onLoadBefore(spec, plugin, this.loadArgsView)));
        Object result = call(container, plugin, () -> plugin.load(this.loadArgs.clone()));
        // as in plux, onLoadAfter runs before the plugin counts as loaded: a PluginDisabled from it disables it
        disableIf(container, this.events.mayDisable(container, "onLoadAfter",
                () -> this.listeners.onLoadAfter(spec, plugin, result)));
        container.outcome = result;
        container.state = PluginState.LOADED;
        logger.debug("loaded plugin {}", container.describe());
    }

    /** What the first filter excluding the plugin says of itself, or {@code null} when none does. */
    private @Nullable String exclusion(ManagedPlugin<P> container, PluginSpec spec) {
        for (PluginFilter filter : this.filters) {
            boolean excluded;
            try {
                excluded = filter.excludes(spec);
            }
            catch (VirtualMachineError ex) {
                throw ex;
            }
            catch (Throwable ex) {
                if (ex instanceof PluginDisabled disabled && LifecycleEvents.names(disabled, container)) {
                    // as in plux, and as from a listener or the plugin itself: the filter disables the plugin, and
                    // its reason is the plugin's disabled reason (a filter's way to say more than true)
                    logger.debug("plugin {} disabled by filter {}: {}", container.describe(), filter, disabled.reason());
                    disable(container, disabled.reason());
                }
                this.events.failInit(container, new PluginException("plugin filter " + filter + " failed for plugin "
                        + container.describe() + ": " + Failures.describe(ex), spec.namespace(), spec.name(), ex));
                throw Stop.INSTANCE;
            }
            if (excluded) {
                logger.debug("plugin {} excluded by filter {}", container.describe(), filter);
                return describeExclusion(filter, spec);
            }
        }
        return null;
    }

    private static String describeExclusion(PluginFilter filter, PluginSpec spec) {
        try {
            return filter.describeExclusion(spec);
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            logger.warn("plugin filter of type {} failed to describe itself: {}", filter.getClass().getName(),
                    Failures.describe(ex), Failures.toLog(ex));
            return filter.getClass().getName();
        }
    }

    private P create(ManagedPlugin<P> container, PluginSpec spec) {
        Plugin created;
        try {
            Bundle bundle = container.declaringBundle();
            if (bundle != null && spec.factory() instanceof ClassPluginFactory factory) {
                SignatureCopies.check(container, spec, factory.pluginClass(), bundle.classLoader());
            }
            created = BundleContextClassLoader.call(container, () -> this.instantiator.instantiate(spec));
            if (created == null) {
                // the same advice as a factory method's null gets (PluginSpecResolver)
                throw new PluginException("the factory of plugin " + container.describe() + " returned null; a"
                        + " factory must return a plugin (to leave it out, throw PluginDisabled or return one whose"
                        + " shouldLoad() is false)", spec.namespace(), spec.name());
            }
            if (!this.pluginType.isInstance(created)) {
                Class<?> copy = Failures.copyOf(created.getClass(), this.pluginType);
                throw new PluginTypeMismatchException("plugin " + container.describe() + " is a "
                        + created.getClass().getName() + ", which is not a " + this.pluginType.getName()
                        + " (the plugin type of this manager)" + Failures.anotherCopyOf(copy, this.pluginType),
                        spec.namespace(), spec.name(), this.pluginType, created.getClass(), copy);
            }
        }
        catch (PluginDisabled ex) {
            if (LifecycleEvents.names(ex, container)) {
                disable(container, ex.reason());
            }
            this.events.failInit(container, ex);
            throw Stop.INSTANCE;
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            this.events.failInit(container, ex);
            throw Stop.INSTANCE;
        }
        @SuppressWarnings("unchecked")
        P plugin = (P) created;
        return plugin;
    }

    /** Calls plugin code after init; a failure fails the load, a {@code PluginDisabled} naming it disables it. */
    private @Nullable Object call(ManagedPlugin<P> container, P plugin, Callable<?> code) {
        try {
            return BundleContextClassLoader.call(container, code);
        }
        catch (PluginDisabled ex) {
            if (LifecycleEvents.names(ex, container)) {
                disable(container, ex.reason());
            }
            // a dependency loaded from inside load() is disabled: this plugin failed, it is not disabled itself
            this.events.failLoad(container, plugin, ex);
            throw Stop.INSTANCE;
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            this.events.failLoad(container, plugin, ex);
            throw Stop.INSTANCE;
        }
    }

    private void disableIf(ManagedPlugin<P> container, @Nullable PluginDisabled disabled) {
        if (disabled != null) {
            disable(container, disabled.reason());
        }
    }

    private void disable(ManagedPlugin<P> container, @Nullable String reason) {
        this.events.disable(container, reason);
        throw Stop.INSTANCE;
    }

    private static PluginSpec requireSpec(ManagedPlugin<?> container) {
        PluginSpec spec = container.spec;
        if (spec == null) {
            throw new IllegalStateException(container + " is loaded before it was resolved");
        }
        return spec;
    }

    /** Ends the steps once the outcome is recorded; carries nothing, so one shared instance will do. */
    private static final class Stop extends RuntimeException {

        private static final long serialVersionUID = 1L;

        static final Stop INSTANCE = new Stop();

        private Stop() {
            super(null, null, false, false);
        }
    }
}
