package dev.plux.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class EscapingTest {

    @Test
    void textWithoutControlCharactersIsReturnedAsItIs() {
        String text = "com.example.Plugin:member \u00e4\u4e2d\ud83d\ude00";
        assertThat(Escaping.escape(text)).isSameAs(text);
        assertThat(Escaping.containsUnsafe(text)).isFalse();
    }

    @Test
    void controlCharactersBecomeUnicodeEscapes() {
        assertThat(Escaping.escape("a\nb\r\tc\u001b[31m\u007f\u0085")).isEqualTo("a\\u000ab\\u000d\\u0009c\\u001b[31m\\u007f\\u0085");
    }

    @Test
    void deleteIsEscapedAlsoWhenItIsTheOnlyUnsafeCharacter() {
        // U+007F is the one control character right after printable ASCII
        assertThat(Escaping.escape("plugin\u007f")).isEqualTo("plugin\\u007f");
        assertThat(Escaping.containsUnsafe("plugin\u007f")).isTrue();
        assertThat(Escaping.escape("~")).isEqualTo("~");
    }

    @Test
    void anUnsafeCharacterAtTheStartIsFound() {
        assertThat(Escaping.containsUnsafe("\nplugin")).isTrue();
        assertThat(Escaping.escape("\nplugin")).isEqualTo("\\u000aplugin");
    }

    @Test
    void anUnsafeCharacterRightAfterANonAsciiOneIsEscaped() {
        // a character of the Basic Multilingual Plane is one char: the scan must not step over the next one
        assertThat(Escaping.escape("\u00e9\n")).isEqualTo("\u00e9\\u000a");
        assertThat(Escaping.containsUnsafe("\u00e9\n")).isTrue();
        // and a supplementary character is two: the one after its pair is still looked at
        assertThat(Escaping.escape("\ud83d\ude00\n")).isEqualTo("\ud83d\ude00\\u000a");
    }

    @Test
    void lineAndParagraphSeparatorsAndFormatCharactersBecomeUnicodeEscapes() {
        assertThat(Escaping.escape("a\u2028b\u2029c\u202ed\u200be\ufefff\u2066g"))
            .isEqualTo("a\\u2028b\\u2029c\\u202ed\\u200be\\ufefff\\u2066g");
        // a tag character (format, outside the BMP) is escaped as its surrogate pair
        assertThat(Escaping.escape("x\udb40\udc01y")).isEqualTo("x\\udb40\\udc01y");
        assertThat(Escaping.containsUnsafe("plugin\u202e")).isTrue();
    }

    @Test
    void quoteKeepsAtMost200CharactersAndSaysHowManyWereLeftOut() {
        assertThat(Escaping.quote("x".repeat(200))).isEqualTo("x".repeat(200));
        assertThat(Escaping.quote("x".repeat(201))).isEqualTo("x".repeat(200) + "...[1 more characters]");
        assertThat(Escaping.quote("\u2028".repeat(300))).isEqualTo("\\u2028".repeat(200) + "...[100 more characters]");
    }

    @Test
    void quoteNeverSplitsASurrogatePair() {
        String text = "x".repeat(199) + "\ud83d\ude00" + "tail";
        assertThat(Escaping.quote(text)).isEqualTo("x".repeat(199) + "...[6 more characters]");
    }
}
