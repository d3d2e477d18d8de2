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
 * type {@code T}): lists those namespaces with their bean names and says how to choose ({@code @PluxNamespace}, or
 * a distinct {@code plugin-type} per namespace). Ordered before Spring Boot's own
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
        String message = ((description != null) ? description : "A component") + " required a single "
                + injection.requiredType() + ", but " + cause.getNumberOfBeansFound()
                + " plux namespaces have that plugin type:" + n + ConfiguredNamespaces.list(candidates) + n + n
                + PluginManagerInjection.HOW_MANAGERS_ARE_REGISTERED;
        String example = candidates.stream()
            .map(ConfiguredNamespaces.Manager::namespace)
            .filter((namespace) -> namespace != null)
            .findFirst()
            .orElse("<namespace>");
        String action = String.format("Select the namespace at the injection point with @PluxNamespace, e.g."
                + " @PluxNamespace(\"%s\") %s, or give each namespace its own plugin-type"
                + " (plux.namespaces[i].plugin-type) so that the generic type alone selects one, or inject"
                + " dev.plux.spring.PluginManagers and call get(namespace).", example, injection.requiredType());
        return new FailureAnalysis(message, action, cause);
    }
}
