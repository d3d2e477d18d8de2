package dev.plux.core;

import org.jspecify.annotations.Nullable;

/**
 * A plugin could not be found, created or loaded. Carries the namespace and name of the plugin when known.
 */
public class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The namespace of the plugin concerned, if any. */
    private final @Nullable String namespace;

    /** The name of the plugin concerned, if any. */
    private final @Nullable String name;

    /**
     * Creates an exception.
     *
     * @param message what went wrong
     * @param namespace the plugin's namespace, or {@code null} if unknown (or not about one plugin)
     * @param name the plugin's name, or {@code null} if unknown (or not about one plugin)
     */
    public PluginException(String message, @Nullable String namespace, @Nullable String name) {
        this(message, namespace, name, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what went wrong
     * @param namespace the plugin's namespace, or {@code null} if unknown (or not about one plugin)
     * @param name the plugin's name, or {@code null} if unknown (or not about one plugin)
     * @param cause the underlying failure, or {@code null} if none
     */
    public PluginException(String message, @Nullable String namespace, @Nullable String name,
            @Nullable Throwable cause) {
        super(message, cause);
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * The namespace of the plugin concerned.
     *
     * @return the namespace, or {@code null} if unknown
     */
    public @Nullable String namespace() {
        return this.namespace;
    }

    /**
     * The name of the plugin concerned.
     *
     * @return the name, or {@code null} if unknown
     */
    public @Nullable String name() {
        return this.name;
    }
}
