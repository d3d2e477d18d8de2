package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;

/**
 * Fails on a key under {@code plux} that nothing binds ({@code plux.exlude}, {@code plux.startup.paralelism}, a
 * typo such as {@code plugin-typ} under {@code plux.namespaces[i]}, or a key nested below a known one): Boot's
 * binding would ignore it silently. The known keys are read from the classes the keys are bound to
 * ({@link KnownKeys}). Keys are compared in Boot's uniform form, so every relaxed spelling of a known key
 * ({@code pluginType}, {@code PLUX_NAMESPACES_0_PLUGINTYPE}) is known; in the process environment so is the form
 * Boot also binds there, with underscores for the dashes ({@code PLUX_NAMESPACES_0_PLUGIN_TYPE}). A variable
 * Kubernetes sets for a Service named {@code plux-...} ({@code PLUX_STARTUP_SERVICE_HOST}) is none of plux's
 * business and is skipped ({@link KubernetesServiceLinks}).
 */
final class UnknownKeys {

    private static final Logger logger = LoggerFactory.getLogger(UnknownKeys.class);

    private static final ConfigurationPropertyName NAMESPACES = ConfigurationPropertyName.of("plux.namespaces");

    private static final ConfigurationPropertyName EXCLUDE = ConfigurationPropertyName.of("plux.exclude");

    private static final ConfigurationPropertyName STARTUP = ConfigurationPropertyName.of("plux.startup");

    /**
     * Keys whose value must be keys below them, set as a plain value ({@code plux.exclude} or an item of it,
     * {@code plux.startup}), with the value, in the order the sources were read.
     */
    private final Map<ConfigurationPropertyName, Object> plainValues = new LinkedHashMap<>();

    private final Map<ConfigurationPropertyName, @Nullable Object> values = new LinkedHashMap<>();

    /** What is unknown about each name noted, in name order (the first fails). */
    private final TreeMap<ConfigurationPropertyName, KnownKeys.Unknown> keys = new TreeMap<>();

    /** The sources holding a plain-string item {@code plux.namespaces[i]}, by item. */
    private final Map<ConfigurationPropertyName, List<ConfigurationPropertySource>> sourcesOfItems = new HashMap<>();

    /** The sources setting {@code plux.namespaces} itself (a comma-separated string). */
    private final List<ConfigurationPropertySource> sourcesOfList = new ArrayList<>();

    /** Whether a key plux ignores is warned of: not when startup warned of it already. */
    private final boolean warnOfIgnoredKeys;

    /** The sources holding a key under {@code plux.namespaces[i]}, by item. */
    private final Map<ConfigurationPropertyName, List<ConfigurationPropertySource>> sourcesOfKeys = new HashMap<>();

    /**
     * Checks keys for startup, warning of each key plux ignores.
     */
    UnknownKeys() {
        this(true);
    }

    /**
     * Checks keys.
     *
     * @param warnOfIgnoredKeys whether to warn of a key plux ignores: not when checking, after startup, a changed
     * configuration ({@link PluxConfigurationChangeWarning}), whose WARN names every key that changed already
     */
    UnknownKeys(boolean warnOfIgnoredKeys) {
        this.warnOfIgnoredKeys = warnOfIgnoredKeys;
    }

