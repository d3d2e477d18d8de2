package dev.plux.samples.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged sample with {@code java -jar} on a free local port, as a newcomer would, and reads what it
 * serves and prints; then again AOT-processed ({@code -Dspring.aot.enabled=true}: the code {@code process-aot}
 * generated at build time replaces configuration parsing), which must show the same table and endpoint.
 */
class SampleApplicationIT {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Nested
    class OnTheJvm extends RunningSample {

        OnTheJvm() {
            super(List.of());
        }
    }

    @Nested
    class AotProcessed extends RunningSample {

        AotProcessed() {
            super(List.of("-Dspring.aot.enabled=true"));
        }

        @Test
        void startsFromTheGeneratedCode() throws IOException {
            assertThat(Files.readString(this.output)).contains("Starting AOT-processed SampleApplication");
        }
    }

    /** One run of the packaged jar, started once for its tests. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    abstract class RunningSample {

        private final List<String> jvmOptions;

        Path workDir;

        Process process;

        Path output;

        int port;

        RunningSample(List<String> jvmOptions) {
            this.jvmOptions = jvmOptions;
        }

        @BeforeAll
        void startApplication() throws Exception {
            this.port = freePort();
            this.workDir = Files.createTempDirectory("plux-sample");
            this.output = this.workDir.resolve("sample.log");
            List<String> command = new ArrayList<>();
            command.add(System.getProperty("java.executable", "java"));
            command.addAll(this.jvmOptions);
            String jar = System.getProperty("sample.jar", "target/plux-sample-app.jar");
            command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString(), "--server.port=" + this.port,
                    "--server.address=127.0.0.1"));
            // from the module's directory, as the README runs it: plux.plugin-directories=plugins is relative to it
            this.process = new ProcessBuilder(command).directory(Path.of(System.getProperty("basedir", ".")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(this.output.toFile())
                .start();
            awaitHealthy();
        }

        @AfterAll
        void stopApplication() throws Exception {
            if (this.process != null) {
                this.process.destroy();
                if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly();
                }
            }
            if (this.workDir != null) {
                Files.deleteIfExists(this.output);
                Files.deleteIfExists(this.workDir);
            }
        }

        @Test
        void printsTheTableOfNamespacesAndPlugins() throws IOException {
            String log = Files.readString(this.output);
            assertThat(log).contains("plux plugins")
                .containsPattern("plux\\.samples\\.greetings\\s+hello\\s+LOADED\\s+Hello, plux!")
                .containsPattern("plux\\.samples\\.greetings\\s+clock\\s+LOADED\\s+Good \\w+, plux!")
                .containsPattern("plux\\.samples\\.greetings\\s+from-folder\\s+LOADED\\s+"
                        + "Hi, plux, from the plugins folder of plux-sample!")
                .containsPattern("plux\\.samples\\.greetings\\s+grumpy\\s+DISABLED\\s+disabled: Load condition for plugin was false")
                .containsPattern("plux\\.samples\\.greetings\\s+broken\\s+LOAD_FAILED")
                .containsPattern("plux\\.samples\\.greetings\\s+legacy-hello\\s+DISABLED")
                .containsPattern("plux\\.samples\\.startup\\s+banner\\s+LOADED");
        }

        @Test
        void healthIsUpBecauseEveryLoadOnStartupPluginLoaded() throws Exception {
            DocumentContext health = get("/actuator/health");
            assertThat(health.read("$.status", String.class)).isEqualTo("UP");
            assertThat(health.read("$.components.plux.status", String.class)).isEqualTo("UP");
        }

        @Test
        void endpointListsEveryPluginWithItsState() throws Exception {
            DocumentContext plux = get("/actuator/plux/plux.samples.greetings");
            List<Map<String, Object>> plugins = plux.read("$..plugins[*]");
            assertThat(plugins).extracting((plugin) -> plugin.get("name"))
                .contains("hello", "polite", "grumpy", "broken", "legacy-hello", "clock");
            assertThat(plux.read("$..plugins[?(@.name == 'hello')].state", List.class)).containsExactly("LOADED");
            assertThat(plux.read("$..plugins[?(@.name == 'grumpy')].state", List.class)).containsExactly("DISABLED");
            assertThat(plux.read("$..plugins[?(@.name == 'broken')].state", List.class)).containsExactly("LOAD_FAILED");
            assertThat(plux.read("$..plugins[?(@.name == 'hello')].distribution.name", List.class))
                .containsExactly("greeting-plugins");
        }

        @Test
        void metricsCountPluginsPerStateAndTimeEachLoad() throws Exception {
            DocumentContext loaded = get("/actuator/metrics/plux.plugins?tag=namespace:plux.samples.greetings&tag=state:loaded");
            assertThat(loaded.read("$.measurements[0].value", Double.class)).isEqualTo(4.0);
            DocumentContext failed = get("/actuator/metrics/plux.plugin.load?tag=outcome:failed");
            assertThat(failed.read("$.measurements[?(@.statistic == 'COUNT')].value", List.class)).containsExactly(1.0);
            assertThat(failed.read("$.availableTags[?(@.tag == 'plugin')].values[*]", List.class)).containsExactly("broken");
        }

        @Test
        void aPluginFromThePluginsDirectoryIsListedWithItsBundle() throws Exception {
            DocumentContext plux = get("/actuator/plux/plux.samples.greetings");
            assertThat(plux.read("$..plugins[?(@.name == 'from-folder')].state", List.class)).containsExactly("LOADED");
            assertThat(plux.read("$..plugins[?(@.name == 'from-folder')].value", List.class))
                .containsExactly("com.example.extra.FolderGreetingPlugin");
            assertThat(plux.read("$..plugins[?(@.name == 'from-folder')].distribution.name", List.class))
                .containsExactly("extra-plugins");
            assertThat(plux.read("$..plugins[?(@.name == 'from-folder')].bundle", List.class))
                .singleElement().asString().startsWith("extra-plugins").endsWith(".jar");
            assertThat(plux.read("$..plugins[?(@.name == 'hello')].bundle", List.class)).isEmpty();
        }

        @Test
        void endpointHidesMessagesAndLocationsFromAnonymousCallers() throws Exception {
            DocumentContext plux = get("/actuator/plux/plux.samples.greetings");
            assertThat(plux.read("$..plugins[?(@.name == 'broken')].error.type", List.class))
                .containsExactly("java.lang.IllegalStateException");
            assertThat(plux.read("$..plugins[?(@.name == 'broken')].error.message", List.class))
                .containsExactly("******");
            assertThat(plux.read("$..plugins[?(@.name == 'hello')].distribution.location", List.class))
                .containsExactly("******");
        }

        @Test
        void endpointListsBothNamespaces() throws Exception {
            String body = getText("/actuator/plux");
            assertThat(body).contains("plux.samples.greetings").contains("plux.samples.startup").contains("warm-up");
        }

        private DocumentContext get(String path) throws Exception {
            return JsonPath.parse(getText(path));
        }

        private String getText(String path) throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
            return response.body();
        }

        private void awaitHealthy() throws Exception {
            Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (!this.process.isAlive()) {
                    throw new AssertionError("the sample exited with " + this.process.exitValue() + ":\n"
                            + Files.readString(this.output));
                }
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && Files.readString(this.output).contains("plux plugins")) {
                        return;
                    }
                }
                catch (IOException ex) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the sample did not become healthy within " + STARTUP_TIMEOUT + ":\n"
                    + Files.readString(this.output));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
