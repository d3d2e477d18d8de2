package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.boot.context.properties.bind.BindConstructorProvider;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.Environment;

/**
 * Reads {@code plux.*} from an {@link Environment} into {@link PluxProperties} with Boot's {@link Binder}, set up
 * for the few sources and keys plux reads, and hands them to {@link PluxSettings#of} to validate. A failure of that
 * validation is explained by the list it came from ({@link ReplacedList}, {@link CommaSeparatedList}), so Boot's
 * analyzer can say where the invalid value was set.
 */
final class PluxSettingsBinding {

    /** The constructor of {@link PluxProperties.Namespace} that the binder binds an item through. */
    static final Constructor<?> NAMESPACE_CONSTRUCTOR = namespaceConstructor();

    // Namespace items are bound through their constructor: Boot's ValueObjectBinder reads its parameters once per
    // bind, where the JavaBean binder rebuilds every property's type, name and bindable for every item (about a
    // third of an AOT-started context's binding time with ten namespaces). Every other plux property class is a
    // JavaBean, so the binder need not look for a bind constructor in it.
    private static final BindConstructorProvider BIND_CONSTRUCTORS = (bindable, nested) ->
            bindConstructor(bindable.getType().resolve());

    /**
     * The constructor the binder binds a plux property class through, or {@code null} for a JavaBean.
     *
     * @param type a class, or {@code null}
     * @return the constructor, or {@code null}
     */
    static @Nullable Constructor<?> bindConstructor(@Nullable Class<?> type) {
        return (type == PluxProperties.Namespace.class) ? NAMESPACE_CONSTRUCTOR : null;
    }

    private static Constructor<?> namespaceConstructor() {
        for (Constructor<?> constructor : PluxProperties.Namespace.class.getConstructors()) {
            if (constructor.getParameterCount() > 1) {
                return constructor;
            }
        }
        throw new IllegalStateException("PluxProperties.Namespace has no binding constructor");
    }

    private static final Bindable<List<PluxProperties.Namespace>> NAMESPACES = Bindable
        .listOf(PluxProperties.Namespace.class);

    private static final Bindable<List<PluxProperties.Exclusion>> EXCLUSIONS = Bindable
        .listOf(PluxProperties.Exclusion.class);

    private static final Bindable<List<String>> DIRECTORIES = Bindable.listOf(String.class);

    /**
     * A property-editor initializer that adds nothing: given to every binder plux makes, it gets that binder a
     * converter of its own, dropped with it. Without one Boot hands out its JVM-wide converter, whose Spring
     * property editors ({@code ClassEditor}, {@code ClassArrayEditor}) are made on its first conversion and keep
     * that thread's context class loader for the life of the JVM: when plux's binding came first, the application's
     * class loader (spring-boot-devtools' first restart loader, a test's), kept after every restart.
     */
    static final Consumer<PropertyEditorRegistry> OWN_CONVERTER = (registry) -> {
    };

    private PluxSettingsBinding() {
    }

    /**
     * Binds and validates {@code plux.*} (what {@link PluxSettings#bind} does).
     *
     * @param environment the environment to bind from
     * @param classLoader the class loader of plugin types, or {@code null} for the default
     * @return the settings
     * @throws InvalidConfigurationPropertyValueException naming the first invalid property
     */
    static PluxSettings bind(Environment environment, @Nullable ClassLoader classLoader) {
        return bind(environment, classLoader, true);
    }

    /**
     * Binds and validates {@code plux.*}, as startup does or, after startup, to check a changed configuration
     * ({@link PluxConfigurationChangeWarning}) without warning again of what startup warned of.
     *
     * @param environment the environment to bind from
     * @param classLoader the class loader of plugin types, or {@code null} for the default
     * @param startup whether this is startup's binding, which warns of each key plux ignores
     * @return the settings
     * @throws InvalidConfigurationPropertyValueException naming the first invalid property
     */
    static PluxSettings bind(Environment environment, @Nullable ClassLoader classLoader, boolean startup) {
        List<ConfigurationPropertySource> sources = PluxPropertySources.of(environment);
        if (sources.isEmpty()) {
            // nothing to bind: the binder would still introspect every property class to find that out
            return PluxSettings.of(new PluxProperties(), classLoader);
        }
        // what Binder.get(environment) builds, over the sources that hold plux keys, with plux's bind constructors
        Binder binder = new Binder(sources, new PropertySourcesPlaceholdersResolver(environment),
                (ConversionService) null, OWN_CONVERTER, null, BIND_CONSTRUCTORS);
        // one pass over the names: what is set (to skip the rest) and which keys are unknown
        UnknownKeys unknownKeys = new UnknownKeys(startup);
        ConfiguredNames names = ConfiguredNames.of(sources, unknownKeys::inspect);
        unknownKeys.check();
        BindHandler handler = (names != null) ? names.skippingUnset() : BindHandler.DEFAULT;
        PluxProperties properties = bindKeys(binder, handler);
        try {
            return PluxSettings.of(properties, classLoader, sources);
        }
        catch (InvalidConfigurationPropertyValueException ex) {
            throw CommaSeparatedList.explain(ReplacedList.explain(ex, sources), sources);
        }
    }

    /**
     * Binds each key the settings read on its own ({@code plux.enabled} is read by the auto-configuration's
     * condition). Binding {@link PluxProperties} whole makes Boot introspect it as a JavaBean and build the generic
     * type of each of its properties, on every bind, although most applications set only {@code plux.namespaces}:
     * about a third of the binding time of one namespace (benchmarks/README.md). An unset key costs nothing here:
     * the handler skips it. {@code NamespaceBindingTests} fails when {@link PluxProperties} gains a key this
     * does not bind.
     */
    private static PluxProperties bindKeys(Binder binder, BindHandler handler) {
        PluxProperties properties = new PluxProperties();
        binder.bind("plux.autowire", Bindable.of(Boolean.class), handler).ifBound(properties::setAutowire);
        binder.bind("plux.namespaces", NAMESPACES, handler).ifBound(properties::setNamespaces);
        binder.bind("plux.exclude", EXCLUSIONS, handler).ifBound(properties::setExclude);
        binder.bind("plux.plugin-directories", DIRECTORIES, handler).ifBound(properties::setPluginDirectories);
        binder.bind("plux.startup", Bindable.ofInstance(properties.getStartup()), handler);
        return properties;
    }
}
