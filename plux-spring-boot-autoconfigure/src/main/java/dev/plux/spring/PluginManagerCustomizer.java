package dev.plux.spring;

import dev.plux.runtime.PluginManager;

/**
 * Customizes the builder of every {@code PluginManager} bean before it is built: load arguments, filters,
 * finders, listeners. Beans of this type are applied in {@link org.springframework.core.annotation.Order}
 * order, once per configured namespace.
 *
 * <pre>{@code
 * @Bean
 * PluginManagerCustomizer serviceArgs(ServiceContext context) {
 *     return (namespace, builder) -> {
 *         if (namespace.equals("localstack.plugins.services")) {
 *             builder.loadArgs(context);
 *         }
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PluginManagerCustomizer {

    /**
     * Customizes the builder of one namespace's manager.
     *
     * @param namespace the namespace the manager serves
     * @param builder its builder, with plux's settings applied already
     */
    void customize(String namespace, PluginManager.Builder<?> builder);
}
