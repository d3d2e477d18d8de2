package dev.plux.core;

import org.jspecify.annotations.Nullable;

/**
 * The plugin is disabled. Thrown by {@code PluginManager.load} for a disabled plugin; thrown by a listener, a
 * filter, a factory or the plugin to disable it. Only one naming the plugin concerned (its namespace and name)
 * disables it: one naming another plugin (a plugin whose {@code load()} loads a disabled one) fails the plugin,
 * with that exception as the cause.
 */
public class PluginDisabled extends PluginException {

    private static final long serialVersionUID = 1L;

    /** Why the plugin is disabled, if known. */
    private final @Nullable String reason;

    /**
     * Creates the exception.
     *
     * @param namespace the plugin's namespace
     * @param name the plugin's name
     * @param reason why it is disabled, or {@code null}
     */
    public PluginDisabled(String namespace, String name, @Nullable String reason) {
        super("plugin " + namespace + ":" + name + " is disabled" + (reason == null ? "" : ", reason: " + reason),
                namespace, name);
        this.reason = reason;
    }

    /**
     * Why the plugin is disabled.
     *
     * @return the reason, or {@code null} if none was given
     */
    public @Nullable String reason() {
        return this.reason;
    }
}
