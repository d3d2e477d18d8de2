package dev.plux.spring.boot.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NativeDetector;
import org.springframework.core.env.Environment;

/**
 * The {@code plux.*} configuration of an application context, bound once from the {@link Environment} with
 * Boot's {@code Binder} (set up for plux by {@code PluxSettingsBinding}) and validated here: the registrar, the
 * managers, the startup loader, the health indicator and the failure analyzer all read this one object. Every
 * invalid input fails with an {@link InvalidConfigurationPropertyValueException} naming the property (Boot's
 * analyzer adds where it was set); each glob is compiled once, here.
 *
 * <p>The context holds it as an infrastructure bean. Under AOT the namespaces (the bean definitions) were fixed
 * when the application was processed; this object is still bound from the environment the application runs in.
 */
public final class PluxSettings {

    /**
     * The name of the settings bean: inject it with {@code @Qualifier(PluxSettings.BEAN_NAME)} (or look it up by this
     * name), which Spring resolves by name; a parameter of type {@code PluxSettings} alone makes the context look
     * through every bean definition for that type.
     */
    public static final String BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalPluxSettings";

    /** Why {@code plux.plugin-directories} cannot work in a native image. */
    static final String NO_PLUGIN_DIRECTORIES_IN_NATIVE_IMAGES = "a native image cannot load plugin classes from"
            + " jars or directories at run time (it holds only the classes it was built with)";

    /** What these settings were validated from, kept for Actuator's {@code configprops} report. */
    private final PluxProperties properties;

    private final boolean autowire;

    private final ContextExclusions exclusions;

    private final Map<String, ManagerSettings> managers;

    private final StartupSettings startup;

    private final List<Path> pluginDirectories;

    /** What set each of {@link #pluginDirectories} (property, value, origin), for plux-core's warnings about it. */
    private final List<String> pluginDirectoryOrigins;

    /** Each namespace's include/exclude filter, built once (given to its manager, which asks it). */
    private final Map<String, NameGlobFilter> nameFilters;

    private PluxSettings(PluxProperties properties, boolean autowire, ContextExclusions exclusions,
            List<ManagerSettings> managers, StartupSettings startup, List<Path> pluginDirectories,
            List<String> pluginDirectoryOrigins) {
        this.properties = properties;
        this.autowire = autowire;
        this.exclusions = exclusions;
        this.startup = startup;
        this.pluginDirectories = pluginDirectories;
        this.pluginDirectoryOrigins = pluginDirectoryOrigins;
        Map<String, ManagerSettings> byNamespace = new LinkedHashMap<>();
        managers.forEach((manager) -> byNamespace.put(manager.namespace(), manager));
        this.managers = byNamespace;
        Map<String, NameGlobFilter> nameFilters = new HashMap<>();
        for (ManagerSettings manager : managers) {
            if (manager.include() != null || manager.exclude() != null) {
                nameFilters.put(manager.namespace(),
                        new NameGlobFilter(manager.property(), manager.include(), manager.exclude()));
            }
        }
        this.nameFilters = nameFilters;
    }

    /**
     * Binds and validates {@code plux.*}.
     *
     * @param environment the environment to bind from
     * @param classLoader the class loader of plugin types, or {@code null} for the default
     * @return the settings
     * @throws InvalidConfigurationPropertyValueException naming the first invalid property
     */
    public static PluxSettings bind(Environment environment, @Nullable ClassLoader classLoader) {
        return PluxSettingsBinding.bind(environment, classLoader);
    }

    /**
     * The factory method of the settings bean (the registrar has bound it already unless the context is AOT; an
     * AOT-processed context calls {@link #fromRegisteredBean} instead).
     *
     * <p>The managers are created lazily, so this is where an AOT-processed application run with other
     * {@code plux.namespaces} than it was processed with fails startup ({@link ProcessedManagers}).
     *
     * @param builtNamespaces the namespaces the registrar defined a manager for, in order
     * @param builtPluginTypes the class name of the plugin type of each of them
     */
    static PluxSettings fromEnvironment(Environment environment, ConfigurableListableBeanFactory beanFactory,
            String[] builtNamespaces, String[] builtPluginTypes) {
        ProcessedManagers.checkEnabled(environment);
        PluxSettings settings = bind(environment, beanFactory.getBeanClassLoader());
        new ProcessedManagers(builtNamespaces, builtPluginTypes).check(settings, beanFactory);
        // a native image is always AOT-processed: this factory method is where it gets its settings
        settings.checkNativeImage(NativeDetector.inNativeImage());
        return settings;
    }

