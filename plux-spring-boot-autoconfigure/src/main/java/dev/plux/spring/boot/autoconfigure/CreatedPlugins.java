package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginLoadInterceptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.beans.factory.support.AbstractBeanFactory;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.Environment;

/**
 * The plugins the application context created ({@link AutowiringPluginInstantiator}), destroyed when the context
 * closes, newest first across every namespace, with the context's destruction semantics for a singleton:
 * {@code @PreDestroy}, then {@code DisposableBean.destroy()} or else {@code AutoCloseable.close()}. A plugin
 * created with {@code createBean} is a prototype Spring never tracks; this bean tracks it instead.
 *
 * <p>The beans a plugin was injected with are registered as dependencies of this bean, so Spring destroys this
 * bean, and so the plugins, before the beans they use.
 *
 * <p>Closing while plugins are still being created or loaded (a request thread's {@code load}): stopped in phase
 * {@link #PHASE} ({@link CreatedPluginsLifecycle}), before any bean is destroyed, this bean refuses new
 * creations (a {@code load} fails, naming the plugin and the context) and waits for the load attempts under way that
 * create a plugin ({@link #interceptor()}), for at most the context's timeout per shutdown phase (Boot's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}), so that their plugins are destroyed once, after their load,
 * and before the beans they use. A creation that outlasts the wait is destroyed when it ends, and not loaded. Where
 * no lifecycle stop ran (a failed refresh), the destroy phase waits instead, bounded by the same property. Plugins a
 * failed startup gave up on ({@link #abandonAttempts(List)}) are not waited for.
 *
 * <p>The destroy callbacks run, newest plugin first, on a daemon thread, and closing waits for them all as long as
 * that property says (at least a second), as Spring bounds a phase: a callback that never returns is named in a
 * warning, with where it hangs, interrupted and left running, so that it keeps neither the context from closing nor
 * the JVM from exiting; the plugins after it get one second more in all.
 */
final class CreatedPlugins implements InitializingBean, DisposableBean, EnvironmentAware {

    static final String BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalCreatedPlugins";

    /**
     * Stops after Boot's web server graceful shutdown ({@code WebServerGracefulShutdownLifecycle}, phase
     * {@code DEFAULT_PHASE - 1024}) has drained the requests, whose loads must still create their plugins, and after
     * the lifecycle beans of the default phase (message listeners, schedulers) whose work may load plugins; and before
     * the web server stops ({@code WebServerStartStopLifecycle}, {@code DEFAULT_PHASE - 2048}), so that a request
     * still running when graceful shutdown gave up is waited for while the server still serves it.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    /**
     * Boot's bound of each shutdown phase: of this bean's stop, of the destroy phase's wait when no stop ran, and of
     * each plugin's destroy callbacks.
     */
    static final String SHUTDOWN_PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

    private static final Logger logger = LoggerFactory.getLogger(CreatedPlugins.class);

    private final ConfigurableListableBeanFactory beanFactory;

    /** What creates and destroys the plugins: the context's factory, or under AOT a child of it. */
    private final PluginBeanFactory pluginFactory;

    private final LoadAttempts attempts = new LoadAttempts();

    /** Newest first; lock-free, as plugins are created on many threads (startup, requests). */
    private final Deque<CreatedPlugin> plugins = new ConcurrentLinkedDeque<>();

    private @Nullable Environment environment;

    /** Set by a lifecycle stop and by the destroy phase: no plugin is created any more (until a start). */
    private volatile boolean refusing;

    /** Set by a lifecycle stop, which waited for the creations (or its phase timed out): the destroy phase does not. */
    private volatile boolean stopWaited;

    /** Set when the destroy phase begins: for good. */
    private volatile boolean closed;

    /**
     * Set when closing stops waiting for creations: a creation that ends now destroys its plugin itself, as the
     * destroy loop, which may still be destroying the older plugins, may already have passed its place.
     */
    private volatile boolean stoppedWaiting;

