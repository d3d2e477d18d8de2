package dev.plux.runtime;

import java.util.concurrent.Callable;

/**
 * Runs a plugin's own code while it is created and loaded (its constructor or factory, {@code shouldLoad()},
 * {@code load()}) with the class loader of its plugin-directory bundle as the thread's context class loader, and
 * puts the caller's back afterwards, also when the code throws.
 *
 * <p>Why: the libraries a bundle carries look services and resources up through the context class loader
 * ({@code ServiceLoader.load(type)}, {@code DriverManager}'s driver discovery, Jackson's
 * {@code findAndRegisterModules()}, Spring's {@code ClassPathResource(path)}). With the application's loader there,
 * which cannot see inside a bundle, they found nothing, silently. A plugin of the class path (or of a finder) runs
 * with the caller's context class loader as before; so do listeners and interceptors, which are the application's
 * code. A plugin that loads a plugin of another bundle from its {@code load()} gets its own loader back after that
 * load. Only the calling thread is affected: code the plugin runs later, when the application calls it, or on
 * threads it starts after its {@code load()}, has whatever context class loader that thread has.
 */
final class BundleContextClassLoader {

    private BundleContextClassLoader() {
    }

    /**
     * Calls a plugin's code with its bundle's class loader as the context class loader, if it is a bundle's plugin.
     *
     * @param container the plugin
     * @param code its code
     * @param <T> what the code returns
     * @return what the code returned
     * @throws Exception what the code threw
     */
    static <T> T call(ManagedPlugin<?> container, Callable<T> code) throws Exception {
        Bundle bundle = container.declaringBundle();
        if (bundle == null) {
            return code.call();
        }
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(bundle.classLoader());
        try {
            return code.call();
        }
        finally {
            // also when the plugin changed it itself and did not put it back: nothing of the bundle stays on the
            // thread (a pool's or plux's own startup thread would keep the bundle's loader reachable)
            thread.setContextClassLoader(caller);
        }
    }
}
