package dev.plux.spring.boot.autoconfigure.actuate;

import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.actuate.PluxEndpoint;
import dev.plux.spring.boot.actuate.PluxEndpointWebExtension;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Registers the {@link PluxEndpoint} ({@code /actuator/plux}) when Actuator is present and the endpoint is
 * available (expose it with {@code management.endpoints.web.exposure.include=plux}), and its
 * {@link PluxEndpointWebExtension} when it is exposed over HTTP. {@code management.endpoint.plux.show-values}
 * ({@code never} by default) and {@code management.endpoint.plux.roles} govern the sensitive values.
 */
// last, as PluxAutoConfiguration is: one ordered earlier would pull it forward (it comes after it)
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@AutoConfiguration(after = PluxAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PluxEndpointProperties.class)
public final class PluxEndpointAutoConfiguration {

    PluxEndpointAutoConfiguration() {
    }

    // on the method, not the class: the condition's own classes exist only with Actuator
    @Bean
    @ConditionalOnAvailableEndpoint(PluxEndpoint.class)
    @ConditionalOnMissingBean
    @ConditionalOnBean(PluginManagers.class)
    PluxEndpoint pluxEndpoint(PluginManagers managers, PluxEndpointProperties properties) {
        return new PluxEndpoint(managers, properties.getShowValues());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(PluxEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    PluxEndpointWebExtension pluxEndpointWebExtension(PluxEndpoint endpoint, PluxEndpointProperties properties) {
        return new PluxEndpointWebExtension(endpoint, properties.getShowValues(), properties.getRoles());
    }
}
