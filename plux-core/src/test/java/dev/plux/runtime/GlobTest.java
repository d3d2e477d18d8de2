package dev.plux.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GlobTest {

    @Test
    void starMatchesAnySequenceIncludingDotsAndNothing() {
        Glob glob = Glob.compile("test.plugins.*");
        assertThat(glob.matches("test.plugins.dummy")).isTrue();
        assertThat(glob.matches("test.plugins.a.b")).isTrue();
        assertThat(glob.matches("test.plugins.")).isTrue();
        assertThat(glob.matches("test.plugins")).isFalse();
        assertThat(Glob.compile("*also*").matches("shouldalsoload")).isTrue();
        assertThat(Glob.compile("*").matches("")).isTrue();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertThat(Glob.compile("a?c").matches("abc")).isTrue();
        assertThat(Glob.compile("a?c").matches("ac")).isFalse();
        assertThat(Glob.compile("a?c").matches("abbc")).isFalse();
    }

    @Test
    void bracketsMatchASetRangeOrNegatedSet() {
        assertThat(Glob.compile("[ab]x").matches("bx")).isTrue();
        assertThat(Glob.compile("[ab]x").matches("cx")).isFalse();
        assertThat(Glob.compile("v[0-9]").matches("v7")).isTrue();
        assertThat(Glob.compile("v[!0-9]").matches("v7")).isFalse();
        assertThat(Glob.compile("v[!0-9]").matches("vx")).isTrue();
        assertThat(Glob.compile("[]]").matches("]")).isTrue();
        assertThat(Glob.compile("[\\d]").matches("5")).isFalse();
    }

    @Test
    void treatsRegexCharactersLiterally() {
        assertThat(Glob.compile("a.b").matches("axb")).isFalse();
        assertThat(Glob.compile("a+b(c)$").matches("a+b(c)$")).isTrue();
        assertThat(Glob.compile("com.x:*").matches("com.x:FIELD")).isTrue();
    }

    @Test
    void isCaseSensitive() {
        assertThat(Glob.compile("Foo").matches("foo")).isFalse();
    }

    @Test
    void rejectsAnUnclosedBracketNamingThePattern() {
        assertThatIllegalArgumentException().isThrownBy(() -> Glob.compile("a[bc")).withMessageContaining("a[bc");
        assertThat(Glob.compile("*.x")).hasToString("*.x");
    }
}
