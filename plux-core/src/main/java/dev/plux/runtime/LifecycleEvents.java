package dev.plux.runtime;

import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how a plugin ended (resolve failure, init failure, load failure, disabled), logs it, and calls the
 * listeners so that none of them can break the manager.
 *
 * <p>Listener isolation: whatever a listener throws is logged and ignored — any {@code Throwable}, an
 * {@code Error} or a checked exception thrown sneakily — except a {@link PluginDisabled} naming this plugin from a
 * callback that comes early enough to disable it, and a {@link VirtualMachineError}, which the caller rethrows
 * after recording the plugin as failed. Called only by the thread owning the container ({@link LoadCycles}).
 */
final class LifecycleEvents {

    // one logger name for the whole manager, so that users configure one
    static final Logger logger = LoggerFactory.getLogger(PluginManager.class);

    private final PluginLifecycleListener listeners;

    /**
     * The manager's class loader, which the class path's plugins come from: where a signed jar of theirs is looked
     * up, whatever the context class loader of the thread that meets the failure (a pool's, a server's, none).
     */
    private final ClassLoader classLoader;

    LifecycleEvents(PluginLifecycleListener listeners, ClassLoader classLoader) {
        this.listeners = listeners;
        this.classLoader = classLoader;
    }

    PluginLifecycleListener listeners() {
        return this.listeners;
    }

    /**
     * Calls a callback that comes early enough to disable the plugin.
     *
     * @return the {@link PluginDisabled} naming this plugin that the callback threw, or {@code null}
     */
    @Nullable PluginDisabled mayDisable(ManagedPlugin<?> container, String callback, Runnable call) {
        try {
            call.run();
            return null;
        }
        catch (PluginDisabled ex) {
            if (names(ex, container)) {
                return ex;
            }
            logger.warn("a listener's {} for plugin {} threw PluginDisabled for another plugin; ignoring it: {}",
                    callback, container.describe(), Failures.describe(ex), Failures.toLog(ex));
            return null;
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            logger.warn("a listener's {} for plugin {} failed; ignoring it: {}", callback, container.describe(),
                    Failures.describe(ex), Failures.toLog(ex));
            return null;
        }
    }

    /** Calls a callback that comes too late to disable the plugin: a {@link PluginDisabled} is logged, too. */
    void tooLate(ManagedPlugin<?> container, String callback, Runnable call) {
        PluginDisabled disabled = mayDisable(container, callback, call);
        if (disabled != null) {
            logger.warn("a listener threw PluginDisabled from {} for plugin {}; too late to disable it, ignoring it",
                    callback, container.describe());
        }
    }

    /** Whether a {@link PluginDisabled} is about this very plugin, not one it loads. */
    static boolean names(PluginDisabled disabled, ManagedPlugin<?> container) {
        return names(disabled, container.entryPoint().namespace(), container.name());
    }

    /**
     * Whether a {@link PluginDisabled} is about the plugin of that namespace and name: the one test a load and
     * {@link PluginManager#excludes} share, so that both answer alike for a filter that throws it.
     */
    static boolean names(PluginDisabled disabled, String namespace, String name) {
        return namespace.equals(disabled.namespace()) && name.equals(disabled.name());
    }

    /** Records a resolution failure and tells the listeners; logged once, with the cause. */
    void failResolve(ManagedPlugin<?> container, PluginException failure) {
        container.outcome = failure;
        container.state = PluginState.RESOLVE_FAILED;
        logger.warn("{}", failure.getMessage(), Failures.toLog(failure.getCause()));
        tooLate(container, "onResolveException", () -> this.listeners
            .onResolveException(container.entryPoint().namespace(), container.entryPoint(), failure));
    }

    /** Disables the plugin (once) and tells the listeners. */
    void disable(ManagedPlugin<?> container, @Nullable String reason) {
        if (container.state == PluginState.DISABLED) {
            return;
        }
        String text = (reason != null) ? reason : "disabled";
        container.recordDisabled(reason);
        logger.debug("plugin {} is disabled: {}", container.describe(), text);
        PluginSpec spec = spec(container);
        tooLate(container, "onDisabled", () -> this.listeners.onDisabled(spec, text));
    }

