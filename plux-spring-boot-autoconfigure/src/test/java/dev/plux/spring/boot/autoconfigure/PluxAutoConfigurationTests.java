package dev.plux.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.MatchingPluginFilter;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.PluxNamespace;
import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.fixtures.CliPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.Greeter;
import dev.plux.spring.boot.autoconfigure.fixtures.GreeterPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class PluxAutoConfigurationTests {

    static final String SERVICES = "test.spring.services";

    static final String CLI = "test.spring.cli";

    static final String CLI_BEAN = "testSpringCliPluginManager";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class));

    @Test
    void registersNothingButSettingsWithoutNamespaces() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(PluxSettings.class);
            assertThat(context).doesNotHaveBean(PluxProperties.class);
            assertThat(context).doesNotHaveBean(PluginManager.class);
            assertThat(context.getBean(PluginManagers.class).all()).isEmpty();
            // nothing to create, destroy or load on startup
            assertThat(context).doesNotHaveBean(PluginManagerFactory.class)
                .doesNotHaveBean(CreatedPlugins.class)
                .doesNotHaveBean(StartupLoader.class);
        });
    }

    @Test
    void bindingIsRecordedAsAStartupStepWithTheNamespaceCount() {
        BufferingApplicationStartup startup = new BufferingApplicationStartup(1000);
        new ApplicationContextRunner(() -> {
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
            context.setApplicationStartup(startup);
            return context;
        }).withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withPropertyValues("plux.namespaces=test.spring.services,test.spring.cli")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(startup.getBufferedTimeline().getEvents())
                    .filteredOn((event) -> event.getStartupStep().getName().equals("plux.settings.bind"))
                    .singleElement()
                    .satisfies((event) -> assertThat(event.getStartupStep().getTags())
                        .anySatisfy((tag) -> assertThat(tag.getKey() + "=" + tag.getValue()).isEqualTo("namespaces=2")));
            });
    }

    @Test
    void registersAfterBootsAutoConfigurationsSoTheirConditionsDoNotScanPluxBeans() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class, PluxActuatorAutoConfiguration.class,
                    TaskExecutionAutoConfiguration.class))
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                List<String> names = List.of(context.getBeanDefinitionNames());
                assertThat(names).contains("applicationTaskExecutor", "testSpringServicesPluginManager");
                assertThat(names.indexOf("testSpringServicesPluginManager"))
                    .isGreaterThan(names.indexOf("applicationTaskExecutor"));
            });
    }

    @Test
    void registersNothingWhenDisabled() {
        this.contextRunner.withPropertyValues("plux.enabled=false", "plux.namespaces=" + SERVICES).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(PluginManager.class);
            assertThat(context).doesNotHaveBean(PluginManagers.class);
            assertThat(context).doesNotHaveBean(PluxSettings.class);
        });
    }

    @Test
    void anyValueButTrueTurnsPluxOffAsTheAotCheckAssumes() {
        // ProcessedManagers.checkEnabled fails an AOT-processed application for exactly these values
        for (String value : new String[] { "no", "flase", "FALSE" }) {
            this.contextRunner.withPropertyValues("plux.enabled=" + value, "plux.namespaces=" + SERVICES)
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PluginManagers.class));
        }
        this.contextRunner.withPropertyValues("plux.enabled=TRUE", "plux.namespaces=" + SERVICES)
            .run((context) -> assertThat(context).hasSingleBean(PluginManagers.class));
    }

    @Test
    void aPluginManagersBeanOfTheUserReplacesTheRegistryWhateverItsName() {
        this.contextRunner.withUserConfiguration(OwnRegistry.class)
            .withPropertyValues("plux.namespaces=" + SERVICES)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(PluginManagers.class).hasBean("myManagers");
                assertThat(context.getBean(PluginManagers.class).all()).isEmpty();
                assertThat(context).hasBean("testSpringServicesPluginManager");
            });
    }

    @Test
    void theRegistryAndAManagerCanBeInjectedLazily() {
        // @Lazy injects a proxy Spring makes by subclassing (CGLIB): a final class fails the injection
        this.contextRunner.withUserConfiguration(LazyConsumer.class)
            .withPropertyValues("plux.namespaces=" + SERVICES + "," + CLI)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                LazyConsumer consumer = context.getBean(LazyConsumer.class);
                // nothing created until used: asking for the registry would create every manager
                assertThat(context.getBeanFactory().containsSingleton("pluginManagers")).isFalse();
                assertThat(context.getBeanFactory().containsSingleton(CLI_BEAN)).isFalse();
                assertThat(consumer.managers.contains(SERVICES)).isTrue();
                assertThat(consumer.managers.get(CLI)).isSameAs(context.getBean(CLI_BEAN));
                assertThat(consumer.cli.namespace()).isEqualTo(CLI);
            });
    }

    @Test
    void commaSeparatedNamespacesEachGetAManagerWithTheDefaultBeanName() {
        this.contextRunner.withPropertyValues("plux.namespaces=" + SERVICES + ", " + CLI).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(PluginManager.class)).containsOnlyKeys(
                    "testSpringServicesPluginManager", "testSpringCliPluginManager");
            assertThat(context.getBean("testSpringServicesPluginManager", PluginManager.class).namespace())
                .isEqualTo(SERVICES);
            assertThat(context.getBean(PluxSettings.class).namespaces()).containsExactly(SERVICES, CLI);
            assertThat(context.getBean(PluginManagers.class).all()).extracting(PluginManager::namespace)
                .containsExactly(SERVICES, CLI);
        });
    }

    @Test
    void yamlListMixesPlainStringsAndObjects() {
        this.contextRunner.withInitializer((context) -> {
            try {
                context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new YamlPropertySourceLoader().load("plux-yaml", new ClassPathResource("plux-mixed.yml"))
                        .get(0));
            }
            catch (java.io.IOException ex) {
                throw new IllegalStateException(ex);
            }
        }).run((context) -> {
            assertThat(context).hasNotFailed();
            PluxSettings settings = context.getBean(PluxSettings.class);
            assertThat(settings.namespaces()).containsExactly(CLI, SERVICES);
            ManagerSettings services = settings.manager(SERVICES);
            assertThat(services.beanName()).isEqualTo("servicePlugins");
            assertThat(services.pluginType()).isEqualTo(ServicePlugin.class);
            assertThat(services.include()).isNotNull();
            assertThat(services.exclude()).isNotNull();
            assertThat(settings.exclusions().isEmpty()).isFalse();
            assertThat(context).hasBean("testSpringCliPluginManager").hasBean("servicePlugins");
            PluginManager<?> manager = context.getBean("servicePlugins", PluginManager.class);
            assertThat(manager.load("s3")).isNotNull();
            assertThatThrownBy(() -> manager.load("sqs")).isInstanceOf(PluginDisabled.class);
            assertThatThrownBy(() -> manager.load("legacy-queue")).isInstanceOf(PluginDisabled.class);
        });
    }

    @Test
    void indexedPropertiesMixPlainStringsAndObjects() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0]=" + CLI, "plux.namespaces[1].namespace=" + SERVICES,
                    "plux.namespaces[1].bean-name=services")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasBean("testSpringCliPluginManager").hasBean("services");
            });
    }

    @Test
    void managersOfDifferentPluginTypesAreInjectedByGenericTypeWithoutQualifier() {
        this.contextRunner.withUserConfiguration(GenericConsumer.class)
            .withPropertyValues("plux.namespaces[0].namespace=" + SERVICES,
                    "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName(),
                    "plux.namespaces[1].namespace=" + CLI,
                    "plux.namespaces[1].plugin-type=" + CliPlugin.class.getName())
            .run((context) -> {
                assertThat(context).hasNotFailed();
                GenericConsumer consumer = context.getBean(GenericConsumer.class);
                assertThat(consumer.services.namespace()).isEqualTo(SERVICES);
                assertThat(consumer.cli.namespace()).isEqualTo(CLI);
                assertThat(consumer.cli.load("hello")).isInstanceOf(CliPlugin.class);
            });
    }

    @Test
    void pluxNamespaceQualifierSelectsAManagerOfTheSameType() {
        this.contextRunner.withUserConfiguration(QualifiedConsumer.class)
            .withPropertyValues("plux.namespaces=" + SERVICES + "," + CLI)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(QualifiedConsumer.class).cli.namespace()).isEqualTo(CLI);
            });
    }

    @Test
    void pluginManagersBeanListsEveryManagerInConfigurationOrder() {
        this.contextRunner.withPropertyValues("plux.namespaces=" + CLI + "," + SERVICES).run((context) -> {
            PluginManagers managers = context.getBean(PluginManagers.class);
            assertThat(managers.all()).extracting(PluginManager::namespace).containsExactly(CLI, SERVICES);
            assertThat(managers.get(SERVICES)).isSameAs(context.getBean("testSpringServicesPluginManager"));
            assertThat(managers.contains("test.spring.unknown")).isFalse();
        });
    }

    @Test
    void nothingIsResolvedWhileTheContextStarts() {
        this.contextRunner.withUserConfiguration(ResolveCounter.class)
            .withPropertyValues("plux.namespaces=" + SERVICES)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                ResolveCounter counter = context.getBean(ResolveCounter.class);
                assertThat(counter.resolved).hasValue(0);
                context.getBean(PluginManagers.class).get(SERVICES).listNames();
                assertThat(counter.resolved).hasValue(0);
                context.getBean(PluginManagers.class).get(SERVICES).listPluginSpecs();
                assertThat(counter.resolved).hasValue(3);
            });
    }

    @Test
    void aStartupLoaderIsRegisteredOnlyWhenANamespaceLoadsOnStartup() {
        this.contextRunner.withPropertyValues("plux.namespaces=" + CLI + "," + SERVICES)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(StartupLoader.class));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0]=" + CLI, "plux.namespaces[1].namespace=" + SERVICES,
                    "plux.namespaces[1].load-on-startup=true")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(StartupLoader.class));
    }

    @Test
    void managersAreCreatedOnFirstUseExceptThoseLoadedOnStartup() {
        this.contextRunner.withUserConfiguration(Customizers.class)
            .withPropertyValues("plux.namespaces[0]=" + SERVICES, "plux.namespaces[1].namespace=" + CLI,
                    "plux.namespaces[1].load-on-startup=true", "plux.namespaces[2]=test.spring.failing")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                // the startup namespace was built to be loaded; the others are definitions only
                assertThat(context.getBean(Customizers.class).namespaces).containsExactly(CLI);
                assertThat(context.getBeanFactory().containsSingleton("testSpringServicesPluginManager")).isFalse();
                assertThat(context.getBeanFactory().containsSingleton("testSpringFailingPluginManager")).isFalse();
                assertThat(context.getBeanFactory().containsSingleton(CLI_BEAN)).isTrue();
                // still found by type without being created
                assertThat(context.getBeanNamesForType(PluginManager.class)).hasSize(3);
                assertThat(context.getBeanFactory().containsSingleton("testSpringServicesPluginManager")).isFalse();

                context.getBean("testSpringServicesPluginManager");
                assertThat(context.getBean(Customizers.class).namespaces).containsExactly(CLI, SERVICES);
                context.getBean(PluginManagers.class);
                assertThat(context.getBean(Customizers.class).namespaces).containsExactly(CLI, SERVICES,
                        "test.spring.failing");
            });
    }

    @Test
    void aContextWhoseManagersAreNotUsedCreatesNoneOfWhatTheyNeed() {
        this.contextRunner.withPropertyValues("plux.namespaces=" + SERVICES + "," + CLI).run((context) -> {
            assertThat(context).hasNotFailed();
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            // the factory and the created plugins' tracker: what a context paid for at every start, unused (about
            // 0.8% of a small context's start with the tracker and its lifecycle created from definitions)
            assertThat(beanFactory.getSingletonNames()).doesNotContain(PluginManagerFactory.BEAN_NAME,
                    CreatedPlugins.BEAN_NAME);
            // no lifecycle definition, which the context would create at start, lazy or not: an object registered
            assertThat(beanFactory.getBeanDefinitionNames()).filteredOn((name) -> name.startsWith("dev.plux."))
                .noneMatch((name) -> beanFactory.isTypeMatch(name, SmartLifecycle.class));
            assertThat(beanFactory.containsBeanDefinition(CreatedPluginsLifecycle.BEAN_NAME)).isFalse();

            context.getBean(PluginManagers.class);
            // the first manager brings them, the lifecycle running, so that closing stops the creations in its phase
            assertThat(beanFactory.containsSingleton(CreatedPlugins.BEAN_NAME)).isTrue();
            assertThat(context.getBeansOfType(SmartLifecycle.class)).hasEntrySatisfying(
                    CreatedPluginsLifecycle.BEAN_NAME, (lifecycle) -> assertThat(lifecycle.isRunning()).isTrue());
        });
    }

    @Test
    void loadOnStartupLoadsEveryPluginOfTheNamespace() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + SERVICES, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[1]=" + CLI)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluginManagers managers = context.getBean(PluginManagers.class);
                assertThat(managers.get(SERVICES).listContainers()).allSatisfy(
                        (container) -> assertThat(container.state()).isEqualTo(PluginState.LOADED));
                assertThat(managers.get(CLI).getContainer("hello").state()).isEqualTo(PluginState.DECLARED);
            });
    }

    @Test
    void loadOnStartupWithoutFailFastRecordsFailuresAndStarts() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.failing",
                    "plux.namespaces[0].load-on-startup=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.failing");
                assertThat(manager.getContainer("good").state()).isEqualTo(PluginState.LOADED);
                assertThat(manager.getContainer("broken").state()).isEqualTo(PluginState.LOAD_FAILED);
            });
    }

    @Test
    void failFastFailsStartupWithThePluginException() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.failing",
                    "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].fail-fast=true")
            .run((context) -> {
                assertThat(context).hasFailed();
                Throwable failure = context.getStartupFailure();
                assertThat(failure).isInstanceOf(PluginException.class);
                PluginException plugin = (PluginException) failure;
                assertThat(plugin.namespace()).isEqualTo("test.spring.failing");
                assertThat(plugin.name()).isEqualTo("broken");
                assertThat(plugin.getCause()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom from FailingPlugin");
            });
    }

    @Test
    void classPluginsGetConstructorInjectionValuesAndAwareCallbacks() {
        this.contextRunner.withUserConfiguration(GreeterConfiguration.class)
            .withPropertyValues("plux.namespaces=test.spring.inject", "test.plux.suffix=!")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.inject");
                GreeterPlugin plugin = (GreeterPlugin) manager.load("greeter");
                assertThat(plugin.greeter()).isSameAs(context.getBean(Greeter.class));
                assertThat(plugin.environment()).isSameAs(context.getEnvironment());
                assertThat(manager.getContainer("greeter").loadValue()).isEqualTo("hello, plux!");
            });
    }

    @Test
    void pluginWhoseBeanIsMissingFailsInitNamingTheMissingType() {
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.inject").run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.inject");
            assertThatThrownBy(() -> manager.load("missing")).isInstanceOf(PluginException.class);
            assertThat(manager.getContainer("missing").state()).isEqualTo(PluginState.INIT_FAILED);
            assertThat(manager.getContainer("missing").initError()).hasMessageContaining("UnregisteredService");
        });
    }

    @Test
    void autowireFalseCreatesPluginsWithTheirOwnFactory() {
        this.contextRunner.withUserConfiguration(GreeterConfiguration.class)
            .withPropertyValues("plux.autowire=false", "plux.namespaces=test.spring.inject," + SERVICES)
            .run((context) -> {
                PluginManagers managers = context.getBean(PluginManagers.class);
                assertThatThrownBy(() -> managers.get("test.spring.inject").load("greeter"))
                    .isInstanceOf(PluginException.class)
                    .cause()
                    .hasMessageContaining("no public no-argument constructor");
                assertThat(managers.get(SERVICES).load("s3")).isInstanceOf(ServicePlugin.class);
            });
    }

    @Test
    void pluginTypeIsEnforcedAtInit() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.failing",
                    "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName())
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.failing");
                assertThat(manager.load("good")).isInstanceOf(ServicePlugin.class);
                assertThatThrownBy(() -> manager.load("broken")).isInstanceOf(PluginException.class)
                    .hasMessageContaining(ServicePlugin.class.getName());
            });
    }

    @Test
    void contextExclusionsApplyToThisContextOnlyAndNeverToTheGlobalFilter() {
        this.contextRunner
            .withPropertyValues("plux.namespaces=" + SERVICES, "plux.exclude[0].namespace=test.spring.*",
                    "plux.exclude[0].name=legacy-*")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get(SERVICES);
                assertThatThrownBy(() -> manager.load("legacy-queue")).isInstanceOf(PluginDisabled.class);
                assertThat(manager.load("s3")).isNotNull();
                assertThat(MatchingPluginFilter.global().isEmpty()).isTrue();
                this.contextRunner.withPropertyValues("plux.namespaces=" + SERVICES).run((other) -> {
                    PluginManager<?> otherManager = other.getBean(PluginManagers.class).get(SERVICES);
                    assertThat(otherManager.load("legacy-queue")).isNotNull();
                });
            });
    }

    @Test
    void includeLetsOnlyMatchingNamesLoadAndExcludeDisables() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + SERVICES, "plux.namespaces[0].include=s*",
                    "plux.namespaces[0].exclude=sqs")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get(SERVICES);
                assertThat(manager.load("s3")).isNotNull();
                assertThatThrownBy(() -> manager.load("sqs")).isInstanceOf(PluginDisabled.class);
                assertThatThrownBy(() -> manager.load("legacy-queue")).isInstanceOf(PluginDisabled.class);
                assertThat(manager.getContainer("legacy-queue").disabledReason())
                    .startsWith("A plugin filter disabled this plugin before it was initialized: ");
            });
    }

    @Test
    void lifecycleListenerBeansAreAttachedInOrderToEveryManager() {
        this.contextRunner.withUserConfiguration(OrderedListeners.class)
            .withPropertyValues("plux.namespaces=" + SERVICES + "," + CLI)
            .run((context) -> {
                context.getBean(PluginManagers.class).get(SERVICES).load("s3");
                context.getBean(PluginManagers.class).get(CLI).load("hello");
                assertThat(context.getBean(OrderedListeners.class).calls).containsExactly("first:s3", "second:s3",
                        "first:hello", "second:hello");
            });
    }

    @Test
    void customizersSetLoadArgumentsPerNamespace() {
        this.contextRunner.withUserConfiguration(Customizers.class)
            .withPropertyValues("plux.namespaces=" + SERVICES + "," + CLI)
            .run((context) -> {
                PluginManagers managers = context.getBean(PluginManagers.class);
                managers.get(SERVICES).load("s3");
                assertThat(managers.get(SERVICES).getContainer("s3").loadValue())
                    .isEqualTo(List.of("customized", SERVICES));
                assertThat(context.getBean(Customizers.class).namespaces).containsExactlyInAnyOrder(SERVICES, CLI);
            });
    }

    @Test
    void customizersRunInOrderAfterPluxSettingsAndCanAddFilters() {
        this.contextRunner.withUserConfiguration(OrderedCustomizers.class)
            .withPropertyValues("plux.namespaces=" + SERVICES)
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get(SERVICES);
                assertThat(context.getBean(OrderedCustomizers.class).calls).containsExactly("first", "second");
                assertThatThrownBy(() -> manager.load("sqs")).isInstanceOf(PluginDisabled.class);
                assertThat(manager.load("s3")).isNotNull();
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class GenericConsumer {

        final PluginManager<ServicePlugin> services;

        final PluginManager<CliPlugin> cli;

        GenericConsumer(PluginManager<ServicePlugin> services, PluginManager<CliPlugin> cli) {
            this.services = services;
            this.cli = cli;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class QualifiedConsumer {

        final PluginManager<Plugin> cli;

        QualifiedConsumer(@PluxNamespace(CLI) PluginManager<Plugin> cli) {
            this.cli = cli;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyConsumer {

        final PluginManagers managers;

        final PluginManager<Plugin> cli;

        LazyConsumer(@Lazy PluginManagers managers, @Lazy @PluxNamespace(CLI) PluginManager<Plugin> cli) {
            this.managers = managers;
            this.cli = cli;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ResolveCounter {

        final AtomicInteger resolved = new AtomicInteger();

        @Bean
        PluginLifecycleListener countingListener() {
            return new PluginLifecycleListener() {
                @Override
                public void onResolveAfter(PluginSpec spec) {
                    ResolveCounter.this.resolved.incrementAndGet();
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class GreeterConfiguration {

        @Bean
        Greeter greeter() {
            return new Greeter("hello");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedListeners {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        PluginLifecycleListener secondListener() {
            return new RecordingListener("second", this.calls);
        }

        @Bean
        @Order(1)
        PluginLifecycleListener firstListener() {
            return new RecordingListener("first", this.calls);
        }
    }

    record RecordingListener(String label, List<String> calls) implements PluginLifecycleListener {

        @Override
        public void onLoadAfter(PluginSpec spec, Plugin plugin, Object loadResult) {
            this.calls.add(this.label + ":" + spec.name());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        final List<String> namespaces = new CopyOnWriteArrayList<>();

        @Bean
        PluginManagerCustomizer loadArgsCustomizer() {
            return (namespace, builder) -> {
                this.namespaces.add(namespace);
                if (namespace.equals(SERVICES)) {
                    builder.loadArgs("customized", namespace);
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedCustomizers {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        PluginManagerCustomizer secondCustomizer() {
            return (namespace, builder) -> {
                this.calls.add("second");
                builder.filter((spec) -> spec.name().equals("sqs"));
            };
        }

        @Bean
        @Order(1)
        PluginManagerCustomizer firstCustomizer() {
            return (namespace, builder) -> this.calls.add("first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {

        @Bean
        PluginManagers myManagers() {
            return new PluginManagers(List.of());
        }
    }
}
