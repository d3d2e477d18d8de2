package dev.plux.samples.app;

import java.time.Clock;
import java.time.LocalTime;

import dev.plux.core.PluginName;
import dev.plux.samples.greeting.GreetingPlugin;

/**
 * A plugin of the application itself that takes a bean through its constructor: the plux starter creates it
 * through the application context. (The processor notes at compile time that it needs the Spring layer.)
 */
@PluginName("clock")
public class ClockGreetingPlugin implements GreetingPlugin {

    private final Clock clock;

    /**
     * Creates the plugin.
     *
     * @param clock the application's clock bean
     */
    public ClockGreetingPlugin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String greet(String who) {
        int hour = LocalTime.now(this.clock).getHour();
        String part = (hour < 12) ? "morning" : (hour < 18) ? "afternoon" : "evening";
        return "Good " + part + ", " + who + "!";
    }
}
