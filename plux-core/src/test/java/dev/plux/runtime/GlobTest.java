package dev.plux.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GlobTest {

    /** U+1F680 and U+1F6F8, characters outside the Basic Multilingual Plane (two {@code char}s each). */
    private static final String ROCKET = new String(Character.toChars(0x1F680));

    private static final String SAUCER = new String(Character.toChars(0x1F6F8));

    @Test
    void starMatchesAnyRunOfCharactersIncludingNone() {
        Glob glob = Glob.compile("a*z");
        assertThat(glob.matches("az")).isTrue();
        assertThat(glob.matches("abcz")).isTrue();
        assertThat(glob.matches("a.b/z")).isTrue();
        assertThat(glob.matches("abc")).isFalse();
    }

    @Test
    void starMatchesAcrossLineBreaks() {
        assertThat(Glob.compile("a*z").matches("a\nz")).isTrue();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        Glob glob = Glob.compile("a?c");
        assertThat(glob.matches("abc")).isTrue();
        assertThat(glob.matches("ac")).isFalse();
        assertThat(glob.matches("abbc")).isFalse();
    }

    @Test
    void setMatchesOneOfItsMembers() {
        Glob glob = Glob.compile("[abc]x");
        assertThat(glob.matches("ax")).isTrue();
        assertThat(glob.matches("cx")).isTrue();
        assertThat(glob.matches("dx")).isFalse();
        assertThat(glob.matches("abx")).isFalse();
    }

    @Test
    void negatedSetMatchesAnythingButItsMembers() {
        Glob glob = Glob.compile("[!abc]x");
        assertThat(glob.matches("dx")).isTrue();
        assertThat(glob.matches("ax")).isFalse();
        assertThat(glob.matches("x")).isFalse();
    }

    @Test
    void rangeMatchesCharactersBetweenItsBounds() {
        Glob glob = Glob.compile("v[1-3]");
        assertThat(glob.matches("v1")).isTrue();
        assertThat(glob.matches("v3")).isTrue();
        assertThat(glob.matches("v4")).isFalse();
        assertThat(glob.matches("v-")).isFalse();
    }

    @Test
    void letterRangeWorks() {
        Glob glob = Glob.compile("[a-c]");
        assertThat(glob.matches("b")).isTrue();
        assertThat(glob.matches("d")).isFalse();
    }

    @Test
    void dashAtTheEdgeOfASetIsALiteral() {
        Glob glob = Glob.compile("[a-]");
        assertThat(glob.matches("-")).isTrue();
        assertThat(glob.matches("a")).isTrue();
        assertThat(glob.matches("b")).isFalse();
    }

    @Test
    void aDashRightAfterARangeIsALiteralAsInFnmatch() {
        // fnmatch reads [a-e-c] as the range a-e, then '-' and 'c' (Python: fnmatch.translate gives [a-e\-c]):
        // no range 'e-c', so nothing reversed to reject
        Glob glob = Glob.compile("[a-e-c]");
        assertThat(glob.matches("d")).isTrue();
        assertThat(glob.matches("-")).isTrue();
        assertThat(glob.matches("f")).isFalse();
        Glob negated = Glob.compile("[!a-c-z]");
        assertThat(negated.matches("x")).isTrue();
        assertThat(negated.matches("-")).isFalse();
        assertThat(negated.matches("z")).isFalse();
    }

    @Test
    void closingBracketAsFirstMemberIsALiteral() {
        Glob glob = Glob.compile("[]a]");
        assertThat(glob.matches("]")).isTrue();
        assertThat(glob.matches("a")).isTrue();
        assertThat(glob.matches("b")).isFalse();
    }

    @Test
    void closingBracketAsFirstMemberOfANegatedSetIsALiteral() {
        Glob glob = Glob.compile("[!]]");
        assertThat(glob.matches("]")).isFalse();
        assertThat(glob.matches("a")).isTrue();
    }

    @Test
    void regexMetacharactersAreLiterals() {
        assertThat(Glob.compile("a.b").matches("a.b")).isTrue();
        assertThat(Glob.compile("a.b").matches("axb")).isFalse();
        assertThat(Glob.compile("a+").matches("a+")).isTrue();
        assertThat(Glob.compile("a+").matches("aa")).isFalse();
        assertThat(Glob.compile("f(x)").matches("f(x)")).isTrue();
        assertThat(Glob.compile("$^|{1}\\").matches("$^|{1}\\")).isTrue();
    }

    @Test
    void metacharactersInsideASetAreLiterals() {
        Glob glob = Glob.compile("[.^\\]");
        assertThat(glob.matches(".")).isTrue();
        assertThat(glob.matches("^")).isTrue();
        assertThat(glob.matches("\\")).isTrue();
        assertThat(glob.matches("x")).isFalse();
    }

    @Test
    void lettersInsideASetDoNotBecomeRegexClasses() {
        Glob glob = Glob.compile("[dw]");
        assertThat(glob.matches("d")).isTrue();
        assertThat(glob.matches("w")).isTrue();
        assertThat(glob.matches("5")).isFalse();
        assertThat(glob.matches("x")).isFalse();
    }

    @Test
    void unclosedSetIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Glob.compile("abc[de"))
            .withMessageContaining("abc[de")
            .withMessageContaining("never closed");
    }

    @Test
    void aSetOpenedAtTheEndOfThePatternIsRejectedAsUnclosed() {
        // nothing after '[' or '[!': the same message as any unclosed set, not an index error
        assertThatIllegalArgumentException().isThrownBy(() -> Glob.compile("abc["))
            .withMessage("malformed glob 'abc[': '[' at index 3 is never closed");
        assertThatIllegalArgumentException().isThrownBy(() -> Glob.compile("abc[!"))
            .withMessage("malformed glob 'abc[!': '[' at index 3 is never closed");
    }

    @Test
    void aRangeWhoseBoundsAreEqualMatchesThatOneCharacterAsInFnmatch() {
        Glob glob = Glob.compile("v[1-1]");
        assertThat(glob.matches("v1")).isTrue();
        assertThat(glob.matches("v0")).isFalse();
        assertThat(glob.matches("v2")).isFalse();
    }

    @Test
    void reversedRangeIsRejectedWithAGlobMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> Glob.compile("v[3-1]"))
            .withMessage("malformed glob 'v[3-1]': range '3-1' at index 2 is reversed");
    }

    @Test
    void matchesTheWholeTextOnly() {
        Glob glob = Glob.compile("cli");
        assertThat(glob.matches("cli")).isTrue();
        assertThat(glob.matches("my.cli")).isFalse();
        assertThat(glob.matches("cli.x")).isFalse();
    }

    @Test
    void isCaseSensitive() {
        assertThat(Glob.compile("Foo*").matches("foobar")).isFalse();
        assertThat(Glob.compile("[A]").matches("a")).isFalse();
    }

    @Test
    void toStringIsThePattern() {
        assertThat(Glob.compile("a*[!b]")).hasToString("a*[!b]");
    }

    @Test
    void aCharacterOutsideTheBasicMultilingualPlaneIsOneCharacterAsInFnmatch() {
        // fnmatch works on code points: a literal, a set member, a range bound or ? is one whole character
        assertThat(Glob.compile(ROCKET + "*").matches(ROCKET + "-plugin")).isTrue();
        assertThat(Glob.compile("a" + ROCKET).matches("a" + ROCKET)).isTrue();
        assertThat(Glob.compile("[" + ROCKET + SAUCER + "]x").matches(SAUCER + "x")).isTrue();
        assertThat(Glob.compile("[" + ROCKET + "]x").matches("ax")).isFalse();
        assertThat(Glob.compile("[!" + ROCKET + "]x").matches(ROCKET + "x")).isFalse();
        assertThat(Glob.compile("[!" + ROCKET + "]x").matches("ax")).isTrue();
        assertThat(Glob.compile("[" + ROCKET + "-" + SAUCER + "]").matches(new String(Character.toChars(0x1F6A2))))
            .isTrue();
        assertThat(Glob.compile("[a-" + ROCKET + "]").matches("z")).isTrue();
        assertThat(Glob.compile("?x").matches(ROCKET + "x")).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> Glob.compile("[" + SAUCER + "-" + ROCKET + "]"))
            .withMessageContaining("is reversed");
    }
}
