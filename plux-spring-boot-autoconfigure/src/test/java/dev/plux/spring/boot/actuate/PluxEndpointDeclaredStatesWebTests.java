package dev.plux.spring.boot.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.plux.spring.boot.autoconfigure.fixtures.Greeter;
import dev.plux.spring.boot.autoconfigure.fixtures.StaticInitFlags;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The states plux-core 0.2 adds, over HTTP: a plugin nobody used is {@code DECLARED} and stays unresolved through a
 * GET (its holder's static initializer does not run); an entry whose class is missing is {@code RESOLVE_FAILED}
 * in the endpoint, in health and in the gauge.
 */
@SpringBootTest(classes = PluxEndpointDeclaredStatesWebTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=plux,health",
                "management.endpoint.health.show-details=always", "plux.namespaces[0]=test.spring.holder",
                "plux.namespaces[1].namespace=test.spring.diag", "plux.namespaces[1].load-on-startup=true",
                "plux.namespaces[1].exclude=legacy-*" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluxEndpointDeclaredStatesWebTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry meters;

    @Test
    void listingANamespaceNobodyUsedRunsNoPluginCode() throws Exception {
        DocumentContext json = get("/actuator/plux");

        assertThat(json.<List<String>>read("$.namespaces['test.spring.holder'].plugins[*].name"))
            .containsExactly("held");
        assertThat(json.<List<String>>read("$.namespaces['test.spring.holder'].plugins[*].state"))
            .containsExactly("DECLARED");
        assertThat(json.<List<String>>read("$.namespaces['test.spring.holder'].plugins[*].value"))
            .containsExactly("dev.plux.spring.boot.autoconfigure.fixtures.StaticInitHolder:FACTORY");
        // resolving the member form would have read the field, running the holder's static initializer
        assertThat(StaticInitFlags.HOLDER_INITIALIZED).isFalse();
    }

    @Test
    void unresolvableEntryIsListedWithItsRootCause() throws Exception {
        DocumentContext json = get("/actuator/plux/test.spring.diag");

        assertThat(json.<List<String>>read("$.plugins[?(@.name == 'ghost')].state"))
            .containsExactly("RESOLVE_FAILED");
        assertThat(json.<List<String>>read("$.plugins[?(@.name == 'ghost')].value"))
            .containsExactly("dev.plux.spring.boot.autoconfigure.fixtures.DoesNotExist");
        assertThat(json.<List<String>>read("$.plugins[?(@.name == 'ghost')].error.type"))
            .containsExactly(ClassNotFoundException.class.getName());
        assertThat(json.<List<String>>read("$.plugins[?(@.name == 'ghost')].error.message")).containsExactly("******");
    }

    @Test
    void excludedPluginsReasonNamesThePropertyAndGlob() throws Exception {
        DocumentContext json = get("/actuator/plux/test.spring.diag");

        assertThat(json.<List<String>>read("$.plugins[?(@.name == 'legacy-csv')].disabledReason")).containsExactly(
                "A plugin filter disabled this plugin before it was initialized: plux.namespaces[1].exclude 'legacy-*'");
    }

    @Test
    void healthAndGaugeCountTheUnresolvableEntryAsFailed() throws Exception {
        HttpResponse<String> response = send("/actuator/health/plux");
        assertThat(response.statusCode()).isEqualTo(503);
        Map<String, Object> details = JsonPath.parse(response.body()).read("$.details['test.spring.diag']");
        assertThat(details).containsOnlyKeys("broken", "ghost");
        assertThat((String) details.get("ghost")).startsWith(ClassNotFoundException.class.getName());
        assertThat((String) details.get("broken")).isEqualTo(IllegalStateException.class.getName()
                + ": broken on purpose (jdbc:postgresql://db/app?password=hunter2)");

        assertThat(this.meters.get("plux.plugins").tags("namespace", "test.spring.diag", "state", "resolve_failed")
            .gauge()
            .value()).isEqualTo(1);
        assertThat(this.meters.get("plux.plugins").tags("namespace", "test.spring.diag", "state", "init_failed")
            .gauge()
            .value()).isEqualTo(1);
    }

    private DocumentContext get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
            .header("Accept", "application/json")
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        Greeter greeter() {
            return new Greeter("hi");
        }
    }
}
