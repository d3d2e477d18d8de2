package dev.plux.samples.greeting;

import dev.plux.core.Plugin;
import dev.plux.core.PluginName;

/**
 * Plugins made by static factory methods: the index names them as {@code GreetingPlugins:polite}.
 */
public final class GreetingPlugins {

    private GreetingPlugins() {
    }

    /**
     * A greeting in a configurable style, created by a factory method.
     *
     * @return the plugin
     */
    @PluginName(value = "polite", namespace = "plux.samples.greetings")
    public static Plugin polite() {
        return new StyledGreeting("Good day, %s. How do you do?");
    }

    /** A greeting from a format. */
    private static final class StyledGreeting implements GreetingPlugin {

        private final String format;

        StyledGreeting(String format) {
            this.format = format;
        }

        @Override
        public String greet(String who) {
            return String.format(this.format, who);
        }
    }
}
