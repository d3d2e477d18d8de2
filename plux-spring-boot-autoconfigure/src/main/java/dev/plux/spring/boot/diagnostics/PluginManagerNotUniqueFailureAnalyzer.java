package dev.plux.spring.boot.diagnostics;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.Assert;

/**
 * Explains an injection point of type {@code PluginManager<T>} that several namespaces satisfy (they share plugin
 * type {@code T}, or the injection point is a raw {@code PluginManager}, a {@code PluginManager<?>}, which every
 * manager satisfies, or a wildcard such as {@code PluginManager<? extends Plugin>}, which managers of several plugin
 * types satisfy): lists those namespaces with their bean names and plugin types and says how to choose
 * ({@code @PluxNamespace}, or a distinct {@code plugin-type} per namespace, or the plugin type at the injection
 * point). Ordered before Spring Boot's own
 * {@code NoUniqueBeanDefinitionFailureAnalyzer}, whose {@code @Qualifier} / {@code -parameters} advice does not
 * name plux's qualifier.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PluginManagerNotUniqueFailureAnalyzer
        extends AbstractInjectionFailureAnalyzer<NoUniqueBeanDefinitionException> {

    private final ConfigurableListableBeanFactory beanFactory;

    PluginManagerNotUniqueFailureAnalyzer(BeanFactory beanFactory) {
        Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoUniqueBeanDefinitionException cause,
            @Nullable String description) {
        PluginManagerInjection injection = PluginManagerInjection.of(rootFailure, cause);
        if (injection == null) {
            return null;
        }
        List<ConfiguredNamespaces.Manager> managers = ConfiguredNamespaces.of(this.beanFactory);
        var found = (cause.getBeanNamesFound() != null) ? cause.getBeanNamesFound() : List.<String>of();
        List<ConfiguredNamespaces.Manager> candidates = managers.stream()
            .filter((manager) -> found.contains(manager.beanName()))
            .toList();
        String n = System.lineSeparator();
        String example = candidates.stream()
            .map(ConfiguredNamespaces.Manager::namespace)
            .filter((namespace) -> namespace != null)
            .findFirst()
            .orElse("<namespace>");
        String selectByNamespace = String.format("Select the namespace at the injection point with @PluxNamespace,"
                + " e.g. @PluxNamespace(\"%s\") %s, or ", example, injection.requiredType());
        String orPluginManagers = ", or inject dev.plux.spring.PluginManagers and call get(namespace).";
        String message;
        String action;
        // a raw PluginManager or PluginManager<?>: its type variable or wildcard resolves to the bound, so the
        // type's name tells
        Class<?> wanted = "?".equals(ConfiguredNamespaces.typeName(injection.pluginType())) ? null
                : injection.pluginType().resolve();
        if (wanted == null || !candidates.stream().allMatch((manager) -> manager.pluginType().resolve() == wanted)) {
            // without a plugin type, or with a wildcard such as PluginManager<? extends Plugin> (resolved to its
            // bound): managers of other plugin types fit, so the namespaces need not share one, and giving each its
            // own would change nothing
            String matches = (wanted == null)
                    ? "a PluginManager without a plugin type (raw, or <?>) matches the manager of every namespace:"
                    : "a " + injection.declaredType() + " matches the manager of every namespace whose plugin type"
                            + " is " + wanted.getName() + " or a subtype of it:";
            message = ((description != null) ? description : "A component") + " required a single "
                    + injection.requiredType() + ", but " + cause.getNumberOfBeansFound() + " plux namespaces match"
                    + " it: " + matches + n + ConfiguredNamespaces.list(candidates);
            String typed = candidates.stream()
                .map((manager) -> "PluginManager<" + ConfiguredNamespaces.typeName(manager.pluginType()) + ">")
                .findFirst()
                .orElse("PluginManager<T>");
            action = selectByNamespace + "inject the plugin type of the namespace it should get, e.g. " + typed
                    + " (the plugin types are listed above; two namespaces of one type still need @PluxNamespace)"
                    + orPluginManagers;
        }
        else {
            message = ((description != null) ? description : "A component") + " required a single "
                    + injection.requiredType() + ", but " + cause.getNumberOfBeansFound()
                    + " plux namespaces have that plugin type:" + n + ConfiguredNamespaces.list(candidates);
            action = selectByNamespace + "give each namespace its own plugin-type (plux.namespaces[i].plugin-type)"
                    + " so that the generic type alone selects one" + orPluginManagers;
        }
        message += n + n + PluginManagerInjection.HOW_MANAGERS_ARE_REGISTERED;
        return new FailureAnalysis(message, action, cause);
    }
}
