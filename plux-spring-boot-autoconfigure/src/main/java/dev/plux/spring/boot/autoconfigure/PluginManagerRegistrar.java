package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.PluxNamespace;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Registers, from {@code plux.*} read with a {@code Binder} (no bean is created early), one
 * {@code PluginManager<T>} bean definition per namespace (generic target type and {@link PluxNamespace}
 * qualifier), the {@link PluginManagers} registry and, when a namespace loads on startup, the
 * {@link StartupLoader}. Invalid properties fail here with an {@link InvalidPluxPropertiesException}.
 */
final class PluginManagerRegistrar
        implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware, BeanClassLoaderAware {

    static final String FACTORY_BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalPluginManagerFactory";

    static final String STARTUP_LOADER_BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalStartupLoader";

    static final String PLUGIN_MANAGERS_BEAN_NAME = "pluginManagers";

    private @Nullable Environment environment;

    private @Nullable BeanFactory beanFactory;

    private @Nullable ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Environment env = this.environment;
        BeanFactory factory = this.beanFactory;
        Assert.state(env != null && factory != null, "PluginManagerRegistrar is not initialized");
        PluxSettings settings = PluxSettings.bind(env, this.classLoader);

        RootBeanDefinition factoryDefinition = new RootBeanDefinition(PluginManagerFactory.class,
                () -> new PluginManagerFactory(settings));
        factoryDefinition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(FACTORY_BEAN_NAME, factoryDefinition);

        for (ManagerSettings manager : settings.managers()) {
            if (registry.containsBeanDefinition(manager.beanName())) {
                throw new InvalidPluxPropertiesException("plux.namespaces[" + manager.index() + "].bean-name",
                        manager.beanName(), "a bean of that name exists already; choose another bean name");
            }
            registry.registerBeanDefinition(manager.beanName(), managerDefinition(factory, manager));
        }

        List<String> beanNames = settings.managers().stream().map(ManagerSettings::beanName).toList();
        if (!registry.containsBeanDefinition(PLUGIN_MANAGERS_BEAN_NAME)) {
            RootBeanDefinition managers = new RootBeanDefinition(PluginManagers.class, () -> new PluginManagers(
                    beanNames.stream().map((name) -> (PluginManager<?>) factory.getBean(name, PluginManager.class))
                        .toList()));
            managers.setDependsOn(beanNames.toArray(String[]::new));
            registry.registerBeanDefinition(PLUGIN_MANAGERS_BEAN_NAME, managers);
        }

        List<ManagerSettings> startup = settings.startupManagers();
        if (!startup.isEmpty()) {
            RootBeanDefinition loader = new RootBeanDefinition(StartupLoader.class,
                    () -> new StartupLoader(factory, settings));
            loader.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(STARTUP_LOADER_BEAN_NAME, loader);
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static RootBeanDefinition managerDefinition(BeanFactory factory, ManagerSettings manager) {
        RootBeanDefinition definition = new RootBeanDefinition(PluginManager.class,
                () -> (PluginManager) factory.getBean(FACTORY_BEAN_NAME, PluginManagerFactory.class).create(manager));
        definition.setTargetType(ResolvableType.forClassWithGenerics(PluginManager.class, manager.pluginType()));
        definition.addQualifier(new AutowireCandidateQualifier(PluxNamespace.class, manager.namespace()));
        definition.setDependsOn(FACTORY_BEAN_NAME);
        definition.setDescription("plux PluginManager of namespace " + manager.namespace());
        return definition;
    }
}
