package dev.plux.spring.boot.autoconfigure.observation;

import java.util.List;

import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * plux's Micrometer integration, when Spring Boot's observation support ({@code spring-boot-micrometer-observation},
 * which the actuator starter and Boot's metrics module bring) is present:
 * <ul>
 * <li>with an {@link ObservationRegistry} bean, plugin loading is observed: an
 * {@link ObservationPluginLoadInterceptor} bean, added to every plux manager by a {@link PluginManagerCustomizer};
 * with a meter registry behind the observation registry this gives the timer {@code plux.plugin.load}, with a
 * tracer a span per plugin. A {@link PluginLoadObservationConvention} bean replaces the default convention, an
 * {@link ObservationPluginLoadInterceptor} bean the interceptor;</li>
 * <li>with Boot's metrics support ({@code spring-boot-micrometer-metrics}) and a {@link MeterRegistry} bean, the
 * gauge {@code plux.plugins} (tags {@code namespace}, {@code state}): Boot binds the {@link MeterBinder} bean to
 * every registry; a {@link PluginStateMeterBinder} bean of the application replaces it. In a child context the
 * binder counts the namespaces whose managers the child defines itself (those it shares with an ancestor have the
 * ancestor's gauges), and is bound to the ancestor's registry when the child has none of its own; and the
 * {@link MeterFilter} bean {@code pluxMeterDescriptions}, which describes the timers of {@code plux.plugin.load}
 * (Prometheus' {@code # HELP}).</li>
 * </ul>
 * One auto-configuration, as Boot's own {@code ObservationAutoConfiguration} holds its metrics part: an application
 * without Boot's Micrometer modules pays Boot's class-path check for one candidate, not two.
 */
// last, as PluxAutoConfiguration is: one ordered earlier would pull it forward (it comes after it)
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
// names, not class literals: a context that registers this class itself (an ApplicationContextRunner's
// AutoConfigurations, an @Import) reads its annotations by reflection, and Spring drops an annotation whose class
// value is missing, so without Boot's observation module the condition would vanish instead of failing
@AutoConfiguration(after = PluxAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
                + "SimpleMetricsExportAutoConfiguration" })
// Boot's observation module (the metrics module depends on it), not only Micrometer's Observation, which every
// Spring application has: without it Boot filters this class out before reading it
@ConditionalOnClass(name = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
public final class PluxMicrometerAutoConfiguration {

    PluxMicrometerAutoConfiguration() {
    }

    /** The observation of plugin loading. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(ObservationRegistry.class)
    static class ObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ObservationPluginLoadInterceptor pluxObservationInterceptor(ObjectProvider<ObservationRegistry> registry,
                ObjectProvider<PluginLoadObservationConvention> convention) {
            // looked up at the first observed load, not now: the registry takes every ObservationHandler bean, and
            // one declared by a configuration class that injects a PluginManager would otherwise close a cycle
            // (registry, handler, its configuration, manager, pluxObservationCustomizer, this interceptor)
            return new ObservationPluginLoadInterceptor(registry::getObject, convention::getIfUnique);
        }

        // by name: an application's own customizers are other PluginManagerCustomizers, not replacements
        @Bean
        @ConditionalOnMissingBean(name = "pluxObservationCustomizer")
        PluginManagerCustomizer pluxObservationCustomizer(ObservationPluginLoadInterceptor interceptor) {
            return new ObservationCustomizer(interceptor);
        }
    }

    /** The gauge of plugins per namespace and state. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ MeterRegistry.class, MeterBinder.class, MetricsAutoConfiguration.class })
    @ConditionalOnBean({ MeterRegistry.class, PluginManagers.class, PluxSettings.class })
    static class MetricsConfiguration {

        // this context's own: a parent's binder counts the parent's namespaces, not a child's
        @Bean
        @ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
        PluginStateMeterBinder pluxPluginStateMeterBinder(ObjectProvider<PluginManagers> managers,
                @Qualifier(PluxSettings.BEAN_NAME) ObjectProvider<PluxSettings> pluxSettings,
                ObjectProvider<PluxSettings> anySettings, ConfigurableListableBeanFactory beanFactory) {
            // plux's settings bean by its name (the qualifier), as the registry takes it: Spring resolves that name
            // without looking through every bean definition for the type; any other settings bean by type
            PluxSettings settings = pluxSettings.getIfAvailable(anySettings::getObject);
            // a namespace whose manager an ancestor context defines (a child configured alike) has the ancestor's
            // gauges already; counting it twice would give the ancestor's gauges to this context, to remove on close
            List<String> namespaces = settings.namespaces()
                .stream()
                .filter((namespace) -> !servedByAncestor(beanFactory, settings.beanName(namespace)))
                .toList();
            // the gauges are bound while the context starts; the managers are created when one is first read
            return new PluginStateMeterBinder(managers::getObject, namespaces);
        }

        private static boolean servedByAncestor(ConfigurableListableBeanFactory beanFactory,
                @Nullable String beanName) {
            BeanFactory parent = beanFactory.getParentBeanFactory();
            return beanName != null && !beanFactory.containsBeanDefinition(beanName) && parent != null
                    && parent.containsBean(beanName);
        }

        // Boot applies MeterFilter beans to the registries it configures; by name, so that an application's own
        // filters neither replace it nor are replaced
        @Bean
        @ConditionalOnMissingBean(name = "pluxMeterDescriptions")
        MeterFilter pluxMeterDescriptions() {
            return new PluxMeterDescriptions();
        }

        // a child context that uses an ancestor's registry: Boot binds only the registries a context creates
        @Bean
        @ConditionalOnMissingBean(value = MeterRegistry.class, search = SearchStrategy.CURRENT)
        AncestorRegistryBinding pluxAncestorRegistryBinding(ConfigurableListableBeanFactory beanFactory,
                ObjectProvider<MeterRegistry> registry) {
            return new AncestorRegistryBinding(beanFactory, registry);
        }
    }
}
