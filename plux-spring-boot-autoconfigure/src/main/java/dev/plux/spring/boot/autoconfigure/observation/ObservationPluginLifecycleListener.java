package dev.plux.spring.boot.autoconfigure.observation;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import dev.plux.core.Plugin;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes the init and load of every plugin as a {@code plux.plugin.load} observation: started in
 * {@link #onInitBefore(PluginSpec)}, stopped by the terminal callback that follows on the same thread
 * ({@code onLoadAfter}, {@code onInitException}, {@code onLoadException}, {@code onDisabled}). A scope is open
 * in between, so spans made by the plugin's factory or {@code load} are children of the plugin's span.
 *
 * <p>A plugin disabled before its factory runs (by a filter) gets an observation that starts and stops at once
 * with outcome {@code disabled}, so every plugin that reaches a final state is counted once. Loading an
 * already-loaded plugin calls no listener, so the fast path costs nothing.
 *
 * <p>One observation per plugin, also when another listener disables the plugin from {@code onLoadAfter} (which
 * the manager calls before the plugin counts as loaded): the observation has stopped in {@code onLoadAfter} with
 * outcome {@code loaded}, since init and load themselves succeeded, and the {@code onDisabled} that follows on
 * the same thread for the same spec is not observed again. The disabled state shows in the {@code plux.plugins}
 * gauge, the endpoint and the {@code PluginDisabledEvent}.
 */
public class ObservationPluginLifecycleListener implements PluginLifecycleListener {

    private static final PluginLoadObservationConvention DEFAULT_CONVENTION =
            new DefaultPluginLoadObservationConvention();

    /** How many specs finished by {@code onLoadAfter} are remembered per thread (loads nested in listeners). */
    private static final int SETTLING_LIMIT = 16;

    /** Loads in progress on this thread, innermost first: a plugin may load another one while it loads. */
    private final ThreadLocal<Deque<InFlight>> inFlight = new ThreadLocal<>();

    /**
     * Specs whose observation {@code onLoadAfter} stopped on this thread, newest first, so that an
     * {@code onDisabled} right after it (a listener threw {@code PluginDisabled}) does not observe the plugin a
     * second time. Weak and bounded: a pooled thread must not keep plugin classes (and their class loader) alive.
     */
    private final ThreadLocal<Deque<WeakReference<PluginSpec>>> settling = new ThreadLocal<>();

    private final ObservationRegistry registry;

    private final @Nullable PluginLoadObservationConvention convention;

    /**
     * Creates the listener with the default convention.
     *
     * @param registry where observations are made
     */
    public ObservationPluginLifecycleListener(ObservationRegistry registry) {
        this(registry, null);
    }

    /**
     * Creates the listener.
     *
     * @param registry where observations are made
     * @param convention a custom convention, or {@code null} for {@link DefaultPluginLoadObservationConvention}
     */
    public ObservationPluginLifecycleListener(ObservationRegistry registry,
            @Nullable PluginLoadObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public void onInitBefore(PluginSpec spec) {
        forgetSettling(spec);
        PluginLoadContext context = new PluginLoadContext(spec);
        Observation observation = observation(context).start();
        Deque<InFlight> stack = this.inFlight.get();
        if (stack == null) {
            stack = new ArrayDeque<>();
            this.inFlight.set(stack);
        }
        stack.push(new InFlight(context, observation, observation.openScope()));
    }

    @Override
    public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
        finish(spec, PluginLoadContext.Outcome.LOADED, null, null);
        Deque<WeakReference<PluginSpec>> settled = this.settling.get();
        if (settled == null) {
            settled = new ArrayDeque<>();
            this.settling.set(settled);
        }
        settled.push(new WeakReference<>(spec));
        if (settled.size() > SETTLING_LIMIT) {
            settled.removeLast();
        }
    }

    @Override
    public void onInitException(PluginSpec spec, Throwable exception) {
        finish(spec, PluginLoadContext.Outcome.FAILED, exception, null);
    }

    @Override
    public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
        finish(spec, PluginLoadContext.Outcome.FAILED, exception, null);
    }

    @Override
    public void onDisabled(PluginSpec spec, String reason) {
        if (forgetSettling(spec)) {
            // its observation stopped in onLoadAfter a moment ago; a listener disabled it from there
            return;
        }
        finish(spec, PluginLoadContext.Outcome.DISABLED, null, reason);
    }

    /** Removes a spec (the same instance) from this thread's settling specs; {@code true} if it was there. */
    private boolean forgetSettling(PluginSpec spec) {
        Deque<WeakReference<PluginSpec>> settled = this.settling.get();
        if (settled == null) {
            return false;
        }
        boolean found = false;
        for (Iterator<WeakReference<PluginSpec>> it = settled.iterator(); it.hasNext();) {
            PluginSpec candidate = it.next().get();
            if (candidate == spec) {
                found = true;
            }
            if (candidate == null || candidate == spec) {
                it.remove();
            }
        }
        if (settled.isEmpty()) {
            this.settling.remove();
        }
        return found;
    }

    private Observation observation(PluginLoadContext context) {
        return Observation.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry);
    }

    private void finish(PluginSpec spec, PluginLoadContext.Outcome outcome, @Nullable Throwable error,
            @Nullable String disabledReason) {
        InFlight running = take(spec);
        if (running == null) {
            // nothing was started for it (a filter disabled it before init): record the outcome all the same
            PluginLoadContext context = new PluginLoadContext(spec);
            running = new InFlight(context, observation(context).start(), null);
        }
        running.context.setOutcome(outcome);
        running.context.setDisabledReason(disabledReason);
        try {
            if (running.scope != null) {
                running.scope.close();
            }
        }
        finally {
            if (error != null) {
                running.observation.error(error);
            }
            running.observation.stop();
        }
    }

    private @Nullable InFlight take(PluginSpec spec) {
        Deque<InFlight> stack = this.inFlight.get();
        if (stack == null) {
            return null;
        }
        InFlight found = null;
        for (Iterator<InFlight> it = stack.iterator(); it.hasNext();) {
            InFlight candidate = it.next();
            if (candidate.context.getSpec().equals(spec)) {
                it.remove();
                found = candidate;
                break;
            }
        }
        if (stack.isEmpty()) {
            this.inFlight.remove();
        }
        return found;
    }

    private record InFlight(PluginLoadContext context, Observation observation, Observation.@Nullable Scope scope) {
    }
}
