package dev.plux.processor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class NamesTest {

    @Test
    void dottedAndDashedNamesAreValid() {
        assertThat(Names.problemWithName("my-plugin.v2")).isNull();
        assertThat(Names.problemWithNamespace("localstack.plugins.services")).isNull();
    }

    @Test
    void colonIsAllowedInANamespaceButNotInAName() {
        assertThat(Names.problemWithNamespace("a:b")).isNull();
        assertThat(Names.problemWithName("a:b")).contains("':'");
    }

    @Test
    void emptyWhitespaceAndControlCharactersAreRejected() {
        assertThat(Names.problemWithName("")).isEqualTo("it is empty");
        assertThat(Names.problemWithNamespace("a\tb")).contains("whitespace");
        assertThat(Names.problemWithName("a\u0007")).contains("control character");
    }

    @Test
    void aNameOrNamespaceOf255CharactersIsValidAndOneMoreIsNot() {
        // SPEC: over 255 characters is malformed, so exactly 255 is what the runtime still declares
        assertThat(Names.problemWithName("n".repeat(255))).isNull();
        assertThat(Names.problemWithNamespace("n".repeat(255))).isNull();
        assertThat(Names.problemWithName("n".repeat(256))).isEqualTo("it is longer than 255 characters");
        assertThat(Names.problemWithNamespace("n".repeat(256))).isEqualTo("it is longer than 255 characters");
    }

    @Test
    void aForbiddenCharacterIsNamedWithAllTheOthers() {
        assertThat(Names.problemWithName("a=b"))
            .isEqualTo("it contains '=' (none of '=' '[' ']' '#' ';' ':' and no whitespace may appear)");
        assertThat(Names.problemWithNamespace("a#b"))
            .isEqualTo("it contains '#' (none of '=' '[' ']' '#' ';' and no whitespace may appear)");
    }
}
