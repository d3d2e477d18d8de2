package dev.plux.spring.boot.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.boot.autoconfigure.fixtures.AsyncServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.ComponentPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.EventListeningPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.PrototypeScopedPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.RefreshScopedPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.RequestScopedPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** A plugin the context created is not a bean of it: what Spring does for beans only is warned of, not silently lost. */
@Timeout(30)
@ExtendWith(OutputCaptureExtension.class)
class NotABeanTests {

    private static final String NS = "test.spring.notabean";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
        .withPropertyValues("plux.namespaces=" + NS);

    @BeforeEach
    void forgetTheEvents() {
        EventListeningPlugin.RECEIVED.clear();
        ComponentPlugin.INSTANCES.set(0);
    }

    @Test
    void anEventListenerMethodOfAPluginIsWarnedOfOnceNamingThePluginAndTheMethod(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManager.class);
            manager.load("listening");
            manager.load("listening");
            context.publishEvent(new ContextRefreshedEvent(context));
            // Spring calls listener methods of beans only: the warning is all the author gets
            assertThat(EventListeningPlugin.RECEIVED).isEmpty();
        });
        String warning = "plux namespace " + NS + ": plugin listening (" + EventListeningPlugin.class.getName()
                + ") has @EventListener methods that Spring never calls";
        assertThat(output.getOut()).containsOnlyOnce(warning).contains("onRefresh");
    }

    @Test
    void aScopeAnnotationOnAPluginClassIsWarnedOfOnceNamingTheScopeAndWhatToDoInstead(CapturedOutput output) {
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.scoped").run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManager.class);
            Object plugin = manager.load("refresh-scoped");
            // the scope is the beans': the plugin stays the one instance, no proxy, whatever the scope does
            assertThat(manager.load("refresh-scoped")).isSameAs(plugin);
            assertThat(AopUtils.isAopProxy(plugin)).isFalse();
            manager.load("singleton");
        });
        assertThat(output.getOut()).containsOnlyOnce("plux namespace test.spring.scoped: plugin refresh-scoped ("
                + RefreshScopedPlugin.class.getName() + ") is annotated @RefreshLikeScope, scope 'refresh', which"
                + " Spring applies to beans only")
            .contains("@ConfigurationProperties")
            .doesNotContain("plugin singleton (");
    }

    @Test
    void aPrototypeScopeOrAScopeAnnotationMadeWithScopeIsWarnedOfAndAnUnnamedScopeIsNot(CapturedOutput output) {
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.scoped").run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManager.class);
            assertThat(manager.load("prototype")).isSameAs(manager.load("prototype"));
            manager.load("request");
            manager.load("default-scope");
        });
        assertThat(output.getOut()).containsOnlyOnce("plugin prototype (" + PrototypeScopedPlugin.class.getName()
                + ") is annotated @Scope, scope 'prototype', which Spring applies to beans only")
            .containsOnlyOnce("plugin request (" + RequestScopedPlugin.class.getName()
                    + ") is annotated @RequestScope, scope 'request', which Spring applies to beans only")
            .doesNotContain("plugin default-scope (");
    }

    @Test
    void aPluginClassThatIsAlsoABeanIsWarnedOfNamingThePluginAndTheBean(CapturedOutput output) {
        this.contextRunner.withBean("scannedPlugin", ComponentPlugin.class).run((context) -> {
            ComponentPlugin bean = context.getBean(ComponentPlugin.class);
            Object plugin = context.getBean(PluginManager.class).load("component");
            // plux creates its own: the application has two
            assertThat(plugin).isNotSameAs(bean);
            assertThat(ComponentPlugin.INSTANCES).hasValue(2);
        });
        assertThat(output.getOut()).containsOnlyOnce("plux namespace " + NS + ": plugin component ("
                + ComponentPlugin.class.getName() + ") is also a bean ([scannedPlugin])");
    }

    @Test
    void aBeanOfThePluginClassBehindAJdkProxyIsWarnedOfToo(CapturedOutput output) {
        // with spring.aop.proxy-target-class=false the bean is a JDK proxy, of the class's interfaces only: its type
        // is no longer the plugin class
        this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
            .withUserConfiguration(AsyncConfiguration.class)
            .withBean("asyncBean", AsyncServicePlugin.class)
            .withPropertyValues("plux.namespaces=test.spring.proxied", "spring.aop.proxy-target-class=false")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(AopUtils.isJdkDynamicProxy(context.getBean("asyncBean"))).isTrue();
                context.getBean(PluginManager.class).load("async");
            });
        assertThat(output.getOut()).containsOnlyOnce("plux namespace test.spring.proxied: plugin async ("
                + AsyncServicePlugin.class.getName() + ") is also a bean ([asyncBean])");
    }

    @Test
    void aJdkProxyOfAnotherPluginClassIsNotWarnedOf(CapturedOutput output) {
        // the bean is of type Plugin, as the look for JDK proxies asks, but its target is another class
        this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
            .withUserConfiguration(AsyncConfiguration.class)
            .withBean("asyncBean", AsyncServicePlugin.class)
            .withPropertyValues("plux.namespaces=test.spring.proxied", "spring.aop.proxy-target-class=false")
            .run((context) -> {
                assertThat(AopUtils.isJdkDynamicProxy(context.getBean("asyncBean"))).isTrue();
                context.getBean(PluginManager.class).load("async-base");
            });
        assertThat(output.getOut()).doesNotContain("is also a bean");
    }

    @Test
    void aLazyBeanOfThePluginClassThatWouldBeAJdkProxyIsWarnedOfAndNotCreatedToLook(CapturedOutput output) {
        this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
            .withUserConfiguration(AsyncConfiguration.class, LazyAsyncBean.class)
            .withPropertyValues("plux.namespaces=test.spring.proxied", "spring.aop.proxy-target-class=false")
            .run((context) -> {
                context.getBean(PluginManager.class).load("async");
                assertThat(context.getBeanFactory().containsSingleton("lazyAsync")).isFalse();
            });
        assertThat(output.getOut()).containsOnlyOnce("plux namespace test.spring.proxied: plugin async ("
                + AsyncServicePlugin.class.getName() + ") is also a bean ([lazyAsync])");
    }

    @Test
    void aFactoryBeanOfAPluginTypeIsNotAskedForItsObjectNorWarnedOf(CapturedOutput output) {
        this.contextRunner.withBean("pluginFactory", CountingPluginFactory.class).run((context) -> {
            context.getBean(PluginManager.class).load("component");
            assertThat(context.getBean(CountingPluginFactory.class).objects).hasValue(0);
        });
        assertThat(output.getOut()).doesNotContain("is also a bean");
    }

    @Test
    void aScopedProxyOfThePluginClassIsWarnedOfWithoutCreatingItsTarget(CapturedOutput output) {
        this.contextRunner.withInitializer((context) -> context.getBeanFactory().registerScope("thread",
                new SimpleThreadScope()))
            .withUserConfiguration(ThreadScopedComponent.class)
            .run((context) -> {
                assertThat(AopUtils.isJdkDynamicProxy(context.getBean("threadComponent"))).isTrue();
                context.getBean(PluginManager.class).load("component");
                // neither the proxy nor the check asked the scope for its target: the plugin is the only instance
                assertThat(ComponentPlugin.INSTANCES).hasValue(1);
            });
        assertThat(output.getOut()).containsOnlyOnce("plux namespace " + NS + ": plugin component ("
                + ComponentPlugin.class.getName() + ") is also a bean ([scopedTarget.threadComponent (thread)])");
    }

    @Test
    void aPrototypeBeanOfThePluginClassInAParentContextIsNamedAsSuchAndNotCalledASecondInstance(
            CapturedOutput output) {
        try (GenericApplicationContext parent = new GenericApplicationContext()) {
            parent.registerBean("parentPlugin", ComponentPlugin.class,
                    (definition) -> definition.setScope(BeanDefinition.SCOPE_PROTOTYPE));
            parent.refresh();
            this.contextRunner.withParent(parent)
                .run((context) -> context.getBean(PluginManager.class).load("component"));
        }
        // nobody asked the parent for its prototype: the plugin is the only instance
        assertThat(ComponentPlugin.INSTANCES).hasValue(1);
        assertThat(output.getOut()).containsOnlyOnce("plux namespace " + NS + ": plugin component ("
                + ComponentPlugin.class.getName() + ") is also a bean ([parentPlugin (prototype, in a parent context)])")
            .doesNotContain("two instances");
    }

    @Test
    void aPluginClassThatIsNoBeanIsNotWarnedOf(CapturedOutput output) {
        this.contextRunner.run((context) -> context.getBean(PluginManager.class).load("component"));
        assertThat(ComponentPlugin.INSTANCES).hasValue(1);
        assertThat(output.getOut()).doesNotContain("is also a bean");
    }

    @Test
    void theCheckLooksThroughTheBeanDefinitionsOncePerPlugin(CapturedOutput output) {
        // without eager init Spring caches no type look-up: each is a pass over every bean definition, so the look for
        // a JDK proxy of the plugin class (beans of type Plugin) must also be the look for the plugin class's beans
        AtomicInteger looks = new AtomicInteger();
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory() {
            @Override
            public String[] getBeanNamesForType(Class<?> type, boolean includeNonSingletons, boolean allowEagerInit) {
                looks.incrementAndGet();
                return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
            }
        };
        beanFactory.registerBeanDefinition("scannedPlugin", new RootBeanDefinition(ComponentPlugin.class));
        beanFactory.freezeConfiguration();
        NotABean.warn(ComponentPlugin.class, new PluginSpec(NS, "component", ComponentPlugin::new), beanFactory);
        assertThat(looks).hasValue(1);
        assertThat(output.getOut()).containsOnlyOnce("plux namespace " + NS + ": plugin component ("
                + ComponentPlugin.class.getName() + ") is also a bean ([scannedPlugin])");
    }

    @Test
    void anErrorWhileCheckingSuchAsANativeImagesMissingReflectionRegistrationIsOnlyLogged(CapturedOutput output) {
        // GraalVM for JDK 21's MissingReflectionRegistrationError (a member a native image has no hint for) is an
        // Error, not a LinkageError: thrown on, it would fail the creation of a plugin the check only advises on
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory() {
            @Override
            public String[] getBeanNamesForType(Class<?> type, boolean includeNonSingletons, boolean allowEagerInit) {
                throw new MissingRegistration();
            }
        };
        PluginSpec spec = new PluginSpec(NS, "component", ComponentPlugin::new);
        assertThatNoException().isThrownBy(() -> NotABean.warn(ComponentPlugin.class, spec, beanFactory));
        assertThat(output.getOut()).doesNotContain("is also a bean");
    }

    /** Stands for {@code org.graalvm.nativeimage.MissingReflectionRegistrationError} of GraalVM 23. */
    static final class MissingRegistration extends Error {

        private static final long serialVersionUID = 1L;

        MissingRegistration() {
            super("simulated: the native image has no reflection hint for a member");
        }
    }

    /** A factory of plugins, which counts the objects it was asked for. */
    static final class CountingPluginFactory implements FactoryBean<Plugin> {

        final AtomicInteger objects = new AtomicInteger();

        @Override
        public Plugin getObject() {
            this.objects.incrementAndGet();
            return new Plugin() {
            };
        }

        @Override
        public Class<?> getObjectType() {
            return Plugin.class;
        }
    }

    /** The plugin class as a lazy bean, which {@code @Async} would make a JDK proxy of once created. */
    @Configuration(proxyBeanMethods = false)
    static class LazyAsyncBean {

        @Bean
        @Lazy
        AsyncServicePlugin lazyAsync(DestroyLog log) {
            return new AsyncServicePlugin(log);
        }
    }

    /** The plugin class as a bean of a custom scope, behind a JDK proxy of its interfaces. */
    @Configuration(proxyBeanMethods = false)
    static class ThreadScopedComponent {

        @Bean
        @Scope(scopeName = "thread", proxyMode = ScopedProxyMode.INTERFACES)
        ComponentPlugin threadComponent() {
            return new ComponentPlugin();
        }
    }

    /** {@code @Async}, whose post-processor proxies the plugin class's bean and the plugin alike. */
    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncConfiguration {

        @Bean
        DestroyLog destroyLog() {
            return new DestroyLog();
        }
    }
}
