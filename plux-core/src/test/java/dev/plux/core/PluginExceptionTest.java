package dev.plux.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class PluginExceptionTest {

    @Test
    void pluginDisabledMessageNamesPluginAndReason() {
        PluginDisabled disabled = new PluginDisabled("ns", "a", "why");
        assertThat(disabled).hasMessage("plugin ns:a is disabled, reason: why").isInstanceOf(PluginException.class);
        assertThat(disabled.reason()).isEqualTo("why");
        assertThat(disabled.namespace()).isEqualTo("ns");
        assertThat(disabled.name()).isEqualTo("a");
        assertThat(new PluginDisabled("ns", "a", null)).hasMessage("plugin ns:a is disabled");
    }

    @Test
    void noSuchPluginMessageNamesNameAndNamespace() {
        assertThat(new NoSuchPluginException("ns", "foo")).hasMessage("no plugin named foo in namespace ns")
            .isInstanceOf(PluginException.class);
    }

    @Test
    void pluginExceptionKeepsNamespaceNameAndCause() {
        IllegalStateException cause = new IllegalStateException();
        PluginException ex = new PluginException("m", "ns", "a", cause);
        assertThat(ex).hasMessage("m").hasCause(cause);
        assertThat(ex.namespace()).isEqualTo("ns");
        assertThat(ex.name()).isEqualTo("a");
    }
}
