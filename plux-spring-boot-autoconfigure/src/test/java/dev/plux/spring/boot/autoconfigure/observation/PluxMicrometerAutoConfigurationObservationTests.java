package dev.plux.spring.boot.autoconfigure.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.core.NoSuchPluginException;
import dev.plux.core.Plugin;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(60)
class PluxMicrometerAutoConfigurationObservationTests {

    private static final String NS = "test.observed";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxMicrometerAutoConfiguration.class))
        .withUserConfiguration(ManagersConfiguration.class);

    @Test
    void timerPerPluginIsTaggedWithNamespacePluginAndOutcome() {
        this.contextRunner.withUserConfiguration(MeteredObservationConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(ObservationPluginLoadInterceptor.class);
            context.getBean(PluginManagers.class).get(NS).loadAll();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(timer(meters, "good", "loaded").count()).isEqualTo(1);
            assertThat(timer(meters, "broken-init", "failed").count()).isEqualTo(1);
            assertThat(timer(meters, "broken-load", "failed").count()).isEqualTo(1);
            assertThat(timer(meters, "off", "disabled").count()).isEqualTo(1);
            assertThat(timer(meters, "filtered", "disabled").count()).isEqualTo(1);
            assertThat(meters.find("plux.plugin.load").timers()).hasSize(5);
        });
    }

    @Test
    void loadingAnAlreadyLoadedPluginIsNotObservedAgain() {
        this.contextRunner.withUserConfiguration(MeteredObservationConfiguration.class).run(context -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get(NS);
            manager.load("good");
            manager.load("good");
            manager.loadAll();
            assertThat(timer(context.getBean(MeterRegistry.class), "good", "loaded").count()).isEqualTo(1);
        });
    }

    @Test
    void aNameNoPluginHasIsNeitherObservedNorATagValue() {
        // an application may pass a request's input to load(name): only declared plugins become tag values
        this.contextRunner.withUserConfiguration(MeteredObservationConfiguration.class).run(context -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get(NS);
            manager.load("good");
            for (int i = 0; i < 1_000; i++) {
                String name = "from-a-request-" + i;
                assertThatExceptionOfType(NoSuchPluginException.class).isThrownBy(() -> manager.load(name));
            }
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.getMeters()).flatExtracting((meter) -> meter.getId().getTags())
                .extracting(Tag::getValue)
                .noneMatch((value) -> value.startsWith("from-a-request-"));
            assertThat(meters.find("plux.plugin.load").timers()).hasSize(1);
        });
    }

    @Test
    void failedObservationCarriesTheErrorAndNoScopeIsLeftOpen() {
        this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            context.getBean(PluginManagers.class).get(NS).loadAll();
            TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
            TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsEqualTo(5)
                .hasNumberOfObservationsWithNameEqualTo("plux.plugin.load", 5)
                .hasObservationWithNameEqualTo("plux.plugin.load")
                .that()
                .hasBeenStarted()
                .hasBeenStopped();
            PluginLoadContext brokenInit = contextOf(registry, "broken-init");
            assertThat(brokenInit.getError()).isInstanceOf(IllegalStateException.class).hasMessage("no database");
            assertThat(brokenInit.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failed");
            PluginLoadContext brokenLoad = contextOf(registry, "broken-load");
            assertThat(brokenLoad.getError()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad config");
            PluginLoadContext off = contextOf(registry, "off");
            assertThat(off.getError()).isNull();
            assertThat(off.getHighCardinalityKeyValue("disabled.reason").getValue())
                .isEqualTo("Load condition for plugin was false");
            assertThat(registry.getCurrentObservation()).isNull();
        });
    }

    @Test
    void theCustomizerBeanHasATypeAnOperatorCanRead() {
        // /actuator/beans shows the bean's class: a lambda's reads '...$$Lambda$1018/0x00007f9c98494bb8', another name
        // at every start
        this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            Class<?> type = context.getType("pluxObservationCustomizer");
            assertThat(type).isNotNull();
            assertThat(type.isSynthetic()).isFalse();
            assertThat(type.getName()).isEqualTo(PluxMicrometerAutoConfiguration.class.getPackageName()
                    + ".ObservationCustomizer");
        });
    }

    @Test
    void aCustomizerNamedPluxObservationCustomizerReplacesPluxs() {
        this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .withBean("pluxObservationCustomizer", PluginManagerCustomizer.class, () -> (namespace, builder) -> {
            })
            .run(context -> {
                assertThat(context).hasSingleBean(PluginManagerCustomizer.class);
                context.getBean(PluginManagers.class).get(NS).loadAll();
                TestObservationRegistry registry = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
                TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
            });
    }

    @Test
    void observationIsCurrentWhilePluginIsCreatedAndLoaded() {
        ObservationRegistry registry = TestObservationRegistry.create();
        AtomicReference<Observation.@Nullable Context> seenInLoad = new AtomicReference<>();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "tracing", () -> new Plugin() {
                @Override
                public @Nullable Object load(Object... args) {
                    Observation current = registry.getCurrentObservation();
                    seenInLoad.set((current != null) ? current.getContext() : null);
                    return null;
                }
            })))
            .interceptor(new ObservationPluginLoadInterceptor(registry, null))
            .build();
        manager.load("tracing");
        assertThat(seenInLoad.get()).isInstanceOfSatisfying(PluginLoadContext.class,
                context -> assertThat(context.getPluginName()).isEqualTo("tracing"));
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @Test
    void nestedLoadIsAChildOfTheOuterLoad() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        ObservationPluginLoadInterceptor interceptor = new ObservationPluginLoadInterceptor(registry, null);
        AtomicReference<@Nullable PluginManager<Plugin>> self = new AtomicReference<>();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "outer", () -> new Plugin() {
                @Override
                public @Nullable Object load(Object... args) {
                    return self.get().load("inner");
                }
            }), PluginSpec.of(NS, "inner", PluginFixtures.Good.class)))
            .interceptor(interceptor)
            .build();
        self.set(manager);
        manager.load("outer");
        PluginLoadContext inner = contextOf(registry, "inner");
        assertThat(inner.getParentObservation()).isNotNull();
        assertThat(inner.getParentObservation().getContextView().getLowCardinalityKeyValue("plugin").getValue())
            .isEqualTo("outer");
        assertThat(contextOf(registry, "outer").getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("loaded");
        assertThat(registry.getCurrentObservation()).isNull();
    }

    @Test
    void documentationNamesTheKeysTheConventionWrites() {
        assertThat(PluxObservationDocumentation.PLUGIN_LOAD.getLowCardinalityKeyNames())
            .extracting(io.micrometer.common.docs.KeyName::asString)
            .containsExactly("namespace", "plugin", "outcome");
        assertThat(PluxObservationDocumentation.PLUGIN_LOAD.getDefaultConvention())
            .isEqualTo(DefaultPluginLoadObservationConvention.class);
        this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            context.getBean(PluginManagers.class).get(NS).load("good");
            PluginLoadContext good = contextOf((TestObservationRegistry) context.getBean(ObservationRegistry.class),
                    "good");
            assertThat(good.getLowCardinalityKeyValues().stream().map(io.micrometer.common.KeyValue::getKey))
                .containsExactlyInAnyOrder("namespace", "plugin", "outcome");
        });
    }

    @Test
    void anApplicationInterceptorBeanReplacesPluxs() {
        this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .withBean("myInterceptor", ObservationPluginLoadInterceptor.class,
                    () -> new ObservationPluginLoadInterceptor(ObservationRegistry.NOOP, null))
            .run(context -> {
                assertThat(context).hasSingleBean(ObservationPluginLoadInterceptor.class).hasBean("myInterceptor");
                context.getBean(PluginManagers.class).get(NS).load("good");
                TestObservationRegistryAssert.assertThat(
                        (TestObservationRegistry) context.getBean(ObservationRegistry.class)).doesNotHaveAnyObservation();
            });
    }

    @Test
    void customConventionBeanRenamesTheObservation() {
        this.contextRunner.withUserConfiguration(MeteredObservationConfiguration.class)
            .withBean(PluginLoadObservationConvention.class, () -> new DefaultPluginLoadObservationConvention() {
                @Override
                public String getName() {
                    return "my.plugin.load";
                }
            })
            .run(context -> {
                context.getBean(PluginManagers.class).get(NS).load("good");
                assertThat(context.getBean(MeterRegistry.class).find("my.plugin.load").timer()).isNotNull();
                assertThat(context.getBean(MeterRegistry.class).find("plux.plugin.load").timer()).isNull();
            });
    }

    @Test
    void backsOffWithoutObservationRegistryBean() {
        this.contextRunner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ObservationPluginLoadInterceptor.class);
            assertThat(context.getBean(PluginManagers.class).get(NS).load("good")).isNotNull();
        });
    }

    @Test
    void backsOffWithoutBootsObservationSupportEvenWithARegistryBean() {
        // without spring-boot-micrometer-observation Boot filters the auto-configuration out before reading it
        this.contextRunner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.observation"))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ObservationPluginLoadInterceptor.class));
    }

    @Test
    void backsOffWithoutMicrometerOnTheClassPath() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ObservationPluginLoadInterceptor.class);
            assertThat(context.getBean(PluginManagers.class).get(NS).load("good")).isNotNull();
        });
    }

    @Test
    void backsOffWhenPluxIsDisabled() {
        this.contextRunner.withUserConfiguration(MeteredObservationConfiguration.class)
            .withPropertyValues("plux.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(ObservationPluginLoadInterceptor.class));
    }

    private static Timer timer(MeterRegistry meters, String plugin, String outcome) {
        return meters.get("plux.plugin.load").tags("namespace", NS, "plugin", plugin, "outcome", outcome).timer();
    }

    private static PluginLoadContext contextOf(TestObservationRegistry registry, String plugin) {
        List<Observation.Context> handled = new ArrayList<>();
        TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(handled::addAll);
        return handled.stream()
            .filter(PluginLoadContext.class::isInstance)
            .map(PluginLoadContext.class::cast)
            .filter(context -> context.getPluginName().equals(plugin))
            .findFirst()
            .orElseThrow();
    }

    /** What plux's core auto-configuration does: one manager, every listener and customizer bean applied. */
    @Configuration(proxyBeanMethods = false)
    static class ManagersConfiguration {

        @Bean
        PluginManagers pluginManagers(ObjectProvider<PluginLifecycleListener> listeners,
                ObjectProvider<PluginManagerCustomizer> customizers) {
            return new PluginManagers(List.of(PluginFixtures.manager(NS, listeners.orderedStream().toList(),
                    (builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(NS, builder)))));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MeteredObservationConfiguration {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
            return registry;
        }
    }
}