    /**
     * Records an init failure and tells the listeners; a listener's {@code PluginDisabled} naming the plugin then
     * disables it instead (as in plux: a listener may turn the failure of an optional plugin into "disabled").
     */
    void failInit(ManagedPlugin<?> container, Throwable failure) {
        // recorded first: a listener (or a gauge on another thread) sees the failure it is told about
        container.outcome = failure;
        container.state = PluginState.INIT_FAILED;
        logger.warn("plugin {} failed to initialize: {}{}", container.describe(), Failures.describe(failure),
                hints(failure, container), Failures.toLog(failure));
        PluginSpec spec = spec(container);
        PluginDisabled disabled = decide(container, "onInitException",
                () -> this.listeners.onInitException(spec, failure));
        if (disabled != null) {
            logger.info("a listener disabled plugin {} after its init failure: {}", container.describe(),
                    disabled.reason());
            disable(container, disabled.reason());
        }
        // after the listeners, which should not run interrupted
        Failures.keepInterrupt(failure);
    }

    /** Records a load failure and tells the listeners; as {@link #failInit}, a listener may disable it instead. */
    void failLoad(ManagedPlugin<?> container, Plugin plugin, Throwable failure) {
        container.outcome = failure;
        container.state = PluginState.LOAD_FAILED;
        logger.warn("plugin {} failed to load: {}{}", container.describe(), Failures.describe(failure),
                hints(failure, container), Failures.toLog(failure));
        PluginSpec spec = spec(container);
        PluginDisabled disabled = decide(container, "onLoadException",
                () -> this.listeners.onLoadException(spec, plugin, failure));
        if (disabled != null) {
            logger.info("a listener disabled plugin {} after its load failure: {}", container.describe(),
                    disabled.reason());
            disable(container, disabled.reason());
        }
        // after the listeners, which should not run interrupted
        Failures.keepInterrupt(failure);
    }

    /**
     * Calls the listeners of a failure, which may turn it into a disabling; meanwhile a load of the plugin from one
     * of them is told the failure is not final ({@link #stickyFailure}).
     */
    private @Nullable PluginDisabled decide(ManagedPlugin<?> container, String callback, Runnable call) {
        container.failureUndecided = true;
        try {
            return mayDisable(container, callback, call);
        }
        finally {
            container.failureUndecided = false;
        }
    }

    /**
     * Records a {@link VirtualMachineError} as the plugin's failure before it is rethrown, so that nothing runs
     * again; no listener is called (the JVM may be in no state to run them).
     */
    static void failFatally(ManagedPlugin<?> container, VirtualMachineError failure) {
        if (isFinal(container.state)) {
            return;
        }
        if (container.state == PluginState.DECLARED) {
            container.outcome = failure;
            container.state = PluginState.RESOLVE_FAILED;
        }
        else if (container.plugin == null) {
            container.outcome = failure;
            container.state = PluginState.INIT_FAILED;
        }
        else {
            container.outcome = failure;
            container.state = PluginState.LOAD_FAILED;
        }
        logFatal(container, failure);
    }

    /**
     * Records a {@link VirtualMachineError} from resolution ({@code onResolveAfter}, after the state read
     * {@code RESOLVED}) as a resolution failure, as {@link #failFatally} does for the other steps. The spec goes,
     * too: {@code pluginSpec()} is {@code null} while {@code RESOLVE_FAILED}.
     */
    static void failResolveFatally(ManagedPlugin<?> container, VirtualMachineError failure) {
        if (isFinal(container.state)) {
            return;
        }
        container.outcome = failure;
        container.state = PluginState.RESOLVE_FAILED;
        container.spec = null;
        logFatal(container, failure);
    }

