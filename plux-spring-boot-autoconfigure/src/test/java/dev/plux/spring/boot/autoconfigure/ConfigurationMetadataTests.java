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

import static org.assertj.core.api.Assertions.assertThat;

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

    private static List<Map<String, Object>> pluxProperties() throws IOException {
        List<Map<String, Object>> properties = new ArrayList<>();
        for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader().getResources(METADATA))) {
            String json;
            try (InputStream in = url.openStream()) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!json.contains(PluxProperties.class.getName())) {
                continue;
            }
            List<Map<String, Object>> all = JsonPath.read(json, "$.properties[*]");
            all.stream().filter((property) -> String.valueOf(property.get("name")).startsWith("plux.")).forEach(properties::add);
        }
        assertThat(properties).as("plux properties in %s", METADATA).isNotEmpty();
        return properties;
    }
}
