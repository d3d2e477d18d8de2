package dev.plux.spring.boot.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluxNamespace;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.core.ResolvableType;

/**
 * The {@link PluginManager} beans a bean factory defines, read from their bean definitions only (target type and
 * {@link PluxNamespace} qualifier), so that the analysis works after a failed refresh, creates nothing and does not
 * depend on how the auto-configuration registers them. A context's ancestors count: a child context injects the
 * managers its parent defines.
 */
final class ConfiguredNamespaces {

    private ConfiguredNamespaces() {
    }

    /**
     * One {@code PluginManager} bean definition.
     *
     * @param namespace the value of its {@code @PluxNamespace} qualifier, or {@code null} when it has none
     * @param beanName the bean name
     * @param pluginType the manager's generic type argument, {@link ResolvableType#NONE} when unknown
     */
    record Manager(@Nullable String namespace, String beanName, ResolvableType pluginType) {

        /** How a message lists it: {@code - namespace 'ns': bean 'nsPluginManager', PluginManager<com.x.P>}. */
        String describe() {
            String type = "PluginManager<" + typeName(this.pluginType) + ">";
            String name = (this.namespace != null) ? "namespace '" + this.namespace + "'"
                    : "a PluginManager without @PluxNamespace qualifier";
            return "\t- " + name + ": bean '" + this.beanName + "', " + type;
        }
    }

    /** A type as messages show it: its generic form, {@code ?} when unknown. */
    static String typeName(ResolvableType type) {
        return (type.resolve() == null) ? "?" : type.toString();
    }

    /**
     * The managers, in bean registration order (the configuration order of {@code plux.namespaces}), then those of
     * the ancestor contexts that the bean factory's own do not hide (a child context injects its parent's managers:
     * they are candidates of its injection points too).
     */
    static List<Manager> of(ConfigurableListableBeanFactory beanFactory) {
        Set<String> seen = new LinkedHashSet<>();
        List<Manager> managers = new ArrayList<>();
        BeanFactory current = beanFactory;
        // a loop, not recursion; a parent that is not a listable factory hides its definitions, and what is above it
        while (current instanceof ConfigurableListableBeanFactory factory) {
            Set<String> names = new LinkedHashSet<>(
                    Arrays.asList(factory.getBeanNamesForType(PluginManager.class, true, false)));
            for (String name : factory.getBeanDefinitionNames()) {
                if (qualifier(definition(factory, name)) != null) {
                    names.add(name);
                }
            }
            for (String name : names) {
                BeanDefinition definition = definition(factory, name);
                if (definition != null && seen.add(name)) {
                    managers.add(new Manager(qualifier(definition), name, pluginType(definition.getResolvableType())));
                }
            }
            current = factory.getParentBeanFactory();
        }
        return managers;
    }

    /** The lines of {@link Manager#describe()}, or a sentence saying there are none. */
    static String list(List<Manager> managers) {
        return list(managers, "plux.namespaces is empty or not set");
    }

    /** The lines of {@link Manager#describe()}, or {@code (none: <why>)} when there are none. */
    static String list(List<Manager> managers, String whyNone) {
        if (managers.isEmpty()) {
            return "\t(none: " + whyNone + ")";
        }
        return String.join(System.lineSeparator(), managers.stream().map(Manager::describe).toList());
    }

    private static @Nullable BeanDefinition definition(ConfigurableListableBeanFactory beanFactory, String name) {
        try {
            return beanFactory.getMergedBeanDefinition(name);
        }
        catch (NoSuchBeanDefinitionException ex) {
            // a singleton registered without a definition: nothing to read
            return null;
        }
    }

    private static @Nullable String qualifier(@Nullable BeanDefinition definition) {
        if (definition instanceof AbstractBeanDefinition bean) {
            AutowireCandidateQualifier qualifier = bean.getQualifier(PluxNamespace.class.getName());
            Object value = (qualifier != null) ? qualifier.getAttribute(AutowireCandidateQualifier.VALUE_KEY) : null;
            if (value instanceof String namespace) {
                return namespace;
            }
        }
        return null;
    }

    private static ResolvableType pluginType(ResolvableType beanType) {
        ResolvableType type = beanType;
        if (FactoryBean.class.isAssignableFrom(type.toClass())) {
            type = type.as(FactoryBean.class).getGeneric();
        }
        ResolvableType manager = type.as(PluginManager.class);
        return (manager == ResolvableType.NONE) ? ResolvableType.NONE : manager.getGeneric(0);
    }
}
