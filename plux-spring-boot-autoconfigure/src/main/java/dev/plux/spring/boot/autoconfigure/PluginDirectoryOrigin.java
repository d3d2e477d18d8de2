package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;

/**
 * What set an item of {@code plux.plugin-directories}, for plux-core's warning about a directory that is missing or
 * cannot be listed: plux-core knows the path only, so a user would have to guess which setting (and which file or
 * variable) to fix — a relative item is not even recognizable by its absolute path. Reads:
 * {@code plux.plugin-directories[1]=plugins, at class path resource [application.yml] - 4:7}, without the origin
 * when Boot cannot tell it.
 */
final class PluginDirectoryOrigin {

    private static final ConfigurationPropertyName DIRECTORIES = ConfigurationPropertyName.of(
            "plux.plugin-directories");

    private PluginDirectoryOrigin() {
    }

    /**
     * Describes an item of the list.
     *
     * @param index the item's index in the bound list
     * @param value the item as bound
     * @param sources the sources the list was bound from, in the environment's order
     * @return the item's property, value and, when Boot can tell, origin
     */
    static String of(int index, String value, List<ConfigurationPropertySource> sources) {
        String property = DIRECTORIES + "[" + index + "]";
        Object origin = origin(index, sources);
        return property + "=" + value.strip() + ((origin != null) ? ", at " + origin : "");
    }

    private static @Nullable Object origin(int index, List<ConfigurationPropertySource> sources) {
        // Boot binds the list from the one source with the highest priority that sets it, by items or as one
        // comma-separated value, whose origin is then the list's
        int bound = PluxPropertySources.listSource(sources, DIRECTORIES);
        if (bound < 0) {
            return null;
        }
        ConfigurationPropertySource source = sources.get(bound);
        ConfigurationProperty item = source.getConfigurationProperty(DIRECTORIES.append("[" + index + "]"));
        ConfigurationProperty set = (item != null) ? item : source.getConfigurationProperty(DIRECTORIES);
        return (set != null) ? set.getOrigin() : null;
    }
}
