package dev.plux.spring.boot.actuate;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.fixtures.Greeter;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an untrusted HTTP caller (no principal) gets from the Actuator surface plux adds, with the defaults an
 * operator keeps in production ({@code show-values} unset, health details {@code when-authorized}): no plugin's
 * error message, no jar or directory path, through any route; and a selector it makes up is answered 404 without
 * reading, resolving or creating anything, echoing or logging it.
 */
@SpringBootTest(classes = PluxActuatorUntrustedCallerWebTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=plux,health,metrics,configprops,env,info",
                "management.endpoint.health.show-details=when-authorized",
                "plux.namespaces[0].namespace=test.spring.diag", "plux.namespaces[0].load-on-startup=true",
                "plux.namespaces[0].exclude=legacy-*", "plux.namespaces[1].namespace=test.spring.services",
                "plux.plugin-directories=" + PluxActuatorUntrustedCallerWebTests.SECRET_DIRECTORY })
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluxActuatorUntrustedCallerWebTests {

    /** A plugin directory whose path must not reach an untrusted caller (missing: plux only warns of it). */
    static final String SECRET_DIRECTORY = "target/untrusted-caller-secret-dir";

    /** What the broken plugin's message holds (BrokenOnPurposePlugin). */
    private static final String SECRET_MESSAGE = "hunter2";

    /**
     * The selectors an attacker might try; each holds the marker, so that an echo of it can be found. Tomcat refuses
     * {@code %00} and an encoded {@code /} with its own 400 page; the others reach plux, which answers 404.
     */
    private static final List<String> STRANGE_SELECTORS = List.of("zz-marker-unknown", "test.spring.*zz-marker",
            "TEST.SPRING.SERVICES%0Azz-marker", "zz-marker%0D%0AINFO%20forged", "zz-marker%00nul",
            "%2E%2E%2Fzz-marker", "zz-marker%3Cscript%3E", "zz-marker" + "x".repeat(4_000));

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private PluginManagers managers;

    @Autowired
    private ApplicationContext context;

    @Test
    @Order(1)
    void madeUpSelectorsAreNotFoundAndNeitherReadNorCreateAnythingNorEchoNorLogTheInput(CapturedOutput output)
            throws Exception {
        int managerBeans = this.context.getBeansOfType(PluginManager.class).size();
        PluginManager<?> lazy = this.managers.get("test.spring.services");
        assertThat(lazy.isResolved()).isFalse();
        int logged = output.length();

        for (String selector : STRANGE_SELECTORS) {
            HttpResponse<String> response = get("/actuator/plux/" + selector);
            // 404 from plux; a servlet container may refuse some encodings first (400), never plux's answer
            assertThat(response.statusCode()).as(selector).isIn(400, 404);
            assertThat(response.body()).as(selector).doesNotContain("zz-marker").doesNotContain("plugins");
        }
        // a glob or a case variant of a configured namespace is not that namespace; nothing was read for them
        assertThat(lazy.isResolved()).isFalse();
        assertThat(this.context.getBeansOfType(PluginManager.class)).hasSize(managerBeans);
        assertThat(output.toString().substring(logged)).doesNotContain("zz-marker");
    }

    @Test
    @Order(2)
    void noRouteShowsAnUnauthorizedCallerAPluginsErrorMessageOrAPath() throws Exception {
        // startup loaded the namespace: a plugin failed with a secret in its message, health is DOWN
        assertThat(this.managers.get("test.spring.diag").getContainer("broken").state().name())
            .isEqualTo("INIT_FAILED");
        String location = this.managers.get("test.spring.diag")
            .getContainer("ok")
            .distribution()
            .orElseThrow()
            .location()
            .toString();

        for (String path : List.of("/actuator/plux", "/actuator/plux/test.spring.diag", "/actuator/health",
                "/actuator/health/plux", "/actuator/metrics/plux.plugins", "/actuator/metrics/plux.plugin.load",
                "/actuator/metrics/plux.plugin.load?tag=outcome:failed", "/actuator/configprops",
                "/actuator/configprops/plux", "/actuator/env", "/actuator/info")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isIn(200, 404, 503);
            assertThat(response.body()).as(path)
                .doesNotContain(SECRET_MESSAGE)
                .doesNotContain(location)
                .doesNotContain(SECRET_DIRECTORY)
                .doesNotContain("\tat ");
        }
        // health says DOWN, without components or details, as Boot's show-details=when-authorized does for any
        // indicator (the component's own path answers 404 to such a caller)
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("DOWN").doesNotContain("details").doesNotContain("IllegalStateException");
        assertThat(get("/actuator/health/plux").statusCode()).isEqualTo(404);
        // the timer exists (so the sweep above read it): its error tag is a class name, not a message
        assertThat(get("/actuator/metrics/plux.plugin.load").body()).contains("IllegalStateException");
    }

    @Test
    @Order(3)
    void theEndpointStillNamesTheFailureTypeAndHidesTheMessage() throws Exception {
        HttpResponse<String> response = get("/actuator/plux/test.spring.diag");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> broken = com.jayway.jsonpath.JsonPath.parse(response.body())
            .<List<Map<String, Object>>>read("$.plugins[?(@.name == 'broken')].error")
            .get(0);
        assertThat(broken).containsEntry("type", IllegalStateException.class.getName())
            .containsEntry("message", "******");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return LocalJsonRequests.get(this.http, this.port, path);
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
