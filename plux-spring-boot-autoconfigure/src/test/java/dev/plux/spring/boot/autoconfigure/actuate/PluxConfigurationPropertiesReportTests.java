package dev.plux.spring.boot.autoconfigure.actuate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's {@code configprops} endpoint shows plux's configuration under the {@code plux} prefix, as 0.1 did with
 * its {@code PluxProperties} bean: the properties bound once for the settings, sanitized as Boot sanitizes every
 * bean.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluxConfigurationPropertiesReportTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class, PluxActuatorAutoConfiguration.class,
                ConfigurationPropertiesAutoConfiguration.class, EndpointAutoConfiguration.class,
                ConfigurationPropertiesReportEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=configprops",
                "plux.namespaces[0]=test.spring.cli",
                "plux.namespaces[1].namespace=test.spring.services",
                "plux.namespaces[1].plugin-type=dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin",
                "plux.namespaces[1].exclude=legacy-*", "plux.exclude[0].name=*secret*",
                "plux.startup.parallelism=2");

    @Test
    void configpropsShowsThePluxPropertiesTheSettingsWereBoundFrom() {
        this.contextRunner.withPropertyValues("management.endpoint.configprops.show-values=always").run((context) -> {
            Map<String, Object> plux = pluxBean(context).getProperties();
            assertThat(plux).containsEntry("enabled", true).containsEntry("autowire", true);
            List<Object> namespaces = list(plux.get("namespaces"));
            assertThat(namespaces).hasSize(2);
            assertThat(map(namespaces.get(0))).containsEntry("namespace", "test.spring.cli");
            assertThat(map(namespaces.get(1))).containsEntry("namespace", "test.spring.services")
                .containsEntry("pluginType", "dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin")
                .containsEntry("exclude", List.of("legacy-*"));
            assertThat(map(list(plux.get("exclude")).get(0))).containsEntry("name", "*secret*");
            assertThat(map(plux.get("startup"))).containsEntry("parallelism", 2);
        });
    }

    @Test
    void configpropsHidesTheValuesUnlessItsShowValuesAllowsThem() {
        this.contextRunner.run((context) -> {
            Map<String, Object> plux = pluxBean(context).getProperties();
            assertThat(plux).containsEntry("enabled", "******");
            assertThat(map(list(plux.get("namespaces")).get(0))).containsEntry("namespace", "******");
        });
    }

    @Test
    void theReportIsCreatedOnFirstUseFromTheBoundSettingsWithoutBindingAgain() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            // nothing at startup: only a request to configprops creates it
            assertThat(context.getBeanFactory().containsSingleton(PluxConfigurationPropertiesReport.BEAN_NAME))
                .isFalse();
            PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
            PluxConfigurationPropertiesReport report = context.getBean(PluxConfigurationPropertiesReport.BEAN_NAME,
                    PluxConfigurationPropertiesReport.class);
            // the object the settings were validated from, not one bound again for the endpoint
            assertThat(report.properties()).isSameAs(settings.properties());
        });
    }

    @Test
    void withoutTheConfigpropsEndpointNothingIsCreated() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ConfigurationPropertiesReportEndpoint.class)
                .satisfies((started) -> assertThat(started.getBeanFactory()
                    .containsSingleton(PluxConfigurationPropertiesReport.BEAN_NAME)).isFalse()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static ConfigurationPropertiesBeanDescriptor pluxBean(ApplicationContext context) {
        ConfigurationPropertiesDescriptor report = context.getBean(ConfigurationPropertiesReportEndpoint.class)
            .configurationPropertiesWithPrefix("plux");
        Map<String, ConfigurationPropertiesBeanDescriptor> beans = report.getContexts()
            .get(context.getId())
            .getBeans();
        assertThat(beans).containsOnlyKeys(PluxConfigurationPropertiesReport.BEAN_NAME);
        ConfigurationPropertiesBeanDescriptor plux = beans.get(PluxConfigurationPropertiesReport.BEAN_NAME);
        assertThat(plux.getPrefix()).isEqualTo("plux");
        return plux;
    }
}
