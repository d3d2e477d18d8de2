package dev.plux.spring.boot.autoconfigure.observation;

import java.util.List;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@Timeout(30)
class ObservationPluginLoadInterceptorTests {

    private static final String NS = "test.observed.alone";

    @Test
    void aVirtualMachineErrorIsObservedAsAFailureAsTheContainerRecordsIt() {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        PluginManager<Plugin> manager = PluginManager.builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "deep", Deep::new)))
            .interceptor(new ObservationPluginLoadInterceptor(observations, null))
            .build();

        assertThat(catchThrowable(() -> manager.load("deep"))).isInstanceOf(StackOverflowError.class);

        assertThat(manager.getContainer("deep").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThat(meters.get("plux.plugin.load").tags("plugin", "deep").timer().getId().getTag("outcome"))
            .isEqualTo("failed");
    }

    /** Overflows its stack when loaded (simulated: the error a runaway recursion throws). */
    static final class Deep implements Plugin {

        @Override
        public @Nullable Object load(Object... args) {
            throw new StackOverflowError("deep");
        }
    }
}
