package dev.plux.spring.boot.autoconfigure;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.plux.core.PluginException;

import org.jspecify.annotations.Nullable;

/**
 * Plugins of a {@code load-on-startup} namespace stopped the application from starting: a plugin failed (to
 * resolve, init or load) with {@code fail-fast} set, or a custom finder could not list the namespace with
 * {@code fail-fast} set, or {@code startup-timeout} passed with plugins still loading or waiting, or startup loading
 * was interrupted (the context closing). It carries what the failure analyzer prints, so nothing has to be
 * recomputed from the environment after the failure.
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

    /** The failure of a plugin the failed plugin's {@code load()} loaded, which is the one to fix; else null. */
    private final @Nullable PluginException loadedPluginFailure;

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
        this.loadedPluginFailure = (!timedOut && plugins.size() == 1 && cause != null)
                ? loadedPluginFailure(cause, namespace, plugins.get(0)) : null;
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
     * @return {@code true} for a timeout; {@code false} for a failed plugin, a namespace that could not be
     *         listed, or an interruption
     */
    public boolean timedOut() {
        return this.timedOut;
    }

    /**
     * When the failed plugin failed because a plugin its {@code load()} loads (directly or through others) failed,
     * is disabled or does not exist: that plugin's exception, which names it ({@code PluginDisabled},
     * {@code NoSuchPluginException} or another {@code PluginException}); that plugin is the one to fix or enable.
     *
     * @return the innermost exception of the cause chain that names another plugin; {@code null} for a timeout, or
     *         when the plugin failed on its own
     */
    public @Nullable PluginException loadedPluginFailure() {
        return this.loadedPluginFailure;
    }

    /**
     * The innermost {@code PluginException} of a failure's cause chain that names another plugin than
     * {@code namespace:name}; {@code null} when there is none. One walk for the startup summary and for this
     * exception, so that the two cannot disagree.
     */
    static @Nullable PluginException loadedPluginFailure(Throwable failure, @Nullable String namespace, String name) {
        PluginException other = null;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof PluginException plugin && plugin.name() != null
                    && !(Objects.equals(plugin.namespace(), namespace) && Objects.equals(plugin.name(), name))) {
                other = plugin;
            }
        }
        return other;
    }
}
