package dev.plux.spring.boot.autoconfigure;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup summary describes whatever a plugin threw: describing it must neither hang nor throw, or startup would
 * hang or fail for a plugin whose namespace is not even fail-fast.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartupReportDescribeTests {

    /** An exception whose message cannot be read. */
    static final class UnreadableMessage extends RuntimeException {

        @Override
        public String getMessage() {
            throw new IllegalStateException("no message state");
        }
    }

    @Test
    void aCauseChainThatLoopsIsDescribedInsteadOfWalkedForever() {
        IllegalStateException outer = new IllegalStateException("outer");
        IllegalArgumentException inner = new IllegalArgumentException("inner");
        outer.initCause(inner);
        inner.initCause(outer);

        assertThat(StartupReport.describe(outer)).isEqualTo("IllegalArgumentException: inner");
    }

    /**
     * The summary is a log line: a console or log file that is not UTF-8 (LANG=C, a Windows code page such as 437)
     * showed the marker of a cut message, an ellipsis (U+2026), as '?'. It is "...", as plux-core's messages have it.
     */
    @Test
    void aCutMessageIsMarkedInAscii() {
        assertThat(StartupReport.describe(new IllegalStateException("boom\nsecond line")))
            .isEqualTo("IllegalStateException: boom ...");
        String cut = StartupReport.describe(new IllegalStateException("x".repeat(500)));
        assertThat(cut).isEqualTo("IllegalStateException: " + "x".repeat(200) + "...");
    }

    @Test
    void aFailureWhoseMessageThrowsIsDescribedByItsType() {
        assertThat(StartupReport.describe(new RuntimeException("wrapper", new UnreadableMessage())))
            .startsWith("UnreadableMessage");
    }
}
