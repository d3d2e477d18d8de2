package dev.plux.runtime;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CountsTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Counts.of(1, "plugin")).isEqualTo("1 plugin");
        assertThat(Counts.of(0, "plugin")).isEqualTo("0 plugins");
        assertThat(Counts.of(3, "index file")).isEqualTo("3 index files");
    }
}
