package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.plux.core.Plugin;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of one namespace's manager.
 *
 * @param index position in {@code plux.namespaces}
 * @param namespace the namespace
 * @param beanName the manager's bean name
 * @param pluginType the plugin type (the bean's generic type)
 * @param loadOnStartup whether the namespace is loaded while the context starts
 * @param failFast whether a failing plugin fails startup
 * @param include validated name globs that may load, or {@code null} when unset (all may load)
 * @param exclude validated name globs that are disabled, or {@code null} when unset
 * @param startupTimeout with load-on-startup: how long the namespace may take to load, or {@code null} to wait
 */
record ManagerSettings(int index, String namespace, String beanName, Class<? extends Plugin> pluginType,
        boolean loadOnStartup, boolean failFast, @Nullable List<String> include, @Nullable List<String> exclude,
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

    /** The namespace's item in the configuration, such as {@code plux.namespaces[2]}. */
    String property() {
        return "plux.namespaces[" + this.index + "]";
    }
}
