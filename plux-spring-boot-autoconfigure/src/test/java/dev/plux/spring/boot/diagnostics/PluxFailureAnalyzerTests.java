package dev.plux.spring.boot.diagnostics;

import java.util.Map;

import dev.plux.core.NoSuchPluginException;
import dev.plux.core.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class PluxFailureAnalyzerTests {

    @Test
    void failFastFailureNamesNamespacePluginCauseAndTheExcludeProperty() {
        MockEnvironment environment = new MockEnvironment().withProperty("plux.namespaces[0]", "other.ns")
            .withProperty("plux.namespaces[1].namespace", "test.ns")
            .withProperty("plux.namespaces[1].fail-fast", "true");
        FailureAnalysis analysis = new PluxFailureAnalyzer(environment).analyze(startupFailure());
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("Plugin 'db' in plux namespace 'test.ns' failed")
            .contains("Namespace: test.ns")
            .contains("Plugin: db")
            .contains("Cause: java.lang.IllegalStateException: no database");
        assertThat(analysis.getAction()).contains("adding 'db' to plux.namespaces[1].exclude")
            .contains("plux.namespaces[1].fail-fast=false");
    }

    @Test
    void namespaceIndexIsFoundInTheCommaSeparatedForm() {
        MockEnvironment environment = new MockEnvironment().withProperty("plux.namespaces", "other.ns, test.ns");
        FailureAnalysis analysis = new PluxFailureAnalyzer(environment).analyze(startupFailure());
        assertThat(analysis.getAction()).contains("plux.namespaces[1].exclude");
    }

    @Test
    void withoutTheNamespaceInConfigurationTheGlobalExclusionIsSuggested() {
        FailureAnalysis analysis = new PluxFailureAnalyzer(new MockEnvironment()).analyze(startupFailure());
        assertThat(analysis.getAction()).contains("plux.exclude[n].namespace=test.ns")
            .contains("plux.exclude[n].name=db")
            .contains("fail-fast=false");
    }

    @Test
    void missingPluginIsExplained() {
        FailureAnalysis analysis = new PluxFailureAnalyzer(new MockEnvironment())
            .analyze(new BeanCreationException("services", new NoSuchPluginException("test.ns", "s3")));
        assertThat(analysis.getDescription()).isEqualTo("No plugin named 's3' exists in plux namespace 'test.ns'.");
        assertThat(analysis.getAction()).contains("[test.ns]");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(new PluxFailureAnalyzer(new MockEnvironment()).analyze(new IllegalStateException("boom")))
            .isNull();
        assertThat(new PluxFailureAnalyzer(new MockEnvironment())
            .analyze(new PluginException("finder failed", "test.ns", null))).isNull();
    }

    @Test
    void springBootReportsTheAnalysisWhenStartupFails(CapturedOutput output) {
        SpringApplication application = new SpringApplication(FailingStartupConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("plux.namespaces[0].namespace", "test.ns",
                "plux.namespaces[0].load-on-startup", "true", "plux.namespaces[0].fail-fast", "true"));
        assertThatThrownBy(application::run).hasRootCauseMessage("no database");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Plugin 'db' in plux namespace 'test.ns' failed")
            .contains("plux.namespaces[0].exclude");
    }

    private static Throwable startupFailure() {
        PluginException failure = new PluginException(
                "plugin test.ns:db failed to initialize: java.lang.IllegalStateException: no database", "test.ns", "db",
                new IllegalStateException("no database"));
        return new BeanCreationException("testNsPluginManager", "Error creating bean", failure);
    }

    /** Fails as a fail-fast load-on-startup namespace does. */
    @Configuration(proxyBeanMethods = false)
    static class FailingStartupConfiguration {

        @Bean
        Object failingPlugins() {
            throw (RuntimeException) startupFailure().getCause();
        }
    }
}
