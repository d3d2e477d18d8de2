package dev.plux.core;

import java.net.URL;
import java.security.CodeSource;

import org.jspecify.annotations.Nullable;

/**
 * A plugin whose class loader has its own copy of plux-core. A plugin directory filled with the plugins' dependencies
 * (plux-core among them), made into a module layer with one loader, gives the layer its own module
 * {@code dev.plux.core}: the plugin modules read it, and their classes implement its {@code Plugin}, another class
 * than the manager's. The only words were "does not implement dev.plux.core.Plugin", which the plugin's source
 * plainly does.
 */
final class CoreCopy {

    private CoreCopy() {
    }

    /**
     * What to say when a class's loader sees another {@link Plugin} than this plux-core's; {@code null} when it sees
     * this one (or none).
     *
     * @param type a plugin class, or the class that declares a factory or function member
     * @return the explanation with the fix, or {@code null}
     */
    static @Nullable String of(Class<?> type) {
        Class<?> seen = pluginSeenBy(type);
        return (seen != null) ? explain(type, seen) : null;
    }

    /**
     * As {@link #of(Class)}, for a class entry that is not this plux-core's plugin: only when it implements the
     * copy's {@code Plugin}; a class that implements neither is simply no plugin, and removing the copy would not
     * make it one.
     *
     * @param type the class an entry names
     * @return the explanation with the fix, or {@code null}
     */
    static @Nullable String ofPluginClass(Class<?> type) {
        Class<?> seen = pluginSeenBy(type);
        return (seen != null && seen.isAssignableFrom(type)) ? explain(type, seen) : null;
    }

    /** The {@code Plugin} the class's loader sees, when it is another class than this plux-core's. */
    private static @Nullable Class<?> pluginSeenBy(Class<?> type) {
        Class<?> seen;
        try {
            seen = Class.forName(Plugin.class.getName(), false, type.getClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
        return (seen == Plugin.class) ? null : seen;
    }

    private static String explain(Class<?> type, Class<?> seen) {
        Module copy = seen.getModule();
        String what = copy.isNamed() ? "module " + copy.getName() + " of " + location(seen) : location(seen);
        return "the class loader of " + type.getName() + " (" + type.getClassLoader() + ") has its own copy of"
                + " plux-core (" + what + "), not the one of this manager (" + location(Plugin.class) + "), so the"
                + " dev.plux.core types the plugin uses (Plugin, PluginFactory, ...) are other classes; remove plux-core"
                + " from the modules or jars that class loader loads (the plugin directory or layer): the application"
                + " provides it";
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = (source != null) ? source.getLocation() : null;
        return (location != null) ? location.toString() : "an unknown location";
    }
}
