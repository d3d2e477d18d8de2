package dev.plux.spring.boot.autoconfigure.observation;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;

/**
 * Adds plux's {@link ObservationPluginLoadInterceptor} to every manager: the bean {@code pluxObservationCustomizer}.
 * A class, not a lambda, because Actuator's {@code beans} endpoint shows a bean's class, and a lambda's reads
 * {@code PluxMicrometerAutoConfiguration$ObservationConfiguration$$Lambda$1018/0x00007f9c98494bb8}, another name at
 * every start.
 */
final class ObservationCustomizer implements PluginManagerCustomizer {

    private final ObservationPluginLoadInterceptor interceptor;

    ObservationCustomizer(ObservationPluginLoadInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void customize(String namespace, PluginManager.Builder<?> builder) {
        builder.interceptor(this.interceptor);
    }
}
