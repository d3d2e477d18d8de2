package dev.plux.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the creations of {@link CreatedPlugins} when the context stops or closes, in phase
 * {@link CreatedPlugins#PHASE}, and starts them again when it starts.
 *
 * <p>A singleton object registered with the managers' definitions ({@link #register}: by the registrar, or under AOT by
 * a generated initializer, {@link PluxBeanFactoryInitializationAotProcessor}), not a bean definition: the context
 * creates each {@code SmartLifecycle} definition when it starts, lazy or not, and {@code CreatedPlugins} with it, where
 * no manager is used (about 0.8% of a small application's start, benchmarks/README.md). It exists before the first
 * manager, so that it has the context's state when {@code CreatedPlugins} is created ({@link #attach}): a manager first
 * used while the context is stopped (a CRaC checkpoint) refuses its creations until the context starts again, and one
 * first used while the context closes (a request that graceful shutdown drains) stops them in this phase, which a
 * lifecycle registered then would miss, the context having listed its lifecycle beans as it began to stop them.
 * {@code CreatedPlugins} registers nothing itself: it may be created on a thread that Spring lets create singletons
 * without the context's singleton lock, which the starting thread holds while it waits for that thread.
 *
 * <p>Of its own, not {@code CreatedPlugins} itself: {@code CreatedPlugins} is registered as dependent on the beans its
 * plugins were injected with (so that it is destroyed before them), and Spring stops a lifecycle bean's dependents
 * before it. A plugin injected with a lifecycle bean of an earlier shutdown phase (a task executor or a scheduler,
 * {@code DEFAULT_PHASE}) would otherwise stop plux's creations in that phase, before Boot's web server graceful
 * shutdown has drained the requests whose loads create plugins.
 */
final class CreatedPluginsLifecycle implements SmartLifecycle {

    static final String BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalCreatedPluginsLifecycle";

    /** Started by the context's refresh, as a lifecycle bean is; before, creations are accepted (startup loading). */
    private volatile boolean running;

    /** Stopped since the context last started: a {@code CreatedPlugins} attached now refuses creations. */
    private boolean stopped;

    /** Once the first manager is created; guarded by this lifecycle. */
    private @Nullable CreatedPlugins plugins;

    private CreatedPluginsLifecycle(boolean running) {
        this.running = running;
    }

    /**
     * Registers the lifecycle of the plugins a context creates, unless it is registered already.
     *
     * @param registry the context's bean factory
     */
    static void register(SingletonBeanRegistry registry) {
        if (!registry.containsSingleton(BEAN_NAME)) {
            registry.registerSingleton(BEAN_NAME, new CreatedPluginsLifecycle(false));
        }
    }

    /**
     * The lifecycle {@code CreatedPlugins} follows from now on: the context's, or, where none was registered before
     * it (a context set up neither by the registrar nor by an AOT initializer), one registered now, running.
     */
    static void attach(SingletonBeanRegistry registry, CreatedPlugins plugins) {
        if (registry.getSingleton(BEAN_NAME) instanceof CreatedPluginsLifecycle lifecycle) {
            lifecycle.attach(plugins);
            return;
        }
        CreatedPluginsLifecycle lifecycle = new CreatedPluginsLifecycle(true);
        lifecycle.attach(plugins);
        registry.registerSingleton(BEAN_NAME, lifecycle);
    }

    private synchronized void attach(CreatedPlugins plugins) {
        this.plugins = plugins;
        if (this.stopped) {
            plugins.stop();
        }
    }

    @Override
    public synchronized void start() {
        this.stopped = false;
        this.running = true;
        if (this.plugins != null) {
            this.plugins.start();
        }
    }

    @Override
    public synchronized void stop(Runnable callback) {
        this.stopped = true;
        this.running = false;
        if (this.plugins != null) {
            this.plugins.stop(callback);
        }
        else {
            // no plugin created yet: nothing to wait for
            callback.run();
        }
    }

    @Override
    public synchronized void stop() {
        this.stopped = true;
        this.running = false;
        if (this.plugins != null) {
            this.plugins.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return CreatedPlugins.PHASE;
    }

    /**
     * Not paused: a paused context (Spring Framework 7's test context cache pauses a cached context while another
     * one runs) still serves requests, as Boot's web server opts out of pausing too, and a creation refused then would
     * leave its plugin {@code INIT_FAILED} for good. Closing, {@code stop()} and a CRaC checkpoint still stop it.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
