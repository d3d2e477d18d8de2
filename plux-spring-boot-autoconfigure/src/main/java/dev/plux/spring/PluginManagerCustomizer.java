package dev.plux.spring;

import dev.plux.runtime.PluginManager;

/**
 * Customizes the builder of every {@code PluginManager} bean before it is built: load arguments, filters,
 * finders, listeners. Beans of this type are applied in {@link org.springframework.core.annotation.Order}
 * order, once per configured namespace, when that manager bean is created (on the thread creating it).
 *
 * <p>A customizer that throws fails the manager bean's creation, with a message naming the customizer and the
 * namespace. A custom {@code finder(...)} cannot be combined with {@code plux.plugin-directories} (the manager is
 * then not built: {@code IllegalStateException}); a custom {@code instantiator(...)} replaces the one that creates
 * class plugins through the application context (constructor injection).
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
