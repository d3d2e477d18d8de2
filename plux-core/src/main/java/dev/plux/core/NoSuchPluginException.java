package dev.plux.core;

/**
 * No plugin of that name exists in the namespace.
 */
public class NoSuchPluginException extends PluginException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param namespace the namespace searched
     * @param name the name not found
     */
    public NoSuchPluginException(String namespace, String name) {
        super("no plugin named " + name + " in namespace " + namespace, namespace, name);
    }
}
