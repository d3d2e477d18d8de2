package dev.plux.spring.boot.autoconfigure.observation;

import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Registers the gauge {@code plux.plugins} (tags {@code namespace}, {@code state}) when a {@link MeterRegistry}
 * bean and the plux managers exist. Spring Boot binds the {@link MeterBinder} bean to every registry. A
 * {@link PluginStateMeterBinder} bean of the application replaces it.
 */
// last, as PluxAutoConfiguration is: one ordered earlier would pull it forward (it comes after it)
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@AutoConfiguration(after = { PluxAutoConfiguration.class, MetricsAutoConfiguration.class,
        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class })
// Boot's metrics support: without it Boot filters this class out before reading it
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class, MetricsAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
@ConditionalOnBean({ MeterRegistry.class, PluginManagers.class })
public final class PluxMetricsAutoConfiguration {

    PluxMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    PluginStateMeterBinder pluxPluginStateMeterBinder(PluginManagers managers) {
        return new PluginStateMeterBinder(managers);
    }
}
