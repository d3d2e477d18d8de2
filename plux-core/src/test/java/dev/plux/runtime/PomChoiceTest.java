package dev.plux.runtime;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class PomChoiceTest {

    private static final String ACME = "META-INF/maven/com.acme/acme/pom.properties";

    private static final String ACME_BASE = "META-INF/maven/com.acme/acme-base/pom.properties";

    private static final String ACME_GREETING = "META-INF/maven/com.acme/acme-greeting/pom.properties";

    private static final String PLUX_CORE = "META-INF/maven/dev.plux/plux-core/pom.properties";

    @Test
    void theLongestArtifactTheFileNameStartsWithWins() {
        assertThat(chosen("acme-greeting-1.0.jar", ACME, ACME_BASE, ACME_GREETING, PLUX_CORE)).isEqualTo(ACME_GREETING);
        assertThat(chosen("acme-greeting-1.0.jar", ACME_GREETING, PLUX_CORE, ACME, ACME_BASE)).isEqualTo(ACME_GREETING);
        assertThat(chosen("acme-1.0-SNAPSHOT-shaded.jar", ACME_BASE, ACME, PLUX_CORE)).isEqualTo(ACME);
        assertThat(chosen("acme.jar", ACME_BASE, ACME)).isEqualTo(ACME);
    }

    @Test
    void aFileNameInAnotherCaseStillNamesItsArtifact() {
        // a bundle is any *.jar in any case (ACME.JAR copied from a case-insensitive file system): so is the match
        assertThat(chosen("ACME-GREETING-1.0.JAR", ACME_BASE, ACME_GREETING, PLUX_CORE)).isEqualTo(ACME_GREETING);
        assertThat(chosen("acme.JAR", ACME_BASE, ACME)).isEqualTo(ACME);
    }

    @Test
    void withoutAnArtifactTheFileNameStartsWithTheFirstInNameOrderWinsWhateverTheEntryOrder() {
        assertThat(chosen("greeting.jar", ACME_GREETING, PLUX_CORE, ACME_BASE)).isEqualTo(ACME_BASE);
        assertThat(chosen("greeting.jar", PLUX_CORE, ACME_BASE, ACME_GREETING)).isEqualTo(ACME_BASE);
    }

    @Test
    void otherEntriesAreNotOffered() {
        assertThat(chosen("acme.jar", "META-INF/maven/com.acme/acme/pom.xml", "acme/pom.properties")).isNull();
    }

    private static String chosen(String fileName, String... entries) {
        PomChoice choice = new PomChoice(fileName);
        for (String entry : List.of(entries)) {
            choice.offer(entry);
        }
        return choice.chosen();
    }
}
