package dev.plux.runtime;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

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
 * load; a plugin of the class path that it loads runs with the context class loader the thread had outside all
 * bundle plugins (the application's code must not see a bundle's services). Only the calling thread is affected:
 * code the plugin runs later, when the application calls it, or on threads it starts after its {@code load()}, has
 * whatever context class loader that thread has.
 */
final class BundleContextClassLoader {

    /**
     * The context class loader this thread had before plux first gave it a bundle's, while plux runs a bundle
     * plugin's code on it; {@code null} outside. Read only when a plugin of the class path is created or loaded with a
     * bundle's loader as context class loader, never on the path of an already loaded plugin.
     */
    private static final ThreadLocal<Outside> OUTSIDE = new ThreadLocal<>();

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
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        if (bundle == null) {
            if (!(caller instanceof BundleClassLoader)) {
                return code.call();
            }
            // a bundle's plugin loads a plugin of the class path from its own code: that plugin is the
            // application's, and with the bundle's loader its ServiceLoader.load(type) would list the bundle's
            // providers, or, for a type the bundle has its own copy of, fail with "not a subtype"
            Outside outside = OUTSIDE.get();
            if (outside == null) {
                // a thread the bundle's plugin started inherited its loader: nothing else is known of the caller
                return code.call();
            }
            return callWith(thread, outside.loader(), caller, code);
        }
        boolean outermost = OUTSIDE.get() == null;
        if (outermost) {
            OUTSIDE.set(new Outside(caller));
        }
        try {
            return callWith(thread, bundle.classLoader(), caller, code);
        }
        finally {
            if (outermost) {
                OUTSIDE.remove();
            }
        }
    }

    private static <T> T callWith(Thread thread, @Nullable ClassLoader context, @Nullable ClassLoader caller,
            Callable<T> code) throws Exception {
        thread.setContextClassLoader(context);
        try {
            return code.call();
        }
        finally {
            // also when the plugin changed it itself and did not put it back: nothing of the bundle stays on the
            // thread (a pool's or plux's own startup thread would keep the bundle's loader reachable)
            thread.setContextClassLoader(caller);
        }
    }

    /** The thread's context class loader outside all bundle plugins, which may be none ({@code null}). */
    private record Outside(@Nullable ClassLoader loader) {
    }
}
