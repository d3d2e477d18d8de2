package dev.plux.spring.boot.autoconfigure;

import dev.plux.spring.boot.actuate.PluxEndpoint;
import dev.plux.spring.boot.actuate.PluxHealthIndicator;
import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.observation.PluginStateMeterBinder;
import dev.plux.spring.boot.autoconfigure.observation.PluxMicrometerAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Actuator and Micrometer, the plux endpoint, health indicator and gauges are created while the context
 * starts (Boot's endpoint discovery, health registry and meter binding); the managers still are not: they are
 * created on the first request, health check of a namespace loaded on startup, or gauge reading. Before, each of
 * those beans took the {@code PluginManagers} registry, so every manager was created at startup.
 */
@Timeout(60)
class IntegrationsKeepManagersLazyTests {

    private static final String SERVICES_BEAN = "testSpringServicesPluginManager";

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class, PluxActuatorAutoConfiguration.class,
                PluxMicrometerAutoConfiguration.class, EndpointAutoConfiguration.class,
                HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                HealthEndpointAutoConfiguration.class, ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class))
        .withPropertyValues("plux.namespaces[0]=test.spring.services", "plux.namespaces[1]=test.spring.cli",
                "management.endpoints.web.exposure.include=plux,health");

    @Test
    void theIntegrationsAreCreatedOnStartupAndTheManagersAreNot() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(PluxEndpoint.class)
                .hasSingleBean(PluxHealthIndicator.class)
                .hasSingleBean(PluginStateMeterBinder.class);
            assertThat(context.getBeanFactory().containsSingleton(SERVICES_BEAN)).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("pluginManagers")).isFalse();
            // the gauges are bound per configured namespace without a manager
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(PluginStateMeterBinder.NAME).tag("namespace", "test.spring.cli").gauges())
                .hasSize(8);
            assertThat(context.getBeanFactory().containsSingleton(SERVICES_BEAN)).isFalse();
            // no namespace loads on startup: a health check needs no manager either
            assertThat(context.getBean(PluxHealthIndicator.class).health().getStatus().getCode()).isEqualTo("UP");
            assertThat(context.getBeanFactory().containsSingleton(SERVICES_BEAN)).isFalse();
            // the first request creates them, and reads them as before
            assertThat(context.getBean(PluxEndpoint.class).namespaces().namespaces())
                .containsOnlyKeys("test.spring.services", "test.spring.cli");
            assertThat(context.getBeanFactory().containsSingleton(SERVICES_BEAN)).isTrue();
            assertThat(meters.get(PluginStateMeterBinder.NAME)
                .tag("namespace", "test.spring.services")
                .tag("state", "declared")
                .gauge()
                .value()).isEqualTo(3);
        });
    }
}
