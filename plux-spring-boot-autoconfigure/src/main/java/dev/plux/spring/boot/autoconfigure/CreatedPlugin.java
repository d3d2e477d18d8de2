package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.PluginSpec;

/**
 * A plugin that {@link CreatedPlugins} created (the object itself, not a proxy of it), with its spec for the
 * messages. Equal only to itself (not a record): it is taken out of the deque by identity, whatever the plugin's own
 * {@code equals}.
 */
final class CreatedPlugin {

    final Object plugin;

    /**
     * What the factory returned: the plugin, or a proxy of it, which the post-processors that ran after the proxy was
     * made saw ({@code @Scheduled}'s keeps its tasks by it).
     */
    final Object exposed;

    final PluginSpec spec;

    CreatedPlugin(Object plugin, Object exposed, PluginSpec spec) {
        this.plugin = plugin;
        this.exposed = exposed;
        this.spec = spec;
    }

    /** Names it in the messages: {@code namespace:name (class)}. */
    String describe() {
        return this.spec.namespace() + ":" + this.spec.name() + " (" + this.plugin.getClass().getName() + ")";
    }
}
