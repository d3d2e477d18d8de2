package dev.plux.spring.boot.actuate;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint and health indicator through a real server, as an HTTP client sees them.
 */
@SpringBootTest(classes = PluxEndpointWebTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=plux,health",
                "management.endpoint.health.show-details=always", "management.endpoint.plux.show-values=always" })
@Timeout(60)
class PluxEndpointWebTests {

    private static final String GOOD = PluginFixtures.Good.class.getName();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private PluginManagers managers;

    @Test
    void listsEveryNamespaceWithEveryPlugin() throws Exception {
        HttpResponse<String> response = get("/actuator/plux");
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        Map<String, Object> namespaces = json.read("$.namespaces");
        assertThat(namespaces).containsOnlyKeys("test.startup", "test.lazy");
        assertThat(json.<List<String>>read("$.namespaces['test.startup'].plugins[*].name"))
            .containsExactlyElementsOf(PluginFixtures.NAMES);
        assertThat(json.<List<String>>read("$.namespaces['test.startup'].plugins[*].state"))
            .containsExactly("LOADED", "INIT_FAILED", "LOAD_FAILED", "DISABLED", "DISABLED");
    }

    @Test
    void describesEachPluginFieldByField() throws Exception {
        HttpResponse<String> response = get("/actuator/plux/test.startup");
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.<Map<String, Object>>read("$")).containsOnlyKeys("plugins");

        Map<String, Object> good = json.read("$.plugins[0]");
        assertThat(good).containsEntry("name", "good").containsEntry("value", GOOD).containsEntry("state", "LOADED");
        assertThat(good.get("error")).isNull();
        assertThat(good.get("disabledReason")).isNull();
        assertThat(json.<String>read("$.plugins[0].distribution.name")).isEqualTo("test-classes");
        assertThat(json.<String>read("$.plugins[0].distribution.location")).startsWith("file:").endsWith("/test-classes/");

        assertThat(json.<String>read("$.plugins[1].state")).isEqualTo("INIT_FAILED");
        assertThat(json.<String>read("$.plugins[1].error.type")).isEqualTo(IllegalStateException.class.getName());
        assertThat(json.<String>read("$.plugins[1].error.message")).isEqualTo("no database");
        assertThat(json.<Map<String, Object>>read("$.plugins[1].error")).containsOnlyKeys("type", "message");

        assertThat(json.<String>read("$.plugins[2].state")).isEqualTo("LOAD_FAILED");
        assertThat(json.<String>read("$.plugins[2].error.type")).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(json.<String>read("$.plugins[2].error.message")).isEqualTo("bad config");

        assertThat(json.<String>read("$.plugins[3].disabledReason")).isEqualTo("Load condition for plugin was false");
        assertThat(json.<String>read("$.plugins[4].disabledReason"))
            .startsWith("A plugin filter disabled this plugin before it was initialized: ");
        assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("\tat ");
    }

    @Test
    void listingDoesNotLoadPlugins() throws Exception {
        HttpResponse<String> response = get("/actuator/plux/test.lazy");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.parse(response.body()).<List<String>>read("$.plugins[*].state")).hasSize(5)
            .containsOnly("RESOLVED");
        PluginManager<?> lazy = this.managers.get("test.lazy");
        assertThat(lazy.listContainers()).allSatisfy(container -> assertThat(container.isInit()).isFalse());
    }

    @Test
    void unknownNamespaceIsNotFound() throws Exception {
        assertThat(get("/actuator/plux/no.such.namespace").statusCode()).isEqualTo(404);
    }

    @Test
    void healthIsDownWithTheFailedPluginsOfALoadOnStartupNamespace() throws Exception {
        HttpResponse<String> response = get("/actuator/health/plux");
        assertThat(response.statusCode()).isEqualTo(503);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.<String>read("$.status")).isEqualTo("DOWN");
        Map<String, Map<String, String>> details = json.read("$.details");
        assertThat(details).containsOnlyKeys("test.startup");
        assertThat(details.get("test.startup")).containsOnly(
                Map.entry("broken-init", "java.lang.IllegalStateException: no database"),
                Map.entry("broken-load", "java.lang.IllegalArgumentException: bad config"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return LocalJsonRequests.get(this.http, this.port, path);
    }

    /** Stands in for plux's core auto-configuration: two managers, one of them loaded on startup. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = "dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration")
    static class TestApplication {

        @Bean
        PluxSettings pluxSettings() {
            return PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces[0].namespace", "test.startup")
                .withProperty("plux.namespaces[0].load-on-startup", "true")
                .withProperty("plux.namespaces[1]", "test.lazy"), null);
        }

        @Bean
        PluginManagers pluginManagers() {
            PluginManager<Plugin> startup = PluginFixtures.manager("test.startup", List.of());
            startup.loadAll();
            return new PluginManagers(List.of(startup, PluginFixtures.manager("test.lazy", List.of())));
        }
    }
}
