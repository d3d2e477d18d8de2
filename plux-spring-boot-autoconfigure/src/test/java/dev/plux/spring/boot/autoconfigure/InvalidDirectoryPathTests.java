package dev.plux.spring.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class InvalidDirectoryPathTests {

    // what Path.of throws for "/srv/plügins" in a JVM started under LANG=C (file name encoding ANSI_X3.4-1968)
    private static final InvalidPathException UNMAPPABLE = new InvalidPathException("/srv/pl?gins",
            "Malformed input or input contains unmappable characters");

    @Test
    void aDirectoryTheFileNameEncodingCannotHoldIsSaidToNeedAUtf8LocaleOrAnAsciiPath() {
        assertThat(InvalidDirectoryPath.reason("/srv/plügins", UNMAPPABLE, StandardCharsets.US_ASCII))
            .startsWith("Malformed input or input contains unmappable characters: /srv/pl?gins")
            .contains("the JVM's file name encoding, US-ASCII, which the locale sets, cannot hold it")
            .endsWith("start the JVM under a UTF-8 locale, such as LANG=C.UTF-8, or use a path of ASCII characters)");
    }

    @Test
    void anotherReasonIsTheJdksAlone() {
        InvalidPathException nul = new InvalidPathException("/srv/a\0b", "Nul character not allowed");
        assertThat(InvalidDirectoryPath.reason("/srv/a\0b", nul, StandardCharsets.US_ASCII))
            .isEqualTo("Nul character not allowed: /srv/a\0b");
        assertThat(InvalidDirectoryPath.reason("/srv/plügins", UNMAPPABLE, StandardCharsets.UTF_8))
            .as("an encoding that holds the name: the JDK refused it for another reason")
            .isEqualTo("Malformed input or input contains unmappable characters: /srv/pl?gins");
        assertThat(InvalidDirectoryPath.reason("/srv/plügins", UNMAPPABLE, null))
            .isEqualTo("Malformed input or input contains unmappable characters: /srv/pl?gins");
    }
}