    CreatedPlugins(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        this.pluginFactory = new PluginBeanFactory(beanFactory);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /**
     * Follows the context's lifecycle from now on ({@link CreatedPluginsLifecycle}, registered before the first
     * manager): refusing creations if the context is stopped or is closing past this bean's phase.
     */
    @Override
    public void afterPropertiesSet() {
        CreatedPluginsLifecycle.attach(this.beanFactory, this);
    }

    /**
     * The interceptor that tells this bean when a manager's load attempt begins and ends, so that closing can wait
     * for the attempts that create a plugin through the context.
     *
     * @return the interceptor, for every manager of the context
     */
    PluginLoadInterceptor interceptor() {
        return this.attempts::run;
    }

    /**
     * Startup failed (a timeout, a fail-fast failure, an interrupt, an Error on the starting thread): closing does
     * not wait for the plugins still loading, which startup already gave up on, nor for those they go on to load on
     * the same threads; each is destroyed with the others.
     *
     * @param startupThreads the loading threads still running, given up on whether or not a load attempt is under
     *        way on them now (one that took its plugin as startup failed begins its attempt later)
     */
    void abandonAttempts(List<Thread> startupThreads) {
        this.attempts.abandon(startupThreads);
    }

    /**
     * Creates a plugin through the bean factory and remembers it for destruction.
     *
     * @param pluginClass the plugin class
     * @param spec the plugin's spec (its namespace and name, for the messages)
     * @param <T> the plugin type
     * @return the plugin
     * @throws IllegalStateException once the context is stopping or has closed
     */
    <T> T create(Class<T> pluginClass, PluginSpec spec) {
        // first marked, then checked: a stop that refuses creations after the check sees the mark, and waits
        boolean marked = this.attempts.creating();
        if (this.refusing) {
            if (marked) {
                this.attempts.refused();
            }
            throw refusal("plux namespace " + spec.namespace() + ": plugin " + spec.name() + " ("
                    + pluginClass.getName() + ") was not created: the application context is "
                    + (this.closed ? "closed" : "stopping or stopped"));
        }
        ConfigurableListableBeanFactory factory = this.pluginFactory.get();
        T plugin = factory.createBean(pluginClass);
        // createBean registers what it injected as dependencies of a bean named after the class
        for (String dependency : factory.getDependenciesForBean(pluginClass.getName())) {
            this.beanFactory.registerDependentBean(dependency, BEAN_NAME);
        }
        CreatedPlugin created = new CreatedPlugin(createdObject(plugin), spec);
        this.plugins.push(created);
        if (this.stoppedWaiting) {
            // its creation outlasted the close's wait: the destroy loop may have passed its place; whoever takes
            // it out destroys it, and nothing may use it
            if (this.plugins.removeFirstOccurrence(created)) {
                destroy(created);
            }
            throw new IllegalStateException("plux namespace " + spec.namespace() + ": plugin " + spec.name() + " ("
                    + pluginClass.getName() + ") was created after the application context closed; it is destroyed"
                    + " and not loaded");
        }
        // once it is tracked: should the warnings fail, the plugin is still destroyed at close
        NotABean.warn(pluginClass, spec, this.beanFactory);
        return plugin;
    }

    /**
     * A refused creation, without a stack trace: on SIGTERM while the application loads plugins, every plugin not
     * created yet is refused, and the manager logs each at WARN with its exception; the frames (the manager's and
     * this bean's) said nothing the message does not. The exception the caller's {@code load} throws, whose cause
     * this is, has the caller's own.
     */
    private static IllegalStateException refusal(String message) {
        IllegalStateException refusal = new IllegalStateException(message);
        refusal.setStackTrace(new StackTraceElement[0]);
        return refusal;
    }

    /**
     * The object the factory created, below the proxies its post-processors may have wrapped around it
     * ({@code @Async}, {@code @Cacheable}, an application's aspect): it is destroyed, as the context destroys a
     * singleton's raw instance, since a JDK proxy has none of the class's {@code @PreDestroy} methods and a class
     * proxy's own fields are empty.
     */
    private static Object createdObject(Object plugin) {
        Object current = plugin;
        // bounded, as a proxy's target may be a proxy again
        for (int depth = 0; depth < 100; depth++) {
            Object target = AopProxyUtils.getSingletonTarget(current);
            if (target == null) {
                return current;
            }
            current = target;
        }
        return current;
    }

    /**
     * Whether the context runs AOT-processed code: it has no annotation post-processors, so plugins are created
     * through a child factory ({@link PluginBeanFactory}), and what auto-configuration conditions decided (the
     * application's proxy settings among them) was fixed when the application was processed.
     */
    boolean processedAheadOfTime() {
        return this.pluginFactory.processedAheadOfTime();
    }

    /** The context started (again): creations are accepted, unless it closed. */
    void start() {
        this.stopWaited = false;
        this.attempts.cancelWhenDone();
        if (!this.closed) {
            this.refusing = false;
        }
    }

    /**
     * Refuses new creations and, without blocking, calls back once the creations under way have ended: Spring waits
     * for that at most the timeout of this bean's phase ({@code spring.lifecycle.timeout-per-shutdown-phase}), and
     * logs it when it times out.
     */
    void stop(Runnable callback) {
        this.refusing = true;
        this.stopWaited = true;
        this.attempts.whenDone(Thread.currentThread(), callback);
    }

    /** Refuses new creations; the destroy phase still waits for those under way. */
    void stop() {
        this.refusing = true;
    }

    @Override
    public void destroy() {
        this.closed = true;
        this.refusing = true;
        Thread closing = Thread.currentThread();
        if (!this.stopWaited) {
            // no lifecycle stop ran (a failed refresh): wait here, the beans being destroyed already
            this.attempts.await(closing, shutdownPhaseTimeout());
        }
        // from here on a creation that ends destroys its plugin itself: pushed now, it would be loaded while (or
        // after) the loop below destroys it
        this.stoppedWaiting = true;
        List<String> left = this.attempts.underWay(closing);
        if (!left.isEmpty()) {
            logger.warn("plux: the application context closes while plugins are still being created or loaded:"
                    + " {}; destroying the plugins now (one still being created is destroyed once its creation"
                    + " ends, and not loaded)", left);
        }
        this.attempts.forgetAbandoned();
        if (this.plugins.isEmpty()) {
            // the usual close of a context whose plugins were never created: no timeout to bind, no thread to start
            return;
        }
        BoundedDestruction.destroyAll(this.plugins, this::destroy, shutdownPhaseTimeout());
    }

    /** The bound of a lifecycle stop, for the wait of a destroy phase that no stop preceded. */
    private Duration shutdownPhaseTimeout() {
        // Boot's default, from Boot itself; the value alone is bound, which needs no reflection in a native image
        Duration timeout = new LifecycleProperties().getTimeoutPerShutdownPhase();
        Environment environment = this.environment;
        if (environment != null) {
            try {
                // not Binder.get(environment): its converter is Boot's JVM-wide one (PluxSettingsBinding.OWN_CONVERTER)
                Binder binder = new Binder(ConfigurationPropertySources.get(environment),
                        new PropertySourcesPlaceholdersResolver(environment), (ConversionService) null,
                        PluxSettingsBinding.OWN_CONVERTER);
                return binder.bind(SHUTDOWN_PHASE_TIMEOUT, Duration.class).orElse(timeout);
            }
            catch (RuntimeException ex) {
                // a malformed value, which Boot's lifecycle auto-configuration reports: the plugins are still destroyed
                logger.debug("plux: {} could not be read, waiting at most {}", SHUTDOWN_PHASE_TIMEOUT, timeout, ex);
            }
        }
        return timeout;
    }

    private void destroy(CreatedPlugin created) {
        Object plugin = created.plugin;
        ConfigurableListableBeanFactory pluginFactory = this.pluginFactory.get();
        if (!(pluginFactory instanceof AbstractBeanFactory factory)) {
            // a factory of another kind: its own destruction, which names the plugin by its class only
            call(created, () -> pluginFactory.destroyBean(plugin));
            closeIfAutoCloseable(created);
            return;
        }
        // what destroyBean(Object) does, under a name that says which plugin (Spring's own warnings show it)
        String beanName = created.describe();
        for (BeanPostProcessor processor : factory.getBeanPostProcessors()) {
            if (processor instanceof DestructionAwareBeanPostProcessor destruction
                    && destruction.requiresDestruction(plugin)) {
                // @PreDestroy: the processor logs a failing method at WARN itself, under beanName
                call(created, () -> destruction.postProcessBeforeDestruction(plugin, beanName));
            }
        }
        if (plugin instanceof DisposableBean disposable) {
            call(created, disposable::destroy);
        }
        closeIfAutoCloseable(created);
    }

    /**
     * What the context infers for a singleton without a destroy method: {@code close()} of an {@code AutoCloseable}
     * ({@code destroyBean(Object)} has no bean definition to infer it from).
     */
    private void closeIfAutoCloseable(CreatedPlugin created) {
        if (created.plugin instanceof AutoCloseable closeable && !(created.plugin instanceof DisposableBean)) {
            call(created, closeable::close);
        }
    }

    /**
     * Runs a destroy step; as the context does for a singleton's, logs a failure and goes on with the others, an
     * error too (a {@code StackOverflowError} from a recursive {@code close()}): thrown on, it would leave every older
     * plugin undestroyed, and the context would only log it under this bean's name.
     */
    private static void call(CreatedPlugin created, Step body) {
        try {
            body.run();
        }
        catch (Throwable ex) {
            logger.warn("plux namespace {}: destroying plugin {} ({}) failed: {}", created.spec.namespace(),
                    created.spec.name(), created.plugin.getClass().getName(), ex.toString(), ex);
        }
    }

    /** One destroy step of a plugin. */
    @FunctionalInterface
    private interface Step {

        void run() throws Exception;
    }
}
