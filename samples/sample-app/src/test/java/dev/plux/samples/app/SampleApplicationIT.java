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
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged sample with {@code java -jar} on a free local port, as a newcomer would, and reads what it
 * serves and prints.
 */
class SampleApplicationIT {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path workDir;

    private static Process process;

    private static Path output;

    private static int port;

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startApplication() throws Exception {
        port = freePort();
        output = workDir.resolve("sample.log");
        String java = System.getProperty("java.executable", "java");
        String jar = System.getProperty("sample.jar", "target/plux-sample-app.jar");
        process = new ProcessBuilder(java, "-jar", jar, "--server.port=" + port, "--server.address=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        awaitHealthy();
    }

    @AfterAll
    static void stopApplication() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void printsTheTableOfNamespacesAndPlugins() throws IOException {
        String log = Files.readString(output);
        assertThat(log).contains("plux plugins")
            .containsPattern("plux\\.samples\\.greetings\\s+hello\\s+LOADED\\s+Hello, plux!")
            .containsPattern("plux\\.samples\\.greetings\\s+clock\\s+LOADED\\s+Good \\w+, plux!")
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
        assertThat(loaded.read("$.measurements[0].value", Double.class)).isEqualTo(3.0);
        DocumentContext failed = get("/actuator/metrics/plux.plugin.load?tag=outcome:failed");
        assertThat(failed.read("$.measurements[?(@.statistic == 'COUNT')].value", List.class)).containsExactly(1.0);
        assertThat(failed.read("$.availableTags[?(@.tag == 'plugin')].values[*]", List.class)).containsExactly("broken");
    }

    @Test
    void endpointHidesMessagesAndLocationsFromAnonymousCallers() throws Exception {
        DocumentContext plux = get("/actuator/plux/plux.samples.greetings");
        assertThat(plux.read("$..plugins[?(@.name == 'broken')].error.type", List.class))
            .containsExactly("java.lang.IllegalStateException");
        assertThat(plux.read("$..plugins[?(@.name == 'broken')].error.message", List.class)).containsExactly("******");
        assertThat(plux.read("$..plugins[?(@.name == 'hello')].distribution.location", List.class))
            .containsExactly("******");
    }

    @Test
    void endpointListsBothNamespaces() throws Exception {
        String body = getText("/actuator/plux");
        assertThat(body).contains("plux.samples.greetings").contains("plux.samples.startup").contains("warm-up");
    }

    private static DocumentContext get(String path) throws Exception {
        return JsonPath.parse(getText(path));
    }

    private static String getText(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    private static void awaitHealthy() throws Exception {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the sample exited with " + process.exitValue() + ":\n"
                        + Files.readString(output));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && Files.readString(output).contains("plux plugins")) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the sample did not become healthy within " + STARTUP_TIMEOUT + ":\n"
                + Files.readString(output));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
