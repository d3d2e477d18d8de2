package dev.plux.spring.boot.autoconfigure.observation;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginLoadInterceptor;
import dev.plux.runtime.PluginLoadInvocation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes the first load attempt of every plugin as a {@code plux.plugin.load} observation
 * ({@link PluxObservationDocumentation#PLUGIN_LOAD}): one {@link Observation#observe(Runnable)} around the core's
 * {@link PluginLoadInvocation#proceed()}, so the observation is current (and its span the parent) while the
 * plugin's factory and {@code load} run, also for a plugin loaded from inside another plugin's load. The outcome
 * and error are read from the container afterwards ({@code proceed()} records them and never throws). Loading an
 * already-loaded plugin does not reach interceptors, so it costs nothing here.
 */
public class ObservationPluginLoadInterceptor implements PluginLoadInterceptor {

    private static final PluginLoadObservationConvention DEFAULT_CONVENTION =
            new DefaultPluginLoadObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable PluginLoadObservationConvention convention;

    /**
     * Creates the interceptor.
     *
     * @param registry where observations are made
     * @param convention a custom convention, or {@code null} for {@link DefaultPluginLoadObservationConvention}
     */
    public ObservationPluginLoadInterceptor(ObservationRegistry registry,
            @Nullable PluginLoadObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public void aroundLoad(PluginContainer<?> container, PluginLoadInvocation invocation) {
        PluginLoadContext context = new PluginLoadContext(container);
        Observation observation = PluxObservationDocumentation.PLUGIN_LOAD.observation(this.convention,
                DEFAULT_CONVENTION, () -> context, this.registry);
        observation.observe(() -> {
            try {
                invocation.proceed();
            }
            finally {
                // also when proceed() rethrows a VirtualMachineError it has recorded (a StackOverflowError): the
                // observation says failed, as the container does, not unknown
                context.setOutcome(PluginLoadContext.Outcome.of(container.state()));
                Throwable error = firstNonNull(container.resolveError(), container.initError(),
                        container.loadError());
                if (error != null) {
                    observation.error(error);
                }
            }
        });
    }

    private static @Nullable Throwable firstNonNull(@Nullable Throwable... errors) {
        for (Throwable error : errors) {
            if (error != null) {
                return error;
            }
        }
        return null;
    }
}
