package dev.plux.core;

import org.jspecify.annotations.Nullable;

/**
 * No plugin of that name exists in the namespace.
 *
 * <p>The message is {@code "no plugin named greter in namespace my.ns"}; when the namespace declares a name close to
 * the one asked for (a typo), the manager adds it: {@code "...; did you mean greeter?"}. A control, line-separator or
 * format character in the name is written as {@code \\uXXXX} in the message (a name taken from a request cannot
 * forge a log line), and of a name over 200 characters the message shows the first 200 and how many more there are;
 * {@link #name()} returns the name as given.
 */
public class NoSuchPluginException extends PluginException {

    private static final long serialVersionUID = 1L;

    /** The declared name close to the one asked for, which the message suggests; {@code null} when none is. */
    private final @Nullable String suggestion;

    /**
     * Creates the exception.
     *
     * @param namespace the namespace searched
     * @param name the name not found
     */
    public NoSuchPluginException(String namespace, String name) {
        this(namespace, name, null);
    }

    /**
     * Creates the exception with the declared name the caller probably meant.
     *
     * @param namespace the namespace searched
     * @param name the name not found
     * @param suggestion a declared name of the namespace close to {@code name}, or {@code null} when none is
     */
    public NoSuchPluginException(String namespace, String name, @Nullable String suggestion) {
        // escaped and cut in the message only (name() keeps it as given): an application may pass a request's input
        // to load(), and a newline in it must not forge a log line when the exception is logged, nor its length make
        // the line as long (no declarable name is over 255 characters)
        super("no plugin named " + PluginSpecResolver.quote(name) + " in namespace "
                + PluginSpecResolver.escape(namespace)
                + ((suggestion != null) ? "; did you mean " + PluginSpecResolver.escape(suggestion) + "?" : ""),
                namespace, name);
        this.suggestion = suggestion;
    }

    /**
     * The declared name of the namespace close to the one asked for, which the message suggests.
     *
     * @return that name, or {@code null} when no declared name is close
     */
    public @Nullable String suggestion() {
        return this.suggestion;
    }
}
