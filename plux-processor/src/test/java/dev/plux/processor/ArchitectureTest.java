package dev.plux.processor;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@Timeout(60)
class ArchitectureTest {

    private static final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.plux.processor");

    /** The processor runs in every user's javac, in every user's locale. */
    @Test
    void caseConversionsNameTheirLocale() {
        noClasses().should()
            .callMethod(String.class, "toLowerCase")
            .orShould()
            .callMethod(String.class, "toUpperCase")
            .because("without a Locale they follow the platform's: in tr-TR \"FIELD\".toLowerCase() is \"f\u0131eld\"")
            .check(classes);
    }
}
