package dev.plux.core;

import java.util.Objects;

/**
 * What a manager knows about a plugin before creating it: its namespace, its name, and the factory that
 * creates it. Equal when namespace, name and factory are equal.
 */
public final class PluginSpec {

    private final String namespace;

    private final String name;

    private final PluginFactory factory;

    private final String value;

    /**
     * Creates a spec whose {@link #value()} is the factory's class name.
     *
     * @param namespace the namespace
     * @param name the plugin's name in the namespace
     * @param factory creates the plugin
     */
    public PluginSpec(String namespace, String name, PluginFactory factory) {
        this(namespace, name, factory, Objects.requireNonNull(factory, "factory").getClass().getName());
    }

    /**
     * Creates a spec.
     *
     * @param namespace the namespace
     * @param name the plugin's name in the namespace
     * @param factory creates the plugin
     * @param value the entry point value the spec came from, such as {@code com.x.Foo} or {@code com.x.Foo:member}
     */
    public PluginSpec(String namespace, String name, PluginFactory factory, String value) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * A spec for a plugin class created with its public no-argument constructor. Two calls with the same arguments
     * give equal specs (the factory is a record of the class). Neither initializes the class nor checks its
     * constructors: that happens when the plugin is created.
     *
     * @param namespace the namespace
     * @param name the plugin's name
     * @param type the plugin class
     * @return a spec whose factory is a {@link ClassPluginFactory} and whose value is the class name
     */
    public static PluginSpec of(String namespace, String name, Class<? extends Plugin> type) {
        return new PluginSpec(namespace, name, new ClassPluginFactory(type), type.getName());
    }

    /**
     * The namespace.
     *
     * @return the namespace
     */
    public String namespace() {
        return this.namespace;
    }

    /**
     * The plugin's name.
     *
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The factory that creates the plugin.
     *
     * @return the factory
     */
    public PluginFactory factory() {
        return this.factory;
    }

    /**
     * The entry point value the spec came from ({@code com.x.Foo}, {@code com.x.Foo:member}), else the
     * factory's class name.
     *
     * @return the value
     */
    public String value() {
        return this.value;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof PluginSpec that && this.namespace.equals(that.namespace)
                && this.name.equals(that.name) && this.factory.equals(that.factory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.namespace, this.name, this.factory);
    }

    @Override
    public String toString() {
        return "PluginSpec[" + this.namespace + ":" + this.name + " = " + this.value + "]";
    }
}
