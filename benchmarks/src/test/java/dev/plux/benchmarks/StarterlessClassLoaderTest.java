package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain context's class loader: Boot's auto-configuration candidates without plux's, every other candidate kept.
 */
@Timeout(30)
class StarterlessClassLoaderTest {

    @Test
    void bootFindsEveryCandidateButPluxs() throws IOException {
        List<String> all = candidates(new URLClassLoader(new URL[0], getClass().getClassLoader()));
        List<String> starterless = candidates(new StarterlessClassLoader(new URL[0], getClass().getClassLoader()));
        assertThat(all).contains("dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration")
            .contains("org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration");
        List<String> withoutPlux = new ArrayList<>(all);
        withoutPlux.removeIf((candidate) -> candidate.startsWith("dev.plux."));
        assertThat(starterless).isNotEmpty().containsExactlyElementsOf(withoutPlux);
    }

    private static List<String> candidates(URLClassLoader loader) throws IOException {
        try (loader) {
            List<String> candidates = new ArrayList<>();
            ImportCandidates.load(AutoConfiguration.class, loader).forEach(candidates::add);
            return candidates;
        }
    }
}
