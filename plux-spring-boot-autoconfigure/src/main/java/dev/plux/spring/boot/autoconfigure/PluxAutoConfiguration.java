package dev.plux.spring.boot.autoconfigure;

import dev.plux.spring.PluginManagers;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;

/**
 * Auto-configuration of plux: a {@code PluginManager<T>} bean per namespace listed in {@code plux.namespaces},
 * a {@link dev.plux.spring.PluginManagers} registry, lifecycle events, and loading on startup.
 *
 * <pre>{@code
 * # application.yml
 * plux:
 *   namespaces:
 *     - namespace: localstack.plugins.services
 *       plugin-type: com.example.ServicePlugin
 *       load-on-startup: true
 * }</pre>
 * <pre>{@code
 * @Service
 * class Services {
 *     Services(PluginManager<ServicePlugin> services) { ... }   // no qualifier needed
 * }
 * }</pre>
 *
 * Off with {@code plux.enabled=false}. The configuration is bound once ({@link PluxSettings}); under AOT the
 * namespaces are fixed when the application is processed.
 */
@AutoConfiguration
// Last: every condition of an auto-configuration processed after this one scans the bean definitions registered
// here (ten namespaces are sixteen definitions), and none of Boot's conditions asks for a plux bean.
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
@Import(PluginManagerRegistrar.class)
public final class PluxAutoConfiguration {

    /**
     * Creates the auto-configuration (instantiated by Spring).
     */
    PluxAutoConfiguration() {
    }

    @Bean
    // this context's own: a child context's registry holds the namespaces its configuration lists, including those
    // whose managers its parent defines (PluginManagerDefinitions), not the parent's registry
    @ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
    // created on first use, as the managers are: asking for the registry creates every manager
    @Lazy
    PluginManagers pluginManagers(ConfigurableListableBeanFactory beanFactory) {
        return PluginManagerDefinitions.registry(beanFactory);
    }
}
