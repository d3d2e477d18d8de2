package dev.plux.spring.boot.autoconfigure.observation;

import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes plugin loading with Micrometer: a {@link ObservationPluginLifecycleListener} bean, attached to every
 * plux manager like any {@code PluginLifecycleListener} bean, when an {@link ObservationRegistry} bean exists.
 * With a meter registry behind the observation registry this gives the timer {@code plux.plugin.load}; with a
 * tracer, a span per plugin. A {@link PluginLoadObservationConvention} bean replaces the default convention.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" },
        after = PluxAutoConfiguration.class)
@ConditionalOnClass(Observation.class)
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
@ConditionalOnBean(ObservationRegistry.class)
public final class PluxObservationAutoConfiguration {

    PluxObservationAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ObservationPluginLifecycleListener pluxObservationListener(ObservationRegistry registry,
            ObjectProvider<PluginLoadObservationConvention> convention) {
        return new ObservationPluginLifecycleListener(registry, convention.getIfUnique());
    }
}
