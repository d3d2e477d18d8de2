package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.PluginSpec;

/**
 * A plugin that {@link CreatedPlugins} created (the object itself, not a proxy of it), with its spec for the
 * messages. Equal only to itself (not a record): it is taken out of the deque by identity, whatever the plugin's own
 * {@code equals}.
 */
final class CreatedPlugin {

    final Object plugin;

    final PluginSpec spec;

    CreatedPlugin(Object plugin, PluginSpec spec) {
        this.plugin = plugin;
        this.spec = spec;
    }

    /** Names it in the messages: {@code namespace:name (class)}. */
    String describe() {
        return this.spec.namespace() + ":" + this.spec.name() + " (" + this.plugin.getClass().getName() + ")";
    }
}
