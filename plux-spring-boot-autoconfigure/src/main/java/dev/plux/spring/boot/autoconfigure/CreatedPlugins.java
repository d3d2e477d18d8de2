package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginLoadInterceptor;
import dev.plux.runtime.PluginLoadInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.beans.factory.support.AbstractBeanFactory;

/**
 * The plugins the application context created ({@link AutowiringPluginInstantiator}), destroyed when the context
 * closes, newest first across every namespace, with the context's destruction semantics for a singleton:
 * {@code @PreDestroy}, then {@code DisposableBean.destroy()} or else {@code AutoCloseable.close()}. A plugin
 * created with {@code createBean} is a prototype Spring never tracks; this bean tracks it instead.
 *
 * <p>The beans a plugin was injected with are registered as dependencies of this bean, so Spring destroys this
 * bean, and so the plugins, before the beans they use.
 *
 * <p>Closing while plugins are still being created or loaded (a request thread's {@code load}): the destroy phase
 * waits for those load attempts (their {@link #interceptor()}), at most {@link #ATTEMPT_WAIT}, so that their plugins
 * are destroyed once, after their load, and before the beans they use; from then on no plugin is created (a
 * {@code load} fails, naming the plugin and the closed context). A creation that outlasts the wait is destroyed
 * when it ends, and not loaded. Plugins a failed startup gave up on ({@link #abandonAttempts()}) are not waited for.
 */
final class CreatedPlugins implements DisposableBean {

    static final String BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalCreatedPlugins";

    /** How long closing waits for plugins still being created or loaded: bounded, as a hung one must not hang it. */
    static final Duration ATTEMPT_WAIT = Duration.ofSeconds(10);

    private static final Logger logger = LoggerFactory.getLogger(CreatedPlugins.class);

    private final ConfigurableListableBeanFactory beanFactory;

    /** What creates and destroys the plugins: the context's factory, or under AOT a child of it. */
    private final ConfigurableListableBeanFactory pluginFactory;

    /** {@link #ATTEMPT_WAIT}; shorter in tests. */
    private volatile Duration attemptWait = ATTEMPT_WAIT;

    // one lock for the state below, touched a few times per plugin: startup may load plugins on many threads
    private final Object lock = new Object();

    private final Deque<Created> plugins = new ArrayDeque<>();

    /** The load attempts under way on managers of this context, to wait for at close. */
    private final List<Attempt> attempts = new ArrayList<>();

    /** The threads whose attempts a failed startup gave up on: closing waits for none of theirs. */
    private final Set<Thread> abandonedThreads = new HashSet<>();

    /** Each thread's attempts, innermost last (a plugin's load may load another plugin). */
    private final ThreadLocal<Deque<Attempt>> threadAttempts = ThreadLocal.withInitial(ArrayDeque::new);

    /**
     * Called first by a thread's own bookkeeping at the end of each attempt, for tests only: a
     * {@link StackOverflowError} thrown here is one that strikes there, deep in a chain of plugins loading each other,
     * which a test cannot otherwise place deterministically. {@code null} in production.
     */
    static volatile @Nullable Runnable beforeForget;

    /** Set when the destroy phase begins: no plugin is created any more. */
    private boolean closed;

    /**
     * Set when closing stops waiting for creations: a creation that ends now destroys its plugin itself, as the
     * destroy loop, which may still be destroying the older plugins, may already have passed its place.
     */
    private boolean stoppedWaiting;

    CreatedPlugins(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        this.pluginFactory = PluginBeanFactory.of(beanFactory);
    }

    /** Sets how long closing waits for attempts under way (for tests). */
    void attemptWait(Duration attemptWait) {
        this.attemptWait = attemptWait;
    }

    /**
     * The interceptor that tells this bean when a manager's load attempt begins and ends, so that closing can wait
     * for the attempts that create a plugin through the context.
     *
     * @return the interceptor, for every manager of the context
     */
    PluginLoadInterceptor interceptor() {
        return this::aroundLoad;
    }

    private void aroundLoad(PluginContainer<?> container, PluginLoadInvocation invocation) {
        Attempt attempt = new Attempt(container.entryPoint().namespace(), container.name(), Thread.currentThread());
        Deque<Attempt> own = this.threadAttempts.get();
        try {
            own.addLast(attempt);
            synchronized (this.lock) {
                this.attempts.add(attempt);
            }
            invocation.proceed();
        }
        finally {
            try {
                // first what closing waits on: should a StackOverflowError (deep in plugins loading each other)
                // strike the thread's own bookkeeping below, closing must not wait its whole bound for an attempt
                // that is over
                synchronized (this.lock) {
                    this.attempts.remove(attempt);
                    this.lock.notifyAll();
                }
            }
            finally {
                forget(own, attempt);
            }
        }
    }

    /**
     * Drops an attempt from the thread's own: this one, not merely the last, so that one left behind by an overflow
     * never shifts the others.
     */
    private void forget(Deque<Attempt> own, Attempt attempt) {
        Runnable hook = beforeForget;
        if (hook != null) {
            hook.run();
        }
        own.removeLastOccurrence(attempt);
        if (own.isEmpty()) {
            // a pooled request thread keeps nothing of this context
            this.threadAttempts.remove();
        }
    }

