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

    @Test
    void aNameOfAHundredThousandCharactersIsCutInTheMessageAndKeptWholeInName() {
        // a request's input passed to load() may be of any length: the message logged with the exception is not
        // (it quoted all 100,000 characters); no declarable plugin name is over 255 characters, and up to 200 are shown
        String huge = "a".repeat(100_000);
        NoSuchPluginException exception = new NoSuchPluginException("my.ns", huge);
        assertThat(exception)
            .hasMessage("no plugin named " + "a".repeat(200) + "...[99800 more characters] in namespace my.ns");
        assertThat(exception.name()).isEqualTo(huge);
        assertThat(new NoSuchPluginException("my.ns", "b".repeat(200), "c")).hasMessage(
                "no plugin named " + "b".repeat(200) + " in namespace my.ns; did you mean c?");
    }
}
