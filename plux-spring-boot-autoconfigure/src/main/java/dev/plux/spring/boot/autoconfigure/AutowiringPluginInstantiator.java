package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginInstantiator;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;

/**
 * Creates class plugins through the application context ({@code plux.autowire=true}): constructor injection,
 * {@code @Value}, {@code @Autowired} members and {@code Aware} callbacks work as for a prototype bean. Other
 * entries (members, factories, functions) use their own factory.
 */
final class AutowiringPluginInstantiator implements PluginInstantiator {

    private final AutowireCapableBeanFactory beanFactory;

    AutowiringPluginInstantiator(AutowireCapableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Plugin instantiate(PluginSpec spec) throws Exception {
        if (spec.factory() instanceof ClassPluginFactory classFactory) {
            return this.beanFactory.createBean(classFactory.pluginClass());
        }
        return spec.factory().create();
    }
}
