package dev.plux.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.event.PluginLoadedEvent;
import dev.plux.spring.boot.autoconfigure.fixtures.CliPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.Greeter;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole Spring Boot application: the auto-configuration comes from the imports file, the namespaces from
 * properties, and {@code @EventListener} beans see the events of loading on startup.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "plux.namespaces[0].namespace=test.spring.services",
        "plux.namespaces[0].plugin-type=dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin",
        "plux.namespaces[0].load-on-startup=true",
        "plux.namespaces[0].exclude=legacy-*",
        "plux.namespaces[1].namespace=test.spring.cli",
        "plux.namespaces[1].plugin-type=dev.plux.spring.boot.autoconfigure.fixtures.CliPlugin" })
@Timeout(60)
class PluxSpringBootApplicationTests {

    @Autowired
    PluginManager<ServicePlugin> services;

    @Autowired
    PluginManager<CliPlugin> cli;

    @Autowired
    PluginManagers managers;

    @Autowired
    Application application;

    @Test
    void autoConfigurationRegistersTypedManagersFromTheImportsFile() {
        assertThat(this.services.namespace()).isEqualTo("test.spring.services");
        assertThat(this.cli.namespace()).isEqualTo("test.spring.cli");
        assertThat(this.managers.all()).containsExactly(this.services, this.cli);
    }

    @Test
    void eventListenersSeeThePluginsLoadedOnStartup() {
        assertThat(this.application.loaded).containsExactly("test.spring.services:s3", "test.spring.services:sqs");
        assertThat(this.services.isLoaded("s3")).isTrue();
        assertThat(this.services.isLoaded("legacy-queue")).isFalse();
        assertThat(this.cli.isLoaded("hello")).isFalse();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        final List<String> loaded = new CopyOnWriteArrayList<>();

        @Bean
        Greeter greeter() {
            return new Greeter("hi");
        }

        @EventListener
        void onLoaded(PluginLoadedEvent event) {
            this.loaded.add(event.namespace() + ":" + event.pluginName());
        }
    }
}
