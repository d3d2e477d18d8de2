package dev.plux.spring.boot.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks what a user of the published modules gets from the build: a jar with a stable
 * {@code Automatic-Module-Name}, a sources jar and a Javadoc jar. Runs after {@code package}, reading the jars
 * the reactor built (the starter is built after the other published modules).
 */
@Timeout(30)
class PublishedArtifactsIT {

    private static final Path ROOT = Path.of(System.getProperty("plux.root", ".."));

    private static final String VERSION = System.getProperty("plux.version", "0.1.0-SNAPSHOT");

    @ParameterizedTest
    @CsvSource({ "plux-core, dev.plux.core", "plux-processor, dev.plux.processor",
            "plux-spring-boot-autoconfigure, dev.plux.spring.boot.autoconfigure",
            "plux-spring-boot-starter, dev.plux.spring.boot.starter" })
    void everyPublishedModuleHasAModuleNameSourcesAndJavadoc(String artifactId, String moduleName)
            throws IOException {
        Path target = ROOT.resolve(artifactId).resolve("target");
        Path jar = target.resolve(artifactId + "-" + VERSION + ".jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                .isEqualTo(moduleName);
        }
        assertThat(target.resolve(artifactId + "-" + VERSION + "-sources.jar")).isRegularFile();
        Path javadoc = target.resolve(artifactId + "-" + VERSION + "-javadoc.jar");
        assertThat(javadoc).isRegularFile();
        try (JarFile file = new JarFile(javadoc.toFile())) {
            assertThat(file.getEntry("index.html")).as("index.html in %s", javadoc).isNotNull();
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
