package dev.plux.spring.boot.autoconfigure.observation;

import java.util.List;

import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class PluxMicrometerAutoConfigurationMetricsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                PluxMicrometerAutoConfiguration.class))
        .withUserConfiguration(ManagersConfiguration.class);

    @Test
    void gaugeCountsPluginsPerNamespaceAndState() {
        this.contextRunner.run(context -> {
            context.getBean(PluginManagers.class).get("test.loaded").loadAll();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(gauge(meters, "test.loaded", "loaded")).isEqualTo(1);
            assertThat(gauge(meters, "test.loaded", "disabled")).isEqualTo(2);
            assertThat(gauge(meters, "test.loaded", "init_failed")).isEqualTo(1);
            assertThat(gauge(meters, "test.loaded", "load_failed")).isEqualTo(1);
            assertThat(gauge(meters, "test.loaded", "resolved")).isZero();
            assertThat(gauge(meters, "test.loaded", "initialized")).isZero();
        });
    }

    @Test
    void gaugesLeaveARegistryThatOutlivesTheContextWhenItCloses() {
        SimpleMeterRegistry shared = new SimpleMeterRegistry();
        // a registry the context does not own: closing the context must not close it
        ApplicationContextRunner sharingARegistry = this.contextRunner.withBean(MeterRegistry.class, () -> shared,
                (definition) -> definition.setDestroyMethodName(""));
        sharingARegistry.run(context -> {
            context.getBean(PluginManagers.class).get("test.loaded").loadAll();
            assertThat(gauge(shared, "test.loaded", "loaded")).isEqualTo(1);
        });
        assertThat(shared.find(PluginStateMeterBinder.NAME).gauges()).isEmpty();
    }

    @Test
    void aClosedBindersGaugesMakeWayForTheNextBindersOwn() {
        SimpleMeterRegistry shared = new SimpleMeterRegistry();
        PluginManagers first = new PluginManagers(List.of(PluginFixtures.manager("test.loaded", List.of())));
        PluginStateMeterBinder firstBinder = new PluginStateMeterBinder(() -> first, List.of("test.loaded"));
        firstBinder.bindTo(shared);
        first.get("test.loaded").loadAll();
        assertThat(gauge(shared, "test.loaded", "loaded")).isEqualTo(1);
        firstBinder.close();
        PluginManagers second = new PluginManagers(List.of(PluginFixtures.manager("test.loaded", List.of())));
        new PluginStateMeterBinder(() -> second, List.of("test.loaded")).bindTo(shared);
        // the second binder's gauges count its own (unused) managers, not the closed first ones
        assertThat(gauge(shared, "test.loaded", "loaded")).isZero();
    }

    @Test
    @Timeout(30)
    void aGaugeThatAnotherMeterBinderRegisteredAfterOursWasRemovedIsLeftAlone() {
        SimpleMeterRegistry shared = new SimpleMeterRegistry();
        PluginManagers first = new PluginManagers(List.of(PluginFixtures.manager("test.loaded", List.of())));
        PluginStateMeterBinder firstBinder = new PluginStateMeterBinder(() -> first, List.of("test.loaded"));
        firstBinder.bindTo(shared);
        // plux's gauges removed from the registry, and one of the same name and tags registered by someone else
        shared.clear();
        Gauge.builder(PluginStateMeterBinder.NAME, () -> 42)
            .tag("namespace", "test.loaded")
            .tag("state", "loaded")
            .register(shared);
        PluginManagers second = new PluginManagers(List.of(PluginFixtures.manager("test.loaded", List.of())));
        PluginStateMeterBinder secondBinder = new PluginStateMeterBinder(() -> second, List.of("test.loaded"));
        secondBinder.bindTo(shared);
        firstBinder.close();
        secondBinder.close();
        // neither binder registered it, so neither removes it (Micrometer removes a meter by its name and tags)
        assertThat(gauge(shared, "test.loaded", "loaded")).isEqualTo(42);
    }

    @Test
    void gaugeSeesPluginsThatWereResolvedButNotLoaded() {
        this.contextRunner.run(context -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.loaded");
            manager.listNames();
            manager.load("good");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(gauge(meters, "test.loaded", "resolved")).isEqualTo(4);
            assertThat(gauge(meters, "test.loaded", "loaded")).isEqualTo(1);
        });
    }

    @Test
    void gaugeOfAnUnusedNamespaceReadsZeroWithoutResolvingIt() {
        this.contextRunner.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("plux.plugins").tag("namespace", "test.unused").gauges()).hasSize(PluginState.values().length)
                .allSatisfy(gauge -> assertThat(gauge.value()).isZero());
            assertThat(context.getBean(PluginManagers.class).get("test.unused").isResolved()).isFalse();
        });
    }

    @Test
    void anApplicationMeterBinderReplacesPluxs() {
        this.contextRunner
            .withBean("myBinder", PluginStateMeterBinder.class, () -> new PluginStateMeterBinder(new PluginManagers(List.of())))
            .run(context -> {
                assertThat(context).hasSingleBean(PluginStateMeterBinder.class).hasBean("myBinder");
                assertThat(context.getBean(MeterRegistry.class).find(PluginStateMeterBinder.NAME).gauges()).isEmpty();
            });
    }

    @Test
    void backsOffWithoutMeterRegistry() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxMicrometerAutoConfiguration.class))
            .withUserConfiguration(ManagersConfiguration.class)
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MeterBinder.class));
    }

    @Test
    void backsOffWithoutBootsMetricsSupport() {
        // without spring-boot-micrometer-metrics Boot filters the auto-configuration out before reading it
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxMicrometerAutoConfiguration.class))
            .withUserConfiguration(ManagersConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.metrics"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("pluxPluginStateMeterBinder"));
    }

    @Test
    void backsOffWithoutMicrometerOnTheClassPath() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxMicrometerAutoConfiguration.class))
            .withUserConfiguration(ManagersConfiguration.class)
            .withClassLoader(new FilteredClassLoader("io.micrometer"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("pluxPluginStateMeterBinder"));
    }

    @Test
    void backsOffWithoutPluginManagers() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    PluxMicrometerAutoConfiguration.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("pluxPluginStateMeterBinder"));
    }

    private static double gauge(MeterRegistry meters, String namespace, String state) {
        return meters.get("plux.plugins").tags("namespace", namespace, "state", state).gauge().value();
    }

    @Configuration(proxyBeanMethods = false)
    static class ManagersConfiguration {

        @Bean
        PluginManagers pluginManagers() {
            return new PluginManagers(List.of(PluginFixtures.manager("test.loaded", List.of()),
                    PluginFixtures.manager("test.unused", List.of())));
        }

        @Bean
        PluxSettings pluxSettings() {
            return PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces", "test.loaded,test.unused"),
                    null);
        }
    }
}
