package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.Plugin;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.runtime.PluginInstantiator;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.util.Assert;

/**
 * Builds the {@link PluginManager} of each configured namespace with what the application context provides:
 * its class loader, the context's own filters ({@code plux.exclude} and the namespace's include/exclude; never
 * {@code MatchingPluginFilter.global()}), the plugin type, every {@link PluginLifecycleListener} bean in order,
 * the event publisher, the autowiring instantiator, and finally every {@link PluginManagerCustomizer} bean in
 * order.
 */
final class PluginManagerFactory implements BeanFactoryAware, ApplicationEventPublisherAware {

    private final PluxSettings settings;

    private @Nullable ConfigurableListableBeanFactory beanFactory;

    private @Nullable ApplicationEventPublisher publisher;

    PluginManagerFactory(PluxSettings settings) {
        this.settings = settings;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    PluginManager<? extends Plugin> create(ManagerSettings manager) {
        return create(manager, manager.pluginType());
    }

    private <P extends Plugin> PluginManager<P> create(ManagerSettings manager, Class<P> pluginType) {
        ConfigurableListableBeanFactory factory = this.beanFactory;
        ApplicationEventPublisher events = this.publisher;
        Assert.state(factory != null && events != null, "PluginManagerFactory is not initialized");
        String namespace = manager.namespace();
        PluginManager.Builder<P> builder = PluginManager.<P>builder(namespace).pluginType(pluginType);
        ClassLoader classLoader = factory.getBeanClassLoader();
        if (classLoader != null) {
            builder.classLoader(classLoader);
        }
        if (!this.settings.exclusions().isEmpty()) {
            builder.filter(this.settings.exclusions());
        }
        NameGlobFilter names = (manager.include() != null || manager.exclude() != null)
                ? new NameGlobFilter(manager.property(), manager.include(), manager.exclude()) : null;
        if (names != null) {
            builder.filter(names);
        }
        factory.getBeanProvider(PluginLifecycleListener.class).orderedStream().forEach(builder::listener);
        EventPublishingListener publishing = new EventPublishingListener(events);
        builder.listener(publishing);
        builder.instantiator(this.settings.autowire() ? new AutowiringPluginInstantiator(factory)
                : PluginInstantiator.FACTORY);
        factory.getBeanProvider(PluginManagerCustomizer.class)
            .orderedStream()
            .forEach((customizer) -> customizer.customize(namespace, builder));
        PluginManager<P> built = builder.build();
        if (names != null) {
            names.bind(built);
        }
        publishing.bind(built);
        return built;
    }
}
