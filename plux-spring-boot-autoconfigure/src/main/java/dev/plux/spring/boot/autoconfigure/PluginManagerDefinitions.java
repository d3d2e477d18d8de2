package dev.plux.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.PluxNamespace;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.HierarchicalBeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;
import org.springframework.core.io.ResourceLoader;

/**
 * The bean definitions plux registers in a context ({@link PluginManagerRegistrar} calls {@link #register}): from
 * the {@link PluxSettings} bound once from the environment (no bean is created early), one
 * {@code PluginManager<T>} bean definition per namespace (generic target type, {@link PluxNamespace} qualifier,
 * lazy: created on first use), and the infrastructure beans behind them: the settings, the
 * {@link PluginManagerFactory}, the {@link CreatedPlugins} destroyed at close and, when a namespace loads on
 * startup, the {@link StartupLoader}.
 *
 * <p>In a child context ({@code SpringApplicationBuilder.parent(...).child(...)}, whose environment inherits the
 * parent's {@code plux.*}), a namespace whose manager an ancestor context defines under the same bean name, for the
 * same plugin type, is not defined again: the child injects the ancestor's manager, and its plugins are created,
 * loaded on startup and destroyed once, by the context that defines it.
 *
 * <p>Every definition is one Spring AOT can write out as code: a bean class or factory method with constructor
 * arguments and {@link RuntimeBeanReference}s, never a lambda instance supplier (the settings bean's generated
 * supplier is written by {@link PluxSettingsAotProcessor}). Under AOT this runs when
 * the application is processed, so the namespaces, bean names and plugin types are fixed at build time.
 */
final class PluginManagerDefinitions {

    static final String STARTUP_LOADER_BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalStartupLoader";

    private PluginManagerDefinitions() {
    }

    /**
     * Binds the settings from the environment and registers the definitions they call for.
     *
     * @param environment the context's environment
     * @param resourceLoader the context's resource loader (its class loader loads the plugin types)
     * @param registry the context's registry
     */
    static void register(Environment environment, ResourceLoader resourceLoader, BeanDefinitionRegistry registry) {
        warnOfRemovedAutoConfigurations(registry, environment);
        // a startup step, as Spring records its own, so that a BufferingApplicationStartup or JFR shows plux's share
        StartupStep step = applicationStartup(registry).start("plux.settings.bind");
        PluxSettings settings;
        try {
            settings = PluxSettings.bind(environment, resourceLoader.getClassLoader());
            step.tag("namespaces", String.valueOf(settings.managers().size()));
        }
        finally {
            step.end();
        }
        registerSettings(registry, settings);
        List<ManagerSettings> own = settings.managers().stream()
            .filter((manager) -> !definedByAncestor(parent(registry), settings, manager))
            .toList();
        if (own.isEmpty()) {
            // nothing to create or load here: the registry (empty, or over an ancestor's managers) and the settings
            // are all an application sees
            return;
        }
        // The managers, and what only they need, are created on first use (an injection point, the registry, the
        // startup loader): a namespace nothing asks for costs the context a bean definition, not a bean.
        // created with the factory; its lifecycle is an object registered now (a SmartLifecycle definition would be
        // created at every start), so that it knows whether the context stopped before the first manager
        RootBeanDefinition createdPlugins = infrastructure(CreatedPlugins.class);
        createdPlugins.setLazyInit(true);
        registry.registerBeanDefinition(CreatedPlugins.BEAN_NAME, createdPlugins);
        if (registry instanceof SingletonBeanRegistry singletons) {
            // under AOT this does not run at run time: a generated initializer registers it there
            // (PluxBeanFactoryInitializationAotProcessor)
            CreatedPluginsLifecycle.register(singletons);
        }

        RootBeanDefinition factory = infrastructure(PluginManagerFactory.class);
        factory.setLazyInit(true);
        factory.getConstructorArgumentValues()
            .addIndexedArgumentValue(0, new RuntimeBeanReference(PluxSettings.BEAN_NAME));
        factory.getConstructorArgumentValues()
            .addIndexedArgumentValue(1, new RuntimeBeanReference(CreatedPlugins.BEAN_NAME));
        registry.registerBeanDefinition(PluginManagerFactory.BEAN_NAME, factory);

        for (ManagerSettings manager : own) {
            if (registry.containsBeanDefinition(manager.beanName())) {
                throw CommaSeparatedList.explain(manager.beanNameTaken(), PluxPropertySources.of(environment));
            }
            registry.registerBeanDefinition(manager.beanName(), managerDefinition(manager));
        }

        if (own.stream().noneMatch(ManagerSettings::loadOnStartup)) {
            // nothing loads on startup: no loader to create and call (an AOT-processed application run with
            // load-on-startup set fails at its settings bean, saying to process it again)
            return;
        }
        RootBeanDefinition loader = infrastructure(StartupLoader.class);
        loader.getConstructorArgumentValues()
            .addIndexedArgumentValue(1, new RuntimeBeanReference(PluxSettings.BEAN_NAME));
        registry.registerBeanDefinition(STARTUP_LOADER_BEAN_NAME, loader);
    }

