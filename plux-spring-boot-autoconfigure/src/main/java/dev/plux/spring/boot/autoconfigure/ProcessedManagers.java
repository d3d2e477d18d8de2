package dev.plux.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plux.spring.PluxNamespace;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * What an AOT-processed application was processed with: the namespaces the registrar defined a manager for, with
 * their plugin types. Under AOT the bean definitions are fixed at build time and the managers are created lazily,
 * so the settings bean compares them with the running configuration and fails startup on any difference: a
 * namespace added, removed or given another plugin type, {@code load-on-startup} where no startup loader was
 * registered, or {@code plux.enabled=false}. A namespace whose manager an ancestor context defines (a child
 * context) counts as defined: the registrar left it to that context. A child processed with its own manager of a
 * namespace that an ancestor context now defines alike starts with a warning: it keeps its own manager.
 */
final class ProcessedManagers {

    private static final Logger logger = LoggerFactory.getLogger(ProcessedManagers.class);

    /** The end of every message: why it fails and what to do. */
    static final String PROCESSED_WITH_OTHERS = "the application was AOT-processed with other plux.namespaces;"
            + " under AOT the namespaces are fixed at build time, so process the application again"
            + " (spring-boot:process-aot) after changing them";

    private static final ConfigurationPropertyName NAMESPACES = ConfigurationPropertyName.of("plux.namespaces");

    /** Plugin type class name by namespace, in the registrar's order. */
    private final Map<String, String> pluginTypes = new LinkedHashMap<>();

    ProcessedManagers(String[] namespaces, String[] pluginTypes) {
        for (int i = 0; i < namespaces.length; i++) {
            this.pluginTypes.put(namespaces[i], pluginTypes[i]);
        }
    }

    /**
     * Fails when {@code plux.enabled} is {@code false} in an application processed with plux enabled: the
     * auto-configuration's condition was evaluated when the application was processed, so its managers are defined
     * (and load on startup) whatever the property says now, and plux would run although turned off. Read as the
     * condition reads it, from the environment.
     *
     * @param environment the environment the processed application runs in
     * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException naming
     *         the property, its value and the fix
     */
    static void checkEnabled(Environment environment) {
        // what @ConditionalOnBooleanProperty(name = "plux.enabled", matchIfMissing = true) matches: no value, or
        // "true" in any case; anything else ("false", "no", a typo) turns plux off on the JVM
        String enabled = environment.getProperty("plux.enabled");
        if (enabled != null && !"true".equalsIgnoreCase(enabled)) {
            // a configuration property error, so that Boot's analyzer prints where it was set
            throw PluxSettings.invalid("plux.enabled", enabled, "plux.enabled is " + enabled + ", which turns plux"
                    + " off, but the application was AOT-processed with plux enabled; under AOT the"
                    + " auto-configuration's conditions are evaluated at build time, so process the application"
                    + " again (spring-boot:process-aot) with plux.enabled=false to turn plux off, or remove the"
                    + " property");
        }
    }

