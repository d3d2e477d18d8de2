package dev.plux.spring.boot.diagnostics;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.spring.boot.autoconfigure.PluginStartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

    }
}
