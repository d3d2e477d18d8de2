package dev.plux.spring.boot.autoconfigure;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

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
 * Off with {@code plux.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(PluginManager.class)
@ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PluxProperties.class)
@Import(PluginManagerRegistrar.class)
public final class PluxAutoConfiguration {

    /**
     * Creates the auto-configuration (instantiated by Spring).
     */
    PluxAutoConfiguration() {
    }

    /**
     * Adds {@code plux.plugin-directories} to every manager, before any other customizer.
     *
     * @param properties the bound {@code plux.*} properties
     * @return the customizer
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static PluginManagerCustomizer pluxPluginDirectoriesCustomizer(PluxProperties properties) {
        return new PluginDirectoriesCustomizer(properties.getPluginDirectories());
    }
}
