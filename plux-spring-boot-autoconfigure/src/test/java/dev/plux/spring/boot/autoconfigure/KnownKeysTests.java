package dev.plux.spring.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unknown-key check knows every key {@link PluxProperties} binds, read from the classes: these tests fail when a
 * property is added that it would report as unknown (or when it knows a key nothing binds).
 */
@Timeout(30)
class KnownKeysTests {

    @Test
    void everyPropertyOfPluxPropertiesAndItsNestedClassesIsKnownAtItsLevel() {
        assertKnowsEveryProperty(KnownKeys.PLUX, PluxProperties.class, "plux.");
    }

    @Test
    void everyPluxPropertyOfTheConfigurationMetadataIsKnown() throws IOException {
        // the metadata is generated from PluxProperties by Boot's processor, independently of the check
        List<String> names = metadataNames();
        assertThat(names).contains("plux.enabled", "plux.startup.parallelism");
        for (String name : names) {
            assertThat(KnownKeys.PLUX.find(ConfigurationPropertyName.of(name), 1, false)).as(name).isNull();
        }
        for (String key : KnownKeys.PLUX.names()) {
            assertThat(names).as("metadata of plux.%s", key)
                .anyMatch((name) -> name.equals("plux." + key) || name.startsWith("plux." + key + "."));
        }
    }

    @Test
    void theKeysOfANamespaceItemAreThoseOfItsBindingConstructor() {
        KnownKeys item = KnownKeys.PLUX.below("namespaces");
        assertThat(item).isNotNull();
        assertThat(item.names()).containsExactly("bean-name", "exclude", "fail-fast", "include", "load-on-startup",
                "namespace", "plugin-type", "startup-timeout");
    }

    @Test
    void aShortUnknownKeyGetsNoSuggestionOfAnUnrelatedKeyAndATypoGetsTheKeyItMisspells() {
        // the edit distance from one or two letters to every key of plux is large: a "did you mean" would mislead
        for (String key : List.of("x", "qz")) {
            KnownKeys.Unknown unknown = KnownKeys.PLUX.find(ConfigurationPropertyName.of("plux." + key), 1, false);
            assertThat(unknown).as(key).isNotNull();
            assertThat(unknown.key()).as(key).isEqualTo(key);
            assertThat(unknown.closest()).as(key).isNull();
        }
        KnownKeys.Unknown typo = KnownKeys.PLUX.find(ConfigurationPropertyName.of("plux.stratup"), 1, false);
        assertThat(typo).isNotNull();
        assertThat(typo.closest()).isEqualTo("startup");
    }

    @Test
    void aTypoIsSuggestedUpToAThirdOfItsLettersChangedAndNoFurther() {
        // 'parallelism' has 11 letters: three changed is still a typo of it (README), four is not
        KnownKeys.Unknown three = KnownKeys.PLUX.find(ConfigurationPropertyName.of("plux.startup.pxrxllxlism"), 1,
                false);
        assertThat(three).isNotNull();
        assertThat(three.closest()).isEqualTo("parallelism");
        KnownKeys.Unknown four = KnownKeys.PLUX.find(ConfigurationPropertyName.of("plux.startup.pxrxllxlxsm"), 1,
                false);
        assertThat(four).isNotNull();
        assertThat(four.key()).isEqualTo("pxrxllxlxsm");
        assertThat(four.closest()).isNull();
    }

    @Test
    void everyDigitMakesAnIndexInTheDottedForm() {
        // plux.exclude.9.name binds as plux.exclude[9].name: its digits are an index, not an unknown key
        for (String index : List.of("0", "9", "10", "19")) {
            assertThat(KnownKeys.PLUX.find(ConfigurationPropertyName.of("plux.exclude." + index + ".name"), 1, false))
                .as(index)
                .isNull();
        }
    }

    @Test
    void anEnvironmentVariableThatIsTheFirstPartOfADashedKeyIsUnknown() {
        // PLUX_PLUGIN: "plugin" starts plugin-directories, which the environment may write PLUX_PLUGIN_DIRECTORIES;
        // with fewer elements than the key has parts it is no match, and nothing reads past the name's end
        KnownKeys.Unknown unknown = KnownKeys.PLUX.find(ConfigurationPropertyName.of("plux.plugin"), 1, true);
        assertThat(unknown).isNotNull();
        assertThat(unknown.key()).isEqualTo("plugin");
    }

    /**
     * Walks the class's properties as Spring's bean introspection sees them (not as the check reads them): each must
     * be known at its level, with its items and the keys of its nested objects, and the level must know no other.
     */
    private static void assertKnowsEveryProperty(KnownKeys level, Class<?> type, String prefix) {
        List<String> names = new ArrayList<>();
        int offset = ConfigurationPropertyName.of(prefix.substring(0, prefix.length() - 1)).getNumberOfElements();
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getPropertyType() == Class.class) {
                continue;
            }
            String key = DataObjectPropertyName.toDashedForm(descriptor.getName());
            names.add(key);
            assertThat(level.find(ConfigurationPropertyName.of(prefix + key), offset, false))
                .as(prefix + key)
                .isNull();
            ResolvableType propertyType = (descriptor.getReadMethod() != null)
                    ? ResolvableType.forMethodReturnType(descriptor.getReadMethod())
                    : ResolvableType.forMethodParameter(descriptor.getWriteMethod(), 0);
            Class<?> element = Collection.class.isAssignableFrom(propertyType.toClass())
                    ? propertyType.asCollection().getGeneric(0).toClass() : null;
            Class<?> nested = (element != null) ? element : propertyType.toClass();
            if (nested.getEnclosingClass() == PluxProperties.class) {
                KnownKeys below = level.below(key);
                assertThat(below).as("keys below %s%s", prefix, key).isNotNull();
                assertKnowsEveryProperty(below, nested, prefix + key + ((element != null) ? "[0]." : "."));
            }
            else if (element != null) {
                assertThat(level.find(ConfigurationPropertyName.of(prefix + key + "[0]"),
                        offset, false)).as(prefix + key + "[0]").isNull();
            }
        }
        if (type != PluxProperties.Namespace.class) {
            // a namespace item is bound through its constructor, whose keys the test above pins
            assertThat(level.names()).as("keys of %s", prefix).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    private static List<String> metadataNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (URL url : Collections.list(KnownKeysTests.class.getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json"))) {
            String json;
            try (InputStream in = url.openStream()) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (json.contains(PluxProperties.class.getName())) {
                for (Map<String, Object> property : JsonPath.<List<Map<String, Object>>>read(json,
                        "$.properties[*]")) {
                    String name = String.valueOf(property.get("name"));
                    if (name.startsWith("plux.")) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
