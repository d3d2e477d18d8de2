package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.spring.boot.autoconfigure.fixtures.NeverEndingPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.NeverEndingStartupApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading threads never keep the JVM alive after a failed startup: an application whose startup times out on a
 * plugin that never returns, and ignores interruption ({@link NeverEndingPlugin}), runs in its own JVM, which must
 * exit by itself once {@code main} has thrown. In-process tests can only check that the threads are daemons.
 */
@Timeout(90)
class StartupLoaderProcessTests {

    @Test
    void theJvmExitsAfterAStartupTimeoutDespiteAPluginThatNeverReturns(@TempDir Path directory)
            throws IOException, InterruptedException {
        Path output = directory.resolve("output.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                NeverEndingStartupApplication.class.getName(), "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--plux.namespaces[0].namespace=test.spring.never-ending",
                "--plux.namespaces[0].load-on-startup=true", "--plux.namespaces[0].startup-timeout=5s"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        boolean exited;
        try {
            exited = process.waitFor(60, TimeUnit.SECONDS);
        }
        finally {
            process.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("the JVM exited by itself; its output:%n%s", log).isTrue();
        assertThat(process.exitValue()).as(log).isNotZero();
        // it failed for the reason under test: the startup timeout naming the plugin still loading (not one that passed
        // while a cold JVM on a loaded machine was still listing the plugins: hence seconds)
        assertThat(log).contains("plux.namespaces[0].startup-timeout (5 s)", "still loading: never-ending");
    }
}
