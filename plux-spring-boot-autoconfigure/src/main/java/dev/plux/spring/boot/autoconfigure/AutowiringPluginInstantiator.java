package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginInstantiator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;

/**
 * Creates class plugins through the application context ({@code plux.autowire=true}): constructor injection,
 * {@code @Value}, {@code @Autowired} members and {@code Aware} callbacks work as for a prototype bean, and the
 * context destroys them when it closes ({@link CreatedPlugins}). Other entries (members, factories, functions)
 * use their own factory.
 */
final class AutowiringPluginInstantiator implements PluginInstantiator {

    private final CreatedPlugins plugins;

    /** The context's bean class loader: its classes are the application's, of which a bundle may carry copies. */
    private final @Nullable ClassLoader application;

    AutowiringPluginInstantiator(CreatedPlugins plugins, @Nullable ClassLoader application) {
        this.plugins = plugins;
        this.application = application;
    }

    @Override
    public Plugin instantiate(PluginSpec spec) throws Exception {
        if (spec.factory() instanceof ClassPluginFactory classFactory) {
            try {
                return this.plugins.create(classFactory.pluginClass(), spec);
            }
            catch (BeansException ex) {
                throw BeanTypeCopies.explain(pluginsOwn(ex, classFactory.pluginClass()), classFactory.pluginClass(),
                        this.application);
            }
        }
        return spec.factory().create();
    }

    /**
     * What the plugin itself threw (its constructor, an init method), below Spring's wrappers of the plugin's own
     * creation, so that a {@code PluginDisabled} disables it as it would without Spring, and its failure is
     * recorded, observed and published as what it is. Anything else stays as Spring reports it: a missing or failing
     * dependency ({@code UnsatisfiedDependencyException}, which names the plugin's parameter), a conversion failure.
     */
    private static Exception pluginsOwn(BeansException failure, Class<?> pluginClass) throws Exception {
        Throwable current = failure;
        // bounded: a cause chain can be a cycle
        for (int depth = 0; current != null && depth < 100; depth++) {
            boolean pluginsCreation = (current instanceof BeanCreationException creation
                    && !(current instanceof UnsatisfiedDependencyException)
                    && pluginClass.getName().equals(creation.getBeanName()))
                    || (current instanceof BeanInstantiationException instantiation
                            && pluginClass.equals(instantiation.getBeanClass()));
            if (pluginsCreation) {
                current = current.getCause();
                continue;
            }
            if (current instanceof BeansException) {
                return failure;
            }
            if (current instanceof Error error) {
                throw error;
            }
            return (current instanceof Exception exception) ? exception : failure;
        }
        return failure;
    }
}
