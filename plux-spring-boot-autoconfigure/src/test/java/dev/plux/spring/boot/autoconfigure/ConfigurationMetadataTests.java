package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ConfigurationMetadataTests {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    @Test
    void everyPluxPropertyHasADescription() throws IOException {
        List<Map<String, Object>> properties = pluxProperties();
        assertThat(properties).extracting((property) -> property.get("name"))
            .contains("plux.enabled", "plux.autowire", "plux.namespaces", "plux.exclude");
        assertThat(properties).allSatisfy((property) -> assertThat(property.get("description"))
            .as("description of %s", property.get("name"))
            .asString()
            .isNotBlank());
    }

    @Test
    void booleanPropertiesDeclareTheirDefaults() throws IOException {
        assertThat(pluxProperties()).filteredOn((property) -> "plux.enabled".equals(property.get("name"))
                || "plux.autowire".equals(property.get("name")))
            .hasSize(2)
            .allSatisfy((property) -> assertThat(property.get("defaultValue")).isEqualTo(Boolean.TRUE));
    }

    @Test
    void everyScalarPluxPropertyDeclaresItsDefault() throws IOException {
        // the processor writes no default for a list that starts empty
        assertThat(pluxProperties()).filteredOn((property) -> !String.valueOf(property.get("type"))
            .startsWith("java.util.List"))
            .isNotEmpty()
            .allSatisfy((property) -> assertThat(property).as("default of %s", property.get("name"))
                .containsKey("defaultValue"));
    }

    @Test
    void pluxPropertiesAreDescribedByTheProcessorOnly() throws IOException {
        // additional metadata would silently override the descriptions generated from PluxProperties' Javadoc
        try (InputStream in = ConfigurationMetadataTests.class.getClassLoader()
            .getResourceAsStream("META-INF/additional-spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(JsonPath.<List<String>>read(json, "$.properties[*].name"))
                .noneMatch((name) -> name.startsWith("plux."));
        }
        assertThat(property("plux.namespaces").get("sourceType")).isEqualTo(PluxProperties.class.getName());
    }

    @Test
    void listPropertiesDescribeTheKeysOfTheirItems() throws IOException {
        assertThat(property("plux.namespaces").get("description")).asString()
            .contains("namespace (", "bean-name (", "plugin-type (", "load-on-startup (", "fail-fast (", "include (",
                    "exclude (")
            .contains("default dev.plux.core.Plugin");
        assertThat(property("plux.exclude").get("description")).asString()
            .contains("keys namespace, name and value")
            .contains("fnmatch globs");
    }

    @Test
    void healthIndicatorSwitchIsDescribed() throws IOException {
        Map<String, Object> enabled = property("management.health.plux.enabled");
        assertThat(enabled.get("type")).isEqualTo("java.lang.Boolean");
        assertThat(enabled.get("defaultValue")).isEqualTo(Boolean.TRUE);
        assertThat(enabled.get("description")).asString().startsWith("Whether to enable the plux health check");
    }

    private static Map<String, Object> property(String name) throws IOException {
        return allProperties().stream()
            .filter((property) -> name.equals(property.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no property " + name + " in " + METADATA));
    }

    private static List<Map<String, Object>> pluxProperties() throws IOException {
        List<Map<String, Object>> properties = allProperties().stream()
            .filter((property) -> String.valueOf(property.get("name")).startsWith("plux."))
            .toList();
        assertThat(properties).as("plux properties in %s", METADATA).isNotEmpty();
        return properties;
    }

    /** Every property of this module's metadata (generated and merged with the additional metadata). */
    private static List<Map<String, Object>> allProperties() throws IOException {
        List<Map<String, Object>> properties = new ArrayList<>();
        for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader().getResources(METADATA))) {
            String json;
            try (InputStream in = url.openStream()) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!json.contains(PluxProperties.class.getName())) {
                continue;
            }
            properties.addAll(JsonPath.<List<Map<String, Object>>>read(json, "$.properties[*]"));
        }
        return properties;
    }
}
