package dev.plux.samples.app;

import java.util.concurrent.TimeUnit;

import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's switch for its {@code warm-up} plugin, a system property: plux checks every key under {@code plux.}
 * and fails startup on one it does not know, so the switch must lie outside it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WarmUpSwitchTests {

    @Test
    void theWarmUpSystemPropertyTurnsTheWarmUpPluginOffAndTheApplicationStillStarts() {
        String previous = System.setProperty("sample.warm-up", "false");
        try (ConfigurableApplicationContext context = new SpringApplication(SampleApplication.class)
            .run("--spring.main.web-application-type=none")) {
            PluginManager<?> startup = context.getBean("pluxSamplesStartupPluginManager", PluginManager.class);
            assertThat(startup.getContainer("warm-up").state()).isEqualTo(PluginState.DISABLED);
            assertThat(startup.getContainer("banner").state()).isEqualTo(PluginState.LOADED);
        }
        finally {
            if (previous == null) {
                System.clearProperty("sample.warm-up");
            }
            else {
                System.setProperty("sample.warm-up", previous);
            }
        }
    }
}
