package dev.plux.spring.boot.diagnostics;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertySource;

/**
 * Explains a {@code plux.*} list whose items Boot left unbound: Boot binds a list from the one property source of
 * highest priority that sets any of its items, taking items from {@code [0]} up to the first index that source does
 * not set. The usual slip is overriding one item on the command line ({@code --plux.namespaces[1].load-on-startup})
 * over a list in {@code application.yml}: the command line then holds the whole list, without an item {@code [0]},
 * and Boot's own report says only that the elements "were left unbound" below an unreadable binding target.
 * Ordered before Boot's {@code BindFailureAnalyzer}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PluxListGapFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final ConfigurationPropertyName PLUX = ConfigurationPropertyName.of("plux");

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConfigurationPropertyName list = cause.getName();
        if (!PLUX.isAncestorOf(list)
                || !(cause.getCause() instanceof UnboundConfigurationPropertiesException unbound)) {
            return null;
        }
        List<ConfigurationProperty> properties = unbound.getUnboundProperties()
            .stream()
            .sorted(Comparator.comparing((property) -> property.getName().toString()))
            .toList();
        if (properties.isEmpty() || !properties.stream().allMatch((property) -> isItemOf(list, property))) {
            return null;
        }
        ConfigurationPropertySource source = properties.get(0).getSource();
        if (source == null) {
            return null;
        }
        String sourceName = describe(source);
        String gap = list + "[" + firstUnset(list, source) + "]";
        String description = String.format("%s %s not bound: %s sets no %s.%n%n"
                + "Spring Boot binds the list %s from the one property source of highest priority that sets any of"
                + " its items, and takes its items from [0] up to the first index that source does not set. So an"
                + " item given there replaces the %s of every source of lower priority (such as application.yml) as"
                + " a whole, and the items before it must be given there too.", names(properties, sourceName),
                (properties.size() == 1) ? "was" : "were", sourceName, gap, list, list);
        String action = String.format("Give the whole list in %s, numbered from %s[0] without a gap, every item"
                + " complete (for plux.namespaces, each with its namespace); or change the item where the list is"
                + " set, and leave %s out of %s.", sourceName, list, list, sourceName);
        return new FailureAnalysis(description, action, cause);
    }

    /**
     * The properties left unbound, each with where it was set as Boot's own report gives it (the file and line, the
     * environment variable), so that the user finds the line to change; only where no property has such an origin
     * (a command-line argument's names nothing more than its source), the source once.
     */
    private static String names(List<ConfigurationProperty> properties, String sourceName) {
        boolean located = properties.stream().anyMatch((property) -> isLocated(property.getOrigin()));
        List<String> names = properties.stream()
            .map((property) -> property.getName() + (isLocated(property.getOrigin())
                    ? " (originating from '" + property.getOrigin() + "')" : ""))
            .toList();
        return String.join(", ", names) + (located ? "" : " (from " + sourceName + ")");
    }

    /**
     * Whether the origin says more than the property source's name: a file and line, a variable. Boot wraps such an
     * origin in a {@link PropertySourceOrigin} (whose text is then the wrapped one's); bare, it names only the source.
     */
    private static boolean isLocated(@Nullable Origin origin) {
        return origin != null
                && !(origin instanceof PropertySourceOrigin propertySource && propertySource.getOrigin() == null);
    }

    /** Whether the property is below an indexed item of the list ({@code plux.namespaces[1].namespace}). */
    private static boolean isItemOf(ConfigurationPropertyName list, ConfigurationProperty property) {
        ConfigurationPropertyName name = property.getName();
        return list.isAncestorOf(name) && name.isNumericIndex(list.getNumberOfElements());
    }

    /** The first index of the list that the source sets nothing of: where Boot stopped taking items. */
    private static int firstUnset(ConfigurationPropertyName list, ConfigurationPropertySource source) {
        int index = 0;
        while (true) {
            ConfigurationPropertyName item = ConfigurationPropertyName.of(list + "[" + index + "]");
            if (source.getConfigurationProperty(item) == null
                    && source.containsDescendantOf(item) != ConfigurationPropertyState.PRESENT) {
                return index;
            }
            index++;
        }
    }

    private static String describe(ConfigurationPropertySource source) {
        Object underlying = source.getUnderlyingSource();
        return (underlying instanceof PropertySource<?> propertySource)
                ? "property source \"" + propertySource.getName() + "\"" : "property source " + source;
    }
}
