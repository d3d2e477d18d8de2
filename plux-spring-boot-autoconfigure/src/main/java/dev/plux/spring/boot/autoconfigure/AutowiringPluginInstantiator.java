package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginInstantiator;
import org.springframework.beans.BeansException;

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
            try {
                return this.plugins.create(classFactory.pluginClass());
            }
            catch (BeansException ex) {
                throw pluginsOwn(ex);
            }
        }
        return spec.factory().create();
    }

    /**
     * What the plugin itself threw (its constructor, an init method), below Spring's wrappers, so that a
     * {@code PluginDisabled} disables it as it would without Spring, and its failure is recorded, observed and
     * published as what it is. A failure of Spring's own (a missing bean) stays as Spring reports it.
     */
    private static Exception pluginsOwn(BeansException failure) throws Exception {
        Throwable cause = failure.getCause();
        // bounded: a cause chain can be a cycle
        for (int depth = 0; cause != null && depth < 100; depth++, cause = cause.getCause()) {
            if (!(cause instanceof BeansException)) {
                if (cause instanceof Error error) {
                    throw error;
                }
                return (Exception) cause;
            }
        }
        return failure;
    }
}
