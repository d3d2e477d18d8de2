package dev.plux.spring.boot.autoconfigure.observation;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters of the observation {@code plux.plugin.load} carry a description, as the gauge {@code plux.plugins} does:
 * it is what Prometheus shows as {@code # HELP}, and {@code /actuator/metrics/plux.plugin.load} as
 * {@code description}. Micrometer's meter handler makes the timer and the long task timer without one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluxMeterDescriptionsTests {

    private static final String NS = "test.described";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                PluxMicrometerAutoConfiguration.class))
        .withUserConfiguration(ManagersConfiguration.class);

    @Test
    void theLoadTimersHaveADescription() {
        this.contextRunner.run(context -> {
            context.getBean(PluginManagers.class).get(NS).loadAll();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Timer timer = meters.get("plux.plugin.load").tag("plugin", "good").timer();
            assertThat(timer.getId().getDescription()).startsWith("Time of the first load attempt of a plux plugin");
            LongTaskTimer active = meters.get("plux.plugin.load.active").tag("plugin", "good").longTaskTimer();
            // not 'unknown until it ends': the long task timer's tags are taken when the attempt starts, and its
            // series keeps them; the outcome goes to the timer plux.plugin.load
            assertThat(active.getId().getDescription()).isEqualTo(
                    "plux plugins whose first load attempt is running, by namespace and plugin (outcome is always"
                            + " unknown)");
            // the gauge keeps its own
            assertThat(meters.get("plux.plugins").gauge().getId().getDescription())
                .startsWith("Plugins of a plux namespace in a state");
        });
    }

    @Test
    void aMeterOfAnotherNameKeepsItsDescription() {
        this.contextRunner.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Timer other = Timer.builder("plux.plugin.loader").register(meters);
            assertThat(other.getId().getDescription()).isNull();
            Timer described = Timer.builder("plux.plugin.load").description("mine").tag("x", "y").register(meters);
            assertThat(described.getId().getDescription()).isEqualTo("mine");
        });
    }

    @Test
    void anApplicationsOwnMeterFilterIsAppliedBesidePluxs() {
        // by name, not by type: every application with a MeterFilter bean would otherwise lose plux's
        this.contextRunner.withBean("commonTags", MeterFilter.class, () -> MeterFilter.commonTags(Tags.of("app", "a")))
            .run(context -> {
                assertThat(context).hasBean("pluxMeterDescriptions").hasBean("commonTags");
                context.getBean(PluginManagers.class).get(NS).loadAll();
                Timer timer = context.getBean(MeterRegistry.class).get("plux.plugin.load").tag("app", "a").timer();
                assertThat(timer.getId().getDescription()).startsWith("Time of the first load attempt");
            });
    }

    @Test
    void aMeterFilterNamedPluxMeterDescriptionsReplacesPluxs() {
        MeterFilter none = new MeterFilter() {
        };
        this.contextRunner.withBean("pluxMeterDescriptions", MeterFilter.class, () -> none).run(context -> {
            assertThat(context.getBean("pluxMeterDescriptions")).isSameAs(none);
            context.getBean(PluginManagers.class).get(NS).loadAll();
            Timer timer = context.getBean(MeterRegistry.class).get("plux.plugin.load").tag("plugin", "good").timer();
            assertThat(timer.getId().getDescription()).isNull();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ManagersConfiguration {

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }

        @Bean
        PluginManagers pluginManagers(ObjectProvider<PluginManagerCustomizer> customizers) {
            return new PluginManagers(List.of(PluginFixtures.manager(NS, List.of(), (builder) -> customizers
                .orderedStream()
                .forEach((customizer) -> customizer.customize(NS, builder)))));
        }

        @Bean
        PluxSettings pluxSettings() {
            return PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces", NS), null);
        }
    }
}
