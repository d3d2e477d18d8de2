package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.event.PluginDisabledEvent;
import dev.plux.spring.event.PluginInitFailedEvent;
import dev.plux.spring.event.PluginInitializedEvent;
import dev.plux.spring.event.PluginLoadFailedEvent;
import dev.plux.spring.event.PluginLoadedEvent;
import dev.plux.spring.event.PluginLoadingEvent;
import dev.plux.spring.event.PluginResolveFailedEvent;
import dev.plux.spring.event.PluginResolvedEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a manager's lifecycle callbacks as {@code dev.plux.spring.event} application events, synchronously,
 * so a {@code PluginDisabled} thrown by an {@code @EventListener} reaches the manager (Spring rethrows a
 * listener's runtime exception unwrapped) and disables the plugin.
 */
final class EventPublishingListener implements PluginLifecycleListener {

    private final ApplicationEventPublisher publisher;

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

    private void publish(ApplicationEvent event) {
        this.publisher.publishEvent(event);
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
