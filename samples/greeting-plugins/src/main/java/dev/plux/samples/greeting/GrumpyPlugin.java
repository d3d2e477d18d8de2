package dev.plux.samples.greeting;

import dev.plux.core.PluginName;

/**
 * A plugin whose load condition is false: the manager disables it with the reason
 * "Load condition for plugin was false".
 */
@PluginName("grumpy")
public class GrumpyPlugin implements GreetingPlugin {

    /**
     * Creates the plugin.
     */
    public GrumpyPlugin() {
    }

    @Override
    public boolean shouldLoad() {
        return false;
    }

    @Override
    public String greet(String who) {
        return "Go away, " + who + ".";
    }
}
