package dev.plux.spring.boot.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks what a user of the published modules gets from the build: a jar with a stable
 * {@code Automatic-Module-Name}, a sources jar and a Javadoc jar, and {@code plux-bom} managing every one of them
 * at the project's version, and jars that are the same bytes from every build of a commit. Runs after {@code package}, reading the jars the reactor built (the starter is built
 * after the other published modules).
 */
@Timeout(30)
class PublishedArtifactsIT {

    private static final Path ROOT = Path.of(System.getProperty("plux.root", ".."));

    private static final String VERSION = System.getProperty("plux.version", "0.1.0-SNAPSHOT");

    /** The root pom's {@code project.build.outputTimestamp}: what makes the jars reproducible. */
    private static final String OUTPUT_TIMESTAMP = System.getProperty("plux.outputTimestamp", "2026-01-01T00:00:00Z");

    /** Every published module, with its module name. */
    private static final Map<String, String> PUBLISHED = Map.of("plux-core", "dev.plux.core", "plux-processor",
            "dev.plux.processor", "plux-spring-boot-autoconfigure", "dev.plux.spring.boot.autoconfigure",
            "plux-spring-boot-starter", "dev.plux.spring.boot.starter");

    static Stream<Arguments> published() {
        return PUBLISHED.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map((module) -> Arguments.of(module.getKey(), module.getValue()));
    }

    @ParameterizedTest
    @MethodSource("published")
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

    @ParameterizedTest
    @MethodSource("published")
    void everyEntryOfEveryPublishedJarHasTheBuildsFixedTimestamp(String artifactId, String moduleName)
            throws IOException {
        // Two builds of one commit, at other paths, times and time zones, give the same bytes (checked by hand:
        // root README) only while every entry carries project.build.outputTimestamp: a plugin or resource step that
        // stamps the build's own time breaks that, and this names the entry
        LocalDateTime fixed = LocalDateTime.ofInstant(Instant.parse(OUTPUT_TIMESTAMP), ZoneOffset.UTC);
        Path target = ROOT.resolve(artifactId).resolve("target");
        for (String classifier : List.of("", "-sources", "-javadoc")) {
            Path jar = target.resolve(artifactId + "-" + VERSION + classifier + ".jar");
            List<String> stamped = new ArrayList<>();
            try (JarFile file = new JarFile(jar.toFile())) {
                for (ZipEntry entry : Collections.list(file.entries())) {
                    if (!entry.getTimeLocal().equals(fixed)) {
                        stamped.add(entry.getName() + " " + entry.getTimeLocal());
                    }
                }
                assertThat(file.size()).as("entries of %s", jar).isPositive();
            }
            assertThat(stamped).as("entries of %s not at %s", jar, OUTPUT_TIMESTAMP).isEmpty();
        }
    }

    @Test
    void theBomManagesEveryPublishedModuleAtTheProjectVersion() throws Exception {
        Document bom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(ROOT.resolve("plux-bom").resolve("pom.xml").toFile());
        Element project = bom.getDocumentElement();
        assertThat(child(project, "version")).isEqualTo(VERSION);
        assertThat(child(project, "packaging")).isEqualTo("pom");
        NodeList dependencies = ((Element) project.getElementsByTagName("dependencyManagement").item(0))
            .getElementsByTagName("dependency");
        List<String> managed = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(child(dependency, "groupId")).isEqualTo("dev.plux");
            assertThat(child(dependency, "version")).isEqualTo("${project.version}");
            managed.add(child(dependency, "artifactId"));
        }
        assertThat(managed).containsExactlyInAnyOrderElementsOf(PUBLISHED.keySet());
    }

    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + element.getTagName() + ">");
    }
}
