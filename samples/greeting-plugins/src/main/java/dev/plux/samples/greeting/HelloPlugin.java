package dev.plux.samples.greeting;

import dev.plux.core.PluginName;

/**
 * A class plugin whose namespace comes from {@link GreetingPlugin}.
 */
@PluginName("hello")
public class HelloPlugin implements GreetingPlugin {

    /**
     * Creates the plugin.
     */
    public HelloPlugin() {
    }

    @Override
    public String greet(String who) {
        return "Hello, " + who + "!";
    }
}
