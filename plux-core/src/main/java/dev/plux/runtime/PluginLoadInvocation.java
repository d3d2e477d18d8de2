package dev.plux.runtime;

/**
 * The rest of one plugin's first load attempt, handed to a {@link PluginLoadInterceptor}.
 */
@FunctionalInterface
public interface PluginLoadInvocation {

    /**
     * Runs the next interceptor, or the plugin's filters, init, load condition and load with their listeners.
     * Runs them once, on the thread that called the interceptor: a second call, or a call from another thread,
     * does nothing (and is logged). Never throws: the outcome is recorded in the container
     * ({@code state()}, {@code initError()}, {@code loadError()}, {@code disabledReason()}) — except a
     * {@link VirtualMachineError}, rethrown after the plugin is recorded as failed.
     */
    void proceed();
}
