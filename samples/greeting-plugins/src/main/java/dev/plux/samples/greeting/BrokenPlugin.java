package dev.plux.samples.greeting;

import dev.plux.core.PluginName;

/**
 * A plugin whose {@code load} fails, to show how a failure is recorded (state {@code LOAD_FAILED}) without
 * stopping the other plugins.
 */
@PluginName("broken")
public class BrokenPlugin implements GreetingPlugin {

    /**
     * Creates the plugin.
     */
    public BrokenPlugin() {
    }

    @Override
    public Object load(Object... args) {
        throw new IllegalStateException("the greeting service of this plugin is unreachable");
    }

    @Override
    public String greet(String who) {
        throw new IllegalStateException("not loaded");
    }
}
