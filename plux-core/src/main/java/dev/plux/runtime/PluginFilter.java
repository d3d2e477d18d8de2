package dev.plux.runtime;

import dev.plux.core.PluginSpec;

/**
 * Decides, before a plugin is created, whether it is disabled.
 *
 * <p>Asked on the thread that loads the plugin, and by {@link PluginManager#excludes} on its caller's, holding no
 * lock: a filter may be asked about several plugins at once, and about one plugin by two threads at once, so it
 * must be thread-safe.
 */
@FunctionalInterface
public interface PluginFilter {

    /**
     * Whether the plugin is excluded. A filter may instead throw a {@link dev.plux.core.PluginDisabled} naming the
     * plugin (its namespace and name) to disable it with a reason of its own, as a listener or the plugin itself can;
     * any other exception, a {@code PluginDisabled} naming another plugin included, fails the plugin
     * ({@link PluginState#INIT_FAILED}).
     *
     * @param spec the plugin's spec
     * @return {@code true} to disable the plugin
     */
    boolean excludes(PluginSpec spec);

    /**
     * What this filter says of itself when it excluded a plugin; it ends the plugin's disabled reason
     * ("A plugin filter disabled this plugin before it was initialized: " + this). A filter holding several rules
     * names the rule that matched.
     *
     * @param spec the plugin this filter {@linkplain #excludes(PluginSpec) excluded}
     * @return a description of the filter or of its matching rule; by default {@link Object#toString()}, or, for a
     * lambda, which cannot override it, the class that declares the lambda
     */
    default String describeExclusion(PluginSpec spec) {
        Class<?> type = getClass();
        int lambda = type.getName().indexOf("$$Lambda");
        if (type.isHidden() && lambda > 0) {
            // a lambda's toString() is its generated class and identity hash, which tell a reader nothing
            return "a lambda PluginFilter of " + type.getName().substring(0, lambda) + " (a class implementing"
                    + " PluginFilter names itself here through describeExclusion or toString)";
        }
        return toString();
    }
}
