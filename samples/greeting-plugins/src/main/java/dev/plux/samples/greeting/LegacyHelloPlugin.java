package dev.plux.samples.greeting;

import dev.plux.core.PluginName;

/**
 * An old plugin the sample application excludes with {@code plux.namespaces[0].exclude: ["*legacy*"]}.
 */
@PluginName("legacy-hello")
public class LegacyHelloPlugin implements GreetingPlugin {

    /**
     * Creates the plugin.
     */
    public LegacyHelloPlugin() {
    }

    @Override
    public String greet(String who) {
        return "Greetings and salutations, " + who + ".";
    }
}
