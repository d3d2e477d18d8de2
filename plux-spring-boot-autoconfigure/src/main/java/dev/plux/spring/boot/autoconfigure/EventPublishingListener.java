package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.event.PluginDisabledEvent;
import dev.plux.spring.event.PluginInitFailedEvent;
import dev.plux.spring.event.PluginInitializedEvent;
import dev.plux.spring.event.PluginLifecycleEvent;
import dev.plux.spring.event.PluginLoadFailedEvent;
import dev.plux.spring.event.PluginLoadedEvent;
import dev.plux.spring.event.PluginLoadingEvent;
import dev.plux.spring.event.PluginResolveFailedEvent;
import dev.plux.spring.event.PluginResolvedEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a manager's lifecycle callbacks as {@code dev.plux.spring.event} application events, synchronously,
 * so a {@code PluginDisabled} thrown by an {@code @EventListener} reaches the manager (Spring rethrows a
 * listener's runtime exception unwrapped) and disables the plugin. Anything else a listener throws (an
 * {@code Error} or a checked exception thrown sneakily too, but not a {@code VirtualMachineError}) is logged, naming
 * the event, the plugin and what the listener threw, and ignored; loading goes on.
 */
final class EventPublishingListener implements PluginLifecycleListener {

    private static final Logger logger = LoggerFactory.getLogger(EventPublishingListener.class);

    private final ApplicationEventPublisher publisher;

    /** The class through which Spring calls an {@code @EventListener} method. */
    private static final String LISTENER_METHOD_ADAPTER =
            "org.springframework.context.event.ApplicationListenerMethodAdapter";

    private volatile @Nullable PluginManager<?> manager;

    EventPublishingListener(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** The manager is built after this listener is handed to its builder; it is the events' source. */
    void bind(PluginManager<?> manager) {
        this.manager = manager;
    }

    private PluginManager<?> manager() {
        PluginManager<?> bound = this.manager;
        if (bound == null) {
            throw new IllegalStateException("the event publishing listener is used before its manager was built");
        }
        return bound;
    }

    private void publish(PluginLifecycleEvent event) {
        try {
            this.publisher.publishEvent(event);
        }
        catch (PluginDisabled ex) {
            throw ex;
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            // ignored as the manager's composite listener would, but named as the user wrote it: an @EventListener
            // or ApplicationListener of this event, not plux's publisher and its callback
            Throwable thrown = thrownByListener(ex);
            if (thrown instanceof VirtualMachineError error) {
                // not swallowed, as the manager never swallows one: Spring's wrapper must not hide it
                throw error;
            }
            String where = thrownAt(thrown);
            logger.warn("{} of {} failed for plugin {}:{}; ignoring it: {}{}", kindOfListener(ex),
                    event.getClass().getSimpleName(), event.namespace(), event.pluginName(), thrown,
                    (where != null) ? " (thrown at " + where + ")" : "", ex);
        }
    }

    /**
     * How the user wrote the listener that threw: {@code an @EventListener} when Spring's method adapter called it
     * (its frames are below the listener's, or it wrapped what the method threw), else {@code an ApplicationListener}
     * (a bean implementing the interface, which Spring calls directly).
     */
    private static String kindOfListener(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals(LISTENER_METHOD_ADAPTER)) {
                return "an @EventListener";
            }
        }
        return "an ApplicationListener";
    }

    /**
     * What the listener itself threw: Spring wraps an {@code Error} or checked exception of an {@code @EventListener}
     * method in an {@code UndeclaredThrowableException} whose message is only "Failed to invoke event listener
     * method" and the method's details, which would hide it from the warning.
     */
    private static Throwable thrownByListener(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 8; depth++) {
            Throwable cause = current.getCause();
            if (cause == null || cause == current || !(current instanceof UndeclaredThrowableException
                    || current instanceof InvocationTargetException)) {
                break;
            }
            current = cause;
        }
        return current;
    }

    /**
     * The first frame of the listener's own code (the first not of the JDK, Spring or plux's runtime), so the
     * warning names the file and line to fix; {@code null} when there is none.
     */
    private static @Nullable String thrownAt(Throwable thrown) {
        for (StackTraceElement frame : thrown.getStackTrace()) {
            String type = frame.getClassName();
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("org.springframework.") || type.startsWith("dev.plux.runtime.")
                    || type.startsWith("dev.plux.core.")
                    || type.equals(EventPublishingListener.class.getName()))) {
                return frame.toString();
            }
        }
        return null;
    }

    @Override
    public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
        publish(new PluginResolveFailedEvent(manager(), entryPoint, exception));
    }

    @Override
    public void onResolveAfter(PluginSpec spec) {
        publish(new PluginResolvedEvent(manager(), spec));
    }

    @Override
    public void onInitException(PluginSpec spec, Throwable exception) {
        publish(new PluginInitFailedEvent(manager(), spec, exception));
    }

    @Override
    public void onInitAfter(PluginSpec spec, Plugin plugin) {
        publish(new PluginInitializedEvent(manager(), spec, plugin));
    }

    @Override
    public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
        publish(new PluginLoadingEvent(manager(), spec, plugin, loadArgs));
    }

    @Override
    public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
        publish(new PluginLoadedEvent(manager(), spec, plugin, loadResult));
    }

    @Override
    public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
        publish(new PluginLoadFailedEvent(manager(), spec, plugin, exception));
    }

    @Override
    public void onDisabled(PluginSpec spec, String reason) {
        publish(new PluginDisabledEvent(manager(), spec, reason));
    }

    @Override
    public String toString() {
        return "EventPublishingListener[" + this.manager + "]";
    }
}
