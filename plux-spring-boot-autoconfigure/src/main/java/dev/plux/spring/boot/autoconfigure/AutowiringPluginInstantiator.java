package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginInstantiator;

/**
 * Creates class plugins through the application context ({@code plux.autowire=true}): constructor injection,
 * {@code @Value}, {@code @Autowired} members and {@code Aware} callbacks work as for a prototype bean, and the
 * context destroys them when it closes ({@link CreatedPlugins}). Other entries (members, factories, functions)
 * use their own factory.
 */
final class AutowiringPluginInstantiator implements PluginInstantiator {

    private final CreatedPlugins plugins;

    AutowiringPluginInstantiator(CreatedPlugins plugins) {
        this.plugins = plugins;
    }

    @Override
    public Plugin instantiate(PluginSpec spec) throws Exception {
        if (spec.factory() instanceof ClassPluginFactory classFactory) {
            return this.plugins.create(classFactory.pluginClass());
        }
        return spec.factory().create();
    }
}