    /**
     * The registry of this context's managers ({@link PluxAutoConfiguration}'s bean, whose class Spring reads at
     * every start: the work is here).
     *
     * @param beanFactory the context's bean factory
     * @return the registry, every configured namespace's manager created
     */
    static PluginManagers registry(ConfigurableListableBeanFactory beanFactory) {
        // by name: a parameter of type PluxSettings would make the context scan every definition for that type
        PluxSettings settings = beanFactory.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
        Map<String, PluginManager<?>> managers = new LinkedHashMap<>();
        // every configured namespace has its definition: the registrar made them, or, under AOT, the settings bean
        // checked them against the processed ones (ProcessedManagers). Keyed by the configured namespace, not by
        // the bean's namespace(): a test's @MockitoBean that replaces the bean answers null there
        for (ManagerSettings manager : settings.managers()) {
            managers.put(manager.namespace(), beanFactory.getBean(manager.beanName(), PluginManager.class));
        }
        return new PluginManagers(managers);
    }

    /**
     * An exclusion of one of plux 0.1's auto-configurations is ignored by Boot, so what it turned off comes back:
     * {@link RemovedAutoConfigurations} says so. The exclusions are those Boot recorded when it imported the
     * auto-configurations (its report is there already); usually none, so nothing else runs.
     */
    private static void warnOfRemovedAutoConfigurations(BeanDefinitionRegistry registry, Environment environment) {
        if (registry instanceof ConfigurableListableBeanFactory beanFactory) {
            List<String> exclusions = ConditionEvaluationReport.get(beanFactory).getExclusions();
            for (String excluded : exclusions) {
                if (excluded.startsWith(RemovedAutoConfigurations.PACKAGE)) {
                    RemovedAutoConfigurations.warnOf(exclusions, environment);
                    return;
                }
            }
        }
    }

    /**
     * Whether an ancestor context defines the manager of this namespace already, as this context would: a bean
     * definition of that name whose {@link PluxNamespace} qualifier names the namespace and whose type is
     * {@code PluginManager} of the same plugin type, made by plux from settings alike (the namespace's item, and
     * {@code plux.autowire}, {@code plux.exclude}, {@code plux.plugin-directories}). Defining it again would give the
     * child a second manager, which would create and load every plugin a second time (the child's environment
     * inherits the parent's {@code plux.*}), and its events would reach the parent's listeners next to the parent
     * manager's. A child that configures the namespace otherwise (its own {@code exclude}, {@code load-on-startup},
     * ...) gets its own manager, which honours them. Under AOT the settings bean asks again at run time
     * ({@link ProcessedManagers}), since the registrar left such a namespace out when the application was processed.
     *
     * @param parent the parent bean factory of the context, or {@code null}
     * @param settings this context's settings
     * @param manager the namespace
     * @return whether an ancestor context defines its manager
     */
    static boolean definedByAncestor(@Nullable BeanFactory parent, PluxSettings settings, ManagerSettings manager) {
        BeanFactory ancestor = parent;
        // a loop, not recursion; a parent that is not a listable factory hides its definitions, and what is above it
        while (ancestor instanceof ConfigurableListableBeanFactory factory) {
            if (factory.containsBeanDefinition(manager.beanName())) {
                // the ancestor's settings made its manager (its PluginManagerFactory reads them)
                return isManagerOf(factory.getMergedBeanDefinition(manager.beanName()), manager)
                        && factory.containsBeanDefinition(PluxSettings.BEAN_NAME) && settings.configuresAlike(manager,
                                factory.getBean(PluxSettings.BEAN_NAME, PluxSettings.class));
            }
            ancestor = factory.getParentBeanFactory();
        }
        return false;
    }

