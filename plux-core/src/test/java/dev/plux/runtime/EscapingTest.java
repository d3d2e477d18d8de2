package dev.plux.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EscapingTest {

    @Test
    void textWithoutControlCharactersIsReturnedAsItIs() {
        String text = "com.example.Plugin:member \u00e4\u4e2d";
        assertThat(Escaping.escape(text)).isSameAs(text);
    }

    @Test
    void controlCharactersBecomeUnicodeEscapes() {
        assertThat(Escaping.escape("a\nb\r\tc\u001b[31m\u007f\u0085")).isEqualTo("a\\u000ab\\u000d\\u0009c\\u001b[31m\\u007f\\u0085");
    }
}
