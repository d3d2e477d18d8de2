package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Reports an item of a list set as one comma-separated string ({@code plux.namespaces=a,b},
 * {@code plux.namespaces[0].exclude=x,y}, {@code plux.plugin-directories=a,b}) by the list: no source holds
 * {@code plux.namespaces[1]}, so Boot's analyzer could not say where the invalid item was set; it can for
 * {@code plux.namespaces}, the property the list was bound from. Runs only when startup fails.
 */
final class CommaSeparatedList {

    private CommaSeparatedList() {
    }

    /**
     * The failure to throw instead of {@code failure}: naming the list, with the item and the reason, when
     * {@code failure} names an item {@code list[i]} that the list set as a comma-separated string.
     *
     * @param failure a failure of validating the settings
     * @param sources the sources the settings were bound from, in the environment's order
     * @return the failure to throw ({@code failure} itself unless it names such an item)
     */
    static InvalidConfigurationPropertyValueException explain(InvalidConfigurationPropertyValueException failure,
            List<ConfigurationPropertySource> sources) {
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(failure.getName());
        int elements = (name != null) ? name.getNumberOfElements() : 0;
        if (name == null || elements < 3 || !name.isNumericIndex(elements - 1)) {
            return failure;
        }
        ConfigurationPropertyName list = name.getParent();
        // Boot binds a top-level key (plux.namespaces) from the first source that sets it, as a whole or by items,
        // and what is below one of its items (plux.namespaces[0].exclude) from that same source
        int bound = PluxPropertySources.listSource(sources, name.chop(2));
        if (bound < 0) {
            return failure;
        }
        ConfigurationPropertySource source = sources.get(bound);
        ConfigurationProperty whole = source.getConfigurationProperty(list);
        if (whole != null && source.getConfigurationProperty(name) == null) {
            return PluxSettings.invalid(list.toString(), whole.getValue(), "item " + name
                    + " of the comma-separated list, '" + failure.getValue() + "': " + failure.getReason());
        }
        return failure;
    }
}
