package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import dev.plux.core.PluginException;

import org.jspecify.annotations.Nullable;

/**
 * Plugins of a {@code load-on-startup} namespace stopped the application from starting: a plugin failed with
 * {@code fail-fast} set, or {@code startup-timeout} passed with plugins still loading. It carries what the failure
 * analyzer prints, so nothing has to be recomputed from the environment after the failure.
 */
public class PluginStartupException extends PluginException {

    private static final long serialVersionUID = 1L;

    /** The configuration item of the namespace, such as {@code plux.namespaces[2]}. */
    private final String property;

    /**
     * The plugins the failure is about: the failed one, or those still loading or waiting at the timeout (not those
     * skipped after a fail-fast failure); none when the namespace's plugins could not be listed (its finder failed,
     * or was still listing), or when all those unfinished at the timeout were skipped.
     */
    private final List<String> plugins;

    /** Whether the namespace's {@code startup-timeout} passed (rather than a plugin failing). */
    private final boolean timedOut;

    /**
     * Creates the exception.
     *
     * @param message the message, naming the namespace and plugins
     * @param namespace the namespace
     * @param property the namespace's configuration item, such as {@code plux.namespaces[2]}
     * @param plugins the plugins concerned, in load order; empty when the namespace's plugins could not be listed
     * @param timedOut whether the startup timeout passed
     * @param cause the plugin's or the finder's failure, the interruption, or for a timeout the failure of the
     *        fail-fast plugin after which plugins of the namespace were skipped ({@code null} when none was); an
     *        interruption after such a failure carries that failure as a suppressed exception
     */
    public PluginStartupException(String message, String namespace, String property, List<String> plugins,
            boolean timedOut, @Nullable Throwable cause) {
        super(message, namespace, (plugins.size() == 1) ? plugins.get(0) : null, cause);
        this.property = property;
        this.plugins = List.copyOf(plugins);
        this.timedOut = timedOut;
    }

    /**
     * The configuration item of the namespace, the prefix of its {@code exclude} and {@code fail-fast} properties.
     *
     * @return a property name such as {@code plux.namespaces[2]}
     */
    public String property() {
        return this.property;
    }

    /**
     * The plugins the failure is about.
     *
     * @return the failed plugin, or the plugins still loading or waiting when the timeout passed (not those skipped
     *         after a fail-fast failure, which the message names apart); empty when the namespace's plugins could
     *         not be listed, or when every plugin unfinished at the timeout was skipped
     */
    public List<String> plugins() {
        return this.plugins;
    }

    /**
     * Whether the namespace's {@code startup-timeout} passed.
     *
     * @return {@code true} for a timeout, {@code false} for a failed plugin
     */
    public boolean timedOut() {
        return this.timedOut;
    }
}
