package dev.plux.spring.boot.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * A convention for the {@code plux.plugin.load} observation. Declare a bean of this type to change its name or
 * keys; extend {@link DefaultPluginLoadObservationConvention} to keep the defaults and add to them.
 */
public interface PluginLoadObservationConvention extends ObservationConvention<PluginLoadContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof PluginLoadContext;
    }
}
