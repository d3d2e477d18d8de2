package dev.plux.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * With Spring Cloud's {@code spring-cloud-context} on the class path: a warning when a refresh
 * ({@code POST /actuator/refresh}, {@code ContextRefresher.refresh()}) or a {@code POST /actuator/env} (each
 * publishes Spring Cloud's {@code EnvironmentChangeEvent}) changes {@code plux.*}, which plux binds once, when the
 * context starts ({@link PluxSettings}), and does not apply until the application restarts.
 *
 * <p>The condition names the event class as a string: plux does not depend on Spring Cloud, and an application
 * without it never loads this class (Boot filters it out by the build-time metadata).
 */
@AutoConfiguration(after = PluxAutoConfiguration.class)
// last, as PluxAutoConfiguration is: one ordered earlier would pull it forward (it comes after it)
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnClass(name = PluxConfigurationChangeWarning.ENVIRONMENT_CHANGE_EVENT)
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
public final class PluxRefreshAutoConfiguration {

    /**
     * Creates the auto-configuration (instantiated by Spring).
     */
    PluxRefreshAutoConfiguration() {
    }

    @Bean
    static PluxConfigurationChangeWarning pluxConfigurationChangeWarning() {
        return new PluxConfigurationChangeWarning();
    }
}
