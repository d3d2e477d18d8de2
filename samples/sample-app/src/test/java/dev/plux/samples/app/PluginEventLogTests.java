package dev.plux.samples.app;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.event.PluginLoadedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's log of plugin events: a plugin's load result is shown when its {@code load()} returned one, and a
 * plugin that returned none (all of the sample's) is not shown with {@code -> null}.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
@ExtendWith(OutputCaptureExtension.class)
class PluginEventLogTests {

    private final PluginManager<Plugin> manager = PluginManager.builder("plux.samples.log")
        .finder(() -> List.of(PluginSpec.of("plux.samples.log", "quiet", Quiet.class)))
        .build();

    private final PluginSpec spec = PluginSpec.of("plux.samples.log", "quiet", Quiet.class);

    @Test
    void aLoadResultIsShownAndNoneIsNotShownAsNull(CapturedOutput output) {
        PluginEventLog log = new PluginEventLog();

        log.loaded(new PluginLoadedEvent(this.manager, this.spec, new Quiet(), null));
        log.loaded(new PluginLoadedEvent(this.manager, this.spec, new Quiet(), "ready"));

        assertThat(output).containsPattern("loaded plugin plux\\.samples\\.log:quiet\\R")
            .contains("loaded plugin plux.samples.log:quiet -> ready")
            .doesNotContain("-> null");
    }

    /** A plugin whose load returns nothing. */
    public static class Quiet implements Plugin {
    }
}