    /**
     * Fails unless the running configuration has the managers the application was processed with.
     *
     * @param settings the settings bound at run time
     * @param beanFactory the bean factory holding the processed definitions
     * @throws InvalidConfigurationPropertyValueException naming the property that differs, its value and the fix, so
     *         that Boot's failure analyzer reports it with where it was set
     * @throws IllegalStateException when a child context's manager was left to an ancestor that no longer defines it
     */
    void check(PluxSettings settings, ConfigurableListableBeanFactory beanFactory) {
        for (ManagerSettings manager : settings.managers()) {
            String builtType = this.pluginTypes.get(manager.namespace());
            boolean own = isManagerOf(beanFactory, manager.beanName(), manager.namespace());
            // a namespace an ancestor context defines was left to it when the application was processed
            boolean ancestors = PluginManagerDefinitions.definedByAncestor(beanFactory.getParentBeanFactory(), settings,
                    manager);
            if (own && ancestors) {
                warnDefinedTwice(manager);
            }
            if (builtType == null || !(own || ancestors)) {
                if (builtType != null && !definesManagerOf(beanFactory, manager.namespace())) {
                    throw leftToAncestor(manager, beanFactory.getParentBeanFactory());
                }
                // the bean name comes from bean-name when set, else from the namespace: that property differs
                Sources sources = new Sources(beanFactory);
                boolean named = manager.beanNameProperty().endsWith(".bean-name");
                throw sources.invalid(named ? manager.beanNameProperty() : sources.namespaceProperty(manager),
                        named ? manager.beanName() : manager.namespace(), "plux namespace " + manager.namespace()
                                + " (" + manager.property() + ") has no PluginManager bean " + manager.beanName()
                                + " (its bean-name): " + PROCESSED_WITH_OTHERS);
            }
            if (!builtType.equals(manager.pluginType().getName())) {
                Sources sources = new Sources(beanFactory);
                String pluginTypeProperty = manager.property() + ".plugin-type";
                boolean set = sources.isSet(pluginTypeProperty);
                // an unset plugin type (the default) has no origin to print: the namespace's item has
                throw sources.invalid(set ? pluginTypeProperty : sources.namespaceProperty(manager),
                        set ? manager.pluginType().getName() : manager.namespace(), "plux namespace "
                                + manager.namespace() + " has plugin type " + manager.pluginType().getName() + " ("
                                + pluginTypeProperty + (set ? "" : " is not set") + "), but its PluginManager bean"
                                + " was defined for " + builtType + " when the application was AOT-processed;"
                                + " process the application again (spring-boot:process-aot) after changing it");
            }
        }
        // the context's own: an ancestor context loads its managers on startup (StartupLoader skips them)
        ManagerSettings startup = settings.startupManagers()
            .stream()
            .filter((manager) -> beanFactory.containsBeanDefinition(manager.beanName()))
            .findFirst()
            .orElse(null);
        boolean hasLoader = beanFactory.containsBeanDefinition(PluginManagerDefinitions.STARTUP_LOADER_BEAN_NAME);
        if (startup != null && !hasLoader) {
            throw new Sources(beanFactory).invalid(startup.property() + ".load-on-startup", "true", "plux namespace "
                    + startup.namespace() + " loads on startup (" + startup.property() + ".load-on-startup), but the"
                    + " application was AOT-processed with no namespace loading on startup, so it has no startup"
                    + " loader; under AOT whether any namespace loads on startup is fixed at build time, so process"
                    + " the application again (spring-boot:process-aot) after changing it");
        }
        for (String namespace : this.pluginTypes.keySet()) {
            if (settings.manager(namespace) == null) {
                Sources sources = new Sources(beanFactory);
                throw sources.invalid(NAMESPACES.toString(), sources.valueOf(NAMESPACES, settings.namespaces()),
                        "plux namespace " + namespace + " has a PluginManager bean but is not in plux.namespaces "
                                + settings.namespaces() + ": " + PROCESSED_WITH_OTHERS);
            }
        }
    }

    /**
     * Warns that a child context processed with its own manager of a namespace runs over an ancestor context that
     * now defines that manager alike: the processed definitions keep the child's own, where the registrar would
     * now inject the ancestor's, so both managers create and load the namespace's plugins. It still starts (the
     * child works as processed); only processing it again over this parent makes it use the ancestor's manager.
     */
    private static void warnDefinedTwice(ManagerSettings manager) {
        logger.warn("plux namespace {} ({}): this context defines its own PluginManager bean {}, as it was"
                + " AOT-processed without an ancestor context defining that manager, but an ancestor context it runs"
                + " with defines that manager alike, so the namespace's plugins are created and loaded twice, once by"
                + " each context's manager (a context processed without AOT would inject the ancestor's); under AOT"
                + " which context defines a manager is fixed at build time, so process the application again"
                + " (spring-boot:process-aot) over the parent context it runs with", manager.namespace(),
                manager.property(), manager.beanName());
    }