    /**
     * Notes a name of a source if it is an unknown key (called for every {@code plux.*} name while the names are
     * read once, see {@link ConfiguredNames}).
     *
     * @param name a name under {@code plux}
     * @param source the source holding it
     */
    void inspect(ConfigurationPropertyName name, ConfigurationPropertySource source) {
        boolean environment = PluxPropertySources.isSystemEnvironment(source);
        KnownKeys.Unknown unknown = this.values.containsKey(name) ? null : KnownKeys.PLUX.find(name, 1, environment);
        if (unknown != null && environment && isServiceLink(name, source)) {
            // Kubernetes' variable of a Service named plux-... (PLUX_STARTUP_SERVICE_HOST): set in every pod of the
            // namespace, not by the user, so neither a typo to fail on nor a setting to warn of on every start; not
            // noted as seen either, so the same key in another source is still checked
            return;
        }
        if (unknown != null && isFarRightUnderPlux(unknown, name)) {
            // Right under plux and close to no key plux reads, it is no typo of plux's: an application's own setting
            // (plux.sample.warm-up) or, in the process environment, another program's variable (PLUX_HOME). Failing
            // startup would break an application it never concerned; it is warned of. Below a known key, or close
            // to one, it is plux's (and fails below).
            if (this.warnOfIgnoredKeys) {
                ConfigurationProperty property = source.getConfigurationProperty(name);
                Object origin = (property != null && property.getOrigin() != null) ? property.getOrigin() : name;
                logger.warn("plux ignores {} (key '{}' under plux): the known keys are {}",
                        environment ? "the environment variable " + variable(origin) : name + " (" + origin + ")",
                        unknown.key(), String.join(", ", unknown.level().names()));
            }
            unknown = null;
            this.values.put(name, null);
        }
        if (unknown != null) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            this.values.put(name, (property != null) ? property.getValue() : null);
            this.keys.put(name, unknown);
        }
        if (isExclusion(name) || STARTUP.equals(name)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            Object value = (property != null) ? property.getValue() : null;
            if (value != null && !value.toString().isBlank()) {
                this.plainValues.putIfAbsent(name, value);
            }
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
        checkPlainValues();
        Map.Entry<ConfigurationPropertyName, KnownKeys.Unknown> firstUnknown = this.keys.firstEntry();
        if (firstUnknown == null) {
            return;
        }
        ConfigurationPropertyName first = firstUnknown.getKey();
        KnownKeys.Unknown unknown = firstUnknown.getValue();
        String closest = (unknown.closest() != null) ? "; did you mean '" + unknown.closest() + "'?" : "";
        String detail = (unknown.hint() != null) ? unknown.hint()
                : "the known keys are " + String.join(", ", unknown.level().names()) + closest;
        throw PluxSettings.invalid(first.toString(), this.values.get(first), "unknown key '" + unknown.key()
                + "' under " + first.chop(unknown.offset()) + "; " + detail);
    }

