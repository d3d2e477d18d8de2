package dev.plux.core;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The factory of a plugin named by its class: creates it with its public no-argument constructor.
 *
 * <p>Which constructors exist is checked only in {@link #create()}, so a class whose constructors take
 * arguments still resolves; integrations such as the Spring layer recognise this factory and create the
 * class their own way (with constructor injection).
 *
 * @param pluginClass the plugin class; it is not initialized until the plugin is created
 */
public record ClassPluginFactory(Class<? extends Plugin> pluginClass) implements PluginFactory {

    /**
     * Creates the factory.
     *
     * @param pluginClass the plugin class
     */
    public ClassPluginFactory {
        Objects.requireNonNull(pluginClass, "pluginClass");
    }

    /**
     * Creates the plugin with its public no-argument constructor.
     *
     * @return a new instance
     * @throws Exception what the constructor threw, or a {@link PluginException} when the class is abstract, is an
     *         inner (non-static nested) class, has no public no-argument constructor, or is in a package its module
     *         does not export to plux-core
     */
    @Override
    public Plugin create() throws Exception {
        if (Modifier.isAbstract(this.pluginClass.getModifiers())) {
            throw new PluginException("plugin class " + this.pluginClass.getName() + " is abstract and cannot be created",
                    null, null);
        }
        String denial = ModuleAccess.denial(this.pluginClass);
        if (denial != null) {
            throw new PluginException(denial, null, null);
        }
        Class<?> enclosing = this.pluginClass.getEnclosingClass();
        if (this.pluginClass.isMemberClass() && !Modifier.isStatic(this.pluginClass.getModifiers())
                && enclosing != null) {
            // its constructors all take the enclosing instance first: the advice below (Spring, a factory) would
            // not help, as nothing has that instance to give
            throw new PluginException("plugin class " + this.pluginClass.getName() + " is an inner class (a"
                    + " non-static nested class): it cannot be created without an instance of " + enclosing.getName()
                    + "; declare it static", null, null);
        }
        Constructor<? extends Plugin> constructor;
        try {
            constructor = this.pluginClass.getConstructor();
        }
        catch (NoSuchMethodException ex) {
            String access = hiddenNoArgumentConstructor();
            if (access != null) {
                throw new PluginException("plugin class " + this.pluginClass.getName() + " has no public"
                        + " no-argument constructor: its no-argument constructor is " + access + "; make it public",
                        null, null);
            }
            throw new PluginException("plugin class " + this.pluginClass.getName()
                    + " has no public no-argument constructor; a class whose constructors take arguments needs the"
                    + " Spring layer (plux-spring-boot-autoconfigure, which injects beans) or a PluginFactory;"
                    + " without Spring: add a public no-argument constructor, or declare the plugin through a"
                    + " @PluginName public static factory method that calls this constructor", null, null);
        }
        try {
            return constructor.newInstance();
        }
        catch (InvocationTargetException ex) {
            throw Reflection.unwrap(ex);
        }
    }

    /** The access of a no-argument constructor that is not public, or {@code null} when the class declares none. */
    private @Nullable String hiddenNoArgumentConstructor() {
        try {
            int modifiers = this.pluginClass.getDeclaredConstructor().getModifiers();
            return Modifier.isPrivate(modifiers) ? "private"
                    : (Modifier.isProtected(modifiers) ? "protected" : "package-private");
        }
        catch (NoSuchMethodException | SecurityException ex) {
            return null;
        }
    }
}