    /**
     * Whether this context defines a manager of that namespace under any bean name. A namespace it was processed
     * with (so configured then) for which it defines none was left to an ancestor context's manager then.
     */
    private static boolean definesManagerOf(ConfigurableListableBeanFactory beanFactory, String namespace) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (isManagerOf(beanFactory, name, namespace)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure of a child context whose manager of a namespace an ancestor context defined when the application
     * was processed, and none does now, alike: its own configuration did not change, the ancestors did.
     */
    private static IllegalStateException leftToAncestor(ManagerSettings manager, @Nullable BeanFactory parent) {
        String now = "no ancestor context it runs with defines a bean " + manager.beanName();
        for (BeanFactory ancestor = parent; ancestor instanceof ConfigurableListableBeanFactory factory;
                ancestor = factory.getParentBeanFactory()) {
            if (factory.containsBeanDefinition(manager.beanName())) {
                now = "the ancestor context's bean " + manager.beanName() + " is not configured as this context"
                        + " configures namespace " + manager.namespace() + " (its plux.namespaces item, plux.autowire,"
                        + " plux.exclude and plux.plugin-directories must be alike)";
                break;
            }
        }
        return new IllegalStateException("plux namespace " + manager.namespace() + " (" + manager.property()
                + ") has no PluginManager bean " + manager.beanName() + " in this context: when the application was"
                + " AOT-processed, an ancestor context defined that manager, so this context defines none, but "
                + now + "; under AOT which context defines a manager is fixed at build time, so run it with a parent"
                + " context that defines the manager as when it was processed, or process the application again"
                + " (spring-boot:process-aot) over the parent context it runs with");
    }

    /**
     * Whether the bean of that name is the manager defined for that namespace: its {@link PluxNamespace} qualifier,
     * which AOT writes out with the definition, names it. A bean name given to another namespace, or to a bean of
     * the application, is not.
     */
    private static boolean isManagerOf(ConfigurableListableBeanFactory beanFactory, String beanName, String namespace) {
        if (!beanFactory.containsBeanDefinition(beanName)
                || !(beanFactory.getBeanDefinition(beanName) instanceof AbstractBeanDefinition definition)) {
            return false;
        }
        AutowireCandidateQualifier qualifier = definition.getQualifier(PluxNamespace.class.getName());
        return qualifier != null && namespace.equals(qualifier.getAttribute(AutowireCandidateQualifier.VALUE_KEY));
    }

    /**
     * The sources {@code plux.*} is bound from, read only when startup fails, to name a property that is set (Boot's
     * analyzer prints where it was set) and to report an item of a comma-separated list by the list.
     */
    private static final class Sources {

        private final List<ConfigurationPropertySource> sources;

        Sources(ConfigurableListableBeanFactory beanFactory) {
            String environment = ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME;
            this.sources = beanFactory.containsBean(environment)
                    ? PluxPropertySources.of(beanFactory.getBean(environment, Environment.class)) : List.of();
        }

        boolean isSet(String property) {
            return valueOf(ConfigurationPropertyName.of(property), null) != null;
        }

        /**
         * The value that the source {@code plux.namespaces} was bound from sets for a name of that list, or the
         * fallback: Boot binds the list from the first source that sets it, as a whole or by items, so what a source
         * of lower priority sets below it (the list it replaced) is not the running configuration.
         */
        @Nullable Object valueOf(ConfigurationPropertyName name, @Nullable Object fallback) {
            // the same choice as the other explanations: a source that cannot list its names (JNDI's, ahead of
            // application.yml in a web application) is the list's only when it answers what Boot asks it for
            int bound = PluxPropertySources.listSource(this.sources, NAMESPACES);
            ConfigurationProperty property = (bound >= 0) ? this.sources.get(bound).getConfigurationProperty(name)
                    : null;
            return (property != null) ? property.getValue() : fallback;
        }

        /** The property that names the namespace: the item itself when it is a plain string. */
        String namespaceProperty(ManagerSettings manager) {
            String key = manager.property() + ".namespace";
            return isSet(key) ? key : manager.property();
        }

        InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value, String reason) {
            return CommaSeparatedList.explain(PluxSettings.invalid(property, value, reason), this.sources);
        }
    }
}
