package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    /**
     * Where Boot binds a list from: the first source that sets it, as one comma-separated value or by items. Boot
     * never merges a list across sources; a list of a lower-priority source is replaced whole. A source that cannot
     * list its names sets it when it answers one of the names Boot asks it for: the list, its first item, or a
     * property of that item.
     *
     * @param sources the sources, in the environment's order
     * @param list the list's name, such as {@code plux.namespaces}
     * @return the index of that source in {@code sources}, or {@code -1} if none sets the list
     */
    static int listSource(List<ConfigurationPropertySource> sources, ConfigurationPropertyName list) {
        for (int i = 0; i < sources.size(); i++) {
            ConfigurationPropertySource source = sources.get(i);
            ConfigurationPropertyState state = source.containsDescendantOf(list);
            if (source.getConfigurationProperty(list) != null || state == ConfigurationPropertyState.PRESENT
                    || (state == ConfigurationPropertyState.UNKNOWN && answersFirstItem(source, list))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean answersFirstItem(ConfigurationPropertySource source, ConfigurationPropertyName list) {
        // Boot binds a list from a source that cannot list its names by asking it for the first item (a string) or
        // that item's properties (an object), a list property whole or by its first item; one that answers none of
        // them, as JNDI's in every web application a servlet container runs, is passed over. Not counting it as
        // setting every list keeps a plugin directory's origin (the application.yml line after it) in a WAR's
        // warnings. Only plux.namespaces and plux.exclude have items with properties: the lookups of a plugin
        // directory's origin, made at every startup, stay the list and its first item
        ConfigurationPropertyName first = list.append("[0]");
        if (source.getConfigurationProperty(first) != null) {
            return true;
        }
        KnownKeys item = (list.getNumberOfElements() == 2) ? KnownKeys.PLUX.below(list.getElement(1, Form.DASHED))
                : null;
        if (item == null) {
            return false;
        }
        for (String property : item.names()) {
            // a list of the item (include, exclude) is asked for whole, then by its first item
            ConfigurationPropertyName key = first.append(property);
            if (source.getConfigurationProperty(key) != null
                    || source.getConfigurationProperty(key.append("[0]")) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether Boot reads the source as the process environment, where a dash of a name may also be written as an
     * underscore: Boot binds {@code PLUX_STARTUP_PROGRESS_INTERVAL} (read as {@code plux.startup.progress.interval})
     * to {@code plux.startup.progress-interval}, as it binds {@code PLUX_STARTUP_PROGRESSINTERVAL}. The test is
     * Boot's own ({@code SpringConfigurationPropertySource}): a {@link SystemEnvironmentPropertySource} named
     * {@code systemEnvironment} or {@code ...-systemEnvironment}.
     *
     * @param source a source
     * @return whether its names are environment variables
     */
    static boolean isSystemEnvironment(ConfigurationPropertySource source) {
        if (!(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource environment)) {
            return false;
        }
        String name = ((PropertySource<?>) environment).getName();
        return name.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                || name.endsWith("-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    }

    /**
     * The name as Boot also looks it up in the process environment, with each dash a separator:
     * {@code plux.namespaces[0].load-on-startup} is also {@code PLUX_NAMESPACES_0_LOAD_ON_STARTUP}, whose name is
     * {@code plux.namespaces[0].load.on.startup} (Boot's {@code SystemEnvironmentPropertyMapper}).
     *
     * @param name a name
     * @return that form, or {@code null} when the name has no dash
     */
    static @Nullable ConfigurationPropertyName withDashesAsSeparators(ConfigurationPropertyName name) {
        StringBuilder separated = new StringBuilder();
        boolean dashed = false;
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, Form.DASHED);
            dashed |= element.indexOf('-') != -1;
            if (i > 0) {
                separated.append('.');
            }
            separated.append(element.replace('-', '.'));
        }
        return dashed ? ConfigurationPropertyName.ofIfValid(separated) : null;
    }
}
