package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of plux ({@code plux.*}). {@link PluxSettings} binds each key on its own: a key added here must be
 * bound there too ({@code NamespaceBindingTests} fails until it is). The unknown-key check reads the keys from this
 * class and its nested ones, so it knows a new key as it is.
 */
@ConfigurationProperties("plux")
public class PluxProperties {

    /**
     * Whether plux auto-configuration is enabled.
     */
    private boolean enabled = true;

    /**
     * Whether class plugins are created through the application context, so their constructors can take beans.
     */
    private boolean autowire = true;

    /**
     * Namespaces to create a PluginManager bean for: a comma-separated list, or a list whose items are a
     * namespace string or an object with these keys: namespace (the plux namespace, required), bean-name (name of
     * the PluginManager bean, default lowerCamel(namespace) + "PluginManager"), plugin-type (class name of the
     * plugin type and of the bean's generic type, default dev.plux.core.Plugin), load-on-startup (load every
     * plugin while the context starts, default false), fail-fast (with load-on-startup: a plugin failing to
     * resolve, init or load fails the startup, default false), startup-timeout (with load-on-startup: a duration after which unfinished
     * plugins fail the startup; unset waits), include (name globs; when set, only matching plugins can load),
     * exclude (name globs of disabled plugins). Under AOT the namespaces are fixed when the application is processed.
     */
    private List<Namespace> namespaces = new ArrayList<>();

    /**
     * Plugins disabled in every namespace of this application context. Each item has the keys namespace, name
     * and value (the entry point value, class or class:member): fnmatch globs (* ? [seq] [!seq]), AND-ed, an
     * unset key matching anything. Never changes the process-wide MatchingPluginFilter.global().
     */
    private List<Exclusion> exclude = new ArrayList<>();

    /**
     * Plugin directories added to every PluginManager of this context, relative to the working directory: each
     * jar in them, and each sub-directory with classes/ and/or lib/*.jar, is a bundle with its own class loader.
     * Trusted code, as the class path is: only those who may change the application may write to them. Not in a
     * native image, which cannot load classes at run time: there it fails startup.
     */
    private List<String> pluginDirectories = new ArrayList<>();

    /**
     * How the load-on-startup namespaces are loaded while the context starts.
     */
    private final Startup startup = new Startup();

    /**
     * Whether plux auto-configuration is enabled.
     *
     * @return {@code true} by default
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets whether plux auto-configuration is enabled.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Whether class plugins are created through the application context.
     *
     * @return {@code true} by default
     */
    public boolean isAutowire() {
        return this.autowire;
    }

    /**
     * Sets whether class plugins are created through the application context.
     *
     * @param autowire the flag
     */
    public void setAutowire(boolean autowire) {
        this.autowire = autowire;
    }

    /**
     * The configured namespaces.
     *
     * @return the namespaces, in configuration order
     */
    public List<Namespace> getNamespaces() {
        return this.namespaces;
    }

