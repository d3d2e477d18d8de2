package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.PluxNamespace;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.HelloCliPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.S3ServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.Compiled;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.jndi.JndiPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The registrar's bean definitions written out by Spring AOT, compiled and started: the AOT context has the
 * same {@code PluginManager} beans (names, generic types, qualifiers, roles) as a context that ran the
 * registrar, and its plugins load.
 */
@CompileWithForkedClassLoader
@ExtendWith(OutputCaptureExtension.class)
@Timeout(180)
class PluginManagerRegistrarAotTests {

    @Test
    void plainStringNamespaces() {
        String[] properties = { "plux.namespaces=test.spring.cli,test.spring.aot" };
        compileAndStart(properties, (context) -> {
            assertThat(context.getBeansOfType(PluginManager.class)).containsOnlyKeys("testSpringCliPluginManager",
                    "testSpringAotPluginManager");
            assertThat(context.getBean("testSpringCliPluginManager", PluginManager.class).load("hello"))
                .isInstanceOf(HelloCliPlugin.class);
            PluginManager<?> aot = context.getBean(PluginManagers.class).get("test.spring.aot");
            // a class, a static field, a static method and a function with shouldLoad
            assertThat(aot.loadAll()).hasSize(4);
            Object plainCli = context.getBeanProvider(ResolvableType.forClassWithGenerics(PluginManager.class,
                    Plugin.class)).stream().filter((manager) -> "test.spring.cli"
                        .equals(((PluginManager<?>) manager).namespace())).findFirst().orElseThrow();
            assertThat(plainCli).isSameAs(context.getBean("testSpringCliPluginManager"));
        });
    }

    @Test
    void pluginsCreatedThroughAnAotContextGetTheirAnnotatedMembersAndLifecycleMethods() {
        String[] properties = { "plux.namespaces=test.spring.destroy.a,test.spring.destroy.b,test.spring.fields" };
        AtomicReference<@Nullable DestroyLog> log = new AtomicReference<>();
        compileAndStart(properties, DestroyLog.class, (context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManagers managers = context.getBean(PluginManagers.class);
            managers.get("test.spring.destroy.a").load("pre-destroy");
            managers.get("test.spring.destroy.b").load("disposable");
            managers.get("test.spring.fields").load("fields");
            managers.get("test.spring.destroy.a").load("closeable");
            assertThat(context.getBean(DestroyLog.class).events()).containsExactly("post-construct with DestroyLog");
        });
        // AOT wrote out the annotation processing of the beans it knew; plugins are created at run time
        assertThat(log.get()).isNotNull();
        assertThat(log.get().events()).containsExactly("post-construct with DestroyLog", "closeable",
                "field-injected pre-destroy", "disposable", "pre-destroy", "log destroyed");
    }

    @Test
    void anAotContextRegistersTheLifecycleOfItsCreatedPluginsBeforeItCreatesItsBeans() {
        String[] properties = { "plux.namespaces=test.spring.destroy.a,test.spring.destroy.b" };
        compileAndStart(properties, DestroyLog.class, (context) -> {
            // registered while the bean factory is set up, as the registrar does in a context that is not AOT: a
            // singleton registered once beans are being created clears every by-type look-up the context cached
            List<String> singletons = List.of(context.getBeanFactory().getSingletonNames());
            assertThat(singletons).contains(CreatedPluginsLifecycle.BEAN_NAME);
            assertThat(singletons.indexOf(CreatedPluginsLifecycle.BEAN_NAME))
                .isLessThan(singletons.indexOf(context.getBeanNamesForType(DestroyLog.class)[0]));
        });
    }

