package dev.plux.samples.greeting;

import dev.plux.core.Plugin;
import dev.plux.core.PluginNamespace;

/**
 * A plugin that greets someone. Every subclass annotated {@code @PluginName} lands in namespace
 * {@code plux.samples.greetings}: the namespace is inherited from this interface.
 */
@PluginNamespace("plux.samples.greetings")
public interface GreetingPlugin extends Plugin {

    /**
     * Greets someone.
     *
     * @param who whom to greet
     * @return the greeting
     */
    String greet(String who);
}
