package dev.plux.spring.boot.diagnostics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Explains an injection point of type {@code PluginManager<T>} that no bean satisfies (no namespace has plugin type
 * {@code T}, a {@code @PluxNamespace} that is not configured, a Spring {@code @Qualifier} that names a namespace or
 * no manager's bean name, or beside {@code @PluxNamespace} is not that namespace's bean name, or no namespace at
 * all): lists the configured
 * namespaces with their plugin types and bean names, and says how to fix it ({@code plugin-type} or
 * {@code @PluxNamespace}); namespaces that a lower-priority source lists but that the bound list (a profile's,
 * say) replaced are named with where they were set. An injection of the {@code PluginManagers} registry is explained when plux's
 * auto-configuration did not run (a test slice, an exclusion, {@code plux.enabled=false}). Ordered before Spring
 * Boot's own {@code NoSuchBeanDefinitionFailureAnalyzer}, whose generic "consider defining a bean" advice does not
 * apply to beans that come from configuration.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PluginManagerNotFoundFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException> {

    /** The key users write for {@code plux.namespaces}, which no property of plux binds. */
    private static final ConfigurationPropertyName SINGULAR_NAMESPACE = ConfigurationPropertyName.of("plux.namespace");

    private static final ConfigurationPropertyName NAMESPACES = ConfigurationPropertyName.of("plux.namespaces");

    /**
     * The property with which {@code @EnableAutoConfiguration} is turned off; Spring Boot's test slices
     * ({@code @OverrideAutoConfiguration(enabled = false)}) set it to {@code false} and import only the
     * auto-configurations their own imports files list, which plux's is not part of.
     */
    private static final String AUTO_CONFIGURATION_ENABLED = "spring.boot.enableautoconfiguration";

    private static final String PLUX_AUTO_CONFIGURATION = "dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration";

    /**
     * What to do when auto-configuration is on and plux's did not run: it is excluded, or the context does not
     * enable auto-configuration at all (no {@code @SpringBootApplication} or {@code @EnableAutoConfiguration}).
     */
    private static final String LET_IT_RUN = String.format("Let PluxAutoConfiguration run in this context: if it is"
            + " excluded, remove it from spring.autoconfigure.exclude or @SpringBootApplication(exclude = ...);"
            + " otherwise import it with @ImportAutoConfiguration(%s.class) or enable auto-configuration"
            + " (@SpringBootApplication, @EnableAutoConfiguration).", PLUX_AUTO_CONFIGURATION);

    /**
     * What an AOT-processed application whose plux auto-configuration did not run is also told: its conditions and
     * exclusions were evaluated when it was processed, so a change takes effect once it is processed again.
     */
    private static final String PROCESS_AGAIN = " The application is AOT-processed: process the application again"
            + " (spring-boot:process-aot) after that change; if it was processed with plux.enabled=false, processing"
            + " it again without that is all it takes.";

    private final ConfigurableListableBeanFactory beanFactory;

    private final Environment environment;

    PluginManagerNotFoundFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
        Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
        this.environment = environment;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause,
            @Nullable String description) {
        if (cause instanceof NoUniqueBeanDefinitionException) {
            return null;
        }
        if (asksForTheRegistry(cause)) {
            return registryAnalysis(cause, description);
        }
        PluginManagerInjection injection = PluginManagerInjection.of(rootFailure, cause);
        if (injection == null) {
            return null;
        }
        List<ConfiguredNamespaces.Manager> managers = ConfiguredNamespaces.of(this.beanFactory);
        String n = System.lineSeparator();
        StringBuilder message = new StringBuilder();
        message.append((description != null) ? description : "A component")
            .append(" required a bean of type ")
            .append(injection.requiredType())
            .append(" that could not be found.")
            .append(n).append(n)
            .append("The configured plux namespaces are:").append(n)
            .append(autoConfigurationRan() ? ConfiguredNamespaces.list(managers)
                    : ConfiguredNamespaces.list(managers, "plux's auto-configuration did not run in this context"))
            .append(n);
        for (String hint : configurationHints(managers)) {
            message.append(n).append(hint).append(n);
        }
        ReplacedNamespaces replaced = autoConfigurationRan() ? replacedNamespaces(managers) : null;
        if (replaced != null) {
            message.append(n).append("plux.namespaces is bound from ").append(replaced.boundFrom())
                .append(" alone: Spring Boot takes a list from the one property source with the highest priority"
                        + " that sets it and does not merge it with the lists of the others (another profile's file,"
                        + " application.yml, the command line), so these namespaces, set only in a list it replaced,"
                        + " are not configured:")
                .append(n).append(replaced.list()).append(n);
        }
        message.append(n).append(PluginManagerInjection.HOW_MANAGERS_ARE_REGISTERED);
        String action = action(injection, managers);
        if (replaced != null) {
            action = "Give the whole plux.namespaces list in " + replaced.boundFrom() + ": add the items of the"
                    + " namespaces listed as replaced (with their plugin-type) to it, or set the list in one place"
                    + " only. If this injection point should get one of the configured namespaces instead: "
                    + Character.toLowerCase(action.charAt(0)) + action.substring(1);
        }
        return new FailureAnalysis(message.toString(), action, cause);
    }

    /** The namespaces of lists that the bound {@code plux.namespaces} list replaced, when there are any. */
    private @Nullable ReplacedNamespaces replacedNamespaces(List<ConfiguredNamespaces.Manager> managers) {
        Set<String> configured = new HashSet<>();
        for (ConfiguredNamespaces.Manager manager : managers) {
            if (manager.namespace() != null) {
                configured.add(manager.namespace());
            }
        }
        return ReplacedNamespaces.of(this.environment, configured);
    }

    private String action(PluginManagerInjection injection, List<ConfiguredNamespaces.Manager> managers) {
        // first: while nothing reads plux.namespaces, advice about its items or the injection's qualifiers is moot
        if (managers.isEmpty() && !autoConfigurationRan()) {
            PluxTurnedOff turnedOff = PluxTurnedOff.of(this.environment);
            String action = (turnedOff != null) ? turnedOff.action(injection.declaredType())
                    : notAutoConfiguredAction(injection);
            return action + (processedAheadOfTime() ? PROCESS_AGAIN : "");
        }
        String pluginType = ConfiguredNamespaces.typeName(injection.pluginType());
        String beanQualifier = injection.beanQualifier();
        if (beanQualifier != null && injection.qualifier() == null) {
            return beanQualifierAction(beanQualifier, pluginType, managers);
        }
        String qualifier = injection.qualifier();
        if (qualifier != null) {
            ConfiguredNamespaces.Manager qualified = injection.qualified(managers);
            if (qualified != null && beanQualifier != null && !beanQualifier.equals(qualified.beanName())) {
                // a candidate must match both: the namespace's manager is kept out by its bean name
                String action = String.format("@Qualifier(\"%s\") is not the bean name of the manager of namespace"
                        + " '%s' ('%s'), so no bean has both: ", beanQualifier, qualifier, qualified.beanName());
                if (fits(injection, qualified)) {
                    return action + String.format("remove the @Qualifier (@PluxNamespace(\"%s\") selects the"
                            + " manager), or make it @Qualifier(\"%s\").", qualifier, qualified.beanName());
                }
                // and by its type: dropping the @Qualifier alone would not do
                return action + String.format("remove the @Qualifier or make it @Qualifier(\"%s\"); and its bean is"
                        + " PluginManager<%s>: set plugin-type: %s on the plux.namespaces item of namespace '%s', or"
                        + " inject @PluxNamespace(\"%s\") PluginManager<%s>.", qualified.beanName(),
                        ConfiguredNamespaces.typeName(qualified.pluginType()), pluginType, qualifier, qualifier,
                        ConfiguredNamespaces.typeName(qualified.pluginType()));
            }
            if (qualified != null) {
                return String.format("Namespace '%s' is configured, but its bean is PluginManager<%s>: set"
                        + " plugin-type: %s on the plux.namespaces item of namespace '%s', or inject"
                        + " @PluxNamespace(\"%s\") PluginManager<%s>.", qualifier,
                        ConfiguredNamespaces.typeName(qualified.pluginType()), pluginType, qualifier, qualifier,
                        ConfiguredNamespaces.typeName(qualified.pluginType()));
            }
            return String.format("Add namespace '%s' to plux.namespaces (with plugin-type: %s), or change"
                    + " @PluxNamespace(\"%s\") to one of the configured namespaces listed above.", qualifier,
                    pluginType, qualifier);
        }
        if (managers.isEmpty()) {
            return String.format("Configure the namespace in plux.namespaces, with plugin-type: %s so that its"
                    + " bean is PluginManager<%s>, e.g. plux.namespaces[0].namespace=<namespace> and"
                    + " plux.namespaces[0].plugin-type=%s; with several namespaces of one plugin type, select one"
                    + " with @PluxNamespace(\"<namespace>\").", pluginType, pluginType, pluginType);
        }
        return String.format("Set plugin-type: %s on the plux.namespaces item whose plugins this injection point"
                + " should get (its bean then is PluginManager<%s>), or inject the manager by namespace:"
                + " @PluxNamespace(\"<namespace>\") PluginManager<T> with T the plugin type listed above.",
                pluginType, pluginType);
    }

    private static boolean asksForTheRegistry(NoSuchBeanDefinitionException cause) {
        ResolvableType type = cause.getResolvableType();
        return type != null && type.resolve() == PluginManagers.class;
    }

    /**
     * A {@link PluginManagers} injection that failed because plux's auto-configuration did not run (in a test slice,
     * say, or with {@code plux.enabled=false}), with the same hints and action as a manager's; otherwise (a context
     * that replaced the registry with a bean of its own that it then lost) Spring Boot's own report applies.
     */
    private @Nullable FailureAnalysis registryAnalysis(NoSuchBeanDefinitionException cause,
            @Nullable String description) {
        if (autoConfigurationRan()) {
            return null;
        }
        String n = System.lineSeparator();
        StringBuilder message = new StringBuilder();
        message.append((description != null) ? description : "A component")
            .append(" required a bean of type ").append(PluginManagers.class.getName())
            .append(" that could not be found.").append(n);
        PluxTurnedOff turnedOff = PluxTurnedOff.of(this.environment);
        if (turnedOff != null) {
            // plux defines the registry: Boot's "consider defining a bean" would be the wrong fix
            message.append(n).append(turnedOff.explain("PluginManager bean and no PluginManagers registry"))
                .append(n);
            return new FailureAnalysis(message.toString(), turnedOff.action(PluginManagers.class.getName()), cause);
        }
        for (String hint : configurationHints(List.of())) {
            message.append(n).append(hint).append(n);
        }
        String action = autoConfigurationTurnedOff()
                ? importAction("the PluginManagers registry and the managers of plux.namespaces") + "."
                : LET_IT_RUN;
        if (processedAheadOfTime()) {
            action += PROCESS_AGAIN;
        }
        return new FailureAnalysis(message.toString(), action, cause);
    }

    /**
     * What to do when plux's auto-configuration did not run: with auto-configuration turned off (a test slice, or an
     * application that does so itself: the property does not tell them apart), import it (or, in a test, mock the
     * manager); otherwise stop excluding it, or import it. Configuring {@code plux.namespaces} changes nothing while
     * nothing reads it.
     */
    private String notAutoConfiguredAction(PluginManagerInjection injection) {
        String action;
        if (autoConfigurationTurnedOff()) {
            action = importAction("the managers of plux.namespaces") + String.format("; or, in a test, replace the"
                    + " manager with @MockitoBean %s.", injection.declaredType());
        }
        else {
            action = LET_IT_RUN;
        }
        if (!sets(NAMESPACES)) {
            action += String.format(" Then configure the namespace in plux.namespaces, with plugin-type: %s.",
                    ConfiguredNamespaces.typeName(injection.pluginType()));
        }
        return action;
    }

    /** Whether the manager's type satisfies the injection point's {@code PluginManager<T>}, qualifiers aside. */
    private static boolean fits(PluginManagerInjection injection, ConfiguredNamespaces.Manager manager) {
        return ResolvableType.forClassWithGenerics(PluginManager.class, injection.pluginType())
            .isAssignableFrom(ResolvableType.forClassWithGenerics(PluginManager.class, manager.pluginType()));
    }

    /**
     * Spring's {@code @Qualifier} selects a plux manager by bean name only: a namespace given there (the likely slip)
     * matches nothing, and so does a name no manager has; a manager's bean name of another plugin type does not fit.
     */
    private static String beanQualifierAction(String beanQualifier, String pluginType,
            List<ConfiguredNamespaces.Manager> managers) {
        for (ConfiguredNamespaces.Manager manager : managers) {
            if (beanQualifier.equals(manager.namespace())) {
                return String.format("@Qualifier(\"%s\") names no bean: '%s' is a namespace, not a bean name;"
                        + " inject @PluxNamespace(\"%s\") PluginManager<%s>, or @Qualifier(\"%s\") (its bean name).",
                        beanQualifier, beanQualifier, beanQualifier,
                        ConfiguredNamespaces.typeName(manager.pluginType()), manager.beanName());
            }
            if (beanQualifier.equals(manager.beanName())) {
                return String.format("Bean '%s' is PluginManager<%s>: set plugin-type: %s on the plux.namespaces"
                        + " item of namespace '%s', or inject PluginManager<%s>.", beanQualifier,
                        ConfiguredNamespaces.typeName(manager.pluginType()), pluginType, manager.namespace(),
                        ConfiguredNamespaces.typeName(manager.pluginType()));
            }
        }
        return String.format("@Qualifier(\"%s\") names no PluginManager bean: use one of the bean names listed"
                + " above, or select by namespace with @PluxNamespace(\"<namespace>\") (or set bean-name: %s on the"
                + " namespace's plux.namespaces item).", beanQualifier, beanQualifier);
    }

    /**
     * Likely configuration slips: plux turned off, its auto-configuration excluded or left out of a test slice, or
     * the singular
     * {@code plux.namespace} key. With plux's
     * auto-configuration running, that key fails startup earlier as an unknown key; the hint is for a context that
     * excludes the auto-configuration (which checks no key), and is left out with {@code plux.enabled=false}, where
     * turning plux on is the first fix.
     */
    private List<String> configurationHints(List<ConfiguredNamespaces.Manager> managers) {
        if (!managers.isEmpty()) {
            return List.of();
        }
        PluxTurnedOff turnedOff = PluxTurnedOff.of(this.environment);
        if (turnedOff != null) {
            return List.of(turnedOff.explain("PluginManager bean"));
        }
        List<String> hints = new ArrayList<>();
        if (!autoConfigurationRan() && autoConfigurationTurnedOff()) {
            hints.add("Auto-configuration is turned off in this context (" + AUTO_CONFIGURATION_ENABLED + "=false),"
                    + " so nothing read plux.namespaces: a Spring Boot test slice (@WebMvcTest, @DataJpaTest,"
                    + " @JsonTest, ...) turns it off and imports only the auto-configurations of its own layer, which"
                    + " plux's is not one of; an application may also turn it off itself.");
        }
        else if (!autoConfigurationRan()) {
            hints.add("plux's auto-configuration did not run in this context, so nothing read plux.namespaces:"
                    + " check that PluxAutoConfiguration is not excluded (spring.autoconfigure.exclude,"
                    + " @SpringBootApplication(exclude = ...)) and that plux-spring-boot-starter is on the class"
                    + " path.");
        }
        if (!autoConfigurationRan() && processedAheadOfTime()) {
            hints.add("The application is AOT-processed: the auto-configuration conditions and exclusions"
                    + " (plux.enabled, spring.autoconfigure.exclude, @SpringBootApplication(exclude = ...), a test"
                    + " slice's) were evaluated when it was processed (spring-boot:process-aot), not when it starts;"
                    + " setting them now changes nothing until it is processed again.");
        }
        if (sets(SINGULAR_NAMESPACE)) {
            hints.add("The configuration sets plux.namespace, which plux does not read: the property is"
                    + " plux.namespaces (a list).");
        }
        return hints;
    }

    /**
     * How to bring plux's auto-configuration into a context that turns auto-configuration off: a test slice's test
     * class, or a configuration class of an application that turns it off itself.
     */
    private static String importAction(String registers) {
        return String.format("Import plux's auto-configuration with @ImportAutoConfiguration(%s.class): on the test"
                + " class in a test slice, so that plux registers %s in the slice too, or, where the application"
                + " turns auto-configuration off itself, on one of its @Configuration classes", PLUX_AUTO_CONFIGURATION,
                registers);
    }

    /** Whether plux's auto-configuration ran: its registrar always registers the settings bean. */
    private boolean autoConfigurationRan() {
        return this.beanFactory.containsBean(PluxSettings.BEAN_NAME);
    }

    /**
     * Whether the context runs code Spring AOT generated: Spring runs generated artifacts, or the context has no
     * definition of the annotation post-processors, whose work AOT wrote out as code.
     */
    private boolean processedAheadOfTime() {
        return AotDetector.useGeneratedArtifacts() || !this.beanFactory
            .containsBeanDefinition(AnnotationConfigUtils.AUTOWIRED_ANNOTATION_PROCESSOR_BEAN_NAME);
    }

    /** Whether {@code @EnableAutoConfiguration} is turned off, as in a test slice. */
    private boolean autoConfigurationTurnedOff() {
        return "false".equalsIgnoreCase(this.environment.getProperty(AUTO_CONFIGURATION_ENABLED));
    }

    /**
     * Whether any source sets the key or a key below it: with YAML's {@code plux.namespace:} and the items below it,
     * only the items' keys ({@code plux.namespace[0].namespace}) are properties, never the list.
     */
    private boolean sets(ConfigurationPropertyName name) {
        if (this.environment.containsProperty(name.toString())) {
            return true;
        }
        if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
            return false;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
            if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }
}
