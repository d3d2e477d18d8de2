package dev.plux.spring.boot.autoconfigure;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a plugin author writes in a class plugin the context creates, as in a prototype bean: the injection forms,
 * which of two constructors, {@code @Scheduled}, {@code @ConfigurationProperties}, and a missing bean's report.
 */
@Timeout(30)
class AutowiredPluginFeaturesTests {

    private static final String NS = "test.autowired.features";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(PluxAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class))
        .withUserConfiguration(Greeters.class)
        .withPropertyValues("plux.namespaces[0]=" + NS, "test.word=hi", "test.features.word=bound")
        .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.finder(() -> List.of(
                PluginSpec.of(NS, "injected", Injected.class), PluginSpec.of(NS, "two", TwoConstructors.class),
                PluginSpec.of(NS, "chosen", ChosenConstructor.class), PluginSpec.of(NS, "missing", NeedsMissing.class),
                PluginSpec.of(NS, "ticking", Ticking.class), PluginSpec.of(NS, "properties", Properties.class))));

    @Test
    void everyInjectionFormOfABeanWorksInAPlugin() {
        this.contextRunner.run((context) -> {
            Injected plugin = (Injected) context.getBean(PluginManager.class).load("injected");
            assertThat(plugin.field.name()).isEqualTo("a");
            assertThat(plugin.setter.name()).isEqualTo("b");
            assertThat(plugin.word).isEqualTo("hi");
            assertThat(plugin.greeters.orderedStream()).hasSize(2);
            assertThat(plugin.lazy.name()).isEqualTo("b");
            assertThat(plugin.missing).isEmpty();
            assertThat(plugin.environment.getProperty("test.word")).isEqualTo("hi");
            assertThat(plugin.context).isSameAs(context.getSourceApplicationContext());
            assertThat(plugin.beanFactory).isNotNull();
        });
    }

    @Test
    void ofTwoConstructorsTheAutowiredOneIsUsedElseTheNoArgumentOne() {
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManager.class);
            assertThat(((TwoConstructors) manager.load("two")).greeter).isNull();
            assertThat(((ChosenConstructor) manager.load("chosen")).greeter).isNotNull();
        });
    }

    /**
     * A bean created on first use (under Spring's singleton lock) whose constructor loads a plugin, while a request
     * thread is creating that plugin and its constructor needs another bean not created yet: each thread waited for
     * the other forever. The bean's load now fails naming the lock; the bean's creation fails and lets go of the lock,
     * and the plugin is created.
     */
    @Test
    void aLazyBeanLoadingAPluginThatAnotherThreadCreatesWithABeanNotCreatedYetFailsInsteadOfHanging() throws Exception {
        Latches latches = new Latches();
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withPropertyValues("plux.namespaces[0]=" + NS)
            .withBean(Latches.class, () -> latches)
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder
                .finder(() -> List.of(PluginSpec.of(NS, "needs-later", NeedsLater.class)))
                .listener(new PluginLifecycleListener() {
                    @Override
                    public void onInitBefore(PluginSpec spec) {
                        latches.pluginCreating.countDown();
                    }
                }))
            .withUserConfiguration(LazyBeans.class)
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManager.class);
                ExecutorService executor = Executors.newFixedThreadPool(2);
                try {
                    Future<Throwable> bean = executor.submit(() -> catchThrowable(() -> context.getBean("loading")));
                    assertThat(latches.beanCreating.await(10, TimeUnit.SECONDS)).isTrue();
                    Future<Object> plugin = executor.submit(() -> manager.load("needs-later"));
                    assertThat(bean.get(10, TimeUnit.SECONDS)).isNotNull()
                        .rootCause()
                        .isInstanceOf(PluginException.class)
                        .hasMessageStartingWith("plugin " + NS + ":needs-later, which this thread waits for, is being"
                                + " loaded by thread ")
                        .hasMessageContaining("which is blocked on a lock this thread holds (java.util.concurrent.locks"
                                + ".ReentrantLock");
                    assertThat(plugin.get(10, TimeUnit.SECONDS)).isInstanceOf(NeedsLater.class);
                }
                finally {
                    executor.shutdownNow();
                }
            });
    }

    @Test
    void aMissingBeanFailsThePluginNamingItAndTheMissingType() {
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManager.class);
            assertThat(catchThrowable(() -> manager.load("missing"))).isInstanceOf(PluginException.class)
                .hasMessageContaining("plugin " + NS + ":missing")
                .hasMessageContaining("No qualifying bean of type '" + Missing.class.getName() + "'");
        });
    }

    @Test
    void scheduledMethodsOfAPluginRun() {
        this.contextRunner.withUserConfiguration(Scheduling.class).run((context) -> {
            Ticking plugin = (Ticking) context.getBean(PluginManager.class).load("ticking");
            assertThat(plugin.ticks.await(10, TimeUnit.SECONDS)).isTrue();
        });
    }

    @Test
    void configurationPropertiesOfAPluginAreBound() {
        this.contextRunner.run((context) -> {
            Properties plugin = (Properties) context.getBean(PluginManager.class).load("properties");
            assertThat(plugin.word).isEqualTo("bound");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Greeters {

        @Bean
        Greeter a() {
            return new Greeter("a");
        }

        @Bean
        Greeter b() {
            return new Greeter("b");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }

    /** A bean of which the context has two; not final, so that {@code @Lazy} can proxy it. */
    public static class Greeter {

        private final String name;

        /**
         * Creates the greeter.
         *
         * @param name which one
         */
        public Greeter(String name) {
            this.name = name;
        }

        /**
         * Which one.
         *
         * @return its name
         */
        public String name() {
            return this.name;
        }
    }

    /** A type of which the context has no bean. */
    public static class Missing {
    }

    /** Takes beans and values in every way a bean can. */
    /** Signals between the threads of the lazy bean's test. */
    static class Latches {

        final CountDownLatch beanCreating = new CountDownLatch(1);

        final CountDownLatch pluginCreating = new CountDownLatch(1);
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyBeans {

        @Bean
        @Lazy
        Later later() {
            return new Later();
        }

        @Bean
        @Lazy
        LoadingBean loading(PluginManagers managers, Latches latches) throws InterruptedException {
            return new LoadingBean(managers, latches);
        }
    }

    /** A bean no one asked for yet. */
    public static class Later {
    }

    /** A plugin whose creation needs {@link Later}. */
    public static class NeedsLater implements Plugin {

        public NeedsLater(Later later) {
        }
    }

    /** A lazy bean whose constructor loads {@link NeedsLater} once another thread is creating it. */
    public static class LoadingBean {

        public LoadingBean(PluginManagers managers, Latches latches) throws InterruptedException {
            latches.beanCreating.countDown();
            assertThat(latches.pluginCreating.await(10, TimeUnit.SECONDS)).isTrue();
            managers.get(NS).load("needs-later");
        }
    }

    public static class Injected implements Plugin, ApplicationContextAware, BeanFactoryAware {

        @Autowired
        @Qualifier("a")
        @Nullable Greeter field;

        @Nullable Greeter setter;

        @Value("${test.word}")
        @Nullable String word;

        final ObjectProvider<Greeter> greeters;

        final Greeter lazy;

        final Optional<Missing> missing;

        final Environment environment;

        @Nullable ApplicationContext context;

        @Nullable BeanFactory beanFactory;

        /**
         * Creates the plugin.
         *
         * @param greeters every greeter
         * @param lazy one greeter, resolved when first used
         * @param missing a bean that does not exist
         * @param environment the environment
         */
        public Injected(ObjectProvider<Greeter> greeters, @Lazy @Qualifier("b") Greeter lazy, Optional<Missing> missing,
                Environment environment) {
            this.greeters = greeters;
            this.lazy = lazy;
            this.missing = missing;
            this.environment = environment;
        }

        @Autowired
        void setSetter(@Qualifier("b") Greeter greeter) {
            this.setter = greeter;
        }

        @Override
        public void setApplicationContext(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }
    }

    /** Two constructors, none marked. */
    public static class TwoConstructors implements Plugin {

        final @Nullable Greeter greeter;

        /** Used. */
        public TwoConstructors() {
            this.greeter = null;
        }

        /**
         * Not used: nothing marks it.
         *
         * @param greeter a bean
         */
        public TwoConstructors(@Qualifier("a") Greeter greeter) {
            this.greeter = greeter;
        }
    }

    /** Two constructors, one marked. */
    public static class ChosenConstructor implements Plugin {

        final @Nullable Greeter greeter;

        /** Not used. */
        public ChosenConstructor() {
            this.greeter = null;
        }

        /**
         * Used: it is marked.
         *
         * @param greeter a bean
         */
        @Autowired
        public ChosenConstructor(@Qualifier("a") Greeter greeter) {
            this.greeter = greeter;
        }
    }

    /** Needs a bean that does not exist. */
    public static class NeedsMissing implements Plugin {

        /**
         * Creates the plugin.
         *
         * @param missing no such bean
         */
        public NeedsMissing(Missing missing) {
        }
    }

    /** A scheduled method. */
    public static class Ticking implements Plugin {

        final CountDownLatch ticks = new CountDownLatch(2);

        @Scheduled(fixedDelay = 10)
        void tick() {
            this.ticks.countDown();
        }
    }

    /** Bound from {@code test.features.*}. */
    @ConfigurationProperties("test.features")
    public static class Properties implements Plugin {

        @Nullable String word;

        /**
         * Bound.
         *
         * @param word a property
         */
        public void setWord(String word) {
            this.word = word;
        }
    }
}
