package dev.plux.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PluginExceptionTest {

    @Test
    void carriesNamespaceNameAndCause() {
        IllegalStateException cause = new IllegalStateException("boom");
        PluginException exception = new PluginException("failed", "my.ns", "foo", cause);
        assertThat(exception).hasMessage("failed").hasCause(cause);
        assertThat(exception.namespace()).isEqualTo("my.ns");
        assertThat(exception.name()).isEqualTo("foo");
    }

    @Test
    void namespaceAndNameMayBeUnknown() {
        PluginException exception = new PluginException("failed", null, null);
        assertThat(exception.namespace()).isNull();
        assertThat(exception.name()).isNull();
        assertThat(exception).hasNoCause();
    }
}
