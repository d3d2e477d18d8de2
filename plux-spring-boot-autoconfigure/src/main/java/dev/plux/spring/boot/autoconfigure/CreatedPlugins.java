package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The plugins the application context created ({@link AutowiringPluginInstantiator}), destroyed when the context
 * closes, newest first across every namespace, with the context's destruction semantics for a singleton:
 * {@code @PreDestroy}, then {@code DisposableBean.destroy()} or else {@code AutoCloseable.close()}. A plugin
 * created with {@code createBean} is a prototype Spring never tracks; this bean tracks it instead.
 *
 * <p>The beans a plugin was injected with are registered as dependencies of this bean, so Spring destroys this
 * bean, and so the plugins, before the beans they use.
 */
final class CreatedPlugins implements DisposableBean {

    static final String BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalCreatedPlugins";

    private static final Logger logger = LoggerFactory.getLogger(CreatedPlugins.class);

    private final ConfigurableListableBeanFactory beanFactory;

    /** What creates and destroys the plugins: the context's factory, or under AOT a child of it. */
    private final ConfigurableListableBeanFactory pluginFactory;

    // one lock for a deque touched once per created plugin: startup may load plugins on many threads
    private final Deque<Object> plugins = new ArrayDeque<>();

    private boolean closed;

    CreatedPlugins(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        this.pluginFactory = PluginBeanFactory.of(beanFactory);
    }

    /**
     * Creates a plugin through the bean factory and remembers it for destruction.
     *
     * @param pluginClass the plugin class
     * @param <T> the plugin type
     * @return the plugin
     */
    <T> T create(Class<T> pluginClass) {
        T plugin = this.pluginFactory.createBean(pluginClass);
        // createBean registers what it injected as dependencies of a bean named after the class
        for (String dependency : this.pluginFactory.getDependenciesForBean(pluginClass.getName())) {
            this.beanFactory.registerDependentBean(dependency, BEAN_NAME);
        }
        boolean destroyNow;
        synchronized (this.plugins) {
            destroyNow = this.closed;
            if (!destroyNow) {
                this.plugins.push(plugin);
            }
        }
        if (destroyNow) {
            // created while the context closes: nobody would destroy it later
            destroy(plugin);
        }
        return plugin;
    }

    @Override
    public void destroy() {
        while (true) {
            Object plugin;
            synchronized (this.plugins) {
                plugin = this.plugins.poll();
                if (plugin == null) {
                    this.closed = true;
                    return;
                }
            }
            destroy(plugin);
        }
    }

    private void destroy(Object plugin) {
        try {
            // @PreDestroy (destruction-aware post-processors) and DisposableBean.destroy()
            this.pluginFactory.destroyBean(plugin);
            // what the context infers for a singleton without a destroy method: close() of an AutoCloseable
            // (destroyBean(Object) has no bean definition to infer it from)
            if (plugin instanceof AutoCloseable closeable && !(plugin instanceof DisposableBean)) {
                closeable.close();
            }
        }
        catch (Exception ex) {
            // as the context does for a singleton's destroy method: log and go on with the others
            logger.warn("Destroying plugin {} failed", plugin.getClass().getName(), ex);
        }
    }
}
