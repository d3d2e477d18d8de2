package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.plux.core.Plugin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

import static dev.plux.spring.boot.autoconfigure.PluxSettings.checkPositive;
import static dev.plux.spring.boot.autoconfigure.PluxSettings.invalid;

/**
 * The validated settings of one namespace's manager, and how an item of {@code plux.namespaces} is validated into
 * them ({@link #of}).
 *
 * @param index position in {@code plux.namespaces}
 * @param namespace the namespace
 * @param beanName the manager's bean name
 * @param beanNameProperty the property the bean name comes from: {@code plux.namespaces[i].bean-name} when set,
 *        otherwise the namespace's (the default name derives from it)
 * @param pluginType the plugin type (the bean's generic type)
 * @param loadOnStartup whether the namespace is loaded while the context starts
 * @param failFast whether a failing plugin fails startup
 * @param include name globs that may load, compiled, or {@code null} when unset (all may load)
 * @param exclude name globs that are disabled, compiled, or {@code null} when unset
 * @param startupTimeout with load-on-startup: how long the namespace may take to load, or {@code null} to wait
 */
record ManagerSettings(int index, String namespace, String beanName, String beanNameProperty,
        Class<? extends Plugin> pluginType,
        boolean loadOnStartup, boolean failFast, @Nullable List<NameGlob> include, @Nullable List<NameGlob> exclude,
        @Nullable Duration startupTimeout) {

    private static final String SUFFIX = "PluginManager";

    /**
     * The default bean name of a namespace's manager: the namespace split at every character that is not a
     * letter or digit ({@code .}, {@code -}, {@code _}, ...), joined in lowerCamelCase, plus
     * {@code "PluginManager"}: {@code localstack.plugins.services} becomes
     * {@code localstackPluginsServicesPluginManager}, {@code my-ns_v2} becomes {@code myNsV2PluginManager}.
     *
     * @param namespace the namespace
     * @return the bean name
     */
    static String defaultBeanName(String namespace) {
        StringBuilder name = new StringBuilder();
        boolean upperNext = false;
        for (int i = 0; i < namespace.length(); i++) {
            char c = namespace.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                upperNext = name.length() > 0;
                continue;
            }
            if (name.length() == 0) {
                name.append(Character.toLowerCase(c));
            }
            else {
                name.append(upperNext ? Character.toUpperCase(c) : c);
            }
            upperNext = false;
        }
        if (name.length() == 0) {
            return Character.toLowerCase(SUFFIX.charAt(0)) + SUFFIX.substring(1);
        }
        return name.append(SUFFIX).toString();
    }

    /**
     * Validates one item of {@code plux.namespaces}.
     *
     * @param index the item's position
     * @param item the bound item
     * @param classLoader the class loader of plugin types, or {@code null} for the default
     * @param namespaces the namespaces of the items before it, with the property naming each (filled in here)
     * @param beanNames the bean names of the items before it, with the property that set each (filled in here)
     * @return the settings
     * @throws InvalidConfigurationPropertyValueException naming the first invalid property of the item
     */
    static ManagerSettings of(int index, PluxProperties.Namespace item, @Nullable ClassLoader classLoader,
            Map<String, String> namespaces, Map<String, String> beanNames) {
        String prefix = "plux.namespaces[" + index + "].";
        // a plain-string item is the property plux.namespaces[i] itself: naming it lets Boot's analyzer say where
        // it was set
        String namespaceProperty = item.isPlainString() ? "plux.namespaces[" + index + "]" : prefix + "namespace";
        String namespace = item.getNamespace();
        if (namespace == null || namespace.isBlank()) {
            // only a missing key can be a list replaced by a higher-priority source; one set blank is a value to fix
            throw invalid(namespaceProperty, namespace, item.isPlainString() ? "must not be empty"
                    : (namespace != null) ? "must not be blank; set the plux namespace"
                    : "must not be empty (a list item set in a higher-priority source, such as a command-line"
                            + " argument, replaces the whole plux.namespaces list: give every item its namespace"
                            + " there)");
        }
        namespace = namespace.trim();
        String first = namespaces.putIfAbsent(namespace, namespaceProperty);
        if (first != null) {
            throw invalid(namespaceProperty, namespace, "is configured twice (also " + first + ")");
        }
        String beanName = item.getBeanName();
        String beanNameProperty = prefix + "bean-name";
        String beanNameValue = beanName;
        if (beanName == null || beanName.isBlank()) {
            // the default name derives from the namespace, so that is the property to blame
            beanName = defaultBeanName(namespace);
            beanNameProperty = namespaceProperty;
            beanNameValue = namespace;
        }
        beanName = beanName.trim();
        String firstBean = beanNames.putIfAbsent(beanName, beanNameProperty);
        if (firstBean != null) {
            throw invalid(beanNameProperty, beanNameValue, "bean name " + beanName + " is used twice (also by "
                    + firstBean + "); set a distinct " + prefix + "bean-name");
        }
        Class<? extends Plugin> pluginType = pluginType(prefix + "plugin-type", item.getPluginType(), classLoader);
        if (item.isFailFast() && !item.isLoadOnStartup()) {
            throw invalid(prefix + "fail-fast", "true",
                    "has no effect without " + prefix + "load-on-startup=true; set both or remove fail-fast");
        }
        Duration startupTimeout = item.getStartupTimeout();
        if (startupTimeout != null) {
            checkPositive(prefix + "startup-timeout", startupTimeout);
            if (!item.isLoadOnStartup()) {
                throw invalid(prefix + "startup-timeout", startupTimeout,
                        "has no effect without " + prefix + "load-on-startup=true; set both or remove startup-timeout");
            }
        }
        List<NameGlob> include = globs(prefix + "include", item.getInclude());
        List<NameGlob> exclude = globs(prefix + "exclude", item.getExclude());
        return new ManagerSettings(index, namespace, beanName, beanNameProperty, pluginType, item.isLoadOnStartup(),
                item.isFailFast(), include, exclude, startupTimeout);
    }

    private static Class<? extends Plugin> pluginType(String property, @Nullable String className,
            @Nullable ClassLoader classLoader) {
        if (className == null || className.isBlank()) {
            return Plugin.class;
        }
        Class<?> type;
        try {
            type = ClassUtils.forName(className.trim(), classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            // Boot prints the reason on its own line: it has to read as a sentence
            throw invalid(property, className, "Class " + className.trim() + " is not on the class path (" + ex
                    + "); check the class name and that its jar is a dependency of the application.");
        }
        if (!Plugin.class.isAssignableFrom(type)) {
            throw invalid(property, className, "Class " + className.trim() + " does not implement "
                    + Plugin.class.getName() + "; plugin-type must be the type the namespace's plugins share.");
        }
        return type.asSubclass(Plugin.class);
    }

    private static @Nullable List<NameGlob> globs(String property, List<String> globs) {
        List<NameGlob> compiled = new ArrayList<>(globs.size());
        for (int i = 0; i < globs.size(); i++) {
            String glob = globs.get(i);
            if (glob == null || glob.isEmpty()) {
                // an empty entry (an empty YAML item) names no plugin; as a glob it would mean "any"
                continue;
            }
            try {
                compiled.add(NameGlob.compile(glob));
            }
            catch (IllegalArgumentException ex) {
                throw invalid(property + "[" + i + "]", glob, "is not a valid glob: " + ex.getMessage());
            }
        }
        return compiled.isEmpty() ? null : List.copyOf(compiled);
    }

    /**
     * Whether these settings configure the namespace as {@code other} does, the item's position in the list aside
     * (globs compare by their text).
     *
     * @param other settings of the same or another context
     * @return whether a manager and its startup loading made from either are alike
     */
    boolean configuresAlike(ManagerSettings other) {
        return this.namespace.equals(other.namespace) && this.beanName.equals(other.beanName)
                && this.pluginType == other.pluginType && this.loadOnStartup == other.loadOnStartup
                && this.failFast == other.failFast && Objects.equals(this.startupTimeout, other.startupTimeout)
                && Objects.equals(texts(this.include), texts(other.include))
                && Objects.equals(texts(this.exclude), texts(other.exclude));
    }

    private static @Nullable List<String> texts(@Nullable List<NameGlob> globs) {
        return (globs != null) ? globs.stream().map(NameGlob::text).toList() : null;
    }

    /**
     * The failure for a bean name that another bean of the context has already, naming the property the name comes
     * from: with the default name that is the namespace, whose origin Boot's analyzer can print (an unset
     * {@code bean-name} has none).
     *
     * @return the exception to throw
     */
    InvalidConfigurationPropertyValueException beanNameTaken() {
        String beanNameKey = property() + ".bean-name";
        if (this.beanNameProperty.equals(beanNameKey)) {
            return invalid(beanNameKey, this.beanName, "a bean of that name exists already; choose another bean name");
        }
        return invalid(this.beanNameProperty, this.namespace, "the default bean name " + this.beanName
                + " of this namespace is the name of an existing bean; set " + beanNameKey + " to another name");
    }

    /** The namespace's item in the configuration, such as {@code plux.namespaces[2]}. */
    String property() {
        return "plux.namespaces[" + this.index + "]";
    }
}
