package dev.plux.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.core.PluginDisabled;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.actuate.PluxEndpoint;
import dev.plux.spring.boot.actuate.PluxHealthIndicator;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import dev.plux.spring.boot.autoconfigure.observation.PluxMicrometerAutoConfiguration;
import dev.plux.spring.event.PluginInitializedEvent;
import dev.plux.spring.event.PluginLifecycleEvent;
import dev.plux.spring.event.PluginLoadedEvent;
import dev.plux.spring.event.PluginLoadingEvent;
import dev.plux.spring.event.PluginResolvedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The real {@link PluxAutoConfiguration} together with the observability auto-configurations and Spring Boot's
 * Micrometer auto-configurations, on the index file of the test class path
 * ({@code META-INF/plux/entry_points.txt}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluxObservabilityIntegrationTests {

    private static final String SERVICES = "test.spring.services";

    private static final String FAILING = "test.spring.failing";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class, PluxMicrometerAutoConfiguration.class,
                PluxActuatorAutoConfiguration.class, ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class))
        .withPropertyValues("plux.namespaces[0].namespace=" + SERVICES,
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName(),
                "plux.namespaces[1].namespace=" + FAILING);

    @Test
    void loadThroughAnInjectedManagerIsTimedWithNamespacePluginAndOutcome() {
        this.contextRunner.withBean(ServiceUser.class).run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(ServiceUser.class).services.load("s3");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("plux.plugin.load")
                .tags("namespace", SERVICES, "plugin", "s3", "outcome", "loaded")
                .timer()
                .count()).isEqualTo(1);
            assertThat(meters.find("plux.plugin.load").timers()).hasSize(1);
        });
    }

    /**
     * An {@code ObservationHandler} declared as a non-static {@code @Bean} of a configuration class that injects a
     * {@code PluginManager} (WebFlux trial): Boot's registry needs the handler, the handler its configuration, that
     * the manager, the manager plux's observation customizer; when that took the registry at once, startup failed
     * with a circular reference (manager, pluxObservationCustomizer, pluxObservationInterceptor, registry).
     */
    @Test
    void anObservationHandlerBeanBesideAnInjectedManagerStartsAndObservesTheLoad() {
        this.contextRunner.withUserConfiguration(HandlerBesideManager.class).run(context -> {
            assertThat(context).hasNotFailed();
            HandlerBesideManager configuration = context.getBean(HandlerBesideManager.class);
            configuration.services.load("s3");
            assertThat(configuration.started).containsExactly("plux.plugin.load");
            assertThat(context.getBean(MeterRegistry.class)
                .get("plux.plugin.load")
                .tags("namespace", SERVICES, "plugin", "s3", "outcome", "loaded")
                .timer()
                .count()).isEqualTo(1);
        });
    }

    @Test
    void failedAndFilteredPluginsAreTimedWithTheirOutcome() {
        this.contextRunner.withPropertyValues("plux.namespaces[0].exclude=*legacy*").run(context -> {
            PluginManager<?> services = context.getBean("testSpringServicesPluginManager", PluginManager.class);
            services.loadAll();
            PluginManager<?> failing = context.getBean("testSpringFailingPluginManager", PluginManager.class);
            failing.loadAll();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(timerCount(meters, SERVICES, "legacy-queue", "disabled")).isEqualTo(1);
            assertThat(timerCount(meters, FAILING, "broken", "failed")).isEqualTo(1);
            assertThat(timerCount(meters, FAILING, "good", "loaded")).isEqualTo(1);
        });
    }

    @Test
    void pluginStateGaugeReadsEveryStatePerNamespace() {
        this.contextRunner.withPropertyValues("plux.namespaces[0].exclude=*legacy*").run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(gauge(meters, SERVICES, PluginState.RESOLVED)).isZero();
            PluginManager<?> services = context.getBean("testSpringServicesPluginManager", PluginManager.class);
            services.load("s3");
            assertThat(gauge(meters, SERVICES, PluginState.LOADED)).isEqualTo(1);
            assertThat(gauge(meters, SERVICES, PluginState.DECLARED)).isEqualTo(2);
            services.loadAll();
            assertThat(gauge(meters, SERVICES, PluginState.LOADED)).isEqualTo(2);
            assertThat(gauge(meters, SERVICES, PluginState.DISABLED)).isEqualTo(1);
            assertThat(gauge(meters, SERVICES, PluginState.RESOLVED)).isZero();
            assertThat(gauge(meters, FAILING, PluginState.LOAD_FAILED)).isZero();
            context.getBean("testSpringFailingPluginManager", PluginManager.class).loadAll();
            assertThat(gauge(meters, FAILING, PluginState.LOADED)).isEqualTo(1);
            assertThat(gauge(meters, FAILING, PluginState.LOAD_FAILED)).isEqualTo(1);
            assertThat(meters.find("plux.plugins").gauges()).hasSize(2 * PluginState.values().length);
        });
    }

    @Test
    void healthIsDownAfterAFailingLoadOnStartupNamespace() {
        this.contextRunner.withPropertyValues("plux.namespaces[1].load-on-startup=true").run(context -> {
            assertThat(context).hasNotFailed();
            Health health = context.getBean(PluxHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsOnlyKeys(FAILING);
            assertThat(health.getDetails().get(FAILING)).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.map(String.class, String.class))
                .containsOnlyKeys("broken")
                .containsEntry("broken", "java.lang.IllegalStateException: boom from FailingPlugin");
            assertThat(timerCount(context.getBean(MeterRegistry.class), FAILING, "broken", "failed")).isEqualTo(1);
        });
    }

    @Test
    void healthIsUpWhenTheLoadOnStartupNamespaceLoads() {
        this.contextRunner.withPropertyValues("plux.namespaces[0].load-on-startup=true").run(context -> {
            assertThat(context.getBean(PluxHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
            assertThat(gauge(context.getBean(MeterRegistry.class), SERVICES, PluginState.LOADED)).isEqualTo(3);
        });
    }

    @Test
    void healthStaysUpWhenAnOnDemandNamespaceFails() {
        this.contextRunner.run(context -> {
            context.getBean("testSpringFailingPluginManager", PluginManager.class).loadAll();
            assertThat(context.getBean(PluxHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void endpointListsTheNamespacesConfiguredByProperties() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=plux",
                "plux.namespaces[2]=test.spring.cli").run(context -> {
                    PluxEndpoint endpoint = context.getBean(PluxEndpoint.class);
                    PluxEndpoint.PluxDescriptor all = endpoint.namespaces();
                    assertThat(all.namespaces()).containsOnlyKeys(SERVICES, FAILING, "test.spring.cli");
                    assertThat(List.copyOf(all.namespaces().keySet())).containsExactly(SERVICES, FAILING,
                            "test.spring.cli");
                    assertThat(all.namespaces().get(SERVICES).plugins())
                        .extracting(PluxEndpoint.PluginDescriptor::name)
                        .containsExactly("s3", "sqs", "legacy-queue");
                    context.getBean("testSpringCliPluginManager", PluginManager.class).load("hello");
                    PluxEndpoint.NamespaceDescriptor cli = endpoint.namespace("test.spring.cli");
                    assertThat(cli).isNotNull();
                    assertThat(cli.plugins()).singleElement()
                        .satisfies(plugin -> assertThat(plugin.state()).isEqualTo("LOADED"));
                    assertThat(endpoint.namespace("not.configured")).isNull();
                });
    }

    @Test
    void pluginDisabledFromAnOnLoadAfterEventListenerIsObservedOnce() {
        this.contextRunner.withBean(DisablingListener.class).run(context -> {
            PluginManager<?> services = context.getBean("testSpringServicesPluginManager", PluginManager.class);
            assertThatThrownBy(() -> services.load("s3")).isInstanceOf(PluginDisabled.class)
                .hasMessageContaining("not in this region");
            assertThat(services.getContainer("s3").state()).isEqualTo(PluginState.DISABLED);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("plux.plugin.load").tag("plugin", "s3").timers()).singleElement()
                .satisfies(timer -> {
                    assertThat(timer.count()).isEqualTo(1);
                    // the interceptor reads the final state: a listener's veto after load counts as disabled
                    assertThat(timer.getId().getTag("outcome")).isEqualTo("disabled");
                });
            assertThatThrownBy(() -> services.load("s3")).isInstanceOf(PluginDisabled.class);
            assertThat(meters.find("plux.plugin.load").tag("plugin", "s3").timers()).singleElement()
                .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
            assertThat(gauge(meters, SERVICES, PluginState.DISABLED)).isEqualTo(1);
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentLoadsObserveAndPublishEachPluginOnceInOrder() throws Exception {
        this.contextRunner.withBean(EventRecorder.class).run(context -> {
            PluginManager<?> services = context.getBean("testSpringServicesPluginManager", PluginManager.class);
            ObservationRegistry observations = context.getBean(ObservationRegistry.class);
            int threads = 8;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> loads = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    loads.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        services.loadAll();
                        services.load("s3");
                        // every scope opened on this thread was closed again
                        assertThat(observations.getCurrentObservation()).isNull();
                        return null;
                    }));
                }
                for (Future<?> load : loads) {
                    load.get(30, TimeUnit.SECONDS);
                }
            }
            finally {
                pool.shutdownNow();
            }
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            for (String plugin : List.of("s3", "sqs", "legacy-queue")) {
                assertThat(timerCount(meters, SERVICES, plugin, "loaded")).isEqualTo(1);
                assertThat(context.getBean(EventRecorder.class).of(plugin)).extracting(Object::getClass)
                    .containsExactly(PluginResolvedEvent.class, PluginInitializedEvent.class,
                            PluginLoadingEvent.class, PluginLoadedEvent.class);
            }
            assertThat(gauge(meters, SERVICES, PluginState.LOADED)).isEqualTo(3);
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void bootsEnablePropertiesTurnTheObservationAndTheMetersOff() {
        this.contextRunner.withPropertyValues("management.observations.enable.plux=false").run(context -> {
            context.getBean("testSpringServicesPluginManager", PluginManager.class).load("s3");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("plux.plugin.load").timers()).isEmpty();
            // the gauge is a meter, not an observation: it stays
            assertThat(gauge(meters, SERVICES, PluginState.LOADED)).isEqualTo(1);
        });
        this.contextRunner.withPropertyValues("management.metrics.enable.plux=false").run(context -> {
            context.getBean("testSpringServicesPluginManager", PluginManager.class).load("s3");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("plux.plugin.load").timers()).isEmpty();
            assertThat(meters.find("plux.plugins").gauges()).isEmpty();
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void bootsEnablePropertyOfTheGaugeAloneTurnsTheGaugeOffAndLeavesTheTimer() {
        // what replaces excluding 0.1's PluxMetricsAutoConfiguration, which made only the gauge
        this.contextRunner.withPropertyValues("management.metrics.enable.plux.plugins=false").run(context -> {
            context.getBean("testSpringServicesPluginManager", PluginManager.class).load("s3");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("plux.plugins").gauges()).isEmpty();
            assertThat(timerCount(meters, SERVICES, "s3", "loaded")).isEqualTo(1);
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aChildContextsOwnNamespacesGetGaugesInTheParentsRegistryUntilTheChildCloses() {
        ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                PluxAutoConfiguration.class, PluxMicrometerAutoConfiguration.class, ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class));
        plain.withPropertyValues("plux.namespaces[0]=" + SERVICES).run(parent -> {
            MeterRegistry meters = parent.getBean(MeterRegistry.class);
            // the child shares the parent's manager of SERVICES (configured alike) and has one of its own, cli
            plain.withParent(parent)
                .withPropertyValues("plux.namespaces[0]=" + SERVICES, "plux.namespaces[1]=test.spring.cli")
                .run(child -> {
                    assertThat(child).hasNotFailed();
                    child.getBean("testSpringCliPluginManager", PluginManager.class).load("hello");
                    assertThat(timerCount(meters, "test.spring.cli", "hello", "loaded")).isEqualTo(1);
                    assertThat(gauge(meters, "test.spring.cli", PluginState.LOADED)).isEqualTo(1);
                    assertThat(meters.find("plux.plugins").tag("namespace", SERVICES).gauges())
                        .hasSize(PluginState.values().length);
                });
            // the child's gauges went with it; the parent's, of the manager the child shared, stay
            assertThat(meters.find("plux.plugins").tag("namespace", "test.spring.cli").gauges()).isEmpty();
            assertThat(meters.find("plux.plugins").tag("namespace", SERVICES).gauges())
                .hasSize(PluginState.values().length);
            parent.getBean(PluginManagers.class).get(SERVICES).load("s3");
            assertThat(gauge(meters, SERVICES, PluginState.LOADED)).isEqualTo(1);
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aChildWithItsOwnManagerOfAParentsNamespaceLeavesTheParentsGaugesWhenItCloses() {
        ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                PluxAutoConfiguration.class, PluxMicrometerAutoConfiguration.class, ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class));
        plain.withPropertyValues("plux.namespaces[0].namespace=" + SERVICES).run(parent -> {
            MeterRegistry meters = parent.getBean(MeterRegistry.class);
            parent.getBean(PluginManagers.class).get(SERVICES).load("s3");
            // configured otherwise (its own exclude), so the child makes a manager of its own for the same namespace
            plain.withParent(parent)
                .withPropertyValues("plux.namespaces[0].namespace=" + SERVICES, "plux.namespaces[0].exclude=sqs")
                .run(child -> {
                    assertThat(child).hasNotFailed();
                    assertThat(child.getBean(PluginManagers.class).get(SERVICES))
                        .isNotSameAs(parent.getBean(PluginManagers.class).get(SERVICES));
                    // one set of gauges per id in a registry: they keep counting the parent's manager
                    assertThat(gauge(meters, SERVICES, PluginState.LOADED)).isEqualTo(1);
                });
            assertThat(meters.find("plux.plugins").tag("namespace", SERVICES).gauges())
                .hasSize(PluginState.values().length);
            assertThat(gauge(meters, SERVICES, PluginState.LOADED)).isEqualTo(1);
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void siblingChildrenWithTheirOwnManagerOfANamespaceKeepItsGaugesUntilTheLastOfThemCloses() {
        ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                PluxAutoConfiguration.class, PluxMicrometerAutoConfiguration.class, ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class));
        plain.run(parent -> {
            MeterRegistry meters = parent.getBean(MeterRegistry.class);
            // two children of one parent (as a context per tenant or client), each with a manager of test.spring.cli
            ApplicationContextRunner child = plain.withParent(parent)
                .withPropertyValues("plux.namespaces[0]=test.spring.cli");
            child.run(first -> child.run(second -> {
                second.getBean("testSpringCliPluginManager", PluginManager.class).load("hello");
                // the first child's gauges count the first child's manager, which loaded nothing
                assertThat(gauge(meters, "test.spring.cli", PluginState.LOADED)).isEqualTo(0);
                first.close();
                // the second child's manager is still there: its gauges take over
                assertThat(meters.find("plux.plugins").tag("namespace", "test.spring.cli").gauges())
                    .hasSize(PluginState.values().length);
                assertThat(gauge(meters, "test.spring.cli", PluginState.LOADED)).isEqualTo(1);
            }));
            // the last one closed: no gauge reads a closed context
            assertThat(meters.find("plux.plugins").tag("namespace", "test.spring.cli").gauges()).isEmpty();
        });
    }

    @Test
    void invalidPluginTypePropertyFailsStartupWithBootsInvalidPropertyException() {
        AtomicReference<ConfigurableEnvironment> environment = new AtomicReference<>();
        Throwable failure = startupFailure(environment, Map.of("plux.namespaces[0].namespace", SERVICES,
                "plux.namespaces[0].plugin-type", "java.lang.String"));
        assertThat(failure).isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (invalid) -> {
            assertThat(invalid.getName()).isEqualTo("plux.namespaces[0].plugin-type");
            assertThat(invalid.getValue()).isEqualTo("java.lang.String");
            assertThat(invalid.getReason()).isEqualTo("Class java.lang.String does not implement dev.plux.core.Plugin; plugin-type must be the type the namespace's plugins share.");
        });
    }

    @Test
    void fullAutoConfigurationObservesLoadOnStartupAndRegistersTheHealthContributor() {
        SpringApplication application = new SpringApplication(FullApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("plux.namespaces[0].namespace", FAILING,
                "plux.namespaces[0].load-on-startup", "true", "management.endpoints.web.exposure.include", "plux"));
        try (ConfigurableApplicationContext context = application.run()) {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(timerCount(meters, FAILING, "good", "loaded")).isEqualTo(1);
            assertThat(timerCount(meters, FAILING, "broken", "failed")).isEqualTo(1);
            assertThat(gauge(meters, FAILING, PluginState.LOAD_FAILED)).isEqualTo(1);
            assertThat(context.getBean(HealthContributorRegistry.class).getContributor("plux"))
                .isInstanceOfSatisfying(PluxHealthIndicator.class,
                        (indicator) -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
            assertThat(context.getBean(PluxEndpoint.class).namespaces().namespaces()).containsOnlyKeys(FAILING);
        }
    }

    /** Runs a real {@link SpringApplication} that must fail; returns what {@code run} threw. */
    private static Throwable startupFailure(AtomicReference<ConfigurableEnvironment> environment,
            Map<String, Object> properties) {
        SpringApplication application = new SpringApplication(PluxOnlyApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(properties);
        application.addListeners((ApplicationFailedEvent event) -> {
            if (event.getApplicationContext() != null) {
                environment.set(event.getApplicationContext().getEnvironment());
            }
        });
        Throwable failure = catchThrowable(application::run);
        assertThat(failure).isNotNull();
        assertThat(environment.get()).isNotNull();
        return failure;
    }

    private static long timerCount(MeterRegistry meters, String namespace, String plugin, String outcome) {
        return meters.get("plux.plugin.load")
            .tags("namespace", namespace, "plugin", plugin, "outcome", outcome)
            .timer()
            .count();
    }

    private static double gauge(MeterRegistry meters, String namespace, PluginState state) {
        return Search.in(meters)
            .name("plux.plugins")
            .tags("namespace", namespace, "state", state.name().toLowerCase(java.util.Locale.ROOT))
            .gauge()
            .value();
    }

    /** A user bean that gets its manager by generic type, as an application would. */
    static class ServiceUser {

        final PluginManager<ServicePlugin> services;

        ServiceUser(PluginManager<ServicePlugin> services) {
            this.services = services;
        }
    }

    /** Injects a manager and declares an observation handler, which Boot's registry needs, as a non-static bean. */
    @Configuration(proxyBeanMethods = false)
    static class HandlerBesideManager {

        final PluginManager<ServicePlugin> services;

        final List<String> started = new CopyOnWriteArrayList<>();

        HandlerBesideManager(PluginManager<ServicePlugin> services) {
            this.services = services;
        }

        @Bean
        ObservationHandler<Observation.Context> recordingHandler() {
            return new ObservationHandler<>() {

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }

                @Override
                public void onStart(Observation.Context context) {
                    HandlerBesideManager.this.started.add(context.getName());
                }
            };
        }
    }

    /** Disables {@code s3} when it has loaded, from a synchronous {@code @EventListener} (onLoadAfter). */
    @Component
    static class DisablingListener {

        @EventListener
        void onLoaded(PluginLoadedEvent event) {
            if (event.pluginName().equals("s3")) {
                throw new PluginDisabled(event.namespace(), event.pluginName(), "not in this region");
            }
        }
    }

    /** Records every plux event, by plugin, in the order each plugin's events were published. */
    static class EventRecorder {

        private final Map<String, List<PluginLifecycleEvent>> events = new ConcurrentHashMap<>();

        @EventListener
        void on(PluginLifecycleEvent event) {
            this.events.computeIfAbsent(event.pluginName(), (name) -> new CopyOnWriteArrayList<>()).add(event);
        }

        List<PluginLifecycleEvent> of(String plugin) {
            return this.events.getOrDefault(plugin, List.of());
        }
    }

    /** An application with every auto-configuration of the test class path (Micrometer, Actuator, health). */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class FullApplication {
    }

    /** An application with plux only (its own auto-configuration), as small as a startup test can be. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PluxAutoConfiguration.class)
    static class PluxOnlyApplication {
    }
}