    private static void logFatal(ManagedPlugin<?> container, VirtualMachineError failure) {
        try {
            logger.error("plugin {} failed with {}; it is recorded as {} and the error is rethrown",
                    container.describe(), failure.getClass().getName(), container.state);
        }
        catch (Throwable ex) {
            // logging needs memory and stack that a VirtualMachineError may have taken; the record is what counts
        }
    }

    /** Whether the state records a failure: the plugin resolved, initialized or loaded with an error. */
    static boolean isFailure(PluginState state) {
        return state == PluginState.RESOLVE_FAILED || state == PluginState.INIT_FAILED
                || state == PluginState.LOAD_FAILED;
    }

    /** Whether nothing changes a plugin in this state any more. */
    static boolean isFinal(PluginState state) {
        return switch (state) {
            case LOADED, DISABLED, RESOLVE_FAILED, INIT_FAILED, LOAD_FAILED -> true;
            case DECLARED, RESOLVED, INITIALIZED -> false;
        };
    }

    /**
     * What every load of a failed plugin throws, the first included: a {@link PluginException} naming the plugin,
     * the root cause's type and message, with the recorded failure as its cause.
     */
    PluginException stickyFailure(ManagedPlugin<?> container) {
        return stickyFailure(container, false);
    }

    /**
     * The exception a load of a failed plugin throws; for a call that ran no attempt itself ({@code earlierAttempt})
     * on another thread than the attempt that failed, naming that thread, since what failed there (a reactive
     * client's {@code block()} on an event loop) may not fail on the caller's.
     */
    PluginException stickyFailure(ManagedPlugin<?> container, boolean earlierAttempt) {
        PluginState state = container.state;
        String step = switch (state) {
            case RESOLVE_FAILED -> "resolve";
            case INIT_FAILED -> "initialize";
            default -> "load";
        };
        Throwable cause = container.failure();
        String why = (cause != null) ? ": " + Failures.describe(cause) + missingClass(state, cause, container) : "";
        // asked from a listener of the failure, before a later one may disable the plugin: not the final answer
        String undecided = container.failureUndecided
                ? " (not final yet: the listeners of the failure are still running and may disable the plugin)" : "";
        AttemptThread failedOn = container.failedOn;
        // on the same thread the failure reads as the caller's own, rightly so: said only for another thread, told
        // by its id (names repeat, and unnamed threads all have the empty one)
        String earlier = (earlierAttempt && failedOn != null && !failedOn.isCurrent())
                ? " (at its first load attempt, on " + failedOn.description() + "; a failed plugin is not loaded again)"
                : "";
        return new PluginException("plugin " + container.describe() + " failed to " + step + why + undecided + earlier,
                container.entryPoint().namespace(), container.name(), cause);
    }

    /** Where a class the plugin's code uses is missing; a resolution failure already names its own class. */
    private String missingClass(PluginState state, Throwable cause, ManagedPlugin<?> container) {
        // a resolution failure's message has both hints already (DeclaredPlugins)
        return (state == PluginState.RESOLVE_FAILED) ? "" : hints(cause, container);
    }

    /**
     * Where a class the plugin's code uses is missing (or that its bundle changed since it was opened), and which
     * signed jar was changed after it was signed (for a
     * plugin of the class path, looked up through the manager's class loader, as at resolution).
     */
    private String hints(Throwable failure, ManagedPlugin<?> container) {
        Bundle bundle = container.declaringBundle();
        String changed = ChangedBundles.hint(failure, bundle);
        // a class missing from a bundle changed under the application is no library to add: the change says why
        String missing = changed.isEmpty() ? MissingClasses.hint(failure, bundle) : changed;
        return missing + SignedJars.hint(failure, bundle, this.classLoader);
    }

    private static PluginSpec spec(ManagedPlugin<?> container) {
        PluginSpec spec = container.spec;
        if (spec == null) {
            throw new IllegalStateException(container + " has no spec");
        }
        return spec;
    }
}
