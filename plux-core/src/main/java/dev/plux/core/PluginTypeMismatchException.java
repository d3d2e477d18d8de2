package dev.plux.core;

import org.jspecify.annotations.Nullable;

/**
 * A plugin's factory made an object that is not of the manager's plugin type ({@code PluginManager.Builder
 * .pluginType}): the plugin fails to initialize with this exception. It carries the types involved, so that code
 * explaining the failure (the Spring layer's failure analysis) can tell the two causes apart without reading the
 * message:
 * <ul>
 * <li>the plugin does not implement the plugin type at all ({@link #copyOfPluginType()} is {@code null}): fix the
 * plugin, or the plugin type the manager was given;</li>
 * <li>it implements another copy of it ({@link #copyOfPluginType()} is that copy): a class of the same name from
 * another class loader, most often because a bundle of a plugin directory, which looks classes up in itself first,
 * carries the plugin type inside it; remove the type from the plugin's bundle or jar.</li>
 * </ul>
 *
 * <p>The message reads {@code "plugin ns:name is a X, which is not a T (the plugin type of this manager)"},
 * followed, for a copy, by {@code "; it implements another T, of class loader ..."} and what to do.
 */
public class PluginTypeMismatchException extends PluginException {

    private static final long serialVersionUID = 1L;

    /** The manager's plugin type, which the plugin is not an instance of. */
    private final Class<?> pluginType;

    /** The class of the object the plugin's factory made. */
    private final Class<?> pluginClass;

    /** A supertype of the plugin class with the plugin type's name but another class, if there is one. */
    private final @Nullable Class<?> copyOfPluginType;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the plugin and both types
     * @param namespace the plugin's namespace
     * @param name the plugin's name
     * @param pluginType the manager's plugin type
     * @param pluginClass the class of the object the plugin's factory made
     * @param copyOfPluginType the supertype of {@code pluginClass} that has the plugin type's name but is another
     * class (another class loader's copy), or {@code null} when no supertype has that name
     */
    public PluginTypeMismatchException(String message, String namespace, String name, Class<?> pluginType,
            Class<?> pluginClass, @Nullable Class<?> copyOfPluginType) {
        super(message, namespace, name);
        this.pluginType = pluginType;
        this.pluginClass = pluginClass;
        this.copyOfPluginType = copyOfPluginType;
    }

    /**
     * The manager's plugin type, which the plugin is not an instance of.
     *
     * @return the plugin type
     */
    public Class<?> pluginType() {
        return this.pluginType;
    }

    /**
     * The class of the object the plugin's factory made.
     *
     * @return the plugin's class
     */
    public Class<?> pluginClass() {
        return this.pluginClass;
    }

    /**
     * The copy of the plugin type the plugin implements instead of the manager's: a supertype of the plugin's class
     * with the same name as the plugin type, from another class loader. When present the plugin carries its own copy
     * of the plugin type, and neither implementing the type nor choosing another plugin type fixes it.
     *
     * @return the copy, or {@code null} when no supertype of the plugin's class has the plugin type's name
     */
    public @Nullable Class<?> copyOfPluginType() {
        return this.copyOfPluginType;
    }
}
