package dev.plux.samples.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample carries the indexes plux-processor generated, for the library and for the application.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SampleJarIT {

    private final Path jar = Path.of(System.getProperty("sample.jar", "target/plux-sample-app.jar"));

    @Test
    void pluginLibraryInsideTheJarCarriesTheGeneratedIndex() throws IOException {
        try (JarFile app = new JarFile(this.jar.toFile())) {
            JarEntry library = app.stream()
                .filter((entry) -> entry.getName().matches("BOOT-INF/lib/greeting-plugins-.*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("greeting-plugins jar missing from " + this.jar));
            byte[] nested = app.getInputStream(library).readAllBytes();
            String index = readEntry(nested, "META-INF/plux/entry_points.txt");
            assertThat(index).contains("[plux.samples.greetings]")
                .contains("hello = dev.plux.samples.greeting.HelloPlugin")
                .contains("polite = dev.plux.samples.greeting.GreetingPlugins:polite")
                .contains("[plux.samples.startup]")
                .contains("banner = dev.plux.samples.greeting.StartupTasks:banner")
                .contains("warm-up = dev.plux.samples.greeting.StartupTasks:warmUp");
        }
    }

    @Test
    void applicationClassesCarryTheirOwnIndex() throws IOException {
        try (JarFile app = new JarFile(this.jar.toFile())) {
            // Boot's repackaging keeps META-INF of the application at the root of the jar
            JarEntry entry = app.getJarEntry("META-INF/plux/entry_points.txt");
            assertThat(entry).as("application index in " + this.jar).isNotNull();
            try (InputStream in = app.getInputStream(entry)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("clock = dev.plux.samples.app.ClockGreetingPlugin");
            }
        }
    }

    private static String readEntry(byte[] jarBytes, String name) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jarBytes))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (entry.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " missing from the nested greeting-plugins jar");
    }
}
