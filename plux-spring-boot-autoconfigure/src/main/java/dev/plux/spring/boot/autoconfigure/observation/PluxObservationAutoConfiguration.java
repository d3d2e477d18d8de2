package dev.plux.spring.boot.autoconfigure.observation;

import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Observes plugin loading with Micrometer when an {@link ObservationRegistry} bean exists: an
 * {@link ObservationPluginLoadInterceptor} bean, added to every plux manager by a {@link PluginManagerCustomizer}.
 * With a meter registry behind the observation registry this gives the timer {@code plux.plugin.load}; with a
 * tracer, a span per plugin. A {@link PluginLoadObservationConvention} bean replaces the default convention; an
 * {@link ObservationPluginLoadInterceptor} bean replaces the interceptor. It needs Spring Boot's observation support
 * ({@code spring-boot-micrometer-observation}, which the actuator starter brings) and its registry bean.
 */
// last, as PluxAutoConfiguration is: one ordered earlier would pull it forward (it comes after it)
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@AutoConfiguration(after = { PluxAutoConfiguration.class, ObservationAutoConfiguration.class })
// Boot's observation support, not only Micrometer's Observation (which every Spring application has): without it
// Boot filters this class out before reading it, instead of parsing it and scanning for a registry on every start
@ConditionalOnClass({ Observation.class, ObservationAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
@ConditionalOnBean(ObservationRegistry.class)
public final class PluxObservationAutoConfiguration {

    PluxObservationAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ObservationPluginLoadInterceptor pluxObservationInterceptor(ObservationRegistry registry,
            ObjectProvider<PluginLoadObservationConvention> convention) {
        return new ObservationPluginLoadInterceptor(registry, convention.getIfUnique());
    }

    @Bean
    PluginManagerCustomizer pluxObservationCustomizer(ObservationPluginLoadInterceptor interceptor) {
        return (namespace, builder) -> builder.interceptor(interceptor);
    }
}
