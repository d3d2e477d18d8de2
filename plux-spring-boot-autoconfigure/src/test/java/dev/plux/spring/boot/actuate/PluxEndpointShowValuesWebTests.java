package dev.plux.spring.boot.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.plux.spring.boot.autoconfigure.fixtures.Greeter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code show-values: when-authorized} with a role, over HTTP: a principal comes from a servlet filter (standing in
 * for Spring Security), so the endpoint sees {@code getUserPrincipal()} and {@code isUserInRole} as in production.
 */
@SpringBootTest(classes = PluxEndpointShowValuesWebTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=plux", "plux.namespaces[0].namespace=test.spring.diag",
                "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].exclude=legacy-*",
                "management.endpoint.plux.show-values=when-authorized",
                "management.endpoint.plux.roles=PLUX_ADMIN" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluxEndpointShowValuesWebTests {

    private static final String HIDDEN = "******";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void anonymousRequestSeesTypesButNeitherMessagesNorLocations() throws Exception {
        DocumentContext json = get(null, null);

        assertThat(json.<String>read("$.plugins[1].name")).isEqualTo("broken");
        assertThat(json.<String>read("$.plugins[1].state")).isEqualTo("INIT_FAILED");
        assertThat(json.<String>read("$.plugins[1].error.type")).isEqualTo(IllegalStateException.class.getName());
        assertThat(json.<String>read("$.plugins[1].error.message")).isEqualTo(HIDDEN);
        assertThat(json.<String>read("$.plugins[0].distribution.name")).isEqualTo("test-classes");
        assertThat(json.<String>read("$.plugins[0].distribution.location")).isEqualTo(HIDDEN);
        assertThat(json.jsonString()).doesNotContain("hunter2").doesNotContain("file:");
    }

    @Test
    void authenticatedUserWithoutTheRoleSeesNoValues() throws Exception {
        DocumentContext json = get("bob", "USER");

        assertThat(json.<String>read("$.plugins[1].error.message")).isEqualTo(HIDDEN);
        assertThat(json.<String>read("$.plugins[0].distribution.location")).isEqualTo(HIDDEN);
    }

    @Test
    void userInTheRoleSeesTheRootCauseMessageAndTheLocation() throws Exception {
        DocumentContext json = get("alice", "USER,PLUX_ADMIN");

        // the plugin's own message, not BeanCreationException's "Failed to instantiate ... Constructor threw"
        assertThat(json.<String>read("$.plugins[1].error.message"))
            .isEqualTo("broken on purpose (jdbc:postgresql://db/app?password=hunter2)");
        assertThat(json.<String>read("$.plugins[0].distribution.location")).startsWith("file:")
            .endsWith("/test-classes/");
    }

    @Test
    void disabledReasonNamesThePropertyAndGlob() throws Exception {
        DocumentContext json = get(null, null);

        assertThat(json.<List<String>>read("$.plugins[?(@.name == 'legacy-csv')].state")).containsExactly("DISABLED");
        assertThat(json.<List<String>>read("$.plugins[?(@.name == 'legacy-csv')].disabledReason")).singleElement()
            .asString()
            .startsWith("A plugin filter disabled this plugin before it was initialized");
    }

    private DocumentContext get(String user, String roles) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest
            .newBuilder(URI.create("http://localhost:" + this.port + "/actuator/plux/test.spring.diag"))
            .header("Accept", "application/json");
        if (user != null) {
            request.header("X-Test-User", user).header("X-Test-Roles", roles);
        }
        HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        // no namespace key inside the namespace's own entry; null fields (a namespace's error) are left out
        assertThat(json.<Map<String, Object>>read("$")).containsOnlyKeys("plugins");
        return json;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        Greeter greeter() {
            return new Greeter("hi");
        }

        /** Authenticates a request that names a user in a header, with the roles of another header. */
        @Bean
        Filter testAuthentication() {
            return (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                String user = http.getHeader("X-Test-User");
                if (user == null) {
                    chain.doFilter(request, response);
                    return;
                }
                List<String> roles = Arrays.asList(http.getHeader("X-Test-Roles").split(","));
                Principal principal = () -> user;
                chain.doFilter(new HttpServletRequestWrapper(http) {

                    @Override
                    public Principal getUserPrincipal() {
                        return principal;
                    }

                    @Override
                    public boolean isUserInRole(String role) {
                        return roles.contains(role);
                    }
                }, response);
            };
        }
    }
}
