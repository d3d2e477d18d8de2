package dev.plux.spring.boot.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Where a property the environment resolves was set ({@code class path resource [application.yml] - 2:12}, an
 * environment variable), as Boot's own failure analyzers print it. Read only when a failure is analyzed.
 */
final class PropertyOrigin {

    private PropertyOrigin() {
    }

    /**
     * The origin of the value the environment gives for {@code name}: that of the first source, in priority order,
     * that holds it.
     *
     * @param environment the failed context's environment
     * @param name the property, such as {@code plux.enabled}
     * @return the origin, or {@code null} when no source holds it or Boot cannot tell
     */
    static @Nullable Origin of(Environment environment, String name) {
        ConfigurationPropertyName property = ConfigurationPropertyName.ofIfValid(name);
        if (property == null || !(environment instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
            ConfigurationProperty set = source.getConfigurationProperty(property);
            if (set != null) {
                return set.getOrigin();
            }
        }
        return null;
    }
}
