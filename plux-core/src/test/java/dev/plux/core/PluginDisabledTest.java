package dev.plux.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class PluginDisabledTest {

    @Test
    void messageNamesThePluginAndTheReason() {
        PluginDisabled disabled = new PluginDisabled("my.ns", "foo", "not today");
        assertThat(disabled).hasMessage("plugin my.ns:foo is disabled, reason: not today");
        assertThat(disabled.reason()).isEqualTo("not today");
        assertThat(disabled.namespace()).isEqualTo("my.ns");
        assertThat(disabled.name()).isEqualTo("foo");
    }

    @Test
    void messageWithoutReasonEndsAfterDisabled() {
        PluginDisabled disabled = new PluginDisabled("my.ns", "foo", null);
        assertThat(disabled).hasMessage("plugin my.ns:foo is disabled");
        assertThat(disabled.reason()).isNull();
    }

    @Test
    void isAPluginException() {
        assertThat(new PluginDisabled("a", "b", null)).isInstanceOf(PluginException.class).hasNoCause();
    }
}
