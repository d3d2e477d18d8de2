package dev.plux.spring.boot.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.PluxNamespace;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.fixtures.CliPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.UnregisteredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real failed startups, reported by Spring Boot: the captured report must be plux's, naming the configured
 * namespaces, {@code plugin-type} and {@code @PluxNamespace}.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginManagerInjectionFailureAnalyzerTests {

    private static final String SERVICES = "test.spring.services";

    private static final String SERVICE_PLUGIN = ServicePlugin.class.getName();

    @Test
    void namespaceWithoutPluginTypeIsListedWithTheFix(CapturedOutput output) {
        run(NeedsServicePlugins.class, "plux.namespaces[0]", SERVICES, "plux.namespaces[1].namespace",
                "test.spring.cli", "plux.namespaces[1].bean-name", "cli");

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Field services in " + NeedsServicePlugins.class.getName()
                    + " required a bean of type PluginManager<" + SERVICE_PLUGIN + "> that could not be found.")
            .contains("The configured plux namespaces are:")
            .contains("- namespace 'test.spring.services': bean 'testSpringServicesPluginManager',"
                    + " PluginManager<dev.plux.core.Plugin>")
            .contains("- namespace 'test.spring.cli': bean 'cli', PluginManager<dev.plux.core.Plugin>")
            .contains("Set plugin-type: " + SERVICE_PLUGIN + " on the plux.namespaces item")
            .contains("@PluxNamespace(\"<namespace>\") PluginManager<T>")
            .doesNotContain("Consider defining a bean");
    }

    @Test
    void aProfileListThatReplacedTheNamespaceOfTheInjectionIsPointedOut(CapturedOutput output) {
        // the dev profile's list is complete (its item has its namespace), so it binds, and replaces the whole list
        // of plux-profiles.yml: test.spring.services is gone without a word unless the report names where it went
        SpringApplication application = new SpringApplication(Application.class, NeedsServicePlugins.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=plux-profiles",
                "--spring.profiles.active=dev")).isNotNull();

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + ">")
            .contains("- namespace 'test.spring.cli': bean 'testSpringCliPluginManager'")
            .contains("plux.namespaces is bound from Config resource 'class path resource [plux-profiles-dev.yml]'")
            .contains("Spring Boot takes a list from the one property source with the highest priority that sets it"
                    + " and does not merge it with the lists of the others (another profile's file, application.yml,"
                    + " the command line)")
            .contains("- namespace 'test.spring.services' (plux.namespaces[1].namespace, class path resource"
                    + " [plux-profiles.yml] - 4:18)")
            .contains("Give the whole plux.namespaces list in Config resource 'class path resource"
                    + " [plux-profiles-dev.yml]'")
            .contains("add the items of the namespaces listed as replaced");
    }

    @Test
    void aCommaSeparatedListThatTheCommandLineReplacedIsPointedOut(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Application.class, NeedsServicePlugins.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("plux.namespaces", "test.spring.cli, " + SERVICES));
        assertThatThrownBy(() -> application.run("--plux.namespaces[0]=test.spring.cli")).isNotNull();

        assertThat(output).contains("plux.namespaces is bound from commandLineArgs alone")
            .contains("- namespace 'test.spring.services' (plux.namespaces")
            .doesNotContain("- namespace 'test.spring.cli' (");
    }

    @Test
    void aListInOneSourceHasNoReplacedNamespaces(CapturedOutput output) {
        run(NeedsServicePlugins.class, "plux.namespaces[0]", "test.spring.cli");

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + ">")
            .doesNotContain("plux.namespaces is bound from")
            .doesNotContain("Give the whole plux.namespaces list");
    }

    @Test
    void singularNamespaceKeyIsPointedOut(CapturedOutput output) {
        run(NeedsServicePlugins.class, "plux.namespace", SERVICES);

        // the unknown-key check fails startup on it before any PluginManager is injected
        assertThat(output).contains("Invalid value 'test.spring.services' for configuration property"
                + " 'plux.namespace'")
            .contains("unknown key 'namespace' under plux; the known keys are autowire, enabled, exclude, namespaces,"
                    + " plugin-directories, startup; did you mean 'namespaces'?")
            .doesNotContain("required a bean of type");
    }

    @Test
    void singularNamespaceKeyWithItemsIsPointedOut(CapturedOutput output) {
        // the YAML slip 'plux.namespace:' with the object items below it: only the items' keys are set
        run(NeedsServicePlugins.class, "plux.namespace[0].namespace", SERVICES, "plux.namespace[0].plugin-type",
                SERVICE_PLUGIN);

        assertThat(output).contains("for configuration property 'plux.namespace[0].namespace'")
            .contains("unknown key 'namespace' under plux;")
            .contains("did you mean 'namespaces'?")
            .doesNotContain("required a bean of type");
    }

    @Test
    void pluxTurnedOffIsPointedOutRatherThanTheSingularNamespaceKey(CapturedOutput output) {
        // turned off, plux binds nothing, so no unknown-key check reports plux.namespace: the injection fails
        run(NeedsServicePlugins.class, "plux.enabled", "false", "plux.namespace", SERVICES);

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + ">")
            .contains("plux is turned off (plux.enabled=false), so it registers no PluginManager bean.")
            .doesNotContain("The configuration sets plux.namespace")
            .doesNotContain("unknown key");
    }

    @Test
    void aManagerInjectionWithPluxTurnedOffSaysToTurnItOnRatherThanToConfigureTheNamespace(CapturedOutput output) {
        // the namespace is configured: adding it to plux.namespaces, or changing the qualifier, fixes nothing
        run(NeedsQualifiedServicePlugins.class, "plux.enabled", "false", "plux.namespaces[0].namespace", SERVICES,
                "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);

        assertThat(output).contains("plux is turned off (plux.enabled=false), so it registers no PluginManager bean.")
            .contains("Turn plux on (remove plux.enabled=false), or, for a component that must also work with plux"
                    + " turned off, inject ObjectProvider<PluginManager<" + SERVICE_PLUGIN + ">> and call"
                    + " getIfAvailable().")
            .doesNotContain("Add namespace")
            .doesNotContain("Configure the namespace in plux.namespaces");
    }

    @Test
    void aValueOfPluxEnabledOtherThanTrueIsReportedAsTurningPluxOff(CapturedOutput output) {
        // Boot's @ConditionalOnBooleanProperty matches only "true": a typo of the value turns plux off, and the
        // report must say so, with the value, not that the auto-configuration is excluded
        run(NeedsServicePlugins.class, "plux.enabled", "ture", "plux.namespaces[0].namespace", SERVICES,
                "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);

        assertThat(output).contains("plux is turned off (plux.enabled=ture), so it registers no PluginManager bean.")
            .contains("Only true turns plux on: Spring Boot's @ConditionalOnBooleanProperty reads any other value"
                    + " as false.")
            .contains("plux.enabled is set in \"plux.enabled\" from property source \"defaultProperties\"")
            .contains("Turn plux on (set plux.enabled=true or remove it)")
            .doesNotContain("is not excluded")
            .doesNotContain("Let PluxAutoConfiguration run");
    }

    @Test
    void theRegistryWithPluxEnabledSetToAnotherValueSaysItIsTurnedOff(CapturedOutput output) {
        run(NeedsPluginManagers.class, "plux.enabled", "no", "plux.namespaces[0].namespace", SERVICES);

        assertThat(output).contains("plux is turned off (plux.enabled=no), so it registers no PluginManager bean and"
                + " no PluginManagers registry.")
            .contains("Turn plux on (set plux.enabled=true or remove it)")
            .doesNotContain("Let PluxAutoConfiguration run");
    }

    @Test
    void singularNamespaceKeyIsPointedOutWhenPluxAutoConfigurationIsExcluded(CapturedOutput output) {
        // the only path to the hint: plux's auto-configuration does not run, so neither does the unknown-key check
        run(NeedsServicePlugins.class, "spring.autoconfigure.exclude", PluxAutoConfiguration.class.getName(),
                "plux.namespace", SERVICES);

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + ">")
            .contains("The configuration sets plux.namespace, which plux does not read: the property is"
                    + " plux.namespaces (a list).")
            .doesNotContain("plux is turned off")
            .doesNotContain("unknown key");
    }

    @Test
    void anExcludedPluxAutoConfigurationIsPointedOut(CapturedOutput output) {
        // plux.namespaces is right, but nothing reads it: the report must say why no manager exists
        run(NeedsServicePlugins.class, "spring.autoconfigure.exclude", PluxAutoConfiguration.class.getName(),
                "plux.namespaces[0].namespace", SERVICES, "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + ">")
            .contains("plux's auto-configuration did not run in this context, so nothing read plux.namespaces: check"
                    + " that PluxAutoConfiguration is not excluded (spring.autoconfigure.exclude,"
                    + " @SpringBootApplication(exclude = ...)) and that plux-spring-boot-starter is on the class"
                    + " path.")
            .contains("(none: plux's auto-configuration did not run in this context)")
            .contains("Let PluxAutoConfiguration run in this context")
            .doesNotContain("plux.namespaces is empty or not set")
            .doesNotContain("Configure the namespace in plux.namespaces")
            .doesNotContain("plux is turned off");
    }

    @Test
    void aTestSliceWithoutPluxSaysHowToBringPluxIntoTheSlice(CapturedOutput output) {
        // what @WebMvcTest, @JsonTest and every other slice do: @OverrideAutoConfiguration(enabled = false) sets this
        // property, and the slice imports only the auto-configurations its own imports file lists
        run(NeedsServicePlugins.class, "spring.boot.enableautoconfiguration", "false",
                "plux.namespaces[0].namespace", SERVICES, "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + ">")
            .contains("(none: plux's auto-configuration did not run in this context)")
            .contains("Auto-configuration is turned off in this context (spring.boot.enableautoconfiguration=false),"
                    + " so nothing read plux.namespaces: a Spring Boot test slice (@WebMvcTest, @DataJpaTest,"
                    + " @JsonTest, ...) turns it off")
            .contains("Import plux's auto-configuration with @ImportAutoConfiguration("
                    + PluxAutoConfiguration.class.getName() + ".class): on the test class in a test slice")
            .contains("@MockitoBean PluginManager<" + SERVICE_PLUGIN + ">")
            .doesNotContain("plux.namespaces is empty or not set")
            .doesNotContain("check that PluxAutoConfiguration is not excluded")
            .doesNotContain("Configure the namespace in plux.namespaces");
    }

    @Test
    void aQualifiedInjectionInATestSliceSaysHowToBringPluxIntoTheSliceNotToConfigureTheNamespace(
            CapturedOutput output) {
        // the namespace is configured; only the slice keeps plux out, whatever the injection point's qualifiers
        run(NeedsQualifiedServicePlugins.class, "spring.boot.enableautoconfiguration", "false",
                "plux.namespaces[0].namespace", SERVICES, "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);
        run(NeedsServicePluginsByQualifier.class, "spring.boot.enableautoconfiguration", "false",
                "plux.namespaces[0].namespace", SERVICES, "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);

        assertThat(output.toString().split("Import plux's auto-configuration with @ImportAutoConfiguration\\(", -1))
            .hasSize(3);
        assertThat(output).contains("@MockitoBean PluginManager<" + SERVICE_PLUGIN + ">")
            .doesNotContain("Add namespace '" + SERVICES + "' to plux.namespaces")
            .doesNotContain("names no PluginManager bean");
    }

    @Test
    void theRegistryInATestSliceSaysHowToBringPluxIntoTheSlice(CapturedOutput output) {
        run(NeedsPluginManagers.class, "spring.boot.enableautoconfiguration", "false",
                "plux.namespaces[0].namespace", SERVICES);

        assertThat(output).contains("Field managers in " + NeedsPluginManagers.class.getName()
                + " required a bean of type dev.plux.spring.PluginManagers that could not be found.")
            .contains("Auto-configuration is turned off in this context (spring.boot.enableautoconfiguration=false),"
                    + " so nothing read plux.namespaces: a Spring Boot test slice")
            .contains("Import plux's auto-configuration with @ImportAutoConfiguration("
                    + PluxAutoConfiguration.class.getName() + ".class): on the test class in a test slice")
            .doesNotContain("Consider defining a bean");
    }

    @Test
    void theRegistryWithPluxTurnedOffSaysSoRatherThanToDefineABean(CapturedOutput output) {
        // Boot's generic advice ("Consider defining a bean of type PluginManagers") is wrong: plux defines it
        run(NeedsPluginManagers.class, "plux.enabled", "false", "plux.namespaces[0].namespace", SERVICES);

        assertThat(output).contains("Field managers in " + NeedsPluginManagers.class.getName()
                + " required a bean of type dev.plux.spring.PluginManagers that could not be found.")
            .contains("plux is turned off (plux.enabled=false), so it registers no PluginManager bean and no"
                    + " PluginManagers registry.")
            .contains("Turn plux on (remove plux.enabled=false), or, for a component that must also work with plux"
                    + " turned off, inject ObjectProvider<dev.plux.spring.PluginManagers> and call getIfAvailable().")
            .doesNotContain("Consider defining a bean");
    }

    @Test
    void anApplicationThatTurnsAutoConfigurationOffItselfIsNotToldItIsATestSlice(CapturedOutput output) {
        // the property, set by the application (here its default properties), is all a slice leaves too: the report
        // cannot tell them apart, so it must not claim a slice nor give only a test's advice
        run(NeedsServicePlugins.class, "spring.boot.enableautoconfiguration", "false",
                "plux.namespaces[0].namespace", SERVICES, "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);
        run(NeedsPluginManagers.class, "spring.boot.enableautoconfiguration", "false",
                "plux.namespaces[0].namespace", SERVICES);

        assertThat(output.toString().split("where the application turns auto-configuration off itself, on one of"
                + " its @Configuration classes", -1)).hasSize(3);
        assertThat(output).contains("an application may also turn it off itself")
            .doesNotContain("as a Spring Boot test slice (@WebMvcTest, @DataJpaTest, @JsonTest, ...) turns it off")
            .doesNotContain("In a test slice, add @ImportAutoConfiguration");
    }

    @Test
    void aContextThatDoesNotEnableAutoConfigurationIsNotToldToRemoveAnExclusion(CapturedOutput output) {
        // no @EnableAutoConfiguration, nothing excluded: "remove it from spring.autoconfigure.exclude" would be untrue
        SpringApplication application = new SpringApplication(PlainApplication.class, NeedsServicePlugins.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(application::run).isNotNull();

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + ">")
            .contains("if it is excluded, remove it from spring.autoconfigure.exclude or"
                    + " @SpringBootApplication(exclude = ...); otherwise import it with @ImportAutoConfiguration("
                    + PluxAutoConfiguration.class.getName() + ".class) or enable auto-configuration"
                    + " (@SpringBootApplication, @EnableAutoConfiguration).")
            .doesNotContain("Let PluxAutoConfiguration run in this context: remove it from");
    }

    @Test
    void qualifierOfAnUnconfiguredNamespaceIsNamed(CapturedOutput output) {
        run(NeedsMisspelledNamespace.class, "plux.namespaces[0]", SERVICES);

        assertThat(output).contains("required a bean of type PluginManager<dev.plux.core.Plugin> with"
                + " @PluxNamespace(\"test.spring.servces\") that could not be found.")
            .contains("Add namespace 'test.spring.servces' to plux.namespaces (with plugin-type:"
                    + " dev.plux.core.Plugin), or change @PluxNamespace(\"test.spring.servces\")");
    }

    @Test
    void qualifiedNamespaceOfAnotherPluginTypeSaysWhichPluginTypeToSet(CapturedOutput output) {
        run(NeedsQualifiedServicePlugins.class, "plux.namespaces[0]", SERVICES);

        assertThat(output).contains("Namespace 'test.spring.services' is configured, but its bean is"
                + " PluginManager<dev.plux.core.Plugin>: set plugin-type: " + SERVICE_PLUGIN
                + " on the plux.namespaces item of namespace 'test.spring.services'");
    }

    @Test
    void twoNamespacesOfOnePluginTypeAreListedWithPluxNamespaceAdvice(CapturedOutput output) {
        run(NeedsServicePlugins.class, "plux.namespaces[0].namespace", SERVICES, "plux.namespaces[0].plugin-type",
                SERVICE_PLUGIN, "plux.namespaces[1].namespace", "test.spring.inject",
                "plux.namespaces[1].plugin-type", SERVICE_PLUGIN);

        assertThat(output).contains("Field services in " + NeedsServicePlugins.class.getName()
                + " required a single PluginManager<" + SERVICE_PLUGIN + ">, but 2 plux namespaces have that"
                + " plugin type:")
            .contains("- namespace 'test.spring.services': bean 'testSpringServicesPluginManager', PluginManager<"
                    + SERVICE_PLUGIN + ">")
            .contains("- namespace 'test.spring.inject': bean 'testSpringInjectPluginManager', PluginManager<"
                    + SERVICE_PLUGIN + ">")
            .contains("@PluxNamespace(\"test.spring.services\") PluginManager<" + SERVICE_PLUGIN + ">")
            .contains("give each namespace its own plugin-type")
            .doesNotContain("Consider marking one of the beans as @Primary");
    }

    @Test
    void aPluginManagerWithoutPluginTypeMatchingNamespacesOfDifferentTypesSaysSoAndHowToChoose(
            CapturedOutput output) {
        // a raw PluginManager (or PluginManager<?>) matches the manager of every plugin type: the namespaces do not
        // share a plugin type, and giving each its own would change nothing
        run(NeedsAnyPluginManager.class, "plux.namespaces[0].namespace", SERVICES, "plux.namespaces[0].plugin-type",
                SERVICE_PLUGIN, "plux.namespaces[1].namespace", "test.spring.cli", "plux.namespaces[1].plugin-type",
                CliPlugin.class.getName());

        assertThat(output).contains("Field plugins in " + NeedsAnyPluginManager.class.getName()
                + " required a single PluginManager<?>, but 2 plux namespaces match it: a PluginManager without a"
                + " plugin type (raw, or <?>) matches the manager of every namespace:")
            .contains("- namespace 'test.spring.services': bean 'testSpringServicesPluginManager', PluginManager<"
                    + SERVICE_PLUGIN + ">")
            .contains("- namespace 'test.spring.cli': bean 'testSpringCliPluginManager', PluginManager<"
                    + CliPlugin.class.getName() + ">")
            .contains("inject the plugin type of the namespace it should get, e.g. PluginManager<" + SERVICE_PLUGIN
                    + ">")
            .contains("@PluxNamespace(\"test.spring.services\") PluginManager<?>")
            .doesNotContain("have that plugin type", "give each namespace its own plugin-type");
    }

    @Test
    void aPluginManagerOfAnyPluginTypeMatchingNamespacesOfDifferentTypesSaysSoAndHowToChoose(
            CapturedOutput output) {
        // PluginManager<? extends Plugin> matches the manager of every namespace, as a raw one does: the namespaces
        // have plugin types of their own already, so "give each its own plugin-type" would change nothing
        run(NeedsAnyPluginManagerByWildcard.class, "plux.namespaces[0].namespace", SERVICES,
                "plux.namespaces[0].plugin-type", SERVICE_PLUGIN, "plux.namespaces[1].namespace", "test.spring.cli",
                "plux.namespaces[1].plugin-type", CliPlugin.class.getName());

        assertThat(output).contains("Field plugins in " + NeedsAnyPluginManagerByWildcard.class.getName()
                + " required a single PluginManager<? extends dev.plux.core.Plugin>, but 2 plux namespaces match it:")
            .contains("inject the plugin type of the namespace it should get, e.g. PluginManager<" + SERVICE_PLUGIN
                    + ">")
            .doesNotContain("have that plugin type", "give each namespace its own plugin-type");
    }

    @Test
    void springQualifierNamingTheNamespaceSaysToUsePluxNamespaceOrTheBeanName(CapturedOutput output) {
        run(NeedsServicePluginsByQualifier.class, "plux.namespaces[0].namespace", SERVICES,
                "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + "> with"
                + " @Qualifier(\"test.spring.services\") that could not be found.")
            .contains("- namespace 'test.spring.services': bean 'testSpringServicesPluginManager', PluginManager<"
                    + SERVICE_PLUGIN + ">")
            .contains("@Qualifier(\"test.spring.services\") names no bean: 'test.spring.services' is a namespace,"
                    + " not a bean name; inject @PluxNamespace(\"test.spring.services\") PluginManager<"
                    + SERVICE_PLUGIN + ">, or @Qualifier(\"testSpringServicesPluginManager\") (its bean name).")
            .doesNotContain("Set plugin-type");
    }

    @Test
    void springQualifierNamingNoBeanIsNamed(CapturedOutput output) {
        run(NeedsServicePluginsByUnknownQualifier.class, "plux.namespaces[0].namespace", SERVICES,
                "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);

        assertThat(output).contains("with @Qualifier(\"servicePlugins\") that could not be found.")
            .contains("@Qualifier(\"servicePlugins\") names no PluginManager bean: use one of the bean names listed"
                    + " above, or select by namespace with @PluxNamespace(\"<namespace>\") (or set bean-name:"
                    + " servicePlugins on the namespace's plux.namespaces item).")
            .doesNotContain("Set plugin-type");
    }

    @Test
    void springQualifierNamingABeanOfAnotherPluginTypeSaysWhichPluginTypeToSet(CapturedOutput output) {
        run(NeedsServicePluginsByBeanName.class, "plux.namespaces[0]", SERVICES);

        assertThat(output).contains("with @Qualifier(\"testSpringServicesPluginManager\") that could not be found.")
            .contains("Bean 'testSpringServicesPluginManager' is PluginManager<dev.plux.core.Plugin>: set plugin-type: "
                    + SERVICE_PLUGIN + " on the plux.namespaces item of namespace 'test.spring.services', or inject"
                    + " PluginManager<dev.plux.core.Plugin>.");
    }

    @Test
    void springQualifierBesidePluxNamespaceThatIsNotTheManagersBeanNameIsNamed(CapturedOutput output) {
        // the namespace has the injection point's plugin type: only the @Qualifier keeps the bean out
        run(NeedsServicePluginsByNamespaceAndQualifier.class, "plux.namespaces[0].namespace", SERVICES,
                "plux.namespaces[0].plugin-type", SERVICE_PLUGIN);

        assertThat(output).contains("required a bean of type PluginManager<" + SERVICE_PLUGIN + "> with"
                + " @PluxNamespace(\"test.spring.services\") with @Qualifier(\"test.spring.services\") that could"
                + " not be found.")
            .contains("@Qualifier(\"test.spring.services\") is not the bean name of the manager of namespace"
                    + " 'test.spring.services' ('testSpringServicesPluginManager'), so no bean has both: remove the"
                    + " @Qualifier (@PluxNamespace(\"test.spring.services\") selects the manager), or make it"
                    + " @Qualifier(\"testSpringServicesPluginManager\").")
            .doesNotContain("set plugin-type")
            .doesNotContain("Set plugin-type");
    }

    @Test
    void springQualifierBesidePluxNamespaceOfAnotherPluginTypeNamesBothFixes(CapturedOutput output) {
        // the namespace's bean is PluginManager<Plugin> (no plugin-type): removing the @Qualifier alone would not do
        run(NeedsServicePluginsByNamespaceAndQualifier.class, "plux.namespaces[0].namespace", SERVICES);

        assertThat(output).contains("@Qualifier(\"test.spring.services\") is not the bean name of the manager of"
                + " namespace 'test.spring.services' ('testSpringServicesPluginManager')")
            .contains("its bean is PluginManager<dev.plux.core.Plugin>: set plugin-type: " + SERVICE_PLUGIN)
            .doesNotContain("(@PluxNamespace(\"test.spring.services\") selects the manager)");
    }

    @Test
    void aChildContextListsTheNamespacesItsParentConfigures(CapturedOutput output) {
        SpringApplicationBuilder parent = new SpringApplicationBuilder(Application.class)
            .web(WebApplicationType.NONE)
            .properties("plux.namespaces[0].namespace=" + SERVICES, "plux.namespaces[0].plugin-type=" + SERVICE_PLUGIN);
        try {
            // a child without plux of its own: its injection points get the parent's managers
            assertThatThrownBy(() -> parent.child(PlainApplication.class, NeedsCliPlugins.class)
                .web(WebApplicationType.NONE)
                .run()).isNotNull();
        }
        finally {
            ConfigurableApplicationContext context = parent.context();
            if (context != null) {
                context.close();
            }
        }

        assertThat(output).contains("required a bean of type PluginManager<" + CliPlugin.class.getName()
                + "> that could not be found.")
            .contains("- namespace 'test.spring.services': bean 'testSpringServicesPluginManager', PluginManager<"
                    + SERVICE_PLUGIN + ">")
            .contains("Set plugin-type: " + CliPlugin.class.getName())
            .doesNotContain("(none: plux.namespaces is empty or not set)");
    }

    @Test
    void missingBeansOfOtherTypesAreLeftToSpringBoot(CapturedOutput output) {
        run(NeedsUnregisteredService.class, "plux.namespaces[0]", SERVICES);

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("required a bean of type '" + UnregisteredService.class.getName() + "'")
            .doesNotContain("plux namespaces");
    }

    @Test
    void analyzersReadOnlyBeanDefinitions() {
        // a plain context with no plux at all: nothing configured, nothing created
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            DefaultListableBeanFactory beanFactory = context.getDefaultListableBeanFactory();
            assertThat(ConfiguredNamespaces.of(beanFactory)).isEmpty();
            var analyzer = new PluginManagerNotFoundFailureAnalyzer(beanFactory, new MockEnvironment());
            assertThat(analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
        }
    }

    private static void run(Class<?> component, String... properties) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            defaults.put(properties[i], properties[i + 1]);
        }
        SpringApplication application = new SpringApplication(Application.class, component);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(defaults);
        assertThatThrownBy(application::run).isNotNull();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

    }

    @SpringBootConfiguration
    static class PlainApplication {

    }

    static class NeedsCliPlugins {

        @Autowired
        PluginManager<CliPlugin> cli;
    }

    static class NeedsServicePluginsByQualifier {

        @Autowired
        @Qualifier(SERVICES)
        PluginManager<ServicePlugin> services;
    }

    static class NeedsServicePluginsByNamespaceAndQualifier {

        @Autowired
        @PluxNamespace(SERVICES)
        @Qualifier(SERVICES)
        PluginManager<ServicePlugin> services;
    }

    static class NeedsServicePluginsByBeanName {

        @Autowired
        @Qualifier("testSpringServicesPluginManager")
        PluginManager<ServicePlugin> services;
    }

    static class NeedsServicePluginsByUnknownQualifier {

        @Autowired
        @Qualifier("servicePlugins")
        PluginManager<ServicePlugin> services;
    }

    static class NeedsAnyPluginManager {

        @Autowired
        @SuppressWarnings("rawtypes")
        PluginManager plugins;
    }

    static class NeedsAnyPluginManagerByWildcard {

        @Autowired
        PluginManager<? extends dev.plux.core.Plugin> plugins;
    }

    static class NeedsServicePlugins {

        @Autowired
        PluginManager<ServicePlugin> services;
    }

    static class NeedsPluginManagers {

        @Autowired
        PluginManagers managers;
    }

    static class NeedsQualifiedServicePlugins {

        @Autowired
        @PluxNamespace(SERVICES)
        PluginManager<ServicePlugin> services;
    }

    static class NeedsMisspelledNamespace {

        @Autowired
        @PluxNamespace("test.spring.servces")
        PluginManager<dev.plux.core.Plugin> services;
    }

    static class NeedsUnregisteredService {

        @Autowired
        UnregisteredService service;
    }
}
