package dev.plux.processor;

import java.util.ArrayList;
import java.util.List;

import dev.plux.runtime.RuntimeQuoting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor cannot call plux-core's {@code Escaping} (it does not depend on the runtime), so {@link Quoting}
 * repeats its rules; this pins the two together, character by character and at the length limit.
 */
@Timeout(60)
class QuotingMatchesRuntimeTest {

    @Test
    void everyCharacterIsUnsafeForTheProcessorExactlyWhenItIsForTheRuntime() {
        List<String> differing = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Quoting.isUnsafe(codePoint) != RuntimeQuoting.isUnsafe(codePoint)) {
                differing.add(Integer.toHexString(codePoint));
            }
        }
        assertThat(differing).isEmpty();
    }

    @Test
    void textsAreQuotedAsTheRuntimeQuotesThem() {
        List<String> texts = new ArrayList<>(List.of("", "ok = com.example.A", "com.example.\u202eEvil",
                "a\nb\r\u0085c\u2028d\u2029e\u200bf\ufeffg\u0000", "tag \udb40\udc01 character",
                "lone \ud800 and \udc00 halves", "\u00e9t\u00e9 \u4e2d\u6587 \ud83d\ude00"));
        for (int length : new int[] { 199, 200, 201, 5000 }) {
            texts.add("y".repeat(length));
            texts.add("\u202e".repeat(length));
        }
        // a surrogate pair across the limit is never split, by either
        texts.add("x".repeat(199) + "\ud83d\ude00" + "tail");
        texts.add("x".repeat(198) + "\ud83d\ude00" + "tail");
        texts.add("x".repeat(199) + "\udb40\udc01" + "tail");
        for (String text : texts) {
            assertThat(Quoting.quote(text)).as("quote of %s", RuntimeQuoting.quote(text))
                .isEqualTo(RuntimeQuoting.quote(text));
        }
    }
}
