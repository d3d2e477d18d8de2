package dev.plux.samples.app;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.samples.greeting.GreetingPlugin;
import dev.plux.spring.PluginManagers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table the sample prints when it is ready: a plugin whose code fails when the application calls it (a
 * third party's plugin from the plugins folder, built against a library its jar does not carry, loads fine and
 * fails only in {@code greet}) is a row of the table, not the end of the application.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
@ExtendWith(OutputCaptureExtension.class)
class GreetingTableTests {

    @Test
    void aPluginThatFailsWhenCalledIsARowOfTheTableAndAWarningNotAFailedApplication(CapturedOutput output) {
        PluginManager<GreetingPlugin> greetings = PluginManager.<GreetingPlugin>builder("plux.samples.greetings")
            .pluginType(GreetingPlugin.class)
            .finder(() -> List.of(PluginSpec.of("plux.samples.greetings", "fine", FineGreeting.class),
                    PluginSpec.of("plux.samples.greetings", "needs-lib", LibraryLessGreeting.class)))
            .build();
        GreetingTable table = new GreetingTable(greetings, new PluginManagers(List.of(greetings)));

        table.printTable();

        assertThat(output).contains("fine       LOADED  Fine, plux")
            .contains("needs-lib  LOADED  greet failed: NoClassDefFoundError: org/shout/Shouter")
            .containsPattern("WARN .*plugin plux.samples.greetings:needs-lib failed when greeting:"
                    + " java.lang.NoClassDefFoundError: org/shout/Shouter");
    }

    /** Greets. */
    public static class FineGreeting implements GreetingPlugin {

        @Override
        public String greet(String who) {
            return "Fine, " + who;
        }
    }

    /** Fails as a plugin's code does when the library it was built against is missing at run time. */
    public static class LibraryLessGreeting implements GreetingPlugin {

        @Override
        public String greet(String who) {
            throw new NoClassDefFoundError("org/shout/Shouter");
        }
    }
}
