package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class PluxPropertiesValidationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class));

    @Test
    void emptyPlainStringNamespaceFailsStartup() {
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.namespaces[1]= ")
            .run(failsOn("plux.namespaces[1]", "must not be empty"));
    }

    @Test
    void objectWithoutNamespaceFailsStartup() {
        // also what a command-line override of one key looks like: it replaces the list of application.yml
        this.contextRunner.withPropertyValues("plux.namespaces[0].bean-name=orphan")
            .run(failsOn("plux.namespaces[0].namespace", "must not be empty (a list item set in a higher-priority"
                    + " source, such as a command-line argument, replaces the whole plux.namespaces list"));
    }

    @Test
    void aBlankNamespaceSetInTheItemIsNotBlamedOnAReplacedList() {
        // the item has its namespace key, blank: the hint about a list replaced by a higher-priority source misleads
        this.contextRunner.withPropertyValues("plux.namespaces[0].namespace=   ")
            .run((context) -> {
                InvalidConfigurationPropertyValueException invalid = findInvalid(context.getStartupFailure());
                assertThat(invalid.getName()).isEqualTo("plux.namespaces[0].namespace");
                assertThat(invalid.getMessage()).contains("must not be blank")
                    .doesNotContain("higher-priority source");
            });
    }

    @Test
    void duplicateNamespaceFailsStartup() {
        // an item of a comma-separated list is named by the list, the property a source holds (and Boot can say
        // where it was set)
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.cli,test.spring.services,test.spring.cli")
            .run(failsOn("plux.namespaces", "item plux.namespaces[2] of the comma-separated list, 'test.spring.cli':"
                    + " is configured twice (also plux.namespaces[0])"));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.cli", "plux.namespaces[1]=test.spring.cli")
            .run(failsOn("plux.namespaces[1]", "configured twice (also plux.namespaces[0].namespace)"));
    }

    @Test
    void duplicateBeanNameFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.cli", "plux.namespaces[0].bean-name=plugins",
                    "plux.namespaces[1].namespace=test.spring.services", "plux.namespaces[1].bean-name=plugins")
            .run(failsOn("plux.namespaces[1].bean-name", "is used twice"));
    }

    @Test
    void namespacesWithTheSameDefaultBeanNameFailStartup() {
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.cli,test-spring_cli")
            .run(failsOn("plux.namespaces", "item plux.namespaces[1] of the comma-separated list, 'test-spring_cli':"
                    + " bean name testSpringCliPluginManager is used twice"));
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.namespaces[1]=test-spring_cli")
            .run(failsOn("plux.namespaces[1]", "set a distinct plux.namespaces[1].bean-name"));
    }

    @Test
    void bootsAnalyzerReportsAnItemOfACommaSeparatedListWithWhereTheListWasSet(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PluxOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=plux-list"))
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value 'test.spring.cli,test-spring_cli' for configuration property"
                + " 'plux.namespaces' (originating from 'class path resource [plux-list.properties] - 1:")
            .contains("item plux.namespaces[1] of the comma-separated list, 'test-spring_cli': bean name");
    }

    @Test
    void defaultBeanNameOfAnExistingBeanFailsStartupOnTheNamespace() {
        // bean-name is not set, so Boot could show no origin for it: the namespace, which the name derives from and
        // whose file and line Boot's analyzer prints, is what the failure names
        this.contextRunner.withUserConfiguration(ExistingBean.class)
            .withPropertyValues("plux.namespaces=test.spring.cli")
            .run(failsOn("plux.namespaces", "item plux.namespaces[0] of the comma-separated list, 'test.spring.cli':"
                    + " the default bean name testSpringCliPluginManager of this namespace is"
                    + " the name of an existing bean; set plux.namespaces[0].bean-name to another name"));
    }

    @Test
    void beanNameSetToThatOfAnExistingBeanFailsStartupOnTheBeanName() {
        this.contextRunner.withUserConfiguration(ExistingBean.class)
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.cli",
                    "plux.namespaces[0].bean-name=testSpringCliPluginManager")
            .run(failsOn("plux.namespaces[0].bean-name", "a bean of that name exists already; choose another bean name"));
    }

    @Test
    void unknownPluginTypeFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.namespaces[1].namespace=test.spring.services",
                    "plux.namespaces[1].plugin-type=com.example.NoSuchPlugin")
            .run(failsOn("plux.namespaces[1].plugin-type", "Class com.example.NoSuchPlugin is not on the class path (java.lang.ClassNotFoundException: com.example.NoSuchPlugin); check the class name and that its jar is a dependency of the application."));
    }

    @Test
    void pluginTypeThatIsNotAPluginFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].plugin-type=java.lang.String")
            .run(failsOn("plux.namespaces[0].plugin-type", "Class java.lang.String does not implement dev.plux.core.Plugin; plugin-type must be the type the namespace's plugins share."));
    }

    @Test
    void pluginTypeThatIsAPluginStarts() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName())
            .run((context) -> assertThat(context).hasNotFailed().hasBean("testSpringServicesPluginManager"));
    }

    @Test
    void malformedIncludeGlobFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].include[0]=s3", "plux.namespaces[0].include[1]=[abc")
            .run(failsOn("plux.namespaces[0].include[1]", "is not a valid glob"));
    }

    @Test
    void malformedExcludeGlobFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].exclude=x,[!x")
            .run(failsOn("plux.namespaces[0].exclude",
                    "item plux.namespaces[0].exclude[1] of the comma-separated list, '[!x': is not a valid glob"));
        // the same list set by items: the item is what a source holds
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].exclude[0]=x", "plux.namespaces[0].exclude[1]=[!x")
            .run(failsOn("plux.namespaces[0].exclude[1]", "is not a valid glob"));
    }

    @Test
    void bootsAnalyzerReportsAGlobOfACommaSeparatedListWithWhereTheListWasSet(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PluxOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=plux-glob-list"))
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value 's3,[abc' for configuration property"
                + " 'plux.namespaces[0].include' (originating from 'class path resource [plux-glob-list.yml] - 4:")
            .contains("item plux.namespaces[0].include[1] of the comma-separated list, '[abc': is not a valid glob");
    }

    @Test
    void malformedGlobalExclusionFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.exclude[0].namespace=test.*", "plux.exclude[0].value=com.example.[Foo")
            .run(failsOn("plux.exclude[0].value", "is not a valid glob"));
    }

    @Test
    void failFastWithoutLoadOnStartupFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services", "plux.namespaces[0].fail-fast=true")
            .run(failsOn("plux.namespaces[0].fail-fast", "has no effect without plux.namespaces[0].load-on-startup"));
    }

    @Test
    void unknownKeyUnderANamespaceFailsStartupNamingTheKeyAndTheKnownKeys() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].plugin-typ=" + ServicePlugin.class.getName())
            .run(failsOn("plux.namespaces[0].plugin-typ", "unknown key 'plugin-typ' under plux.namespaces[0]; the"
                    + " known keys are bean-name, exclude, fail-fast, include, load-on-startup, namespace,"
                    + " plugin-type"));
    }

    @Test
    void unknownKeyUnderTheDottedIndexFormFailsStartup() {
        // Boot binds plux.namespaces.0.namespace as plux.namespaces[0].namespace: a typo there is as unknown
        this.contextRunner
            .withPropertyValues("plux.namespaces.0.namespace=test.spring.services",
                    "plux.namespaces.0.plugin-typ=" + ServicePlugin.class.getName())
            .run(failsOn("plux.namespaces.0.plugin-typ", "unknown key 'plugin-typ' under plux.namespaces.0"));
    }

    @Test
    void aPlainStringItemWithKeysFailsStartupSayingToUseTheObjectForm() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.namespaces[0].load-on-startup=true")
            .run(failsOn("plux.namespaces[0]",
                    "set as a plain string and also has keys (plux.namespaces[0].*), which a plain string cannot have"
                            + " and would be ignored; use the object form: plux.namespaces[0].namespace=test.spring.cli"));
    }

    @Test
    void aCommaSeparatedListWithKeysFailsStartupSayingToUseTheObjectForm() {
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.spring.cli,test.spring.services",
                    "plux.namespaces[0].load-on-startup=true")
            .run(failsOn("plux.namespaces", "the list is set as a comma-separated string and also has keys"
                    + " (plux.namespaces[0].*)"));
    }

    @Test
    void anEmptyIncludeOrExcludeEntryNamesNoPlugin() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services", "plux.namespaces[0].exclude[0]=",
                    "plux.namespaces[0].include[0]=")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                assertThat(manager.excludes(manager.getContainer("s3").entryPoint())).isFalse();
            });
    }

    @Test
    void unknownKeyInTheEnvironmentVariableFormFailsStartup() {
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services", "PLUX_NAMESPACES_0_PLUGINTYP", "x")))
            .run(failsOn("plux.namespaces[0].plugintyp", "unknown key 'plugintyp' under plux.namespaces[0]"));
    }

    @Test
    void keyNestedUnderAKnownValueKeyFailsStartup() {
        // a YAML indentation slip (plugin-type: then name: one level deeper): Boot binds nothing to plugin-type and
        // drops the nested key silently
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].plugin-type.name=" + ServicePlugin.class.getName())
            .run(failsOn("plux.namespaces[0].plugin-type.name",
                    "unknown key 'plugin-type.name' under plux.namespaces[0]; the known keys are"));
    }

    @Test
    void keyNestedUnderAKnownListKeyFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].exclude.names[0]=s3*")
            .run(failsOn("plux.namespaces[0].exclude.names[0]", "unknown key 'exclude.names[0]' under"
                    + " plux.namespaces[0]"));
        // an item of the list with keys of its own is as unknown: the items are strings
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].include[0].name=s3*")
            .run(failsOn("plux.namespaces[0].include[0].name", "unknown key 'include[0].name' under"
                    + " plux.namespaces[0]"));
    }

    @Test
    void aListWrittenAsAMapFailsStartupSayingItsItemsAreNumbered() {
        // YAML 'namespaces:' with the namespace as a key ('trial.cmd:' and its settings below), or the items of
        // plux.exclude without their index: the report named 'namespaces...' unknown although namespaces is known
        this.contextRunner.withPropertyValues("plux.namespaces.test.spring.cli.load-on-startup=true")
            .run(failsOn("plux.namespaces.test.spring.cli.load-on-startup", "unknown key"
                    + " 'namespaces.test.spring.cli.load-on-startup' under plux; plux.namespaces is a list, whose items"
                    + " are numbered: plux.namespaces[0].<key>=... (in YAML, each item starts with '- '), and 'test'"
                    + " is no index; the keys of an item are bean-name, exclude, fail-fast, include, load-on-startup,"
                    + " namespace, plugin-type, startup-timeout"));
        this.contextRunner.withPropertyValues("plux.exclude.name=legacy*")
            .run(failsOn("plux.exclude.name", "plux.exclude is a list, whose items are numbered"));
        this.contextRunner.withPropertyValues("plux.plugin-directories.first=plugins")
            .run(failsOn("plux.plugin-directories.first", "plux.plugin-directories is a list, whose items are"
                    + " numbered: plux.plugin-directories[0]=..."));
    }

    @Test
    void listKeyItemsInEveryIndexFormAreAccepted() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].include[0]=s3*", "plux.namespaces[0].exclude.0=s3-legacy")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void environmentVariableNestedUnderAKnownKeyFailsStartup() {
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services", "PLUX_NAMESPACES_0_LOAD_ON_STARTUP_X",
                        "true")))
            .run(failsOn("plux.namespaces[0].load.on.startup.x", "unknown key 'load.on.startup.x'"));
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services", "PLUX_NAMESPACES_0_PLUGINTYPE_NAME",
                        "x")))
            .run(failsOn("plux.namespaces[0].plugintype.name", "unknown key 'plugintype.name'"));
    }

    @Test
    void camelCaseFormOfAKnownKeyIsAccepted() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].pluginType=" + ServicePlugin.class.getName(),
                    "plux.namespaces[0].beanName=services")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBeanProvider(ResolvableType.forClassWithGenerics(PluginManager.class,
                        ServicePlugin.class)).getObject()).isSameAs(context.getBean("services"));
            });
    }

    @Test
    void environmentVariableFormOfAKnownKeyIsAccepted() {
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services", "PLUX_NAMESPACES_0_PLUGINTYPE",
                        ServicePlugin.class.getName(), "PLUX_NAMESPACES_0_LOADONSTARTUP", "false")))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBeanProvider(ResolvableType.forClassWithGenerics(PluginManager.class,
                        ServicePlugin.class)).getObject()).isSameAs(context.getBean("testSpringServicesPluginManager"));
            });
    }

    @Test
    void environmentVariableFormWithUnderscoresForTheDashesOfAKnownKeyIsAccepted() {
        // Boot binds PLUX_NAMESPACES_0_PLUGIN_TYPE to plux.namespaces[0].plugin-type as it binds ..._PLUGINTYPE
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services", "PLUX_NAMESPACES_0_PLUGIN_TYPE",
                        ServicePlugin.class.getName(), "PLUX_NAMESPACES_0_BEAN_NAME", "services",
                        "PLUX_NAMESPACES_0_LOAD_ON_STARTUP", "false", "PLUX_NAMESPACES_0_FAIL_FAST", "false")))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBeanProvider(ResolvableType.forClassWithGenerics(PluginManager.class,
                        ServicePlugin.class)).getObject()).isSameAs(context.getBean("services"));
            });
    }

    @Test
    void unknownKeyInTheEnvironmentVariableFormWithUnderscoresIsNamedWhole() {
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services", "PLUX_NAMESPACES_0_PLUGIN_TYP", "x")))
            .run(failsOn("plux.namespaces[0].plugin.typ", "unknown key 'plugin.typ' under plux.namespaces[0]"));
        // only the forms Boot binds are known: LOADONSTARTUP and LOAD_ON_STARTUP, not LOAD_ONSTARTUP
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services", "PLUX_NAMESPACES_0_LOAD_ONSTARTUP",
                        "true")))
            .run(failsOn("plux.namespaces[0].load.onstartup", "unknown key 'load.onstartup'"));
    }

    @Test
    void keysWithDotsForDashesAreUnknownOutsideTheEnvironment() {
        // Boot reads load.on.startup as load-on-startup only in environment variables (LOAD_ON_STARTUP)
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].load.on.startup=true")
            .run(failsOn("plux.namespaces[0].load.on.startup", "unknown key 'load' under plux.namespaces[0]"));
    }

    @Test
    void plainStringItemsHaveNoKeysAndAreNotUnknown() {
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.cli",
                "plux.namespaces[1]=test.spring.services")
            .run((context) -> assertThat(context).hasNotFailed().hasBean("testSpringServicesPluginManager"));
    }

    @Test
    void bootsAnalyzerReportsAnUnknownKeyWithWhereItWasSet(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PluxOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=plux-typo"))
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value 'dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin' for"
                + " configuration property 'plux.namespaces[0].plugin-typ' (originating from 'class path resource"
                + " [plux-typo.yml] - 4:19')")
            .contains("unknown key 'plugin-typ' under plux.namespaces[0]");
    }

    @Test
    void unknownKeyUnderPluxFailsStartupNamingTheKnownKeysAndTheClosestOne() {
        String known = "the known keys are autowire, enabled, exclude, namespaces, plugin-directories, startup";
        this.contextRunner.withPropertyValues("plux.exlude[0].name=x")
            .run(failsOn("plux.exlude[0].name", "unknown key 'exlude' under plux; " + known
                    + "; did you mean 'exclude'?"));
        // a mistyped plugin directory would otherwise lose its plugins without a word
        this.contextRunner.withPropertyValues("plux.plugin-directory=plugins")
            .run(failsOn("plux.plugin-directory", "unknown key 'plugin-directory' under plux; " + known
                    + "; did you mean 'plugin-directories'?"));
        this.contextRunner.withPropertyValues("plux.autowired=false")
            .run(failsOn("plux.autowired", "unknown key 'autowired' under plux; " + known
                    + "; did you mean 'autowire'?"));
    }

    @Test
    void unknownKeyUnderPluxStartupFailsStartup() {
        this.contextRunner.withPropertyValues("plux.startup.paralelism=8")
            .run(failsOn("plux.startup.paralelism", "unknown key 'paralelism' under plux.startup; the known keys are"
                    + " parallelism, progress-interval; did you mean 'parallelism'?"));
    }

    @Test
    void unknownKeyUnderAGlobalExclusionFailsStartup() {
        this.contextRunner.withPropertyValues("plux.exclude[0].nme=legacy*")
            .run(failsOn("plux.exclude[0].nme", "unknown key 'nme' under plux.exclude[0]; the known keys are name,"
                    + " namespace, value; did you mean 'name'?"));
        this.contextRunner.withPropertyValues("plux.exclude.0.plugin=legacy*")
            .run(failsOn("plux.exclude.0.plugin", "unknown key 'plugin' under plux.exclude.0"));
    }

    @Test
    void aPlainStringItemOfTheGlobalExclusionsFailsStartupSayingToUseTheObjectForm() {
        // the plain-string form plux.namespaces accepts: Boot's converter error named no key to write instead
        this.contextRunner.withPropertyValues("plux.exclude[0]=legacy*")
            .run(failsOn("plux.exclude[0]", "is a plain string, but an item of plux.exclude is an object of globs"
                    + " (namespace, name, value; AND-ed): to exclude the plugins named legacy* in every namespace,"
                    + " set plux.exclude[0].name=legacy*"));
        this.contextRunner.withPropertyValues("plux.exclude=legacy*")
            .run(failsOn("plux.exclude", "is a plain string, but an item of plux.exclude is an object of globs"
                    + " (namespace, name, value; AND-ed): to exclude the plugins named legacy* in every namespace,"
                    + " set plux.exclude[0].name=legacy*"));
        // an empty value sets no exclusion (an environment variable cleared to override a list)
        this.contextRunner.withPropertyValues("plux.exclude=", "plux.namespaces=test.spring.cli")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void aPlainValueForTheStartupGroupFailsStartupNamingItsKeys() {
        // 'plux.startup: 4', meant as the parallelism: Boot's converter error named no key
        this.contextRunner.withPropertyValues("plux.startup=4", "plux.namespaces=test.spring.cli")
            .run(failsOn("plux.startup", "is a plain value, but plux.startup is a group of keys: parallelism,"
                    + " progress-interval (plux.startup.parallelism=4, say)"));
    }

    @Test
    void bootsAnalyzerReportsAPlainStringExclusionWithWhereItWasSet(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PluxOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=plux-exclude-string"))
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value 'legacy*' for configuration property 'plux.exclude[0]'"
                + " (originating from 'class path resource [plux-exclude-string.yml] - 3:7')")
            .contains("set plux.exclude[0].name=legacy*")
            .doesNotContain("ConverterNotFoundException");
    }

    @Test
    void anUnknownKeyFarFromEveryKnownKeyHasNoSuggestion() {
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.startup.verbose=true")
            .run((context) -> assertThat(findInvalid(context.getStartupFailure()).getMessage())
                .contains("unknown key 'verbose' under plux.startup; the known keys are")
                .doesNotContain("did you mean"));
    }

    @Test
    void anApplicationsOwnKeyRightUnderPluxFarFromEveryKnownKeyIsWarnedNotFatal(CapturedOutput output) {
        // an application may keep settings of its own under plux. (the sample once had plux.sample.warm-up): far
        // from every key plux reads, it is no typo of plux's, and is warned of; close to one, or below one, it fails
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.sample.warm-up=false")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(output).containsOnlyOnce("plux ignores plux.sample.warm-up (")
                    .contains("(key 'sample' under plux): the known keys are autowire, enabled, exclude, namespaces,"
                            + " plugin-directories, startup");
            });
    }

    @Test
    void dotsMeantAsDashesAreSuggestedTheDashedKey() {
        // outside the environment Boot reads plugin.directories as two keys, not as plugin-directories
        this.contextRunner.withPropertyValues("plux.plugin.directories[0]=plugins")
            .run(failsOn("plux.plugin.directories[0]", "unknown key 'plugin' under plux; the known keys are"
                    + " autowire, enabled, exclude, namespaces, plugin-directories, startup; did you mean"
                    + " 'plugin-directories'?"));
    }

    @Test
    void keyNestedUnderAKnownKeyUnderPluxFailsStartup() {
        this.contextRunner.withPropertyValues("plux.startup.parallelism.max=8")
            .run(failsOn("plux.startup.parallelism.max", "unknown key 'parallelism.max' under plux.startup"));
        this.contextRunner.withPropertyValues("plux.plugin-directories[0].path=plugins")
            .run(failsOn("plux.plugin-directories[0].path", "unknown key 'plugin-directories[0].path' under plux"));
        this.contextRunner.withPropertyValues("plux.autowire.enabled=false")
            .run(failsOn("plux.autowire.enabled", "unknown key 'autowire.enabled' under plux"));
        // an exclusion without its index binds to no item
        this.contextRunner.withPropertyValues("plux.exclude.name=legacy*")
            .run(failsOn("plux.exclude.name", "unknown key 'exclude.name' under plux"));
    }

    @Test
    void relaxedFormsOfTheKnownKeysUnderPluxAreAccepted() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.Autowire=false",
                    "plux.pluginDirectories=", "plux.startup.progressInterval=2s", "plux.startup.PARALLELISM=3",
                    "plux.exclude[0].Name=legacy*", "plux.enabled=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
                assertThat(settings.autowire()).isFalse();
                assertThat(settings.startup()).isEqualTo(new StartupSettings(3, Duration.ofSeconds(2)));
                assertThat(settings.exclusions().toString()).contains("legacy*");
            });
    }

    @Test
    void environmentVariablesOfTheKnownKeysUnderPluxAreAccepted() {
        // both forms Boot binds from the environment: dashes removed, and underscores for the dashes
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_NAMESPACES_0", "test.spring.cli", "PLUX_ENABLED", "true", "PLUX_STARTUP_PARALLELISM", "3",
                        "PLUX_STARTUP_PROGRESS_INTERVAL", "2s", "PLUX_PLUGIN_DIRECTORIES", "",
                        "PLUX_PLUGINDIRECTORIES", "", "PLUX_EXCLUDE_0_NAME", "legacy*")))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
                assertThat(settings.startup()).isEqualTo(new StartupSettings(3, Duration.ofSeconds(2)));
            });
    }

    @Test
    void unknownKeyUnderPluxInAnEnvironmentVariableFailsStartup() {
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_STARTUP_PARALELISM", "8")))
            .run(failsOn("plux.startup.paralelism", "unknown key 'paralelism' under plux.startup; the known keys are"
                    + " parallelism, progress-interval; did you mean 'parallelism'?"));
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_PLUGIN_DIRECTORY_0", "plugins")))
            .run(failsOn("plux.plugin.directory[0]", "unknown key 'plugin.directory' under plux; the known keys are"
                    + " autowire, enabled, exclude, namespaces, plugin-directories, startup; did you mean"
                    + " 'plugin-directories'?"));
        // only the forms Boot binds are known: PROGRESSINTERVAL and PROGRESS_INTERVAL, not PROGRESS_INTER_VAL
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_STARTUP_PROGRESS_INTER_VAL", "2s")))
            .run(failsOn("plux.startup.progress.inter.val", "unknown key 'progress.inter.val' under plux.startup"));
    }

    @Test
    void anEnvironmentVariableOfAnotherProgramUnderPluxIsWarnedNotFatal(CapturedOutput output) {
        // the process environment holds every program's variables: PLUX_HOME may be another tool's, and nothing
        // plux reads is close to it; failing startup for it would break an application it never concerned
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_HOME", "/opt/plux", "PLUX_NAMESPACES_0", "test.spring.cli")))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(output).containsOnlyOnce("plux ignores the environment variable PLUX_HOME (key 'home' under"
                        + " plux): the known keys are autowire, enabled, exclude, namespaces, plugin-directories,"
                        + " startup");
            });
        // below a known key, or close to one, it is plux's and a typo
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                Map.of("PLUX_AUTOWIRED", "false")))
            .run(failsOn("plux.autowired", "did you mean 'autowire'?"));
    }

    @Test
    void kubernetesServiceLinkVariablesUnderPluxAreNeitherFatalNorWarned(CapturedOutput output) {
        // Kubernetes gives every pod the variables of every Service of its namespace (enableServiceLinks): a Service
        // named plux-startup, plux-namespaces, plux-exclude or plux is no typo of a plux key
        Map<String, Object> variables = new HashMap<>();
        serviceLinks(variables, "PLUX_STARTUP");
        serviceLinks(variables, "PLUX_NAMESPACES");
        serviceLinks(variables, "PLUX_EXCLUDE");
        serviceLinks(variables, "PLUX");
        variables.put("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.cli");
        variables.put("PLUX_NAMESPACES_0_LOAD_ON_STARTUP", "true");
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context, variables))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
                assertThat(settings.namespaces()).containsExactly("test.spring.cli");
                assertThat(settings.loadsOnStartup("test.spring.cli")).isTrue();
                assertThat(output).doesNotContain("plux ignores");
            });
        // a list of application.yml is not replaced by a Service named plux-namespaces
        this.contextRunner.withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName())
            .withInitializer((context) -> addEnvironmentVariables(context,
                    serviceLinks(new HashMap<>(), "PLUX_NAMESPACES")))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
                assertThat(settings.namespaces()).containsExactly("test.spring.services");
            });
    }

    @Test
    void kubernetesServiceLinkVariablesAreIgnoredInAnApplicationsOwnEnvironment(CapturedOutput output) {
        // Boot's own process-environment source (whose origins are SystemEnvironmentOrigin), with and without a prefix
        Map<String, Object> variables = serviceLinks(serviceLinks(new HashMap<>(), "PLUX_STARTUP"), "MYAPP_PLUX");
        variables.put("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.cli");
        variables.put("MYAPP_PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services");
        try (ConfigurableApplicationContext context = application(variables, null).run()) {
            PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
            assertThat(settings.namespaces()).containsExactly("test.spring.cli");
        }
        try (ConfigurableApplicationContext context = prefixedApplication(variables).run()) {
            PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
            assertThat(settings.namespaces()).containsExactly("test.spring.services");
        }
        assertThat(output).doesNotContain("plux ignores");
    }

    @Test
    void onlyTheExactKubernetesServiceLinkPatternIsIgnored() {
        // a typo next to a Service's variables still fails
        this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                serviceLinks(new HashMap<>(Map.of("PLUX_STARTUP_PARALELISM", "8")), "PLUX_STARTUP")))
            .run(failsOn("plux.startup.paralelism", "did you mean 'parallelism'?"));
        // near misses of the pattern are no Service's variables
        for (String variable : List.of("PLUX_STARTUP_SERVICE_HOSTS", "PLUX_STARTUP_SERVICE_ADDR",
                "PLUX_STARTUP_PORT_80_TCP_ADR", "PLUX_STARTUP_PORT_80_HTTP", "PLUX_STARTUP_PORT_0_TCP",
                "PLUX_STARTUP_PORT_65536_TCP", "PLUX_STARTUP_PORT_080_TCP", "PLUX_STARTUP_PORT_TCP",
                "PLUX_STARTUP_PORT_80_ICMP", "PLUX_STARTUP_SERVICE_PORT_" + "A".repeat(64),
                "PLUX_STARTUP_" + "A".repeat(51) + "_SERVICE_HOST", "plux_startup_service_host")) {
            this.contextRunner.withInitializer((context) -> addEnvironmentVariables(context,
                    Map.of(variable, "10.0.0.11")))
                .run((context) -> {
                    assertThat(context).as(variable).hasFailed();
                    assertThat(findInvalid(context.getStartupFailure()).getMessage()).as(variable)
                        .contains("unknown key");
                });
        }
        // only the process environment holds a Service's variables
        this.contextRunner.withPropertyValues("plux.startup.service.host=10.0.0.11")
            .run(failsOn("plux.startup.service.host", "unknown key 'service' under plux.startup"));
        this.contextRunner.withPropertyValues("plux.startup.port[80].tcp.addr=10.0.0.11")
            .run(failsOn("plux.startup.port[80].tcp.addr", "unknown key"));
    }

    /**
     * The variables Kubernetes gives a pod for a Service whose name is {@code service} upper-cased, its dashes
     * underscores, with a port 80 named {@code http-metrics} and a port 53 named {@code 53} over UDP (a Service's
     * port name is a DNS label, digits alone allowed).
     */
    private static Map<String, Object> serviceLinks(Map<String, Object> variables, String service) {
        variables.put(service + "_SERVICE_HOST", "10.0.0.11");
        variables.put(service + "_SERVICE_PORT", "80");
        variables.put(service + "_SERVICE_PORT_HTTP_METRICS", "80");
        variables.put(service + "_SERVICE_PORT_53", "53");
        variables.put(service + "_PORT", "tcp://10.0.0.11:80");
        variables.put(service + "_PORT_80_TCP", "tcp://10.0.0.11:80");
        variables.put(service + "_PORT_80_TCP_PROTO", "tcp");
        variables.put(service + "_PORT_80_TCP_PORT", "80");
        variables.put(service + "_PORT_80_TCP_ADDR", "10.0.0.11");
        variables.put(service + "_PORT_53_UDP", "udp://10.0.0.11:53");
        variables.put(service + "_PORT_53_UDP_PROTO", "udp");
        variables.put(service + "_PORT_53_UDP_PORT", "53");
        variables.put(service + "_PORT_53_UDP_ADDR", "10.0.0.11");
        return variables;
    }

    @Test
    void bootsAnalyzerReportsAnUnknownKeyUnderPluxWithWhereItWasSet(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PluxOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=plux-startup-typo"))
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value '8' for configuration property 'plux.startup.paralelism'"
                + " (originating from 'class path resource [plux-startup-typo.yml] - 3:17')")
            .contains("unknown key 'paralelism' under plux.startup; the known keys are parallelism,"
                    + " progress-interval; did you mean 'parallelism'?");
    }

    @Test
    void bootsAnalyzerReportsAnUnknownKeyUnderPluxWithItsEnvironmentVariable(CapturedOutput output) {
        assertThatThrownBy(() -> application(Map.of("PLUX_PLUGIN_DIRECTORY_0", "plugins"), null).run())
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value 'plugins' for configuration property 'plux.plugin.directory[0]'"
                + " (originating from 'System Environment Property \"PLUX_PLUGIN_DIRECTORY_0\"')")
            .contains("did you mean 'plugin-directories'?");
    }

    @Test
    void bootsAnalyzerReportsWhereADuplicatePlainStringItemWasSet(CapturedOutput output) {
        SpringApplication application = new SpringApplication(PluxOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=plux-dup"))
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value 'test.spring.cli' for configuration property 'plux.namespaces[1]'"
                + " (originating from 'class path resource [plux-dup.yml] - 4:")
            .contains("is configured twice (also plux.namespaces[0])");
    }

    @Test
    void anItemReplacingTheListWithoutANamespaceIsReportedWhereItWasSet(CapturedOutput output) {
        // the command line's item replaces the list of plux-replaced.yml, whose namespace Boot's analyzer would show
        SpringApplication application = new SpringApplication(PluxOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.name=plux-replaced",
                "--plux.namespaces[0].load-on-startup=true"))
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value 'true' for configuration property"
                + " 'plux.namespaces[0].load-on-startup' (originating from '\"plux.namespaces[0].load-on-startup\""
                + " from property source \"commandLineArgs\"')")
            .contains("plux.namespaces[0] has no namespace")
            .contains("plux.namespaces[0].namespace=test.spring.services")
            .doesNotContain("Invalid value 'test.spring.services'");
    }

    @Test
    void anEnvironmentVariableReplacingTheListWithoutANamespaceIsReportedWithTheVariable() {
        this.contextRunner.withPropertyValues("plux.namespaces[0].namespace=test.spring.services")
            .withInitializer((context) -> addEnvironmentVariables(context,
                    Map.of("PLUX_NAMESPACES_0_LOADONSTARTUP", "true")))
            .run(failsOn("plux.namespaces[0].loadonstartup", "plux.namespaces[0] has no namespace"));
    }

    @Test
    void anItemReplacingAListOfPlainStringsWithoutANamespaceNamesTheReplacedNamespace() {
        // the README's list starts with a plain string (- my.plugins.cli): plux.namespaces[0], not [0].namespace
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.cli")
            .withInitializer((context) -> addEnvironmentVariables(context,
                    Map.of("PLUX_NAMESPACES_0_LOADONSTARTUP", "true")))
            .run((context) -> {
                InvalidConfigurationPropertyValueException invalid = findInvalid(context.getStartupFailure());
                assertThat(invalid.getName()).isEqualTo("plux.namespaces[0].loadonstartup");
                assertThat(invalid.getMessage()).contains("plux.namespaces[0] has no namespace")
                    .contains("plux.namespaces[0]=test.spring.cli");
            });
    }

    @Test
    void anItemReplacingACommaSeparatedListWithoutANamespaceNamesTheReplacedList() {
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.cli,test.spring.services")
            .withInitializer((context) -> addEnvironmentVariables(context,
                    Map.of("PLUX_NAMESPACES_0_LOADONSTARTUP", "true")))
            .run((context) -> assertThat(findInvalid(context.getStartupFailure()).getMessage())
                .contains("plux.namespaces[0] has no namespace")
                .contains("plux.namespaces=test.spring.cli,test.spring.services"));
    }

    @Test
    void withAnEnvironmentPrefixVariablesWithoutItAreNotReadAsKeys() {
        // Boot binds only MYAPP_PLUX_* then; its source still lists the others, under their own names (not an
        // item beyond the prefixed list: with that Boot's own binding fails)
        Map<String, Object> variables = Map.of("MYAPP_PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services",
                "MYAPP_PLUX_NAMESPACES_0_PLUGIN_TYPE", ServicePlugin.class.getName(), "PLUX_NAMESPACES_0_PLUGINTYP",
                "x", "PLUX_NAMESPACES_0", "test.spring.cli", "PLUX_NAMESPACES_0_LOADONSTARTUP", "true");
        try (ConfigurableApplicationContext context = prefixedApplication(variables).run()) {
            PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
            assertThat(settings.namespaces()).containsExactly("test.spring.services");
            assertThat(settings.loadsOnStartup("test.spring.services")).isFalse();
            assertThat(context.getBeanProvider(ResolvableType.forClassWithGenerics(PluginManager.class,
                    ServicePlugin.class)).getObject()).isSameAs(context.getBean("testSpringServicesPluginManager"));
        }
    }

    @Test
    void withAnEnvironmentPrefixAnUnknownKeyIsReportedWithItsVariable(CapturedOutput output) {
        Map<String, Object> variables = Map.of("MYAPP_PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services",
                "MYAPP_PLUX_NAMESPACES_0_PLUGINTYP", "x");
        assertThatThrownBy(() -> prefixedApplication(variables).run())
            .isInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("Invalid value 'x' for configuration property 'plux.namespaces[0].plugintyp'"
                + " (originating from 'System Environment Property \"MYAPP_PLUX_NAMESPACES_0_PLUGINTYP\"')")
            .contains("unknown key 'plugintyp' under plux.namespaces[0]");
    }

    /** An application with the environment prefix {@code myapp} whose process environment is {@code variables}. */
    private static SpringApplication prefixedApplication(Map<String, Object> variables) {
        return application(variables, "myapp");
    }

    /** An application whose process environment is {@code variables}, read with {@code prefix} if not null. */
    private static SpringApplication application(Map<String, Object> variables, @Nullable String prefix) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        SpringApplication application = new SpringApplication(PluxOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(environment);
        if (prefix != null) {
            application.setEnvironmentPrefix(prefix);
        }
        return application;
    }

    private static void addEnvironmentVariables(ConfigurableApplicationContext context, Map<String, Object> variables) {
        context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }

    private static ContextConsumer<AssertableApplicationContext> failsOn(
            String property, String reason) {
        return (context) -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            InvalidConfigurationPropertyValueException invalid = findInvalid(failure);
            assertThat(invalid.getName()).isEqualTo(property);
            assertThat(invalid.getMessage()).contains(property).contains(reason);
        };
    }

    static InvalidConfigurationPropertyValueException findInvalid(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidConfigurationPropertyValueException in " + NestedExceptionUtils.getMostSpecificCause(failure),
                failure);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PluxAutoConfiguration.class)
    static class PluxOnly {
    }

    @Configuration(proxyBeanMethods = false)
    static class ExistingBean {

        @Bean
        String testSpringCliPluginManager() {
            return "taken";
        }
    }
}
