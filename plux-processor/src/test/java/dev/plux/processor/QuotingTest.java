package dev.plux.processor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class QuotingTest {

    @Test
    void messagesQuoteAtMost200CharactersWithUnsafeCharactersEscaped() {
        assertThat(Quoting.quote("com.example.\u202eEvil")).isEqualTo("com.example.\\u202eEvil");
        assertThat(Quoting.quote("y".repeat(5000))).isEqualTo("y".repeat(200) + "...[4800 more characters]");
        assertThat(Quoting.quote("ok = com.example.A")).isEqualTo("ok = com.example.A");
    }
}
