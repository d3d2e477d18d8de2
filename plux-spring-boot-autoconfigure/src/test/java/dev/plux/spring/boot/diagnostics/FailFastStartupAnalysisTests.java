package dev.plux.spring.boot.diagnostics;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.spring.boot.autoconfigure.PluginStartupException;
import dev.plux.spring.boot.autoconfigure.fixtures.BeanTypeCopyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real fail-fast startup through the startup loader: a plugin whose constructor needs a bean nobody defined.
 * Spring Boot reports plux's analysis, not its own "consider defining a bean".
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailFastStartupAnalysisTests {

    @Test
    void failFastPluginNeedingAMissingBeanGetsThePluxReport(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("plux.namespaces[0]", "test.spring.cli",
                "plux.namespaces[1].namespace", "test.spring.inject", "plux.namespaces[1].include", "missing",
                "plux.namespaces[1].load-on-startup", "true", "plux.namespaces[1].fail-fast", "true"));

        assertThatThrownBy(application::run).isInstanceOf(PluginStartupException.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Plugin 'missing' of plux namespace 'test.spring.inject' failed while the application started")
            .contains("Namespace: test.spring.inject (plux.namespaces[1])")
            .contains("Missing bean: Parameter 0 of constructor in"
                    + " dev.plux.spring.boot.autoconfigure.fixtures.MissingBeanPlugin required a bean of type"
                    + " 'dev.plux.spring.boot.autoconfigure.fixtures.UnregisteredService' that could not be found")
            .contains("add 'missing' to plux.namespaces[1].exclude")
            .contains("set plux.namespaces[1].fail-fast=false")
            .doesNotContain("Consider defining a bean");
    }

    @Test
    void failFastPluginThatIsNotOfThePluginTypeNamesThePluginTypeProperty(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // the namespace's only plugin, hello, is a CliPlugin, not a ServicePlugin
        application.setDefaultProperties(Map.of("plux.namespaces[0]", "test.spring.services",
                "plux.namespaces[1].namespace", "test.spring.cli", "plux.namespaces[1].plugin-type",
                "dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin", "plux.namespaces[1].load-on-startup",
                "true", "plux.namespaces[1].fail-fast", "true"));

        assertThatThrownBy(application::run).isInstanceOf(PluginStartupException.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Plugin 'hello' of plux namespace 'test.spring.cli' failed while the application started")
            .contains("which is not a dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin (the plugin type of"
                    + " this manager)")
            .contains("Plugin 'hello' is not a dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin, the plugin"
                    + " type plux.namespaces[1].plugin-type sets: make the plugin implement it, or set"
                    + " plux.namespaces[1].plugin-type to a type that all the namespace's plugins implement")
            .contains("add 'hello' to plux.namespaces[1].exclude")
            .contains("set plux.namespaces[1].fail-fast=false");
    }

    @Test
    void failFastPluginWhoseBundleCarriesACopyOfABeansTypeIsToldToRemoveTheCopyNotToDefineTheBean(
            CapturedOutput output, @TempDir Path work) throws Exception {
        // the application has a bean of acme.shared.Clock, the plugin's bundle its own copy of that class
        BeanTypeCopyBundle copy = BeanTypeCopyBundle.build(work);
        try (URLClassLoader loader = copy.application()) {
            SpringApplication application = new SpringApplication(new DefaultResourceLoader(loader),
                    Application.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.addInitializers((context) -> context.getBeanFactory().registerSingleton("clock",
                    copy.clock()));
            application.setDefaultProperties(Map.of("plux.namespaces[0].namespace", "test.clocks",
                    "plux.namespaces[0].load-on-startup", "true", "plux.namespaces[0].fail-fast", "true",
                    "plux.plugin-directories", copy.pluginDirectory().toString()));

            assertThatThrownBy(application::run).isInstanceOf(PluginStartupException.class);
        }

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Plugin 'clock' of plux namespace 'test.clocks' failed while the application started")
            .contains("Root cause: org.springframework.beans.factory.NoSuchBeanDefinitionException: No qualifying"
                    + " bean of type 'acme.shared.Clock'")
            .contains("Plugin 'clock' carries its own copy of acme.shared.Clock, the type of a bean it needs, so the"
                    + " application's bean of that type does not qualify: remove acme.shared.Clock (or the library"
                    + " holding it) from the plugin's bundle or jar")
            .contains("add 'clock' to plux.namespaces[0].exclude")
            .doesNotContain("Define the missing bean");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

    }
}
