package dev.plux.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.plux.spring.boot.actuate.PluxHealthIndicator;
import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.observation.PluginStateMeterBinder;
import dev.plux.spring.boot.autoconfigure.observation.PluxMicrometerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator and the gauges, created while the context starts, get the settings bean by its name, as the
 * {@code PluginManagers} registry does: a parameter resolved by type makes Spring look through every bean definition
 * for that type on each start, which an AOT-started context (no conditions evaluated before) pays in full.
 */
@Timeout(60)
class IntegrationsFindTheSettingsByNameTests {

    @Test
    void creatingTheHealthIndicatorAndTheGaugesLooksUpNoSettingsByType() {
        TypeRecordingBeanFactory beanFactory = new TypeRecordingBeanFactory();
        new ApplicationContextRunner(() -> new AnnotationConfigApplicationContext(beanFactory))
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class, PluxActuatorAutoConfiguration.class,
                    PluxMicrometerAutoConfiguration.class, EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("plux.namespaces[0]=test.spring.services")
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(PluxHealthIndicator.class)
                    .hasSingleBean(PluginStateMeterBinder.class);
                // the beans were created (the indicator by Boot's health registry, the binder by meter binding)...
                assertThat(beanFactory.containsSingleton("pluxHealthIndicator")).isTrue();
                assertThat(beanFactory.containsSingleton("pluxPluginStateMeterBinder")).isTrue();
                // ... without a look-up of the settings by type once the configuration was frozen (the conditions
                // ask before; an AOT-processed context evaluates none)
                assertThat(beanFactory.typesAfterFreezing).doesNotContain(PluxSettings.class);
            });
    }

    /** Records the types whose bean names are asked for once the bean definitions are frozen. */
    static final class TypeRecordingBeanFactory extends DefaultListableBeanFactory {

        final List<Class<?>> typesAfterFreezing = new CopyOnWriteArrayList<>();

        @Override
        public String[] getBeanNamesForType(Class<?> type, boolean includeNonSingletons, boolean allowEagerInit) {
            if (isConfigurationFrozen() && type != null) {
                this.typesAfterFreezing.add(type);
            }
            return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
        }
    }
}