    private static @Nullable BeanFactory parent(BeanDefinitionRegistry registry) {
        return (registry instanceof HierarchicalBeanFactory hierarchical) ? hierarchical.getParentBeanFactory() : null;
    }

    private static boolean isManagerOf(BeanDefinition definition, ManagerSettings manager) {
        AutowireCandidateQualifier qualifier = (definition instanceof AbstractBeanDefinition bean)
                ? bean.getQualifier(PluxNamespace.class.getName()) : null;
        return qualifier != null
                && manager.namespace().equals(qualifier.getAttribute(AutowireCandidateQualifier.VALUE_KEY))
                && definition.getResolvableType().as(PluginManager.class).getGeneric(0).resolve() == manager
                    .pluginType();
    }

    private static ApplicationStartup applicationStartup(BeanDefinitionRegistry registry) {
        return (registry instanceof ConfigurableBeanFactory beanFactory) ? beanFactory.getApplicationStartup()
                : ApplicationStartup.DEFAULT;
    }

    private static void registerSettings(BeanDefinitionRegistry registry, PluxSettings settings) {
        // How an AOT-processed application gets its settings: bound from its own environment, once, and checked
        // against the managers defined here, when the application was processed (the managers are created lazily,
        // so this is where a changed plux.namespaces fails startup). PluxSettingsAotProcessor writes its instance
        // supplier, passing these arguments.
        RootBeanDefinition definition = infrastructure(PluxSettings.class);
        definition.setFactoryMethodName("fromEnvironment");
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, new RuntimeBeanReference("environment"));
        List<ManagerSettings> managers = settings.managers();
        definition.getConstructorArgumentValues()
            .addIndexedArgumentValue(2, managers.stream().map(ManagerSettings::namespace).toArray(String[]::new));
        definition.getConstructorArgumentValues()
            .addIndexedArgumentValue(3, managers.stream().map((manager) -> manager.pluginType().getName())
                .toArray(String[]::new));
        registry.registerBeanDefinition(PluxSettings.BEAN_NAME, definition);
        // Here they are bound already: hand over this instance rather than bind a second time. The definition
        // stays for AOT, which writes definitions, not instances, as code.
        if (registry instanceof SingletonBeanRegistry singletons) {
            singletons.registerSingleton(PluxSettings.BEAN_NAME, settings);
        }
    }

    private static RootBeanDefinition managerDefinition(ManagerSettings manager) {
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setTargetType(ResolvableType.forClassWithGenerics(PluginManager.class, manager.pluginType()));
        definition.setFactoryBeanName(PluginManagerFactory.BEAN_NAME);
        definition.setFactoryMethodName("create");
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, manager.namespace());
        definition.getConstructorArgumentValues().addIndexedArgumentValue(1, manager.pluginType());
        definition.addQualifier(new AutowireCandidateQualifier(PluxNamespace.class, manager.namespace()));
        definition.setDescription("plux PluginManager of namespace " + manager.namespace());
        // What Actuator's beans endpoint shows as the bean's resource, and Spring's bean creation failures as where it
        // is "defined in": its item of the configuration, the namespace (a bean-name need not tell it) and the plugin
        // type (the endpoint shows the raw PluginManager)
        definition.setResourceDescription(manager.property() + " (namespace " + manager.namespace() + ", PluginManager<"
                + manager.pluginType().getName() + ">)");
        definition.setLazyInit(true);
        return definition;
    }

    private static RootBeanDefinition infrastructure(Class<?> type) {
        RootBeanDefinition definition = new RootBeanDefinition(type);
        // the remaining constructor parameters (bean factory, event publisher, environment) are autowired
        definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        return definition;
    }
}
