package dev.plux.spring.boot.autoconfigure.actuate;

import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.actuate.PluxHealthIndicator;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.PluxSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Registers the {@link PluxHealthIndicator} as bean {@code pluxHealthIndicator}, so the health contributor is
 * named {@code plux}. Turn it off with {@code management.health.plux.enabled=false}.
 */
// last, as PluxAutoConfiguration is: one ordered earlier would pull it forward (it comes after it)
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@AutoConfiguration(after = PluxAutoConfiguration.class, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
@ConditionalOnBean(PluginManagers.class)
public final class PluxHealthContributorAutoConfiguration {

    PluxHealthContributorAutoConfiguration() {
    }

    // on the method, not the class: the condition's own classes exist only with spring-boot-health
    @Bean
    @ConditionalOnEnabledHealthIndicator("plux")
    @ConditionalOnMissingBean(name = "pluxHealthIndicator")
    @ConditionalOnBean(PluxSettings.class)
    PluxHealthIndicator pluxHealthIndicator(PluginManagers managers, PluxSettings settings) {
        return new PluxHealthIndicator(managers, settings);
    }
}