    /**
     * Startup failed (a timeout, a fail-fast failure, an interrupt): closing does not wait for the plugins still
     * loading, which startup already gave up on, nor for those they go on to load on the same threads; each is
     * destroyed with the others.
     */
    void abandonAttempts() {
        synchronized (this.lock) {
            // by thread, not by attempt: an abandoned load() that loads another plugin once startup failed, before
            // closing began, starts an attempt that nobody waits for either
            this.attempts.forEach((attempt) -> this.abandonedThreads.add(attempt.thread));
            this.lock.notifyAll();
        }
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
        @Nullable Attempt attempt = this.threadAttempts.get().peekLast();
        synchronized (this.lock) {
            if (this.closed) {
                throw new IllegalStateException("plux namespace " + spec.namespace() + ": plugin " + spec.name()
                        + " (" + pluginClass.getName() + ") was not created: the application context is closed");
            }
            if (attempt != null) {
                // from now on closing waits for this attempt: its plugin is the context's to destroy
                attempt.creates = true;
            }
        }
        T plugin = this.pluginFactory.createBean(pluginClass);
        // createBean registers what it injected as dependencies of a bean named after the class
        for (String dependency : this.pluginFactory.getDependenciesForBean(pluginClass.getName())) {
            this.beanFactory.registerDependentBean(dependency, BEAN_NAME);
        }
        Created created = new Created(plugin, spec);
        boolean destroyNow;
        synchronized (this.lock) {
            destroyNow = this.stoppedWaiting;
            if (!destroyNow) {
                this.plugins.push(created);
            }
        }
        if (destroyNow) {
            // its creation outlasted the close's wait: nobody would destroy it later, and nothing may use it
            destroy(created);
            throw new IllegalStateException("plux namespace " + spec.namespace() + ": plugin " + spec.name() + " ("
                    + pluginClass.getName() + ") was created after the application context closed; it is destroyed"
                    + " and not loaded");
        }
        return plugin;
    }

    @Override
    public void destroy() {
        awaitAttempts();
        while (true) {
            Created plugin;
            synchronized (this.lock) {
                plugin = this.plugins.poll();
                if (plugin == null) {
                    return;
                }
            }
            destroy(plugin);
        }
    }

    /** Refuses new creations and waits, bounded, for the attempts under way that create a plugin. */
    private void awaitAttempts() {
        long deadline = System.nanoTime() + StartupRun.nanos(this.attemptWait);
        synchronized (this.lock) {
            this.closed = true;
            try {
                long left;
                while (!awaited().isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    this.lock.wait(Math.max(1, left / 1_000_000));
                }
            }
            catch (InterruptedException ex) {
                // asked to stop (SIGTERM during a startup): destroy what exists now, the rest when it is created
                Thread.currentThread().interrupt();
            }
            // from here on a creation that ends destroys its plugin itself: pushed now, it would be loaded while
            // (or after) the loop below destroys it
            this.stoppedWaiting = true;
            List<Attempt> left = awaited();
            if (!left.isEmpty()) {
                logger.warn("plux: the application context closes while plugins are still being created or loaded:"
                        + " {}; destroying the plugins now (one still being created is destroyed once its creation"
                        + " ends, and not loaded)", left);
            }
            // nothing waits any more: keep no thread of a failed startup
            this.abandonedThreads.clear();
        }
    }

    /**
     * The attempts closing waits for: not those of the closing thread itself (a plugin whose load closes the
     * context), which would wait for their own end, nor those of the threads a failed startup gave up on. Called
     * holding the lock.
     */
    private List<Attempt> awaited() {
        Thread closing = Thread.currentThread();
        return this.attempts.stream()
            .filter((attempt) -> attempt.creates && attempt.thread != closing
                    && !this.abandonedThreads.contains(attempt.thread))
            .toList();
    }

    private void destroy(Created created) {
        Object plugin = created.plugin;
        if (!(this.pluginFactory instanceof AbstractBeanFactory factory)) {
            // a factory of another kind: its own destruction, which names the plugin by its class only
            call(created, () -> this.pluginFactory.destroyBean(plugin));
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
    private void closeIfAutoCloseable(Created created) {
        if (created.plugin instanceof AutoCloseable closeable && !(created.plugin instanceof DisposableBean)) {
            call(created, closeable::close);
        }
    }

    /**
     * Runs a destroy step; as the context does for a singleton's, logs a failure and goes on with the others, an
     * error too (a {@code StackOverflowError} from a recursive {@code close()}): thrown on, it would leave every older
     * plugin undestroyed, and the context would only log it under this bean's name.
     */
    private static void call(Created created, Step body) {
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

    /** A plugin this bean created, with its spec for the messages. */
    private record Created(Object plugin, PluginSpec spec) {

        /** Names it in the messages: {@code namespace:name (class)}. */
        String describe() {
            return this.spec.namespace() + ":" + this.spec.name() + " (" + this.plugin.getClass().getName() + ")";
        }
    }

    /** A load attempt under way; its flag is guarded by the lock. */
    private static final class Attempt {

        private final String namespace;

        private final String name;

        private final Thread thread;

        /** Whether it creates a plugin through the context (not refused): closing waits for it. */
        private boolean creates;

        Attempt(String namespace, String name, Thread thread) {
            this.namespace = namespace;
            this.name = name;
            this.thread = thread;
        }

        @Override
        public String toString() {
            return this.namespace + ":" + this.name + " (on thread " + this.thread.getName() + ")";
        }
    }
}
