package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.core.PluginTypeMismatchException;
import dev.plux.runtime.PluginInstantiator;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.SpringProxy;
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

    /** The manager's plugin type, to tell why a proxy the context returned is not one. */
    private final Class<? extends Plugin> pluginType;

    AutowiringPluginInstantiator(CreatedPlugins plugins, @Nullable ClassLoader application,
            Class<? extends Plugin> pluginType) {
        this.plugins = plugins;
        this.application = application;
        this.pluginType = pluginType;
    }

    @Override
    public Plugin instantiate(PluginSpec spec) throws Exception {
        if (spec.factory() instanceof ClassPluginFactory classFactory) {
            Plugin plugin;
            try {
                plugin = this.plugins.create(classFactory.pluginClass(), spec);
            }
            catch (BeansException ex) {
                throw BeanTypeCopies.explain(pluginsOwn(ex, classFactory.pluginClass()), classFactory.pluginClass(),
                        this.application);
            }
            checkProxy(plugin, classFactory.pluginClass(), spec);
            return plugin;
        }
        return spec.factory().create();
    }

    /**
     * A JDK proxy the context's post-processors made of a plugin ({@code @Async}, {@code @Cacheable}, an aspect, with
     * {@code proxyTargetClass} off) has only the class's interfaces: where the plugin type is a class, the manager's
     * type check would only say that a {@code jdk.proxy2.$Proxy53} is not one, so say where it came from and what to
     * do. Spring AOP's settings are the fix only for its own proxies ({@link SpringProxy}); a post-processor's own
     * {@code java.lang.reflect.Proxy} is named as such.
     */
    private void checkProxy(Plugin plugin, Class<? extends Plugin> pluginClass, PluginSpec spec) {
        if (this.pluginType.isInstance(plugin) || !this.pluginType.isAssignableFrom(pluginClass)
                || !Proxy.isProxyClass(plugin.getClass())) {
            return;
        }
        String interfaces = Arrays.stream(plugin.getClass().getInterfaces())
            .filter((type) -> !type.getName().startsWith("org.springframework.aop."))
            .map(Class::getName)
            .collect(Collectors.joining(", "));
        String origin;
        String fix;
        if (plugin instanceof SpringProxy) {
            origin = "a JDK proxy that the application context's post-processors (@Async, @Cacheable,"
                    + " @Transactional, an aspect) made of its class ";
            fix = "have them make class proxies (spring.aop.proxy-target-class=true, Spring Boot's default, or"
                    + " proxyTargetClass = true on the @Enable... annotation), or make the plugin type an interface";
            if (this.plugins.processedAheadOfTime()) {
                // Boot's AOP auto-configuration chose its proxy configuration by that property at build time
                fix += "; the application is AOT-processed, and spring.aop.proxy-target-class and the @Enable..."
                        + " annotations were read when it was processed: process the application again"
                        + " (spring-boot:process-aot) after changing them";
            }
        }
        else {
            // a post-processor's own java.lang.reflect.Proxy: Spring AOP's settings do not reach it
            origin = "a JDK proxy, not made by Spring AOP, that a post-processor of the application context returned"
                    + " for its class ";
            fix = "have that post-processor return the plugin itself or a subclass of it, or make the plugin type an"
                    + " interface";
        }
        throw new PluginTypeMismatchException("plugin " + spec.namespace() + ":" + spec.name() + " is a "
                + plugin.getClass().getName() + ", " + origin + pluginClass.getName() + ", with only its interfaces ("
                + interfaces + "), so it is not a " + this.pluginType.getName() + " (the plugin type of this manager); "
                + fix, spec.namespace(), spec.name(), this.pluginType, plugin.getClass(), null);
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
