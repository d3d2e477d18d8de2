package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;

/**
 * Fails on a key under {@code plux.namespaces[i]} that no property of {@link PluxProperties.Namespace} binds (a
 * typo such as {@code plugin-typ} would otherwise be ignored silently by JavaBean binding). Keys are compared
 * in Boot's uniform form, so every relaxed spelling of a known key ({@code pluginType},
 * {@code PLUX_NAMESPACES_0_PLUGINTYPE}) is known; in the process environment so is the form Boot also binds there,
 * with underscores for the dashes ({@code PLUX_NAMESPACES_0_PLUGIN_TYPE}).
 */
final class UnknownKeys {

    private static final ConfigurationPropertyName NAMESPACES = ConfigurationPropertyName.of("plux.namespaces");

    /** Dashed form by uniform form, read from the binding constructor so a new key is known without a list here. */
    private static final Map<String, String> KNOWN = known();

    /** The known keys as names, by uniform form (parsed once: every plux name of every source is inspected). */
    private static final Map<String, ConfigurationPropertyName> KNOWN_NAMES = KNOWN.entrySet()
        .stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                (entry) -> ConfigurationPropertyName.of(entry.getValue())));

    /**
     * The dashed known keys with a separator for each dash ({@code load.on.startup}): how Boot reads
     * {@code PLUX_NAMESPACES_0_LOAD_ON_STARTUP}, which it binds to {@code load-on-startup}.
     */
    private static final List<ConfigurationPropertyName> KNOWN_SEPARATED = KNOWN.values()
        .stream()
        .map(ConfigurationPropertyName::of)
        .map(PluxPropertySources::withDashesAsSeparators)
        .filter(Objects::nonNull)
        .toList();

    /** The dashed known keys whose values are lists ({@code include}, {@code exclude}): their items are known. */
    private static final Set<String> KNOWN_LISTS = Arrays.stream(PluxSettingsBinding.NAMESPACE_CONSTRUCTOR.getParameters())
        .filter((parameter) -> Collection.class.isAssignableFrom(parameter.getType()) || parameter.getType().isArray())
        .map((parameter) -> DataObjectPropertyName.toDashedForm(parameter.getName()))
        .collect(Collectors.toUnmodifiableSet());

    private final List<ConfigurationPropertyName> unknown = new ArrayList<>();

    private final Map<ConfigurationPropertyName, @Nullable Object> values = new LinkedHashMap<>();

    /** The unknown key as the message names it, by name. */
    private final Map<ConfigurationPropertyName, String> keys = new HashMap<>();

    /** The sources holding a plain-string item {@code plux.namespaces[i]}, by item. */
    private final Map<ConfigurationPropertyName, List<ConfigurationPropertySource>> sourcesOfItems = new HashMap<>();

    /** The sources setting {@code plux.namespaces} itself (a comma-separated string). */
    private final List<ConfigurationPropertySource> sourcesOfList = new ArrayList<>();

    /** The sources holding a key under {@code plux.namespaces[i]}, by item. */
    private final Map<ConfigurationPropertyName, List<ConfigurationPropertySource>> sourcesOfKeys = new HashMap<>();

    /**
     * Notes a name of a source if it is an unknown key (called for every {@code plux.*} name while the names are
     * read once, see {@link ConfiguredNames}).
     *
     * @param name a name under {@code plux}
     * @param source the source holding it
     */
    void inspect(ConfigurationPropertyName name, ConfigurationPropertySource source) {
        boolean environment = PluxPropertySources.isSystemEnvironment(source);
        if (isUnknown(name, environment) && !this.values.containsKey(name)) {
            this.unknown.add(name);
            ConfigurationProperty property = source.getConfigurationProperty(name);
            this.values.put(name, (property != null) ? property.getValue() : null);
            this.keys.put(name, environment ? separatedKey(name) : reportedKey(name));
        }
        if (NAMESPACES.equals(name)) {
            this.sourcesOfList.add(source);
        }
        else if (isItem(name)) {
            this.sourcesOfItems.computeIfAbsent(name, (key) -> new ArrayList<>()).add(source);
        }
        else if (isKey(name)) {
            this.sourcesOfKeys.computeIfAbsent(name.chop(3), (key) -> new ArrayList<>()).add(source);
        }
    }

    /**
     * Fails on the first unknown key noted, in name order.
     *
     * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException naming
     *         the key, its value and the known keys
     */
    void check() {
        checkStringItemsWithKeys();
        if (this.unknown.isEmpty()) {
            return;
        }
        this.unknown.sort(Comparator.naturalOrder());
        ConfigurationPropertyName first = this.unknown.get(0);
        String key = this.keys.get(first);
        throw PluxSettings.invalid(first.toString(), this.values.get(first), "unknown key '" + key + "' under "
                + first.chop(3) + "; the known keys are " + String.join(", ", KNOWN.values()));
    }

    /**
     * Fails on an item one source sets both as a plain string and with keys ({@code plux.namespaces[0]=my.ns} and
     * {@code plux.namespaces[0].load-on-startup=true}): Boot binds the string and drops the keys silently.
     */
    private void checkStringItemsWithKeys() {
        checkStringListWithKeys();
        List<ConfigurationPropertyName> items = new ArrayList<>(this.sourcesOfItems.keySet());
        items.sort(Comparator.naturalOrder());
        for (ConfigurationPropertyName item : items) {
            List<ConfigurationPropertySource> withKeys = this.sourcesOfKeys.getOrDefault(item, List.of());
            for (ConfigurationPropertySource source : this.sourcesOfItems.get(item)) {
                if (withKeys.contains(source)) {
                    ConfigurationProperty property = source.getConfigurationProperty(item);
                    Object value = (property != null) ? property.getValue() : null;
                    throw PluxSettings.invalid(item.toString(), value, "the item is set as a plain string and also"
                            + " has keys (" + item + ".*), which a plain string cannot have and would be ignored;"
                            + " use the object form: " + item + ".namespace=" + value + " with the other keys");
                }
            }
        }
    }

    /** The same for {@code plux.namespaces=a,b} (a comma-separated string) with keys of an item in one source. */
    private void checkStringListWithKeys() {
        List<ConfigurationPropertyName> itemsWithKeys = new ArrayList<>(this.sourcesOfKeys.keySet());
        itemsWithKeys.sort(Comparator.naturalOrder());
        for (ConfigurationPropertySource source : this.sourcesOfList) {
            for (ConfigurationPropertyName item : itemsWithKeys) {
                if (this.sourcesOfKeys.get(item).contains(source)) {
                    ConfigurationProperty property = source.getConfigurationProperty(NAMESPACES);
                    throw PluxSettings.invalid(NAMESPACES.toString(), (property != null) ? property.getValue() : null,
                            "the list is set as a comma-separated string and also has keys (" + item + ".*), which"
                                    + " its string items cannot have and would be ignored; use the object form for"
                                    + " every item: plux.namespaces[i].namespace with the other keys");
                }
            }
        }
    }

    private static boolean isUnknown(ConfigurationPropertyName name, boolean environment) {
        // plux . namespaces . [i] . key: the plain-string item plux.namespaces[i] has no key
        if (!isKey(name)) {
            return false;
        }
        ConfigurationPropertyName key = name.subName(3);
        ConfigurationPropertyName known = KNOWN_NAMES.get(key.getElement(0, Form.UNIFORM));
        if (known != null && bindsWhole(known, key)) {
            return false;
        }
        if (environment) {
            for (ConfigurationPropertyName separated : KNOWN_SEPARATED) {
                if (bindsWhole(separated, key)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether {@code key} (what follows {@code plux.namespaces[i]}) is the known key {@code known} itself or, for a
     * list key, one of its items: anything deeper ({@code plugin-type.name}, {@code exclude.names[0]},
     * {@code include[0].name}, a YAML indentation slip) binds to nothing, and Boot would drop it silently.
     */
    private static boolean bindsWhole(ConfigurationPropertyName known, ConfigurationPropertyName key) {
        int size = known.getNumberOfElements();
        if (known.equals(key)) {
            return true;
        }
        return known.isAncestorOf(key) && key.getNumberOfElements() == size + 1
                && KNOWN_LISTS.contains(known.toString()) && isIndex(key, size);
    }

    /**
     * An unknown key as written below the item: its first element ({@code plugin-typ} of
     * {@code plugin-typ.name}), or, below a known key, the whole rest ({@code plugin-type.name}), since the known
     * part is not what is wrong.
     */
    private static String reportedKey(ConfigurationPropertyName name) {
        if (!KNOWN.containsKey(name.getElement(3, Form.UNIFORM))) {
            return name.getElement(3, Form.DASHED);
        }
        return name.subName(3).toString();
    }

    /**
     * An unknown key of an environment variable, whose underscores may have been meant as dashes: its elements up
     * to an index, {@code plugin.typ} for {@code PLUX_NAMESPACES_0_PLUGIN_TYP} (rather than {@code plugin}).
     */
    private static String separatedKey(ConfigurationPropertyName name) {
        StringBuilder key = new StringBuilder(name.getElement(3, Form.DASHED));
        for (int i = 4; i < name.getNumberOfElements() && !isIndex(name, i); i++) {
            key.append('.').append(name.getElement(i, Form.DASHED));
        }
        return key.toString();
    }

    /** {@code plux.namespaces[i].key...}, the index in either form ({@code [0]} or {@code .0}, as Boot binds both). */
    private static boolean isKey(ConfigurationPropertyName name) {
        return NAMESPACES.isAncestorOf(name) && name.getNumberOfElements() > 3 && isIndex(name, 2);
    }

    /** {@code plux.namespaces[i]}: with a value, a plain-string item. */
    private static boolean isItem(ConfigurationPropertyName name) {
        return NAMESPACES.isAncestorOf(name) && name.getNumberOfElements() == 3 && isIndex(name, 2);
    }

    private static boolean isIndex(ConfigurationPropertyName name, int element) {
        if (name.isNumericIndex(element)) {
            return true;
        }
        String text = name.getElement(element, Form.UNIFORM);
        return !text.isEmpty() && text.chars().allMatch((c) -> c >= '0' && c <= '9');
    }

    private static Map<String, String> known() {
        // the parameters of the constructor the items are bound through: a key it lacks would be dropped silently
        Map<String, String> known = new LinkedHashMap<>();
        Arrays.stream(PluxSettingsBinding.NAMESPACE_CONSTRUCTOR.getParameters())
            .map((parameter) -> DataObjectPropertyName.toDashedForm(parameter.getName()))
            .sorted()
            .forEach((dashed) -> known.put(ConfigurationPropertyName.of(dashed).getElement(0, Form.UNIFORM), dashed));
        return known;
    }
}
