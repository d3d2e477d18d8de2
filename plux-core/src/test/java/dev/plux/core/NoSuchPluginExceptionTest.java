package dev.plux.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class NoSuchPluginExceptionTest {

    @Test
    void messageNamesThePluginAndTheNamespace() {
        NoSuchPluginException exception = new NoSuchPluginException("my.ns", "foo");
        assertThat(exception).hasMessage("no plugin named foo in namespace my.ns")
            .isInstanceOf(PluginException.class);
        assertThat(exception.namespace()).isEqualTo("my.ns");
        assertThat(exception.name()).isEqualTo("foo");
    }

    @Test
    void aSuggestionFollowsTheUnchangedMessage() {
        NoSuchPluginException exception = new NoSuchPluginException("my.ns", "greter", "greeter");
        assertThat(exception).hasMessage("no plugin named greter in namespace my.ns; did you mean greeter?");
        assertThat(exception.name()).isEqualTo("greter");
        assertThat(exception.suggestion()).isEqualTo("greeter");
        assertThat(new NoSuchPluginException("my.ns", "foo", null)).hasMessage("no plugin named foo in namespace my.ns")
            .extracting(NoSuchPluginException::suggestion)
            .isNull();
    }
}
