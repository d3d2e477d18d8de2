package dev.plux.spring.boot.autoconfigure;

import java.util.Collection;
import java.util.LinkedHashSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Warns of an exclusion that names one of plux 0.1's four integration auto-configurations, which 0.2 merged into
 * {@code PluxActuatorAutoConfiguration} and {@code PluxMicrometerAutoConfiguration}: Spring Boot silently ignores an
 * exclusion of a class that is not on the class path, so the feature the application turned off in 0.1 comes back.
 * The warning names the class, where it was excluded ({@code spring.autoconfigure.exclude} and where that is set, or
 * an annotation's {@code exclude}/{@code excludeName}) and the switch that turns that one feature off now.
 *
 * <p>{@link PluginManagerDefinitions} asks this only for an exclusion under plux's package, of those Boot has recorded
 * in its condition evaluation report (property and annotations alike): an application that excludes nothing of
 * plux pays a look at an (empty) list, no property read and no class loaded. Not an import listener of its own
 * ({@code AutoConfigurationImportListener}): loading and ordering one more factory class costs every startup a few
 * hundred microseconds. Not an auto-configuration replacement ({@code AutoConfiguration.replacements}) either: that
 * would exclude the merged class, turning off the other feature too.
 */
final class RemovedAutoConfigurations {

    /** The package of the removed classes: an excluded name outside it is none of them. */
    static final String PACKAGE = "dev.plux.spring.boot.autoconfigure.";

    private static final String PROPERTY = "spring.autoconfigure.exclude";

    private RemovedAutoConfigurations() {
    }

    /**
     * Warns, once for each, of the removed auto-configurations among the excluded classes.
     *
     * @param exclusions the names of the excluded auto-configurations (duplicates allowed)
     * @param environment the environment, to tell whether {@code spring.autoconfigure.exclude} names one
     */
    static void warnOf(Collection<String> exclusions, Environment environment) {
        for (String excluded : new LinkedHashSet<>(exclusions)) {
            RemovedAutoConfiguration removed = RemovedAutoConfiguration.named(excluded);
            if (removed != null) {
                LoggerFactory.getLogger(RemovedAutoConfigurations.class)
                    .warn("{}", removed.message(where(excluded, environment)));
            }
        }
    }

    /** The property (and where it is set) when it names the class, else the annotations that can. */
    private static String where(String excluded, Environment environment) {
        if (environment instanceof ConfigurableEnvironment configurable) {
            ConfigurationPropertyName name = ConfigurationPropertyName.of(PROPERTY);
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
                ConfigurationProperty property = naming(source, name, excluded);
                if (property != null) {
                    return PROPERTY + " (" + from(property, source) + ")";
                }
            }
        }
        return "the exclude or excludeName of @SpringBootApplication, @EnableAutoConfiguration or"
                + " @ImportAutoConfiguration";
    }

    /** The value of the property in {@code source}, comma-separated or one of its items, that names the class. */
    private static @Nullable ConfigurationProperty naming(ConfigurationPropertySource source,
            ConfigurationPropertyName name, String excluded) {
        ConfigurationProperty whole = source.getConfigurationProperty(name);
        if (whole != null) {
            return names(whole, excluded) ? whole : null;
        }
        for (int i = 0;; i++) {
            ConfigurationProperty item = source.getConfigurationProperty(name.append("[" + i + "]"));
            if (item == null) {
                return null;
            }
            if (names(item, excluded)) {
                return item;
            }
        }
    }

    private static boolean names(ConfigurationProperty property, String excluded) {
        for (String value : String.valueOf(property.getValue()).split(",")) {
            if (value.strip().equals(excluded)) {
                return true;
            }
        }
        return false;
    }

    private static String from(ConfigurationProperty property, ConfigurationPropertySource source) {
        Origin origin = property.getOrigin();
        if (origin != null) {
            return origin.toString();
        }
        return (source.getUnderlyingSource() instanceof PropertySource<?> propertySource)
                ? propertySource.getName() : String.valueOf(source.getUnderlyingSource());
    }
}