    @Test
    void anAotContextStoppedBeforeItsFirstManagerIsUsedRefusesItsCreationsUntilItStartsAgain() {
        String[] properties = { "plux.namespaces=test.spring.destroy.a,test.spring.destroy.b" };
        AtomicReference<@Nullable DestroyLog> log = new AtomicReference<>();
        compileAndStart(properties, DestroyLog.class, (context) -> {
            log.set(context.getBean(DestroyLog.class));
            // no manager used yet: the registrar did not run in this context, the generated initializer did
            CreatedPluginsTests.refusesCreationsWhileStopped(context, false);
        });
        assertThat(log.get()).isNotNull();
        assertThat(log.get().events()).containsExactly("disposable", "log destroyed");
    }

    @Test
    void theLazyResolutionProxiesOfAPluginAreGeneratedWhenTheApplicationIsProcessed() {
        // a native image cannot generate a class at run time: the class proxy Spring injects for a @Lazy field of
        // a plugin must be among the classes processing writes, as Spring writes those of the beans it knows
        String[] properties = { "plux.namespaces=test.spring.lazy" };
        GenericApplicationContext source = context(properties, DestroyLog.class);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        assertThat(generationContext.getGeneratedFiles().getGeneratedFiles(GeneratedFiles.Kind.CLASS).keySet())
            .anyMatch((path) -> path.startsWith(DestroyLog.class.getName().replace('.', '/') + "$$SpringCGLIB$$"));
        assertThat(RuntimeHintsPredicates.proxies()
            .forInterfaces(AopProxyUtils.completeJdkProxyInterfaces(Environment.class)))
            .accepts(generationContext.getRuntimeHints());
        generationContext.writeGeneratedContent();
        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            try (GenericApplicationContext fresh = new GenericApplicationContext()) {
                TestPropertyValues.of(properties).applyTo(fresh);
                initializer(compiled, className).initialize(fresh);
                fresh.refresh();
                fresh.getBean(PluginManagers.class).get("test.spring.lazy").load("lazy");
                assertThat(fresh.getBean(DestroyLog.class).events()).containsExactly("lazy plugin loaded in 0 profiles");
            }
        });
    }

    @Test
    void objectItemWithPluginTypeAndBeanName() {
        String[] properties = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].bean-name=servicePlugins",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName(),
                "plux.namespaces[1]=test.spring.cli" };
        compileAndStart(properties, ManagerUser.class, (context) -> {
            ManagerUser consumer = context.getBean(ManagerUser.class);
            assertThat(consumer.services).isSameAs(context.getBean("servicePlugins"));
            assertThat(consumer.cli).isSameAs(context.getBean("testSpringCliPluginManager"));
            assertThat(consumer.services.load("s3")).isInstanceOf(S3ServicePlugin.class);
        });
    }

    @Test
    void includeAndExcludeGlobsAndGlobalExclusions() {
        String[] properties = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName(),
                "plux.namespaces[0].include=s3,sq*,legacy*", "plux.namespaces[0].exclude=*legacy*",
                "plux.exclude[0].name=sqs" };
        compileAndStart(properties, (context) -> {
            PluginManager<?> services = context.getBean("testSpringServicesPluginManager", PluginManager.class);
            assertThat(services.load("s3")).isInstanceOf(S3ServicePlugin.class);
            assertThatThrownBy(() -> services.load("sqs")).isInstanceOf(PluginDisabled.class);
            assertThatThrownBy(() -> services.load("legacy-queue")).isInstanceOf(PluginDisabled.class);
        });
    }

    @Test
    void theRuntimeHintsOfTheProcessorAreContributed() {
        String[] properties = { "plux.namespaces=test.spring.aot" };
        TestGenerationContext generationContext = new TestGenerationContext();
        GenericApplicationContext source = context(properties, null);
        new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        assertThat(RuntimeHintsPredicates.resource().forResource(PluginRuntimeHints.INDEX_RESOURCE))
            .accepts(generationContext.getRuntimeHints());
        assertThat(RuntimeHintsPredicates.reflection().onType(HelloCliPlugin.class))
            .accepts(generationContext.getRuntimeHints());
    }

    @Test
    void theSettingsBeanIsSuppliedWithoutAutowiringTheBeanFactoryByType() throws IOException {
        String[] properties = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName(), "plux.namespaces[1]=test.spring.cli" };
        TestGenerationContext generationContext = new TestGenerationContext();
        new ApplicationContextAotGenerator().processAheadOfTime(context(properties, null), generationContext);
        generationContext.writeGeneratedContent();
        String code = generationContext.getGeneratedFiles()
            .getGeneratedFileContent(GeneratedFiles.Kind.SOURCE,
                    "dev/plux/spring/boot/autoconfigure/PluxSettings__BeanDefinitions.java");
        assertThat(code).contains("PluxSettings.fromRegisteredBean(registeredBean, new String[] { \"test.spring.services\","
                + " \"test.spring.cli\" }, new String[] { \"" + ServicePlugin.class.getName() + "\", \""
                + Plugin.class.getName() + "\" })");
    }

    @Test
    void aNamespaceAddedAfterProcessingFailsStartupSayingNamespacesAreFixedAtBuildTime() {
        startWithOtherProperties(new String[] { "plux.namespaces=test.spring.cli" },
                new String[] { "plux.namespaces=test.spring.cli,test.spring.aot" },
                "plux namespace test.spring.aot (plux.namespaces[1]) has no PluginManager bean"
                        + " testSpringAotPluginManager (its bean-name): the application was AOT-processed with other plux.namespaces;"
                        + " under AOT the namespaces are fixed at build time");
    }

    @Test
    void beanNamesSwappedAfterProcessingFailStartup() {
        startWithOtherProperties(new String[] { "plux.namespaces[0].namespace=test.spring.cli",
                "plux.namespaces[0].bean-name=first", "plux.namespaces[1].namespace=test.spring.aot",
                "plux.namespaces[1].bean-name=second" },
                new String[] { "plux.namespaces[0].namespace=test.spring.cli", "plux.namespaces[0].bean-name=second",
                        "plux.namespaces[1].namespace=test.spring.aot", "plux.namespaces[1].bean-name=first" },
                "plux namespace test.spring.cli (plux.namespaces[0]) has no PluginManager bean second (its"
                        + " bean-name): the application was AOT-processed with other plux.namespaces");
    }

    @Test
    void aNamespaceRemovedAfterProcessingFailsStartupSayingNamespacesAreFixedAtBuildTime() {
        startWithOtherProperties(new String[] { "plux.namespaces=test.spring.cli,test.spring.aot" },
                new String[] { "plux.namespaces=test.spring.aot" },
                "plux namespace test.spring.cli has a PluginManager bean but is not in plux.namespaces"
                        + " [test.spring.aot]");
    }

    @Test
    void anotherPluginTypeAfterProcessingFailsStartup() {
        startWithOtherProperties(new String[] { "plux.namespaces=test.spring.services" },
                new String[] { "plux.namespaces[0].namespace=test.spring.services",
                        "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() },
                "but its PluginManager bean was defined for dev.plux.core.Plugin when the application was"
                        + " AOT-processed");
    }

    // Each difference below is a configuration property error naming the property that differs: an
    // IllegalStateException reached Boot as "Application run failed" and a stack trace, while a configuration
    // property error gets Boot's failure report, which prints the value and where it was set.

    @Test
    void aNamespaceAddedAfterProcessingFailsNamingItsPropertyForBootsAnalyzer() {
        assertInvalid(new String[] { "plux.namespaces=test.spring.cli" },
                new String[] { "plux.namespaces[0].namespace=test.spring.cli",
                        "plux.namespaces[1].namespace=test.spring.aot" },
                "plux.namespaces[1].namespace", "test.spring.aot",
                "plux namespace test.spring.aot (plux.namespaces[1]) has no PluginManager bean");
    }

    @Test
    void aNamespaceAddedToACommaSeparatedListAfterProcessingFailsNamingTheList() {
        // no source holds plux.namespaces[1]: the list is the property that has an origin
        assertInvalid(new String[] { "plux.namespaces=test.spring.cli" },
                new String[] { "plux.namespaces=test.spring.cli,test.spring.aot" }, "plux.namespaces",
                "test.spring.cli,test.spring.aot", "item plux.namespaces[1] of the comma-separated list");
    }

    @Test
    void anotherBeanNameAfterProcessingFailsNamingItsPropertyForBootsAnalyzer() {
        assertInvalid(new String[] { "plux.namespaces[0].namespace=test.spring.cli",
                "plux.namespaces[0].bean-name=first" },
                new String[] { "plux.namespaces[0].namespace=test.spring.cli", "plux.namespaces[0].bean-name=second" },
                "plux.namespaces[0].bean-name", "second", "has no PluginManager bean second (its bean-name)");
    }

    @Test
    void aNamespaceRemovedAfterProcessingFailsNamingTheListForBootsAnalyzer() {
        assertInvalid(new String[] { "plux.namespaces=test.spring.cli,test.spring.aot" },
                new String[] { "plux.namespaces=test.spring.aot" }, "plux.namespaces", "test.spring.aot",
                "plux namespace test.spring.cli has a PluginManager bean but is not in plux.namespaces");
    }

    @Test
    void anotherPluginTypeAfterProcessingFailsNamingItsPropertyForBootsAnalyzer() {
        assertInvalid(new String[] { "plux.namespaces=test.spring.services" },
                new String[] { "plux.namespaces[0].namespace=test.spring.services",
                        "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() },
                "plux.namespaces[0].plugin-type", ServicePlugin.class.getName(),
                "but its PluginManager bean was defined for dev.plux.core.Plugin");
    }

    @Test
    void anotherPluginTypeAfterProcessingFailsNamingItsPropertyBehindASourceThatCannotListItsNames() {
        // JNDI's, which Spring puts ahead of application.yml in a web application: it answers no plux key, so the
        // list is the next source's, whose plugin-type item is the one to name
        Throwable failure = refreshFailure(new String[] { "plux.namespaces=test.spring.services" },
                new String[] { "plux.namespaces[0].namespace=test.spring.services",
                        "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() },
                Map.of(), new JndiPropertySource("jndiProperties"));
        assertThat(PluxPropertiesValidationTests.findInvalid(failure)).satisfies((invalid) -> {
            assertThat(invalid.getName()).isEqualTo("plux.namespaces[0].plugin-type");
            assertThat(invalid.getValue()).hasToString(ServicePlugin.class.getName());
        });
    }

    @Test
    void aPluginTypeUnsetAfterProcessingFailsNamingTheNamespacesProperty() {
        // the default plugin type has no origin to print; the namespace's item has
        assertInvalid(new String[] { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() },
                new String[] { "plux.namespaces[0].namespace=test.spring.services" }, "plux.namespaces[0].namespace",
                "test.spring.services", "has plugin type dev.plux.core.Plugin (plux.namespaces[0].plugin-type is not"
                        + " set)");
    }

    @Test
    void aListReplacedByAHigherSourceIsReportedFromThatSourceNotFromTheOneItReplaced() {
        // Boot binds plux.namespaces from the highest source that sets it: the plugin type of the replaced list
        // (lower) is not the running one, so it must not be shown as the invalid value
        Throwable failure = refreshFailure(new String[] { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() },
                new String[] { "plux.namespaces=test.spring.services" },
                Map.of("plux.namespaces[0].namespace", "test.spring.services", "plux.namespaces[0].plugin-type",
                        ServicePlugin.class.getName()));
        assertThat(PluxPropertiesValidationTests.findInvalid(failure)).satisfies((invalid) -> {
            assertThat(invalid.getName()).isEqualTo("plux.namespaces");
            assertThat(invalid.getValue()).hasToString("test.spring.services");
            assertThat(invalid.getReason()).contains("(plux.namespaces[0].plugin-type is not set)");
        });
    }

    @Test
    void loadOnStartupSetOnlyAfterProcessingFailsNamingItsPropertyForBootsAnalyzer() {
        assertInvalid(new String[] { "plux.namespaces=test.spring.cli" },
                new String[] { "plux.namespaces[0].namespace=test.spring.cli",
                        "plux.namespaces[0].load-on-startup=true" },
                "plux.namespaces[0].load-on-startup", "true",
                "but the application was AOT-processed with no namespace loading on startup");
    }

    @Test
    void pluxDisabledOnlyAfterProcessingFailsStartupSayingToProcessAgain() {
        // the auto-configuration's condition was evaluated when the application was processed: its managers are
        // defined whatever plux.enabled says now, so plux would run although turned off
        startWithOtherProperties(new String[] { "plux.namespaces=test.spring.cli" },
                new String[] { "plux.enabled=false", "plux.namespaces=test.spring.cli" },
                "plux.enabled is false, which turns plux off, but the application was AOT-processed with plux enabled;"
                        + " under AOT the auto-configuration's conditions are evaluated at build time,"
                        + " so process the application again (spring-boot:process-aot) with plux.enabled=false");
    }

    @Test
    void pluxEnabledThatTheConditionWouldNotMatchAfterProcessingFailsNamingThePropertyForBootsAnalyzer() {
        // the condition matches plux.enabled=true (any case) or no value: 'no' (or a typo) turns plux off on the JVM,
        // so under AOT it fails too; as a configuration property error, Boot's analyzer prints where it was set
        Throwable failure = refreshFailure(new String[] { "plux.namespaces=test.spring.cli" },
                new String[] { "plux.enabled=no", "plux.namespaces=test.spring.cli" });
        assertThat(PluxPropertiesValidationTests.findInvalid(failure)).satisfies((invalid) -> {
            assertThat(invalid.getName()).isEqualTo("plux.enabled");
            assertThat(invalid.getValue()).isEqualTo("no");
            assertThat(invalid.getMessage())
                .contains("plux.enabled is no, which turns plux off, but the application was AOT-processed with plux"
                        + " enabled; under AOT the auto-configuration's conditions are evaluated at build time");
        });
    }

    @Test
    void pluxEnabledInAnyCaseStartsAsProcessed() {
        compileAndStart(new String[] { "plux.enabled=TRUE", "plux.namespaces=test.spring.cli" },
                (context) -> assertThat(context.containsBeanDefinition("testSpringCliPluginManager")).isTrue());
    }

    @Test
    void loadOnStartupUnderAotLoadsThePluginsWhileTheContextStarts() {
        String[] properties = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].load-on-startup=true", "plux.namespaces[1]=test.spring.cli" };
        compileAndStart(properties, (context) -> {
            assertThat(context.containsBeanDefinition(PluginManagerDefinitions.STARTUP_LOADER_BEAN_NAME)).isTrue();
            PluginManager<?> services = context.getBean("testSpringServicesPluginManager", PluginManager.class);
            assertThat(services.getContainer("s3").state()).isEqualTo(PluginState.LOADED);
            // the other namespace's manager was never needed
            assertThat(context.getBeanFactory().containsSingleton("testSpringCliPluginManager")).isFalse();
        });
    }

    @Test
    void loadOnStartupSetOnlyAfterProcessingFailsStartupSayingToProcessAgain() {
        startWithOtherProperties(new String[] { "plux.namespaces=test.spring.cli" },
                new String[] { "plux.namespaces[0].namespace=test.spring.cli",
                        "plux.namespaces[0].load-on-startup=true" },
                "plux namespace test.spring.cli loads on startup (plux.namespaces[0].load-on-startup), but the"
                        + " application was AOT-processed with no namespace loading on startup");
    }

    @Test
    void environmentVariablesAreBoundAtRunTimeAsBootBindsThem() {
        // processed with properties, run with the process environment in both of Boot's forms (a dash removed, or
        // written as an underscore): the run-time binding must see what the JVM run sees
        String[] processed = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName(),
                "plux.namespaces[0].load-on-startup=true", "plux.namespaces[1]=test.spring.cli" };
        Map<String, Object> variables = Map.of("PLUX_NAMESPACES_0_NAMESPACE", "test.spring.services",
                "PLUX_NAMESPACES_0_PLUGIN_TYPE", ServicePlugin.class.getName(), "PLUX_NAMESPACES_0_LOADONSTARTUP",
                "true", "PLUX_NAMESPACES_1", "test.spring.cli", "PLUX_STARTUP_PROGRESS_INTERVAL", "3s");
        GenericApplicationContext source = context(processed, null);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        generationContext.writeGeneratedContent();
        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            try (GenericApplicationContext fresh = new GenericApplicationContext()) {
                fresh.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
                initializer(compiled, className).initialize(fresh);
                fresh.refresh();
                PluxSettings settings = fresh.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
                assertThat(settings.startup().progressInterval()).isEqualTo(Duration.ofSeconds(3));
                PluginManager<?> services = fresh.getBean("testSpringServicesPluginManager", PluginManager.class);
                assertThat(services.getContainer("s3").state()).isEqualTo(PluginState.LOADED);
            }
        });
    }

    @Test
    void aChildContextProcessedOverAParentThatDefinesItsManagersStartsOverTheSameParent() {
        // the child's environment holds the parent's plux.*, as a SpringApplicationBuilder child's does: the
        // registrar (at build time) left the parent's namespaces to the parent, and the run-time check must too
        String[] properties = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName(),
                "plux.namespaces[0].load-on-startup=true" };
        try (GenericApplicationContext parent = context(properties, null)) {
            parent.refresh();
            GenericApplicationContext source = context(properties, null);
            source.setParent(parent);
            TestGenerationContext generationContext = new TestGenerationContext();
            ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
            generationContext.writeGeneratedContent();
            TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
                try (GenericApplicationContext fresh = new GenericApplicationContext()) {
                    fresh.setParent(parent);
                    TestPropertyValues.of(properties).applyTo(fresh);
                    initializer(compiled, className).initialize(fresh);
                    fresh.refresh();
                    PluginManager<?> parentManager = parent.getBean("testSpringServicesPluginManager",
                            PluginManager.class);
                    assertThat(fresh.getBean(PluginManagers.class).get("test.spring.services"))
                        .isSameAs(parentManager);
                    assertThat(fresh.getBeanFactory().getBeanNamesForType(PluginManager.class)).isEmpty();
                }
            });
        }
    }

    @Test
    void aChildProcessedOverAParentThatDefinedItsManagerSaysSoWhenNoAncestorDefinesItNow() {
        String[] properties = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() };
        // the child's own plux.namespaces did not change: the parent it runs over no longer defines the manager
        assertThat(childFailure(properties, properties, new String[0]))
            .hasStackTraceContaining("plux namespace test.spring.services (plux.namespaces[0]) has no PluginManager"
                    + " bean testSpringServicesPluginManager in this context: when the application was"
                    + " AOT-processed, an ancestor context defined that manager, so this context defines none, but no"
                    + " ancestor context it runs with defines a bean testSpringServicesPluginManager;")
            .hasStackTraceContaining("run it with a parent context that defines the manager as when it was"
                    + " processed, or process the application again (spring-boot:process-aot)")
            .satisfies((failure) -> assertThat(stackTrace(failure)).doesNotContain("other plux.namespaces"));
    }

    @Test
    void aChildProcessedOverAParentThatDefinedItsManagerSaysSoWhenTheAncestorNowConfiguresItOtherwise() {
        String[] properties = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() };
        // the parent's manager now has plugin type Plugin (the child binds its own list, which hides the parent's)
        String[] parentNow = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + Plugin.class.getName() };
        assertThat(childFailure(properties, properties, parentNow))
            .hasStackTraceContaining("when the application was AOT-processed, an ancestor context defined that"
                    + " manager, so this context defines none, but the ancestor context's bean"
                    + " testSpringServicesPluginManager is not configured as this context configures namespace"
                    + " test.spring.services (its plux.namespaces item, plux.autowire, plux.exclude and"
                    + " plux.plugin-directories must be alike)")
            .satisfies((failure) -> assertThat(stackTrace(failure)).doesNotContain("other plux.namespaces"));
    }

    @Test
    void aChildProcessedWithItsOwnManagerWarnsOnceWhenItsParentNowDefinesThatManagerAlike(CapturedOutput output) {
        String[] properties = { "plux.namespaces[0].namespace=test.spring.services",
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() };
        // processed with no parent: the child defines its own manager, fixed in the processed definitions
        GenericApplicationContext source = context(properties, null);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        generationContext.writeGeneratedContent();
        try (GenericApplicationContext parent = context(properties, null)) {
            parent.refresh();
            TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
                try (GenericApplicationContext fresh = new GenericApplicationContext()) {
                    fresh.setParent(parent);
                    TestPropertyValues.of(properties).applyTo(fresh);
                    initializer(compiled, className).initialize(fresh);
                    fresh.refresh();
                    // it still starts, with its own manager (the non-AOT child would inject the parent's)
                    assertThat(fresh.getBean(PluginManagers.class).get("test.spring.services"))
                        .isNotSameAs(parent.getBean("testSpringServicesPluginManager"));
                }
            });
        }
        String warning = "plux namespace test.spring.services (plux.namespaces[0]): this context defines its own"
                + " PluginManager bean testSpringServicesPluginManager";
        assertThat(output.getAll()).containsOnlyOnce(warning)
            .contains("an ancestor context it runs with defines that manager alike")
            .contains("process the application again (spring-boot:process-aot) over the parent context it runs"
                    + " with");
    }

    /**
     * Processes a child context (with {@code child}) over a parent that defines its managers (with {@code parent}),
     * then starts it over a parent configured with {@code parentNow}; returns the child's startup failure.
     */
    private Throwable childFailure(String[] parentProperties, String[] child, String[] parentNow) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className;
        try (GenericApplicationContext parent = context(parentProperties, null)) {
            parent.refresh();
            GenericApplicationContext source = context(child, null);
            source.setParent(parent);
            className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        }
        generationContext.writeGeneratedContent();
        try (GenericApplicationContext parent = context(parentNow, null)) {
            parent.refresh();
            TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
                GenericApplicationContext fresh = new GenericApplicationContext();
                fresh.setParent(parent);
                TestPropertyValues.of(child).applyTo(fresh);
                initializer(compiled, className).initialize(fresh);
                failure.set(catchThrowable(fresh::refresh));
            });
        }
        assertThat(failure.get()).as("startup failure").isNotNull();
        return failure.get();
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /** Processes with one configuration, runs with another. */
    private void startWithOtherProperties(String[] processed, String[] running, String message) {
        GenericApplicationContext source = context(processed, null);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        generationContext.writeGeneratedContent();
        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            GenericApplicationContext fresh = new GenericApplicationContext();
            TestPropertyValues.of(running).applyTo(fresh);
            initializer(compiled, className).initialize(fresh);
            assertThatThrownBy(fresh::refresh).hasStackTraceContaining(message);
        });
    }

    private void assertInvalid(String[] processed, String[] running, String property, String value,
            String reason) {
        Throwable failure = refreshFailure(processed, running);
        assertThat(PluxPropertiesValidationTests.findInvalid(failure)).satisfies((invalid) -> {
            assertThat(invalid.getName()).isEqualTo(property);
            assertThat(invalid.getValue()).hasToString(value);
            assertThat(invalid.getReason()).contains(reason).contains("process the application again");
        });
    }

    private Throwable refreshFailure(String[] processed, String[] running) {
        return refreshFailure(processed, running, Map.of());
    }

    /** Processes with one configuration, runs with another, and {@code lower} in a source of lower priority. */
    private Throwable refreshFailure(String[] processed, String[] running, Map<String, Object> lower) {
        return refreshFailure(processed, running, lower, null);
    }

    /** As above, with {@code first} ahead of every source when given. */
    private Throwable refreshFailure(String[] processed, String[] running, Map<String, Object> lower,
            @Nullable PropertySource<?> first) {
        GenericApplicationContext source = context(processed, null);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        generationContext.writeGeneratedContent();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            GenericApplicationContext fresh = new GenericApplicationContext();
            TestPropertyValues.of(running).applyTo(fresh);
            fresh.getEnvironment().getPropertySources().addLast(new MapPropertySource("lower", lower));
            if (first != null) {
                fresh.getEnvironment().getPropertySources().addFirst(first);
            }
            initializer(compiled, className).initialize(fresh);
            failure.set(catchThrowable(fresh::refresh));
        });
        assertThat(failure.get()).as("startup failure").isNotNull();
        return failure.get();
    }

    private void compileAndStart(String[] properties, Consumer<GenericApplicationContext> check) {
        compileAndStart(properties, null, check);
    }

    private void compileAndStart(String[] properties, @Nullable Class<?> userBean,
            Consumer<GenericApplicationContext> check) {
        Map<String, String> expected;
        try (GenericApplicationContext regular = context(properties, userBean)) {
            regular.refresh();
            expected = managerDefinitions(regular);
        }
        assertThat(expected).isNotEmpty();
        GenericApplicationContext source = context(properties, userBean);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        generationContext.writeGeneratedContent();
        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            try (GenericApplicationContext fresh = new GenericApplicationContext()) {
                TestPropertyValues.of(properties).applyTo(fresh);
                initializer(compiled, className).initialize(fresh);
                fresh.refresh();
                assertThat(managerDefinitions(fresh)).isEqualTo(expected);
                check.accept(fresh);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static ApplicationContextInitializer<GenericApplicationContext> initializer(Compiled compiled,
            ClassName className) {
        return compiled.getInstance(ApplicationContextInitializer.class, className.toString());
    }

    private static GenericApplicationContext context(String[] properties,
            @Nullable Class<?> userBean) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        TestPropertyValues.of(properties).applyTo(context);
        context.register(PluxAutoConfiguration.class);
        if (userBean != null) {
            context.register(userBean);
        }
        return context;
    }

    /** Name to generic type, qualifiers, role, laziness, description and resource of every PluginManager bean. */
    private static Map<String, String> managerDefinitions(GenericApplicationContext context) {
        Map<String, String> definitions = new TreeMap<>();
        for (String name : context.getBeanNamesForType(PluginManager.class)) {
            BeanDefinition definition = context.getBeanFactory().getMergedBeanDefinition(name);
            String qualifiers = ((AbstractBeanDefinition) definition).getQualifiers()
                .stream()
                .map((qualifier) -> qualifier.getTypeName() + "=" + qualifier.getAttribute("value"))
                .sorted()
                .toList()
                .toString();
            // the description and resource too: Actuator's beans endpoint and Spring's "defined in" show them
            definitions.put(name, definition.getResolvableType() + " " + qualifiers + " role "
                    + definition.getRole() + " lazy " + definition.isLazyInit() + " description "
                    + definition.getDescription() + " resource " + definition.getResourceDescription());
        }
        return definitions;
    }

    /** Takes managers by generic type and by qualifier. */
    public static class ManagerUser {

        final PluginManager<ServicePlugin> services;

        final PluginManager<Plugin> cli;

        /**
         * Creates the consumer.
         *
         * @param services by generic type
         * @param cli by qualifier
         */
        public ManagerUser(PluginManager<ServicePlugin> services,
                @PluxNamespace("test.spring.cli") PluginManager<Plugin> cli) {
            this.services = services;
            this.cli = cli;
        }
    }
}
