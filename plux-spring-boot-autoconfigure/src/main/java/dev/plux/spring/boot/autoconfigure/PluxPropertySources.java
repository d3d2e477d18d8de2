package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * The environment's property sources that may hold a {@code plux.*} key, in the environment's order: every source
 * that cannot list its names (it may answer any name), and every one that can and has a name under
 * {@code plux}. Binding against these alone gives what binding against all gives, and skips the lookups of each
 * key in sources that hold none (system properties, the process environment's every variable, …), which are
 * most of the binder's work for a list of namespaces.
 */
final class PluxPropertySources {

    private static final ConfigurationPropertyName PLUX = ConfigurationPropertyName.of("plux");

    private PluxPropertySources() {
    }

    static List<ConfigurationPropertySource> of(Environment environment) {
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(PLUX) != ConfigurationPropertyState.ABSENT
                    || source.getConfigurationProperty(PLUX) != null) {
                sources.add(source);
            }
        }
        return sources;
    }
}
