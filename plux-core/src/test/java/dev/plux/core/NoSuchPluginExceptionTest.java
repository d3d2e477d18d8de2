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

    @Test
    void aNameHoldingControlOrFormatCharactersIsEscapedInTheMessageAndKeptWholeInName() {
        // an application may hand a request's input to load(): a newline in it must not start a forged log line, nor
        // a bidi override reorder what a terminal shows, when the exception is logged
        String forged = "x\n2026-12-08 INFO admin logged in\u202e";
        NoSuchPluginException exception = new NoSuchPluginException("my.ns", forged);
        assertThat(exception).hasMessage(
                "no plugin named x\\u000a2026-12-08 INFO admin logged in\\u202e in namespace my.ns");
        assertThat(exception.name()).isEqualTo(forged);
        assertThat(new NoSuchPluginException("my.ns", "ab\u0000", "abc"))
            .hasMessage("no plugin named ab\\u0000 in namespace my.ns; did you mean abc?");
    }
}
