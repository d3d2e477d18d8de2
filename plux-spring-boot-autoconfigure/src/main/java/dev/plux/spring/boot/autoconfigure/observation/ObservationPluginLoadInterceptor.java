package dev.plux.spring.boot.autoconfigure.observation;

import java.util.function.Supplier;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginLoadInterceptor;
import dev.plux.runtime.PluginLoadInvocation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

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

    private final Supplier<ObservationRegistry> registry;

    private final Supplier<@Nullable PluginLoadObservationConvention> convention;

    /**
     * Creates the interceptor.
     *
     * @param registry where observations are made
     * @param convention a custom convention, or {@code null} for {@link DefaultPluginLoadObservationConvention}
     */
    public ObservationPluginLoadInterceptor(ObservationRegistry registry,
            @Nullable PluginLoadObservationConvention convention) {
        this(() -> registry, () -> convention);
    }

    /**
     * Creates the interceptor with a registry and a convention looked up at the first load it observes, as plux's
     * auto-configuration does: an {@code ObservationHandler} declared as a non-static bean of a configuration class
     * that injects a {@code PluginManager} makes the registry depend on that manager (Boot's registry takes every
     * handler bean), and a registry needed to create the manager would close that cycle.
     *
     * @param registry where observations are made, asked once
     * @param convention a custom convention, or {@code null} for {@link DefaultPluginLoadObservationConvention};
     *        asked until it gives one
     */
    ObservationPluginLoadInterceptor(Supplier<ObservationRegistry> registry,
            Supplier<@Nullable PluginLoadObservationConvention> convention) {
        this.registry = SingletonSupplier.of(registry);
        this.convention = SingletonSupplier.of(convention);
    }

    @Override
    public void aroundLoad(PluginContainer<?> container, PluginLoadInvocation invocation) {
        PluginLoadContext context = new PluginLoadContext(container);
        Observation observation = PluxObservationDocumentation.PLUGIN_LOAD.observation(this.convention.get(),
                DEFAULT_CONVENTION, () -> context, this.registry.get());
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
