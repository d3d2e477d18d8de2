package dev.plux.spring.boot.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class CreatedPluginsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
        .withUserConfiguration(LogConfiguration.class)
        .withPropertyValues("plux.namespaces=test.spring.destroy.a,test.spring.destroy.b");

    @Test
    void pluginsAreDestroyedAtCloseNewestFirstAcrossNamespacesBeforeTheBeansTheyUse() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            log.set(context.getBean(DestroyLog.class));
            PluginManagers managers = context.getBean(PluginManagers.class);
            PluginManager<?> a = managers.get("test.spring.destroy.a");
            PluginManager<?> b = managers.get("test.spring.destroy.b");
            a.load("pre-destroy");
            b.load("disposable");
            a.load("closeable");
            assertThat(log.get().events()).isEmpty();
        });
        // @PreDestroy, DisposableBean and AutoCloseable, in reverse order of creation; the bean they use last
        assertThat(log.get().events()).containsExactly("closeable", "disposable", "pre-destroy", "log destroyed");
    }

    @Test
    void pluginsAreDestroyedInReverseOrderWhateverOrderTheyWereCreatedIn() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManagers managers = context.getBean(PluginManagers.class);
            managers.get("test.spring.destroy.b").load("disposable");
            managers.get("test.spring.destroy.a").load("closeable");
            managers.get("test.spring.destroy.a").load("pre-destroy");
        });
        assertThat(log.get().events()).containsExactly("pre-destroy", "closeable", "disposable", "log destroyed");
    }

    @Test
    void pluginsNotCreatedByTheContextAreLeftAlone() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.withPropertyValues("plux.autowire=false").run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            // without autowiring a class plugin needs a no-argument constructor, which these lack
            PluginManager<?> a = context.getBean(PluginManagers.class).get("test.spring.destroy.a");
            assertThat(a.loadAll()).isEmpty();
        });
        assertThat(log.get().events()).containsExactly("log destroyed");
    }

    @Configuration(proxyBeanMethods = false)
    static class LogConfiguration {

        @Bean
        DestroyLog destroyLog() {
            return new DestroyLog();
        }
    }
}