    /**
     * Sets the configured namespaces.
     *
     * @param namespaces the namespaces
     */
    public void setNamespaces(List<Namespace> namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * The global exclusions of this context.
     *
     * @return the exclusions
     */
    public List<Exclusion> getExclude() {
        return this.exclude;
    }

    /**
     * Sets the global exclusions of this context.
     *
     * @param exclude the exclusions
     */
    public void setExclude(List<Exclusion> exclude) {
        this.exclude = exclude;
    }

    /**
     * The plugin directories added to every manager of this context.
     *
     * @return the directories as configured (relative to the working directory, or absolute)
     */
    public List<String> getPluginDirectories() {
        return this.pluginDirectories;
    }

    /**
     * Sets the plugin directories added to every manager of this context.
     *
     * @param pluginDirectories the directories
     */
    public void setPluginDirectories(List<String> pluginDirectories) {
        this.pluginDirectories = pluginDirectories;
    }

    /**
     * How the load-on-startup namespaces are loaded.
     *
     * @return the startup settings
     */
    public Startup getStartup() {
        return this.startup;
    }

    /**
     * How the plugins of the load-on-startup namespaces are loaded while the context starts.
     */
    public static class Startup {

        /**
         * Number of threads that load the plugins of every load-on-startup namespace; 1 loads one plugin at a
         * time. Plugins start loading in discovery order whatever the number.
         */
        private int parallelism = 1;

        /**
         * How long a plugin may load on startup before a warning names it; the warning repeats at each interval
         * while the plugin is still loading. The same goes for a custom plugin finder still listing a namespace.
         * A number without a unit is milliseconds (write {@code 10s}); under 100ms startup loading warns once.
         */
        private Duration progressInterval = Duration.ofSeconds(10);

        /**
         * The number of loading threads.
         *
         * @return 1 by default
         */
        public int getParallelism() {
            return this.parallelism;
        }

        /**
         * Sets the number of loading threads.
         *
         * @param parallelism at least 1
         */
        public void setParallelism(int parallelism) {
            this.parallelism = parallelism;
        }

        /**
         * How long a plugin loads before a warning names it.
         *
         * @return 10 seconds by default
         */
        public Duration getProgressInterval() {
            return this.progressInterval;
        }

        /**
         * Sets how long a plugin loads before a warning names it.
         *
         * @param progressInterval a positive duration
         */
        public void setProgressInterval(Duration progressInterval) {
            this.progressInterval = progressInterval;
        }
    }

    /**
     * One namespace and how its manager is configured.
     */
    public static class Namespace {

        /**
         * The plux namespace, such as "localstack.plugins.services".
         */
        private @Nullable String namespace;

        /**
         * Name of the PluginManager bean; default lowerCamel(namespace) + "PluginManager".
         */
        private @Nullable String beanName;

        /**
         * Plugin type of the manager (the bean's generic type); every plugin must be one. Default
         * dev.plux.core.Plugin.
         */
        private @Nullable String pluginType;

        /**
         * Whether all plugins of the namespace are loaded while the context starts.
         */
        private boolean loadOnStartup = false;

        /**
         * With load-on-startup: whether a plugin that fails to resolve, init or load (or a custom finder that cannot
         * list the namespace) fails the startup. Plugins the filters rule out never do.
         */
        private boolean failFast = false;

        /**
         * With load-on-startup: how long, counted from the start of startup loading, the namespace may take to
         * load; plugins still loading or waiting to load then fail the startup, naming them. Unset waits. A number
         * without a unit is milliseconds (write {@code 30s}).
         */
        private @Nullable Duration startupTimeout;

        /**
         * Name globs; when set, only plugins matching one of them can load.
         */
        private List<String> include = new ArrayList<>();

        /**
         * Name globs of plugins that are disabled.
         */
        private List<String> exclude = new ArrayList<>();

        // not a key: whether the item was given as a plain string (the property plux.namespaces[i] itself)
        private boolean plainString;

        /**
         * Creates an empty item (for binding).
         */
        public Namespace() {
        }

        /** Whether the item was given as a plain string, so that errors name {@code plux.namespaces[i]}. */
        boolean isPlainString() {
            return this.plainString;
        }

        // Binder.get(environment) binds plain-string items (plux.namespaces=a,b) through this constructor: Boot's
        // shared conversion service converts a String through a public String constructor, so no converter.
        /**
         * Creates an item for a namespace (the plain-string form).
         *
         * @param namespace the namespace
         */
        public Namespace(String namespace) {
            this.namespace = namespace;
            this.plainString = true;
        }

        /**
         * Creates an item with every key: how plux binds the object form (Boot's value-object binding, cheaper per
         * item than JavaBean binding). Its parameters are the keys of an item; a new key needs a parameter here.
         *
         * @param namespace the namespace
         * @param beanName the bean name, or {@code null} for the default
         * @param pluginType the plugin type's class name, or {@code null} for {@code dev.plux.core.Plugin}
         * @param loadOnStartup whether the namespace is loaded at startup
         * @param failFast whether a failing plugin fails startup
         * @param startupTimeout how long loading on startup may take, or {@code null} to wait
         * @param include the include globs, or {@code null} for none
         * @param exclude the exclude globs, or {@code null} for none
         */
        public Namespace(@Nullable String namespace, @Nullable String beanName, @Nullable String pluginType,
                boolean loadOnStartup, boolean failFast, @Nullable Duration startupTimeout,
                @Nullable List<String> include, @Nullable List<String> exclude) {
            this.namespace = namespace;
            this.beanName = beanName;
            this.pluginType = pluginType;
            this.loadOnStartup = loadOnStartup;
            this.failFast = failFast;
            this.startupTimeout = startupTimeout;
            this.include = (include != null) ? include : new ArrayList<>();
            this.exclude = (exclude != null) ? exclude : new ArrayList<>();
        }

        /**
         * The namespace.
         *
         * @return the namespace, or {@code null} if not set
         */
        public @Nullable String getNamespace() {
            return this.namespace;
        }

        /**
         * Sets the namespace.
         *
         * @param namespace the namespace; {@code null} (unset) fails startup, as the namespace is required
         */
        public void setNamespace(@Nullable String namespace) {
            this.namespace = namespace;
        }

        /**
         * The bean name.
         *
         * @return the bean name, or {@code null} for the default
         */
        public @Nullable String getBeanName() {
            return this.beanName;
        }

        /**
         * Sets the bean name.
         *
         * @param beanName the bean name, or {@code null} for the default (lowerCamel(namespace) +
         *        {@code "PluginManager"})
         */
        public void setBeanName(@Nullable String beanName) {
            this.beanName = beanName;
        }

        /**
         * The plugin type's class name.
         *
         * @return the class name, or {@code null} for {@code dev.plux.core.Plugin}
         */
        public @Nullable String getPluginType() {
            return this.pluginType;
        }

        /**
         * Sets the plugin type's class name.
         *
         * @param pluginType the class name, or {@code null} for {@code dev.plux.core.Plugin}
         */
        public void setPluginType(@Nullable String pluginType) {
            this.pluginType = pluginType;
        }

        /**
         * Whether the namespace is loaded at startup.
         *
         * @return {@code false} by default
         */
        public boolean isLoadOnStartup() {
            return this.loadOnStartup;
        }

        /**
         * Sets whether the namespace is loaded at startup.
         *
         * @param loadOnStartup the flag
         */
        public void setLoadOnStartup(boolean loadOnStartup) {
            this.loadOnStartup = loadOnStartup;
        }

        /**
         * Whether a failing plugin fails startup (with load-on-startup).
         *
         * @return {@code false} by default
         */
        public boolean isFailFast() {
            return this.failFast;
        }

        /**
         * Sets whether a failing plugin fails startup.
         *
         * @param failFast the flag
         */
        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }

        /**
         * How long the namespace may take to load on startup.
         *
         * @return the timeout, or {@code null} to wait as long as loading takes
         */
        public @Nullable Duration getStartupTimeout() {
            return this.startupTimeout;
        }

        /**
         * Sets how long the namespace may take to load on startup.
         *
         * @param startupTimeout a positive duration, or {@code null} to wait; a value without
         *        {@code load-on-startup} fails startup
         */
        public void setStartupTimeout(@Nullable Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
        }

        /**
         * The include globs.
         *
         * @return the globs; empty means every plugin
         */
        public List<String> getInclude() {
            return this.include;
        }

        /**
         * Sets the include globs.
         *
         * @param include the globs
         */
        public void setInclude(List<String> include) {
            this.include = include;
        }

        /**
         * The exclude globs.
         *
         * @return the globs
         */
        public List<String> getExclude() {
            return this.exclude;
        }

        /**
         * Sets the exclude globs.
         *
         * @param exclude the globs
         */
        public void setExclude(List<String> exclude) {
            this.exclude = exclude;
        }
    }