    /**
     * Fails on an item one source sets both as a plain string and with keys ({@code plux.namespaces[0]=my.ns} and
     * {@code plux.namespaces[0].load-on-startup=true}): Boot binds the string and drops the keys silently.
     */
    private void checkStringItemsWithKeys() {
        checkStringListWithKeys();
        for (Map.Entry<ConfigurationPropertyName, List<ConfigurationPropertySource>> sourcesOfItem
                : new TreeMap<>(this.sourcesOfItems).entrySet()) {
            ConfigurationPropertyName item = sourcesOfItem.getKey();
            List<ConfigurationPropertySource> withKeys = this.sourcesOfKeys.getOrDefault(item, List.of());
            for (ConfigurationPropertySource source : sourcesOfItem.getValue()) {
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

    /**
     * Fails on {@code plux.exclude} or an item of it set as a plain string ({@code plux.exclude[0]=legacy*}, the
     * form {@code plux.namespaces} accepts), or {@code plux.startup} set to a value: Boot's binder reports only that
     * no converter makes the object of a string, without the key to write instead (or, for an item, where it was set).
     */
    private void checkPlainValues() {
        if (this.plainValues.isEmpty()) {
            return;
        }
        List<ConfigurationPropertyName> names = new ArrayList<>(this.plainValues.keySet());
        names.sort(Comparator.naturalOrder());
        ConfigurationPropertyName first = names.get(0);
        Object value = this.plainValues.get(first);
        if (STARTUP.equals(first)) {
            KnownKeys keys = KnownKeys.PLUX.below("startup");
            throw PluxSettings.invalid(first.toString(), value, "is a plain value, but plux.startup is a group of"
                    + " keys: " + ((keys != null) ? String.join(", ", keys.names()) : "") + " (plux.startup.parallelism="
                    + value + ", say)");
        }
        String item = EXCLUDE.equals(first) ? EXCLUDE + "[0]" : first.toString();
        throw PluxSettings.invalid(first.toString(), value, "is a plain string, but an item of plux.exclude is an"
                + " object of globs (namespace, name, value; AND-ed): to exclude the plugins named " + value
                + " in every namespace, set " + item + ".name=" + value);
    }

    /** The same for {@code plux.namespaces=a,b} (a comma-separated string) with keys of an item in one source. */
    private void checkStringListWithKeys() {
        Map<ConfigurationPropertyName, List<ConfigurationPropertySource>> itemsWithKeys =
                new TreeMap<>(this.sourcesOfKeys);
        for (ConfigurationPropertySource source : this.sourcesOfList) {
            for (Map.Entry<ConfigurationPropertyName, List<ConfigurationPropertySource>> itemWithKeys
                    : itemsWithKeys.entrySet()) {
                ConfigurationPropertyName item = itemWithKeys.getKey();
                if (itemWithKeys.getValue().contains(source)) {
                    ConfigurationProperty property = source.getConfigurationProperty(NAMESPACES);
                    throw PluxSettings.invalid(NAMESPACES.toString(), (property != null) ? property.getValue() : null,
                            "the list is set as a comma-separated string and also has keys (" + item + ".*), which"
                                    + " its string items cannot have and would be ignored; use the object form for"
                                    + " every item: plux.namespaces[i].namespace with the other keys");
                }
            }
        }
    }

    /**
     * An unknown key right under {@code plux} ({@code plux.sample}), with no known key close to it; not one nested
     * below a known key ({@code plux.autowire.enabled}), which is plux's.
     */
    private static boolean isFarRightUnderPlux(KnownKeys.Unknown unknown, ConfigurationPropertyName name) {
        if (unknown.level() != KnownKeys.PLUX || unknown.offset() != 1 || unknown.closest() != null) {
            return false;
        }
        String first = name.getElement(1, Form.UNIFORM);
        return unknown.level()
            .names()
            .stream()
            .noneMatch((known) -> ConfigurationPropertyName.of(known).getElement(0, Form.UNIFORM).equals(first));
    }

    /** Whether the name is read from a variable Kubernetes sets for a Service ({@link KubernetesServiceLinks}). */
    private static boolean isServiceLink(ConfigurationPropertyName name, ConfigurationPropertySource source) {
        String variable = KubernetesServiceLinks.variable(source.getConfigurationProperty(name));
        if (!KubernetesServiceLinks.isServiceLink(variable)) {
            return false;
        }
        logger.debug("plux ignores the environment variable {} (key {}): Kubernetes sets it for a Service", variable,
                name);
        return true;
    }

    /** The variable's name, the first quoted text of its origin ({@code "PLUX_HOME" from property source ...}). */
    private static String variable(Object origin) {
        String text = String.valueOf(origin);
        int start = text.indexOf('"');
        int end = (start >= 0) ? text.indexOf('"', start + 1) : -1;
        return (start >= 0 && end > start) ? text.substring(start + 1, end) : text;
    }

    /** {@code plux.namespaces[i].key...}, the index in either form ({@code [0]} or {@code .0}, as Boot binds both). */
    private static boolean isKey(ConfigurationPropertyName name) {
        return NAMESPACES.isAncestorOf(name) && name.getNumberOfElements() > 3 && KnownKeys.isIndex(name, 2);
    }

    /** {@code plux.exclude} or {@code plux.exclude[i]}: with a value, a plain string where objects belong. */
    private static boolean isExclusion(ConfigurationPropertyName name) {
        return EXCLUDE.equals(name)
                || (EXCLUDE.isParentOf(name) && name.getNumberOfElements() == 3 && KnownKeys.isIndex(name, 2));
    }

    /** {@code plux.namespaces[i]}: with a value, a plain-string item. */
    private static boolean isItem(ConfigurationPropertyName name) {
        return NAMESPACES.isAncestorOf(name) && name.getNumberOfElements() == 3 && KnownKeys.isIndex(name, 2);
    }
}
