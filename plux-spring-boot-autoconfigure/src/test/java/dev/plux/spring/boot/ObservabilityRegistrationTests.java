package dev.plux.spring.boot;

import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.observation.PluxMicrometerAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure analyzers' registration is proven by real failed startups in the {@code diagnostics} tests.
 */
@Timeout(60)
class ObservabilityRegistrationTests {

    @Test
    void autoConfigurationsAreListedInTheImportsFile() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
            .contains(PluxMicrometerAutoConfiguration.class.getName(), PluxActuatorAutoConfiguration.class.getName());
    }
}
