package dev.plux.spring.boot.diagnostics;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure analyzers' "Root cause:" line for a failure whose message cannot be read. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RootCauseTests {

    /** An exception whose message cannot be read. */
    static final class UnreadableMessage extends RuntimeException {

        @Override
        public String getMessage() {
            throw new IllegalStateException("no message state");
        }
    }

    @Test
    void aFailureWhoseMessageThrowsIsDescribedByItsType() {
        assertThat(RootCause.describe(new UnreadableMessage())).startsWith(UnreadableMessage.class.getName());
    }
}
