package dev.plux.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountsTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Counts.of(1, "plugin")).isEqualTo("1 plugin");
        assertThat(Counts.of(0, "plugin")).isEqualTo("0 plugins");
        assertThat(Counts.of(3, "index file")).isEqualTo("3 index files");
    }
}