    /**
     * A global exclusion: a plugin is excluded when every glob that is set matches.
     */
    public static class Exclusion {

        /**
         * Glob for the namespace; unset matches any.
         */
        private @Nullable String namespace;

        /**
         * Glob for the plugin name; unset matches any.
         */
        private @Nullable String name;

        /**
         * Glob for the entry point value (class or class:member); unset matches any.
         */
        private @Nullable String value;

        /**
         * The namespace glob.
         *
         * @return the glob; {@code null} (or empty) when unset, which matches any
         */
        public @Nullable String getNamespace() {
            return this.namespace;
        }

        /**
         * Sets the namespace glob.
         *
         * @param namespace the glob, or {@code null} to match any
         */
        public void setNamespace(@Nullable String namespace) {
            this.namespace = namespace;
        }

        /**
         * The name glob.
         *
         * @return the glob; {@code null} (or empty) when unset, which matches any
         */
        public @Nullable String getName() {
            return this.name;
        }

        /**
         * Sets the name glob.
         *
         * @param name the glob, or {@code null} to match any
         */
        public void setName(@Nullable String name) {
            this.name = name;
        }

        /**
         * The value glob.
         *
         * @return the glob; {@code null} (or empty) when unset, which matches any
         */
        public @Nullable String getValue() {
            return this.value;
        }

        /**
         * Sets the value glob.
         *
         * @param value the glob, or {@code null} to match any
         */
        public void setValue(@Nullable String value) {
            this.value = value;
        }
    }
}
