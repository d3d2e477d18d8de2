package dev.plux.runtime;

/**
 * Runs around the first load attempt of one plugin (filters, init, load condition, load and their listeners), on
 * the loading thread: the one place to start and stop an observation, a timer or a tracing span.
 *
 * <pre>{@code
 * PluginManager.<MyPlugin>builder("my.plugins")
 *     .interceptor((container, invocation) -> {
 *         long start = System.nanoTime();
 *         try {
 *             invocation.proceed();
 *         }
 *         finally {
 *             log(container.name(), container.state(), System.nanoTime() - start);
 *         }
 *     })
 *     .build();
 * }</pre>
 *
 * An interceptor that throws, or returns without calling {@link PluginLoadInvocation#proceed()}, is logged; the
 * manager then proceeds itself, so a plugin is never left half loaded.
 *
 * <p>Each plugin's loading thread runs it: a manager used from several threads runs it around different plugins at
 * once, so it must be thread-safe.
 */
@FunctionalInterface
public interface PluginLoadInterceptor {

    /**
     * Runs around one plugin's init and load.
     *
     * @param container the plugin's container; its {@link PluginContainer#state()} after {@code proceed()} is the
     *        outcome ({@code LOADED}, {@code DISABLED}, {@code INIT_FAILED} or {@code LOAD_FAILED})
     * @param invocation call {@link PluginLoadInvocation#proceed()} exactly once
     */
    void aroundLoad(PluginContainer<?> container, PluginLoadInvocation invocation);
}
