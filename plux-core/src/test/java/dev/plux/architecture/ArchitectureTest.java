package dev.plux.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.plux.core", "dev.plux.runtime");

    @Test
    void coreAndRuntimeDoNotDependOnSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(MAIN);
    }

    @Test
    void coreDoesNotDependOnRuntime() {
        noClasses().that()
            .resideInAPackage("dev.plux.core")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.plux.runtime..")
            .check(MAIN);
    }
}
