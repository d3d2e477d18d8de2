package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;

/**
 * Reports an item without a namespace where it was set, when its list replaced another source's list that gives the
 * item a namespace, as an object item, a plain string or a comma-separated list
 * ({@code --plux.namespaces[0].load-on-startup=true} over {@code application.yml}). Boot binds
 * {@code plux.namespaces} from the one source with the highest priority that sets it; naming
 * {@code plux.namespaces[0].namespace} would make Boot's analyzer print the namespace of the replaced list, with its
 * origin, as the invalid value. Runs only when startup fails.
 */
final class ReplacedList {

    private static final ConfigurationPropertyName NAMESPACES = ConfigurationPropertyName.of("plux.namespaces");

    private ReplacedList() {
    }

    /**
     * The failure to throw instead of {@code failure}: naming a key of the item in the source the list was bound
     * from, when {@code failure} is an item's missing namespace that a replaced list sets.
     *
     * @param failure a failure of validating the settings
     * @param sources the sources the settings were bound from, in the environment's order
     * @return the failure to throw ({@code failure} itself unless a replaced list explains it)
     */
    static InvalidConfigurationPropertyValueException explain(InvalidConfigurationPropertyValueException failure,
            List<ConfigurationPropertySource> sources) {
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(failure.getName());
        if (failure.getValue() != null || name == null || name.getNumberOfElements() != 4
                || !NAMESPACES.isAncestorOf(name) || !"namespace".equals(name.getElement(3, Form.UNIFORM))) {
            return failure;
        }
        ConfigurationPropertyName item = name.chop(3);
        int bound = PluxPropertySources.listSource(sources, NAMESPACES);
        // a source that cannot list its names may or may not be the one the list was bound from
        if (bound < 0 || !(sources.get(bound) instanceof IterableConfigurationPropertySource source)) {
            return failure;
        }
        ConfigurationProperty replaced = null;
        for (ConfigurationPropertySource lower : sources.subList(bound + 1, sources.size())) {
            replaced = replacedItem(lower, name, item);
            if (replaced != null) {
                break;
            }
        }
        ConfigurationPropertyName key = (replaced != null) ? firstKey(source, item) : null;
        if (key == null || replaced == null) {
            return failure;
        }
        ConfigurationProperty set = source.getConfigurationProperty(key);
        String origin = (replaced.getOrigin() != null) ? " (" + replaced.getOrigin() + ")" : "";
        return PluxSettings.invalid(key.toString(), (set != null) ? set.getValue() : null, item
                + " has no namespace: the plux.namespaces list set here replaces the whole list of lower-priority"
                + " sources, so " + replaced.getName() + "=" + replaced.getValue() + origin + " is not used (Boot"
                + " binds a list from the one source with the highest priority that sets it); give every item its"
                + " namespace here, or"
                + " set the list in one place");
    }

    /**
     * What a lower-priority source set for the item: its {@code namespace} key (an object item), else the item itself
     * (a plain string, {@code - my.plugins.cli}), else the whole list (comma-separated, {@code plux.namespaces=a,b}).
     */
    private static @Nullable ConfigurationProperty replacedItem(ConfigurationPropertySource lower,
            ConfigurationPropertyName name, ConfigurationPropertyName item) {
        ConfigurationProperty replaced = lower.getConfigurationProperty(name);
        if (replaced == null) {
            replaced = lower.getConfigurationProperty(item);
        }
        return (replaced != null) ? replaced : lower.getConfigurationProperty(NAMESPACES);
    }

    private static @Nullable ConfigurationPropertyName firstKey(IterableConfigurationPropertySource source,
            ConfigurationPropertyName item) {
        return source.stream().filter(item::isAncestorOf).sorted().findFirst().orElse(null);
    }
}
