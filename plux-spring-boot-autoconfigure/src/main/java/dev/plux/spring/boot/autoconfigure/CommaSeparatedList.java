package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Reports an item of a comma-separated {@code plux.namespaces=a,b} by the list: no source holds
 * {@code plux.namespaces[1]}, so Boot's analyzer could not say where the invalid item was set; it can for
 * {@code plux.namespaces}, the property the list was bound from. Runs only when startup fails.
 */
final class CommaSeparatedList {

    private static final ConfigurationPropertyName NAMESPACES = ConfigurationPropertyName.of("plux.namespaces");

    private CommaSeparatedList() {
    }

    /**
     * The failure to throw instead of {@code failure}: naming {@code plux.namespaces}, with the item and the reason,
     * when {@code failure} names an item {@code plux.namespaces[i]} that the list set as a comma-separated string.
     *
     * @param failure a failure of validating the settings
     * @param sources the sources the settings were bound from, in the environment's order
     * @return the failure to throw ({@code failure} itself unless it names such an item)
     */
    static InvalidConfigurationPropertyValueException explain(InvalidConfigurationPropertyValueException failure,
            List<ConfigurationPropertySource> sources) {
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(failure.getName());
        if (name == null || name.getNumberOfElements() != 3 || !NAMESPACES.isAncestorOf(name)
                || !name.isNumericIndex(2)) {
            return failure;
        }
        for (ConfigurationPropertySource source : sources) {
            // Boot binds the list from the first source that sets it, as a whole or by items
            ConfigurationProperty list = source.getConfigurationProperty(NAMESPACES);
            if (list != null && source.getConfigurationProperty(name) == null) {
                return PluxSettings.invalid(NAMESPACES.toString(), list.getValue(), "item " + name
                        + " of the comma-separated list, '" + failure.getValue() + "': " + failure.getReason());
            }
            if (list != null || source.containsDescendantOf(NAMESPACES) != ConfigurationPropertyState.ABSENT) {
                return failure;
            }
        }
        return failure;
    }
}
