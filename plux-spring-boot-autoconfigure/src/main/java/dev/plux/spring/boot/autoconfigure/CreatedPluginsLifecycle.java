package dev.plux.spring.boot.autoconfigure;

import org.springframework.context.SmartLifecycle;

/**
 * Stops the creations of {@link CreatedPlugins} when the context stops or closes, in phase
 * {@link CreatedPlugins#PHASE}.
 *
 * <p>A singleton that {@code CreatedPlugins} registers when the context creates it, with the first manager (a
 * definition would be created at every start: the context creates each {@code SmartLifecycle} definition, lazy or
 * not). Of its own, not {@code CreatedPlugins} itself: {@code CreatedPlugins} is registered as dependent on the
 * beans its plugins were injected with (so that it is destroyed before them), and Spring stops a lifecycle bean's
 * dependents before it. A plugin injected with a lifecycle bean of an earlier shutdown phase (a task executor or a
 * scheduler, {@code DEFAULT_PHASE}) would otherwise stop plux's creations in that phase, before Boot's web server
 * graceful shutdown has drained the requests whose loads create plugins.
 */
final class CreatedPluginsLifecycle implements SmartLifecycle {

    static final String BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalCreatedPluginsLifecycle";

    private final CreatedPlugins plugins;

    CreatedPluginsLifecycle(CreatedPlugins plugins) {
        this.plugins = plugins;
    }

    @Override
    public void start() {
        this.plugins.start();
    }

    @Override
    public void stop(Runnable callback) {
        this.plugins.stop(callback);
    }

    @Override
    public void stop() {
        this.plugins.stop();
    }

    @Override
    public boolean isRunning() {
        return this.plugins.isRunning();
    }

    @Override
    public int getPhase() {
        return CreatedPlugins.PHASE;
    }
}
