package dev.plux.spring.boot.autoconfigure.observation;

import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.actuate.PluxEndpoint;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * plux's Micrometer and Actuator beans in a context processed by Spring AOT, compiled and started, as in a native
 * image or with {@code -Dspring.aot.enabled=true}: the observation customizer (a class, no longer a lambda), the
 * {@code MeterFilter} that describes the load timers, and the endpoint, whose answer records get the reflection
 * hints a native image needs to serialize them (and to read their {@code @JsonInclude}).
 */
@CompileWithForkedClassLoader
@Timeout(180)
class PluxObservabilityAotTests {

    private static final String[] PROPERTIES = { "plux.namespaces=test.spring.aot",
            "management.endpoints.web.exposure.include=plux" };

    @Test
    void theObservationMetricsAndEndpointBeansWorkInAnAotProcessedContext() {
        GenericApplicationContext source = context();
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        // Boot registers binding hints for the return types of an endpoint's operations, nested records included
        assertThat(RuntimeHintsPredicates.reflection().onType(PluxEndpoint.PluginDescriptor.class))
            .accepts(generationContext.getRuntimeHints());
        assertThat(RuntimeHintsPredicates.reflection().onType(PluxEndpoint.ErrorDescriptor.class))
            .accepts(generationContext.getRuntimeHints());
        generationContext.writeGeneratedContent();
        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            try (GenericApplicationContext fresh = new GenericApplicationContext()) {
                TestPropertyValues.of(PROPERTIES).applyTo(fresh);
                @SuppressWarnings("unchecked")
                ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
                    .getInstance(ApplicationContextInitializer.class, className.toString());
                initializer.initialize(fresh);
                fresh.refresh();
                Class<?> customizer = fresh.getType("pluxObservationCustomizer");
                assertThat(customizer).isNotNull();
                assertThat(customizer.getName()).isEqualTo(ObservationCustomizer.class.getName());
                assertThat(fresh.containsBean("pluxMeterDescriptions")).isTrue();
                fresh.getBean(PluginManagers.class).get("test.spring.aot").loadAll();
                MeterRegistry meters = fresh.getBean(MeterRegistry.class);
                // the interceptor was attached and Boot applied the filter bean to the registry
                assertThat(meters.get("plux.plugin.load").timers()).isNotEmpty()
                    .allSatisfy((timer) -> assertThat(timer.getId().getDescription())
                        .startsWith("Time of the first load attempt of a plux plugin"));
                PluxEndpoint endpoint = fresh.getBean(PluxEndpoint.class);
                assertThat(endpoint.namespaces().namespaces()).containsOnlyKeys("test.spring.aot");
            }
        });
    }

    private static GenericApplicationContext context() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        TestPropertyValues.of(PROPERTIES).applyTo(context);
        // the registry first: the metrics part of plux's auto-configuration is conditional on it
        context.register(MeteredObservationConfiguration.class, MetricsAutoConfiguration.class,
                PluxAutoConfiguration.class, PluxMicrometerAutoConfiguration.class,
                PluxActuatorAutoConfiguration.class);
        return context;
    }

    /** A meter registry and an observation registry that records into it, as Boot's auto-configuration makes. */
    @Configuration(proxyBeanMethods = false)
    public static class MeteredObservationConfiguration {

        /**
         * The meter registry, configured by Boot's {@code MeterRegistryPostProcessor} (filters, binders).
         *
         * @return the registry
         */
        @Bean
        public SimpleMeterRegistry simpleMeterRegistry() {
            return new SimpleMeterRegistry();
        }

        /**
         * The observation registry, with Micrometer's meter handler.
         *
         * @param meters the meter registry
         * @return the registry
         */
        @Bean
        public ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }
}