    /**
     * What the instance supplier of an AOT-processed context calls ({@link PluxSettingsAotProcessor}): the same as
     * {@link #fromEnvironment}, with the bean factory taken from the registered bean. A factory method parameter
     * of type {@code ConfigurableListableBeanFactory} would make the context scan every bean definition for that
     * type, which an AOT-started context pays for with cold code (about 0.5 ms, benchmarks/README.md).
     *
     * @param bean the settings bean being created
     * @param builtNamespaces the namespaces the registrar defined a manager for, in order
     * @param builtPluginTypes the class name of the plugin type of each of them
     * @return the settings
     */
    static PluxSettings fromRegisteredBean(RegisteredBean bean, String[] builtNamespaces, String[] builtPluginTypes) {
        ConfigurableListableBeanFactory beanFactory = bean.getBeanFactory();
        Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
                Environment.class);
        return fromEnvironment(environment, beanFactory, builtNamespaces, builtPluginTypes);
    }

    /** Validates bound properties into settings (the binding is {@code PluxSettingsBinding}'s). */
    static PluxSettings of(PluxProperties properties, @Nullable ClassLoader classLoader) {
        return of(properties, classLoader, List.of());
    }

    /**
     * Validates bound properties into settings.
     *
     * @param properties the bound properties
     * @param classLoader the class loader of plugin types, or {@code null} for the default
     * @param sources the sources they were bound from, in the environment's order (to tell where a plugin directory
     * was set; none: not told)
     */
    static PluxSettings of(PluxProperties properties, @Nullable ClassLoader classLoader,
            List<ConfigurationPropertySource> sources) {
        ContextExclusions exclusions = new ContextExclusions();
        List<PluxProperties.Exclusion> exclude = properties.getExclude();
        for (int i = 0; i < exclude.size(); i++) {
            PluxProperties.Exclusion exclusion = exclude.get(i);
            String prefix = "plux.exclude[" + i + "].";
            try {
                exclusions.add(i, exclusion.getNamespace(), exclusion.getName(), exclusion.getValue());
            }
            catch (IllegalArgumentException ex) {
                // addExclusion compiles the three globs; find the one to blame
                throw invalidGlob(prefix, exclusion, ex);
            }
        }
        List<ManagerSettings> managers = new ArrayList<>();
        Map<String, String> namespaces = new HashMap<>();
        Map<String, String> beanNames = new HashMap<>();
        List<PluxProperties.Namespace> items = properties.getNamespaces();
        for (int i = 0; i < items.size(); i++) {
            managers.add(ManagerSettings.of(i, items.get(i), classLoader, namespaces, beanNames));
        }
        List<Path> directories = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        pluginDirectories(properties.getPluginDirectories(), sources, directories, origins);
        return new PluxSettings(properties, properties.isAutowire(), exclusions, managers,
                startup(properties.getStartup()), List.copyOf(directories), List.copyOf(origins));
    }

    /**
     * Fails when plugin directories are configured in a native image, which cannot load classes that were not in
     * it when it was built: without this check a bundle's plugins would fail one by one, at first use, with
     * native-image errors that do not name the property.
     *
     * @param inNativeImage whether the application runs as a native image
     * @throws InvalidConfigurationPropertyValueException naming {@code plux.plugin-directories}
     */
    void checkNativeImage(boolean inNativeImage) {
        if (inNativeImage && !this.pluginDirectories.isEmpty()) {
            throw invalid("plux.plugin-directories", this.pluginDirectories, NO_PLUGIN_DIRECTORIES_IN_NATIVE_IMAGES
                    + "; put the plugins on the class path of the image when it is built, and remove the property");
        }
    }

    /**
     * {@code plux.plugin-directories}, resolved against the working directory once, here, into {@code paths}, and
     * what set each of them into {@code origins}. Only a directory found missing is ever warned about (by
     * plux-core), but the origins are told here, while the sources are at hand: a few lookups per item.
     */
    private static void pluginDirectories(List<String> directories, List<ConfigurationPropertySource> sources,
            List<Path> paths, List<String> origins) {
        for (int i = 0; i < directories.size(); i++) {
            String directory = directories.get(i);
            if (directory == null || directory.isBlank()) {
                continue;
            }
            try {
                paths.add(Path.of(directory.strip()).toAbsolutePath().normalize());
            }
            catch (InvalidPathException ex) {
                throw invalid("plux.plugin-directories[" + i + "]", directory,
                        "is not a valid path: " + InvalidDirectoryPath.reason(directory, ex));
            }
            origins.add(PluginDirectoryOrigin.of(i, directory, sources));
        }
    }

    private static InvalidConfigurationPropertyValueException invalidGlob(String prefix,
            PluxProperties.Exclusion exclusion, IllegalArgumentException ex) {
        // the glob's message quotes the malformed pattern: blame the key holding it
        String message = String.valueOf(ex.getMessage());
        String key = "value";
        if (quotes(message, exclusion.getNamespace())) {
            key = "namespace";
        }
        else if (quotes(message, exclusion.getName())) {
            key = "name";
        }
        String value = switch (key) {
            case "namespace" -> exclusion.getNamespace();
            case "name" -> exclusion.getName();
            default -> exclusion.getValue();
        };
        return invalid(prefix + key, value, "is not a valid glob: " + message);
    }

    private static boolean quotes(String message, @Nullable String glob) {
        return glob != null && message.contains("'" + glob + "'");
    }

    private static StartupSettings startup(PluxProperties.Startup startup) {
        if (startup.getParallelism() < 1) {
            throw invalid("plux.startup.parallelism", startup.getParallelism(),
                    "must be at least 1 (1 loads one plugin at a time)");
        }
        checkPositive("plux.startup.progress-interval", startup.getProgressInterval());
        return new StartupSettings(startup.getParallelism(), startup.getProgressInterval());
    }

    static void checkPositive(String property, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(property, duration, "must be a positive duration");
        }
    }

    static InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value,
            String reason) {
        return new InvalidConfigurationPropertyValueException(property, value, reason);
    }

    /**
     * The {@code plux.*} properties these settings were bound from and validated, as bound: what Actuator's
     * {@code configprops} endpoint shows under the {@code plux} prefix. Read it only; changing it changes nothing
     * but that report.
     *
     * @return the bound properties
     */
    public PluxProperties properties() {
        return this.properties;
    }

    /**
     * The configured namespaces.
     *
     * @return the namespaces, in configuration order
     */
    public List<String> namespaces() {
        return List.copyOf(this.managers.keySet());
    }

    /**
     * Whether a namespace is configured with {@code load-on-startup}.
     *
     * @param namespace the namespace
     * @return {@code true} if it is configured and loads on startup
     */
    public boolean loadsOnStartup(String namespace) {
        ManagerSettings manager = this.managers.get(namespace);
        return manager != null && manager.loadOnStartup();
    }

    /**
     * The bean name of a namespace's {@code PluginManager}. In a child context, a namespace that an ancestor's
     * manager serves (configured alike there) has no bean definition of that name in the child itself.
     *
     * @param namespace the namespace
     * @return its bean name, or {@code null} if it is not configured
     */
    public @Nullable String beanName(String namespace) {
        ManagerSettings manager = this.managers.get(namespace);
        return (manager != null) ? manager.beanName() : null;
    }

    /**
     * The configuration item of a namespace, the prefix of its properties.
     *
     * @param namespace the namespace
     * @return a property name such as {@code plux.namespaces[2]}, or {@code null} if it is not configured
     */
    public @Nullable String property(String namespace) {
        ManagerSettings manager = this.managers.get(namespace);
        return (manager != null) ? "plux.namespaces[" + manager.index() + "]" : null;
    }

    /** The namespace's include/exclude filter, or {@code null} when it sets neither. */
    @Nullable NameGlobFilter nameFilter(String namespace) {
        return this.nameFilters.get(namespace);
    }

    boolean autowire() {
        return this.autowire;
    }

    ContextExclusions exclusions() {
        return this.exclusions;
    }

    /** The plugin directories every manager of the context reads, absolute. */
    List<Path> pluginDirectories() {
        return this.pluginDirectories;
    }

    /**
     * What set each of the {@linkplain #pluginDirectories() plugin directories}, in the same order:
     * {@code plux.plugin-directories[1]=plugins, at class path resource [application.yml] - 4:7}.
     */
    List<String> pluginDirectoryOrigins() {
        return this.pluginDirectoryOrigins;
    }

    /**
     * Whether {@code other} (an ancestor context's settings) makes the manager of {@code manager}'s namespace as
     * these settings would: the namespace's item alike, and what every manager of a context shares
     * ({@code plux.autowire}, {@code plux.exclude}, {@code plux.plugin-directories}) the same.
     *
     * @param manager the namespace, as configured here
     * @param other the other settings
     * @return whether the other context's manager of the namespace is the one these settings configure
     */
    boolean configuresAlike(ManagerSettings manager, PluxSettings other) {
        ManagerSettings theirs = other.manager(manager.namespace());
        return theirs != null && manager.configuresAlike(theirs) && this.autowire == other.autowire
                && this.exclusions.configuresAlike(other.exclusions)
                && this.pluginDirectories.equals(other.pluginDirectories);
    }

    List<ManagerSettings> managers() {
        return List.copyOf(this.managers.values());
    }

    @Nullable ManagerSettings manager(String namespace) {
        return this.managers.get(namespace);
    }

    StartupSettings startup() {
        return this.startup;
    }

    List<ManagerSettings> startupManagers() {
        return this.managers.values().stream().filter(ManagerSettings::loadOnStartup).toList();
    }

    @Override
    public String toString() {
        return "PluxSettings" + this.managers.keySet();
    }
}
