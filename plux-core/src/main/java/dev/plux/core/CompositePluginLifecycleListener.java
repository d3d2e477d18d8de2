package dev.plux.core;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls several listeners in order. A listener that throws does not keep the others from being called:
 * a {@link PluginDisabled} is rethrown after every listener ran (the first one naming the plugin the callback is
 * about wins; one naming another plugin only when none names it); anything else — any
 * {@code Throwable}: an {@code Error} such as {@code AssertionError}, a checked exception thrown sneakily — is
 * logged and ignored, except a {@link VirtualMachineError}, which is rethrown at once. Listeners may be added while
 * plugins load.
 */
public class CompositePluginLifecycleListener implements PluginLifecycleListener {

    private static final Logger logger = LoggerFactory.getLogger(CompositePluginLifecycleListener.class);

    private final List<PluginLifecycleListener> listeners;

    /**
     * Creates the composite.
     *
     * @param listeners the listeners, called in this order
     */
    public CompositePluginLifecycleListener(Collection<? extends PluginLifecycleListener> listeners) {
        this.listeners = new CopyOnWriteArrayList<>(listeners);
    }

    /**
     * Adds a listener after the present ones.
     *
     * @param listener the listener
     */
    public void addListener(PluginLifecycleListener listener) {
        this.listeners.add(listener);
    }

    /**
     * The listeners, in call order.
     *
     * @return a snapshot of the listeners
     */
    public List<PluginLifecycleListener> getListeners() {
        return List.copyOf(this.listeners);
    }

    private void each(String callback, String namespace, String name, Consumer<PluginLifecycleListener> call) {
        PluginDisabled disabled = null;
        for (PluginLifecycleListener listener : this.listeners) {
            try {
                call.accept(listener);
            }
            catch (PluginDisabled ex) {
                // the manager honours only a PluginDisabled naming this plugin: one naming another must not hide it
                if (disabled == null || (!names(disabled, namespace, name) && names(ex, namespace, name))) {
                    disabled = ex;
                }
            }
            catch (VirtualMachineError ex) {
                throw ex;
            }
            catch (Throwable ex) {
                // one listener may serve every plugin (Spring's event publisher): say which plugin this was for
                warn(listener, callback, namespace, name, ex);
            }
        }
        if (disabled != null) {
            throw disabled;
        }
    }

    /**
     * Logs what a listener threw. An exception whose {@code toString()} or {@code getMessage()} throws (a message
     * built from state it lacks) would make the log call throw and skip the next listeners: it is named by its type,
     * without its stack trace, which a logging backend could not print either.
     */
    private static void warn(PluginLifecycleListener listener, String callback, String namespace, String name,
            Throwable ex) {
        String text;
        @Nullable Throwable printable = ex;
        try {
            text = ex.toString();
            // a backend prints the causes too: 32 levels are enough for any real chain, and end a looping one
            Throwable current = ex;
            for (int depth = 0; current != null && depth < 32; depth++) {
                current.toString();
                current.getMessage();
                current = current.getCause();
            }
        }
        catch (VirtualMachineError fatal) {
            throw fatal;
        }
        catch (Throwable unreadable) {
            text = ex.getClass().getName() + " (its message cannot be read: " + unreadable.getClass().getName() + ")";
            printable = null;
        }
        logger.warn("plugin lifecycle listener {} failed in {} for plugin {}:{}; ignoring it: {}", listener,
                callback, namespace, name, text, printable);
    }

    private static boolean names(PluginDisabled disabled, String namespace, String name) {
        return namespace.equals(disabled.namespace()) && name.equals(disabled.name());
    }

    @Override
    public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
        each("onResolveException", namespace, entryPoint.name(),
                (listener) -> listener.onResolveException(namespace, entryPoint, exception));
    }

    @Override
    public void onResolveAfter(PluginSpec spec) {
        each("onResolveAfter", spec.namespace(), spec.name(), (listener) -> listener.onResolveAfter(spec));
    }

    @Override
    public void onInitBefore(PluginSpec spec) {
        each("onInitBefore", spec.namespace(), spec.name(), (listener) -> listener.onInitBefore(spec));
    }

    @Override
    public void onInitException(PluginSpec spec, Throwable exception) {
        each("onInitException", spec.namespace(), spec.name(), (listener) -> listener.onInitException(spec, exception));
    }

    @Override
    public void onInitAfter(PluginSpec spec, Plugin plugin) {
        each("onInitAfter", spec.namespace(), spec.name(), (listener) -> listener.onInitAfter(spec, plugin));
    }

    @Override
    public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
        each("onLoadBefore", spec.namespace(), spec.name(),
                (listener) -> listener.onLoadBefore(spec, plugin, loadArgs));
    }

    @Override
    public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
        each("onLoadAfter", spec.namespace(), spec.name(),
                (listener) -> listener.onLoadAfter(spec, plugin, loadResult));
    }

    @Override
    public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
        each("onLoadException", spec.namespace(), spec.name(),
                (listener) -> listener.onLoadException(spec, plugin, exception));
    }

    @Override
    public void onDisabled(PluginSpec spec, String reason) {
        each("onDisabled", spec.namespace(), spec.name(), (listener) -> listener.onDisabled(spec, reason));
    }
}
