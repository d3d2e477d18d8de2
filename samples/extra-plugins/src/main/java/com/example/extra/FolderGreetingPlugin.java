package com.example.extra;

import dev.plux.core.PluginName;
import dev.plux.samples.greeting.GreetingPlugin;

import org.springframework.core.env.Environment;

/**
 * A greeting plugin from a plugin directory. It is created from its bundle's class loader, through the
 * application context like any other class plugin: its constructor takes the application's {@link Environment}.
 */
@PluginName("from-folder")
public class FolderGreetingPlugin implements GreetingPlugin {

    private final String application;

    /**
     * Creates the plugin.
     *
     * @param environment the application's environment
     */
    public FolderGreetingPlugin(Environment environment) {
        this.application = environment.getProperty("spring.application.name", "the application");
    }

    @Override
    public String greet(String who) {
        return "Hi, " + who + ", from the plugins folder of " + this.application + "!";
    }
}
