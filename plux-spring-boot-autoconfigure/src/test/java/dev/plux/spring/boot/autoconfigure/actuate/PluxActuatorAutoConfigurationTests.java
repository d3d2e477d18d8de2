package dev.plux.spring.boot.autoconfigure.actuate;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import dev.plux.spring.boot.actuate.PluxEndpoint;
import dev.plux.spring.boot.actuate.PluxHealthIndicator;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluxActuatorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxActuatorAutoConfiguration.class))
        .withUserConfiguration(ManagersConfiguration.class);

    @Test
    void endpointIsRegisteredWhenExposed() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=plux")
            .run(context -> assertThat(context).hasSingleBean(PluxEndpoint.class));
    }

    @Test
    void endpointIsNotRegisteredWhenNotExposed() {
        this.contextRunner.run(context -> assertThat(context).doesNotHaveBean(PluxEndpoint.class));
    }

    @Test
    void endpointIsNotRegisteredWithoutManagers() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxActuatorAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=plux")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PluxEndpoint.class));
    }

    @Test
    void healthIndicatorIsTheBeanNamedPluxHealthIndicator() {
        this.contextRunner.run(context -> {
            assertThat(context).hasSingleBean(PluxHealthIndicator.class);
            assertThat(context).hasBean("pluxHealthIndicator");
        });
    }

    @Test
    void healthIndicatorBacksOffForAContributionNamedPlux() {
        this.contextRunner
            .withBean("pluxHealthContributor", HealthIndicator.class, () -> () -> Health.up().build())
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PluxHealthIndicator.class));
        this.contextRunner.withBean("pluxHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(PluxHealthIndicator.class)
                .hasSingleBean(HealthIndicator.class));
    }

    @Test
    void healthIndicatorBacksOffForAnApplicationPluxHealthIndicatorOfAnyName() {
        // as the endpoint, the meter binder and the interceptor back off by type: one plux indicator, the user's
        this.contextRunner
            .withBean("strictPluxHealth", PluxHealthIndicator.class,
                    () -> new PluxHealthIndicator(new PluginManagers(List.of()),
                            PluxSettings.bind(new MockEnvironment(), null)))
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(PluxHealthIndicator.class)
                .hasBean("strictPluxHealth")
                .doesNotHaveBean("pluxHealthIndicator"));
    }

    @Test
    void endpointCanBeTurnedOffWhileExposed() {
        // what replaces excluding 0.1's PluxEndpointAutoConfiguration (RemovedAutoConfigurations advises it)
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=plux",
                    "management.endpoint.plux.access=none")
            // as SpringApplication does: Boot's conversion service reads "none" as Access.NONE
            .withInitializer((context) -> context.getEnvironment()
                .setConversionService(new ApplicationConversionService()))
            .run(context -> assertThat(context).doesNotHaveBean(PluxEndpoint.class)
                .hasSingleBean(PluxHealthIndicator.class));
    }

    @Test
    void healthIndicatorCanBeTurnedOff() {
        this.contextRunner.withPropertyValues("management.health.plux.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(PluxHealthIndicator.class));
    }

    @Test
    void nothingIsRegisteredWhenPluxIsDisabled() {
        this.contextRunner.withPropertyValues("plux.enabled=false", "management.endpoints.web.exposure.include=plux")
            .run(context -> assertThat(context).doesNotHaveBean(PluxHealthIndicator.class)
                .doesNotHaveBean(PluxEndpoint.class));
    }

    @Test
    void backsOffWithoutActuatorOnTheClassPath() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=plux")
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
                    "org.springframework.boot.health"))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(PluxHealthIndicator.class)
                .doesNotHaveBean(PluxEndpoint.class));
    }

    @Test
    void theEndpointStaysWithoutSpringBootHealthAndTheIndicatorGoes() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=plux")
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(PluxEndpoint.class)
                .doesNotHaveBean(PluxHealthIndicator.class));
    }

    @Test
    void withoutActuatorTheHealthIndicatorGoesToo() {
        // one class-path check for the whole integration: a health indicator nobody can read is not registered
        this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PluxHealthIndicator.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class ManagersConfiguration {

        @Bean
        PluginManagers pluginManagers() {
            return new PluginManagers(List.of(PluginFixtures.manager("test.ns", List.of())));
        }

        @Bean
        PluxSettings pluxSettings() {
            return PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces", "test.ns"), null);
        }
    }
}
