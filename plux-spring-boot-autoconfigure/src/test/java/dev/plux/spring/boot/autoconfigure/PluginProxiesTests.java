package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.core.PluginException;
import dev.plux.core.PluginTypeMismatchException;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.boot.autoconfigure.fixtures.AsyncBasePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.AsyncServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.BaseServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Plugins that the application's post-processors wrap in a proxy ({@code @Async}, {@code @Cacheable}, an aspect):
 * used through the proxy, destroyed as the object plux created.
 */
@Timeout(30)
class PluginProxiesTests {

    private static final String NS = "test.spring.proxied";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class, AopAutoConfiguration.class))
        .withUserConfiguration(AsyncConfiguration.class)
        .withPropertyValues("plux.namespaces[0].namespace=" + NS,
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName());

    @Test
    void aPluginBehindAnInterfaceProxyIsLoadedThroughItAndDestroyedAsTheObjectPluxCreated() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
            assertThat(context).hasNotFailed();
            log.set(context.getBean(DestroyLog.class));
            @SuppressWarnings("unchecked")
            PluginManager<ServicePlugin> manager = context.getBean(PluginManager.class);
            ServicePlugin plugin = manager.load("async");
            // a JDK proxy: a ServicePlugin, not an AsyncServicePlugin
            assertThat(AopUtils.isJdkDynamicProxy(plugin)).isTrue();
            assertThat(plugin).isNotInstanceOf(AsyncServicePlugin.class);
        });
        assertThat(log.get().events()).containsExactly("async loaded as AsyncServicePlugin", "async pre-destroy",
                "log destroyed");
    }

    @Test
    void aPluginBehindAClassProxyRunsItsAdviceAndIsDestroyedAsTheObjectPluxCreated() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            log.set(context.getBean(DestroyLog.class));
            @SuppressWarnings("unchecked")
            PluginManager<ServicePlugin> manager = context.getBean(PluginManager.class);
            ServicePlugin plugin = manager.load("async");
            assertThat(AopUtils.isCglibProxy(plugin)).isTrue();
            String thread = ((AsyncServicePlugin) plugin).threadName().get(10, TimeUnit.SECONDS);
            assertThat(thread).isNotEqualTo(Thread.currentThread().getName());
        });
        // its private @PreDestroy method ran on the plugin, whose bean is set, not on the proxy's empty fields
        assertThat(log.get().events()).containsExactly("async loaded as AsyncServicePlugin", "async pre-destroy",
                "log destroyed");
    }

    @Test
    void aJdkProxyOfAPluginWhosePluginTypeIsAClassFailsSayingHowToGetAClassProxy() {
        this.contextRunner
            .withPropertyValues("spring.aop.proxy-target-class=false",
                    "plux.namespaces[0].plugin-type=" + BaseServicePlugin.class.getName())
            .run((context) -> assertFailsAsJdkProxy(context).hasMessageContaining(AsyncBasePlugin.class.getName())
                .hasMessageContaining("not a " + BaseServicePlugin.class.getName())
                .hasMessageContaining("spring.aop.proxy-target-class=true")
                .hasMessageNotContaining("AOT-processed"));
    }

    @Test
    void aJdkProxyOfAPluginNotMadeBySpringAopFailsWithoutSpringAopAdvice() {
        this.contextRunner.withUserConfiguration(OwnProxyConfiguration.class)
            .withPropertyValues("plux.namespaces[0].plugin-type=" + BaseServicePlugin.class.getName())
            // spring.aop.proxy-target-class does not reach a post-processor's own java.lang.reflect.Proxy
            .run((context) -> assertFailsAsJdkProxy(context).hasMessageContaining("not made by Spring AOP")
                .hasMessageContaining("not a " + BaseServicePlugin.class.getName())
                .hasMessageNotContaining("proxy-target-class")
                .hasMessageNotContaining("@Async"));
    }

    @Test
    void aClassProxyOfAPluginWhosePluginTypeIsAClassIsOne() {
        this.contextRunner.withPropertyValues("plux.namespaces[0].plugin-type=" + BaseServicePlugin.class.getName())
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManager.class);
                assertThat(manager.load("async-base")).isInstanceOf(AsyncBasePlugin.class)
                    .matches(AopUtils::isCglibProxy);
            });
    }

    /**
     * Asserts that the context started and that loading its async-base plugin failed, as a JDK proxy of it is not of
     * the plugin type; returns the assertion on that failure, for what the caller's case adds to the message.
     */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertFailsAsJdkProxy(
            AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        PluginManager<?> manager = context.getBean(PluginManager.class);
        assertThat(catchThrowable(() -> manager.load("async-base"))).isInstanceOf(PluginException.class);
        return assertThat(manager.getContainer("async-base").initError())
            .isInstanceOf(PluginTypeMismatchException.class)
            .hasMessageContaining("plugin " + NS + ":async-base")
            .hasMessageContaining("JDK proxy");
    }

    /** A post-processor that wraps plugins in a JDK proxy of its own, as a tracing library might. */
    @Configuration(proxyBeanMethods = false)
    static class OwnProxyConfiguration {

        @Bean
        static BeanPostProcessor ownProxies() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof AsyncBasePlugin)) {
                        return bean;
                    }
                    InvocationHandler handler = (proxy, method, args) -> method.invoke(bean, args);
                    return Proxy.newProxyInstance(ServicePlugin.class.getClassLoader(),
                            new Class<?>[] { ServicePlugin.class }, handler);
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncConfiguration {

        @Bean
        DestroyLog destroyLog() {
            return new DestroyLog();
        }
    }
}
