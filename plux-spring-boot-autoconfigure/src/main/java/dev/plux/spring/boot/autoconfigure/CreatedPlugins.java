package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.plux.core.PluginSpec;
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
 *
 * <p>Closing while plugins are still being created (startup loading, a request thread's {@code load}): the destroy
 * phase waits for those creations, at most {@link #CREATION_WAIT}, so that they too are destroyed before the beans
 * they use; from then on no plugin is created (a {@code load} fails, naming the plugin and the closed context). A
 * creation that outlasts the wait is destroyed when it ends, and its load fails.
 */
final class CreatedPlugins implements DisposableBean {

    static final String BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalCreatedPlugins";

    /** How long closing waits for plugin constructors still running: bounded, as a hung one must not hang close. */
    static final Duration CREATION_WAIT = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(CreatedPlugins.class);

    private final ConfigurableListableBeanFactory beanFactory;

    /** What creates and destroys the plugins: the context's factory, or under AOT a child of it. */
    private final ConfigurableListableBeanFactory pluginFactory;

    /** {@link #CREATION_WAIT}; shorter in tests. */
    private volatile Duration creationWait = CREATION_WAIT;

    // one lock for the state below, touched twice per created plugin: startup may load plugins on many threads
    private final Object lock = new Object();

    private final Deque<Created> plugins = new ArrayDeque<>();

    /** The creations under way, to wait for at close and to name if they outlast the wait. */
    private final List<Creation> creating = new ArrayList<>();

    /** Set when the destroy phase begins: no plugin is created any more. */
    private boolean closed;

    /** Set when the destroy phase is over: a creation that ends now destroys its plugin itself. */
    private boolean destroyed;

    CreatedPlugins(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        this.pluginFactory = PluginBeanFactory.of(beanFactory);
    }

    /** Sets how long closing waits for creations under way (for tests). */
    void creationWait(Duration creationWait) {
        this.creationWait = creationWait;
    }

    /**
     * Creates a plugin through the bean factory and remembers it for destruction.
     *
     * @param pluginClass the plugin class
     * @param spec the plugin's spec (its namespace and name, for the messages)
     * @param <T> the plugin type
     * @return the plugin
     * @throws IllegalStateException once the context has closed
     */
    <T> T create(Class<T> pluginClass, PluginSpec spec) {
        Creation creation = new Creation(spec, Thread.currentThread().getName());
        synchronized (this.lock) {
            if (this.closed) {
                throw new IllegalStateException("plux namespace " + spec.namespace() + ": plugin " + spec.name()
                        + " (" + pluginClass.getName() + ") was not created: the application context is closed");
            }
            this.creating.add(creation);
        }
        boolean destroyNow = false;
        try {
            T plugin = this.pluginFactory.createBean(pluginClass);
            // createBean registers what it injected as dependencies of a bean named after the class
            for (String dependency : this.pluginFactory.getDependenciesForBean(pluginClass.getName())) {
                this.beanFactory.registerDependentBean(dependency, BEAN_NAME);
            }
            synchronized (this.lock) {
                destroyNow = this.destroyed;
                if (!destroyNow) {
                    this.plugins.push(new Created(plugin, spec));
                }
            }
            if (destroyNow) {
                // its creation outlasted the close's wait: nobody would destroy it later, and nothing may use it
                destroy(new Created(plugin, spec));
                throw new IllegalStateException("plux namespace " + spec.namespace() + ": plugin " + spec.name()
                        + " (" + pluginClass.getName() + ") was created after the application context closed;"
                        + " it is destroyed and not loaded");
            }
            return plugin;
        }
        finally {
            synchronized (this.lock) {
                this.creating.remove(creation);
                this.lock.notifyAll();
            }
        }
    }

    @Override
    public void destroy() {
        awaitCreations();
        while (true) {
            Created plugin;
            synchronized (this.lock) {
                plugin = this.plugins.poll();
                if (plugin == null) {
                    this.destroyed = true;
                    return;
                }
            }
            destroy(plugin);
        }
    }

    /** Refuses new creations and waits, bounded, for those under way. */
    private void awaitCreations() {
        long deadline = System.nanoTime() + StartupRun.nanos(this.creationWait);
        synchronized (this.lock) {
            this.closed = true;
            try {
                long left;
                while (!this.creating.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    this.lock.wait(Math.max(1, left / 1_000_000));
                }
            }
            catch (InterruptedException ex) {
                // asked to stop (SIGTERM during a startup): destroy what exists now, the rest when it is created
                Thread.currentThread().interrupt();
            }
            if (!this.creating.isEmpty()) {
                logger.warn("plux: the application context closes while plugins are still being created: {};"
                        + " each is destroyed once its creation ends, and not loaded", this.creating);
            }
        }
    }

    private void destroy(Created created) {
        Object plugin = created.plugin;
        try {
            // @PreDestroy (destruction-aware post-processors) and DisposableBean.destroy()
            this.pluginFactory.destroyBean(plugin);
            // what the context infers for a singleton without a destroy method: close() of an AutoCloseable
            // (destroyBean(Object) has no bean definition to infer it from)
            if (plugin instanceof AutoCloseable closeable && !(plugin instanceof DisposableBean)) {
                closeable.close();
            }
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            // as the context does for a singleton's destroy method: log and go on with the others
            logger.warn("plux namespace {}: destroying plugin {} ({}) failed: {}", created.spec.namespace(),
                    created.spec.name(), plugin.getClass().getName(), ex.toString(), ex);
        }
    }

    /** A plugin this bean created, with its spec for the messages. */
    private record Created(Object plugin, PluginSpec spec) {
    }

    /** A creation under way. */
    private record Creation(PluginSpec spec, String thread) {

        @Override
        public String toString() {
            return this.spec.namespace() + ":" + this.spec.name() + " (on thread " + this.thread + ")";
        }
    }
}
