package dev.plux.spring.boot.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * The namespaces that a lower-priority property source lists in {@code plux.namespaces} and that are not configured,
 * because Spring Boot binds the list from the one source with the highest priority that sets it: a profile's
 * {@code application-dev.yml} that gives {@code plux.namespaces} replaces the whole list of {@code application.yml},
 * and its namespaces are gone without a word. An injection of one of their managers then fails, and the report must
 * say where they went.
 *
 * @param boundFrom the name of the source the list is bound from, as Spring Boot names it in its own reports
 * @param namespaces each replaced namespace, with the property that set it and its origin
 */
record ReplacedNamespaces(String boundFrom, Map<String, String> namespaces) {

    private static final ConfigurationPropertyName NAMESPACES = ConfigurationPropertyName.of("plux.namespaces");

    private static final String NAMESPACE = "namespace";

    /**
     * The namespaces set in sources below the one {@code plux.namespaces} is bound from that are not among
     * {@code configured}.
     *
     * @param environment the application's environment
     * @param configured the namespaces that have a manager
     * @return them, or {@code null} when there are none (or the sources cannot tell)
     */
    static @Nullable ReplacedNamespaces of(Environment environment, Set<String> configured) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.get(configurable).forEach(sources::add);
        int bound = -1;
        for (int i = 0; i < sources.size() && bound < 0; i++) {
            if (sets(sources.get(i))) {
                bound = i;
            }
        }
        if (bound < 0) {
            return null;
        }
        Map<String, String> replaced = new LinkedHashMap<>();
        for (ConfigurationPropertySource lower : sources.subList(bound + 1, sources.size())) {
            // a source that cannot list its names does not tell its list
            if (lower instanceof IterableConfigurationPropertySource iterable && sets(lower)) {
                collect(iterable, configured, replaced);
            }
        }
        if (replaced.isEmpty()) {
            return null;
        }
        Object underlying = sources.get(bound).getUnderlyingSource();
        String name = (underlying instanceof PropertySource<?> source) ? source.getName() : String.valueOf(underlying);
        return new ReplacedNamespaces(name, replaced);
    }

    /** The lines of a report: {@code - namespace 'ns' (plux.namespaces[1].namespace, origin)}. */
    String list() {
        List<String> lines = new ArrayList<>();
        this.namespaces.forEach((namespace, where) -> lines.add("\t- namespace '" + namespace + "' (" + where + ")"));
        return String.join(System.lineSeparator(), lines);
    }

    private static boolean sets(ConfigurationPropertySource source) {
        return source.getConfigurationProperty(NAMESPACES) != null
                || source.containsDescendantOf(NAMESPACES) == ConfigurationPropertyState.PRESENT;
    }

    /**
     * The namespaces of one source's list: a comma-separated {@code plux.namespaces}, string items
     * ({@code plux.namespaces[0]}) and object items ({@code plux.namespaces[0].namespace}).
     */
    private static void collect(IterableConfigurationPropertySource source, Set<String> configured,
            Map<String, String> replaced) {
        List<ConfigurationPropertyName> names = new ArrayList<>();
        source.stream().filter((name) -> name.equals(NAMESPACES) || NAMESPACES.isAncestorOf(name)).forEach(names::add);
        names.sort(null);
        for (ConfigurationPropertyName name : names) {
            int elements = name.getNumberOfElements();
            boolean item = elements == 3 && name.isNumericIndex(2);
            boolean objectItem = elements == 4 && name.isNumericIndex(2)
                    && NAMESPACE.equals(name.getElement(3, Form.UNIFORM));
            if (!name.equals(NAMESPACES) && !item && !objectItem) {
                continue;
            }
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property == null || !(property.getValue() instanceof CharSequence value)) {
                continue;
            }
            String origin = (property.getOrigin() != null) ? ", " + property.getOrigin() : "";
            for (String namespace : StringUtils.commaDelimitedListToStringArray(value.toString())) {
                String trimmed = namespace.trim();
                if (!trimmed.isEmpty() && !configured.contains(trimmed)) {
                    replaced.putIfAbsent(trimmed, name + origin);
                }
            }
        }
    }
}
