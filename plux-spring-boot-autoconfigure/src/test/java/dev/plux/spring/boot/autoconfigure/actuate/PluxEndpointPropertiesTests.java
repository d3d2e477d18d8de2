package dev.plux.spring.boot.autoconfigure.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.plux.spring.boot.actuate.PluxEndpoint;
import dev.plux.spring.boot.actuate.PluxEndpointWebExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code management.endpoint.plux.show-values} and {@code roles}: bound, handed to the endpoint and its web
 * extension, and described in the configuration metadata.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluxEndpointPropertiesTests {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    @Test
    void valuesAreHiddenUnlessConfigured() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxActuatorAutoConfiguration.class))
            .withUserConfiguration(PluxActuatorAutoConfigurationTests.ManagersConfiguration.class)
            .withPropertyValues("management.endpoints.web.exposure.include=plux")
            .run((context) -> {
                assertThat(context.getBean(PluxEndpointProperties.class).getShowValues()).isEqualTo(Show.NEVER);
                PluxEndpoint.NamespaceDescriptor described = context.getBean(PluxEndpoint.class)
                    .namespace("test.ns");
                assertThat(described).isNotNull();
                assertThat(described.plugins().get(0).distribution().location()).isEqualTo("******");
            });
    }

    @Test
    void showValuesAndRolesAreBoundAndTheWebExtensionIsRegistered() {
        new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxActuatorAutoConfiguration.class))
            .withUserConfiguration(PluxActuatorAutoConfigurationTests.ManagersConfiguration.class)
            .withPropertyValues("management.endpoints.web.exposure.include=plux",
                    "management.endpoint.plux.show-values=when-authorized",
                    "management.endpoint.plux.roles=PLUX_ADMIN,OPS")
            .run((context) -> {
                PluxEndpointProperties properties = context.getBean(PluxEndpointProperties.class);
                assertThat(properties.getShowValues()).isEqualTo(Show.WHEN_AUTHORIZED);
                assertThat(properties.getRoles()).containsExactly("PLUX_ADMIN", "OPS");
                assertThat(context).hasSingleBean(PluxEndpointWebExtension.class);
            });
    }

    @Test
    void showValuesAndRolesAreDescribedInTheMetadata() throws IOException {
        Map<String, Object> showValues = property("management.endpoint.plux.show-values");
        assertThat(showValues.get("type")).isEqualTo(Show.class.getName());
        assertThat(showValues.get("defaultValue")).isEqualTo("never");
        assertThat(showValues.get("description")).asString().contains("error messages").contains("'******'");
        assertThat(property("management.endpoint.plux.roles").get("description")).asString()
            .contains("when-authorized");
    }

    private static Map<String, Object> property(String name) throws IOException {
        List<Map<String, Object>> properties = new ArrayList<>();
        for (URL url : Collections.list(PluxEndpointPropertiesTests.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = url.openStream()) {
                properties.addAll(JsonPath.<List<Map<String, Object>>>read(
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), "$.properties[*]"));
            }
        }
        return properties.stream()
            .filter((property) -> name.equals(property.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no property " + name + " in " + METADATA));
    }
}
