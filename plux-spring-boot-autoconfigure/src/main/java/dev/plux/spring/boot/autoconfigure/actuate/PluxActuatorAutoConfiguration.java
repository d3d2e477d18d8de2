package dev.plux.spring.boot.autoconfigure.actuate;

import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.actuate.PluxEndpoint;
import dev.plux.spring.boot.actuate.PluxEndpointWebExtension;
import dev.plux.spring.boot.actuate.PluxHealthIndicator;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.PluxSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;

/**
 * plux's Actuator integration, when {@code spring-boot-actuator} is present:
 * <ul>
 * <li>the {@link PluxEndpoint} ({@code /actuator/plux}) when the endpoint is available (expose it with
 * {@code management.endpoints.web.exposure.include=plux}), and its {@link PluxEndpointWebExtension} when it is
 * exposed over HTTP; {@code management.endpoint.plux.show-values} ({@code never} by default) and
 * {@code management.endpoint.plux.roles} govern the sensitive values;</li>
 * <li>with {@code spring-boot-health}, the {@link PluxHealthIndicator} as bean {@code pluxHealthIndicator}, so the
 * health contributor is named {@code plux}; turn it off with {@code management.health.plux.enabled=false}. A bean
 * named {@code pluxHealthIndicator} or {@code pluxHealthContributor}, or a {@link PluxHealthIndicator} bean of any
 * name, replaces it;</li>
 * <li>for Actuator's {@code configprops} endpoint, plux's configuration under the {@code plux} prefix
 * ({@link PluxConfigurationPropertiesReport}, created when the endpoint is first asked).</li>
 * </ul>
 * One auto-configuration, not one per feature: an application without Actuator pays Boot's class-path check for
 * one candidate, not two (each failed check searches every jar; see benchmarks/README.md).
 */
// last, as PluxAutoConfiguration is: one ordered earlier would pull it forward (it comes after it)
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
// names, not class literals: a context that registers this class itself (an ApplicationContextRunner's
// AutoConfigurations, an @Import) reads its annotations by reflection, and Spring drops an annotation whose class
// value is missing, so without Actuator the condition would vanish instead of failing
@AutoConfiguration(after = PluxAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
@ConditionalOnBean(PluginManagers.class)
public final class PluxActuatorAutoConfiguration {

    PluxActuatorAutoConfiguration() {
    }

    /** The {@code plux} endpoint and its web extension. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PluxEndpointProperties.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnAvailableEndpoint(PluxEndpoint.class)
        @ConditionalOnMissingBean
        PluxEndpoint pluxEndpoint(ObjectProvider<PluginManagers> managers, PluxEndpointProperties properties) {
            // created while the context starts (endpoint discovery); the managers on the first request
            return new PluxEndpoint(managers::getObject, properties.getShowValues());
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(PluxEndpoint.class)
        @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
        PluxEndpointWebExtension pluxEndpointWebExtension(PluxEndpoint endpoint,
                PluxEndpointProperties properties) {
            return new PluxEndpointWebExtension(endpoint, properties.getShowValues(), properties.getRoles());
        }
    }

    /** plux's configuration in Actuator's {@code configprops} endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(name = PluxSettings.BEAN_NAME)
    static class ConfigurationPropertiesReportConfiguration {

        // lazy: a definition costs startup nothing measurable, and only the endpoint asks for the bean; no condition
        // on the endpoint, whose evaluation would cost every start more than the definition
        @Bean(PluxConfigurationPropertiesReport.BEAN_NAME)
        @ConfigurationProperties("plux")
        @Lazy
        PluxConfigurationPropertiesReport pluxConfigurationPropertiesReport(
                @Qualifier(PluxSettings.BEAN_NAME) PluxSettings settings) {
            return new PluxConfigurationPropertiesReport(settings);
        }
    }

    /** The {@code plux} health indicator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthConfiguration {

        // on the method, not the class: the condition's own classes exist only with spring-boot-health
        @Bean
        @ConditionalOnEnabledHealthIndicator("plux")
        // by name, as Boot's own indicators back off: a contribution named plux replaces this one; and by type, as
        // plux's other integrations: an application's PluxHealthIndicator of any name would otherwise be a second one
        @ConditionalOnMissingBean(value = PluxHealthIndicator.class,
                name = { "pluxHealthIndicator", "pluxHealthContributor" })
        @ConditionalOnBean(PluxSettings.class)
        PluxHealthIndicator pluxHealthIndicator(ObjectProvider<PluginManagers> managers,
                @Qualifier(PluxSettings.BEAN_NAME) ObjectProvider<PluxSettings> pluxSettings,
                ObjectProvider<PluxSettings> anySettings) {
            // plux's settings bean by its name (the qualifier), as the registry takes it: Spring resolves that name
            // without looking through every bean definition for the type; any other settings bean by type
            PluxSettings settings = pluxSettings.getIfAvailable(anySettings::getObject);
            // created while the context starts (Boot's health registry); the managers on the first health check
            return new PluxHealthIndicator(managers::getObject, settings);
        }
    }
}
