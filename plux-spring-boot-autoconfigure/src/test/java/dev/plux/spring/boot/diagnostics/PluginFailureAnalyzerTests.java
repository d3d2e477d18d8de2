package dev.plux.spring.boot.diagnostics;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.core.NoSuchPluginException;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginTypeMismatchException;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluxNamespace;
import dev.plux.spring.boot.autoconfigure.fixtures.BeanTypeCopyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginFailureAnalyzerTests {

    private final PluginFailureAnalyzer analyzer = new PluginFailureAnalyzer();

    @Test
    void missingPluginIsExplained() {
        FailureAnalysis analysis = this.analyzer
            .analyze(new BeanCreationException("services", new NoSuchPluginException("test.ns", "s3")));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("No plugin named 's3' exists in plux namespace 'test.ns'.");
        assertThat(analysis.getAction()).contains("[test.ns]")
            // a newcomer's plugin in the application's own sources is missing for these, not for the class path
            .contains("give its class @PluginName")
            .contains("dev.plux:plux-processor")
            .contains("annotationProcessorPaths");
    }

    @Test
    void aPluginNotOfItsNamespacesPluginTypeIsToldToFixThePluginOrThePluginType() {
        // a bean that loads it while the application starts: the exception names no plux.namespaces index
        PluginException failure = new PluginException("plugin test.ns:s3 failed to initialize", "test.ns", "s3",
                new PluginTypeMismatchException("not a Runnable", "test.ns", "s3", Runnable.class, Object.class,
                        null));
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("services", failure));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction()).startsWith("Plugin 's3' is not a java.lang.Runnable, the plugin type that"
                + " the plugin-type of the plux.namespaces item of namespace 'test.ns' sets: make the plugin implement"
                + " it, or set that plugin-type to a type that all the namespace's plugins implement");
    }

    @Test
    void disabledPluginSaysWhyWithoutAdvisingStartupProperties() {
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("services",
                new PluginDisabled("test.ns", "s3", "Load condition for plugin was false")));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("Plugin 's3' in plux namespace 'test.ns' is disabled (Load"
                + " condition for plugin was false), but the application requires it.");
        assertThat(analysis.getAction()).doesNotContain("exclude").doesNotContain("fail-fast");
    }

    @Test
    void disabledPluginWithAReasonItsCodeGaveIsNotSaidToBeDisabledByAFilter() {
        // a listener (or the plugin itself) wrote this reason: no filter or load condition is involved
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("services",
                new PluginDisabled("test.ns", "s3", "licence server refused it")));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("Plugin 's3' in plux namespace 'test.ns' is disabled"
                + " (licence server refused it), but the application requires it.");
        assertThat(analysis.getAction()).doesNotContain("names the filter or load condition")
            .contains("the reason above says what disabled it")
            .contains("the text that the code which threw PluginDisabled gave");
    }

    @Test
    void disabledPluginWithoutAReasonDoesNotPointToAReasonAbove() {
        // plux's filters and load conditions always give a reason; only code that throws PluginDisabled itself
        // (the plugin, a listener, an interceptor) can leave it out
        FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("services",
                new PluginDisabled("test.ns", "s3", null)));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("Plugin 's3' in plux namespace 'test.ns' is disabled, but"
                + " the application requires it. No reason was given.");
        assertThat(analysis.getAction()).doesNotContain("the reason above")
            .contains("not a plux filter or load condition (those always give one)")
            .contains("threw PluginDisabled without a reason");
    }

    @Test
    void failuresWithoutAPluginAndStartupFailuresAreLeftToOthers() {
        assertThat(this.analyzer.analyze(new IllegalStateException("boom"))).isNull();
        assertThat(this.analyzer.analyze(new PluginException("finder failed", "test.ns", null))).isNull();
        assertThat(this.analyzer.analyze(new dev.plux.spring.boot.autoconfigure.PluginStartupException("failed",
                "test.ns", "plux.namespaces[0]", java.util.List.of("db"), false,
                new PluginException("db failed", "test.ns", "db")))).isNull();
    }

    @Test
    void aMissingBeanOfAClassOfTheApplicationsOwnChildFirstLoaderIsAMissingBeanNotACopy(@TempDir Path work)
            throws Exception {
        // devtools' restart class loader looks the application's classes up in itself first, and its parent has them
        // too: no bundle carries a copy, so the advice is to define the bean
        BeanTypeCopyBundle classes = BeanTypeCopyBundle.build(work);
        try (URLClassLoader application = classes.application(); URLClassLoader restart = classes.restartLike()) {
            Class<?> clock = restart.loadClass("acme.shared.Clock");
            FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("usesClock",
                    new PluginException("plugin test.clocks:clock failed to initialize", "test.clocks", "clock",
                            new NoSuchBeanDefinitionException(clock))));

            assertThat(analysis).isNotNull();
            assertThat(analysis.getAction()).startsWith("Define the missing bean the plugin needs")
                .doesNotContain("own copy");
        }
    }

    /** A user's bean loads a plugin that fails: the report names it, but advises no plux startup property. */
    @Test
    void pluginFailureInAUsersBeanIsReportedWithItsRootCause(CapturedOutput output) {
        SpringApplication application = new SpringApplication(UsesBrokenPlugin.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("plux.namespaces[0]", "test.spring.failing"));

        assertThatThrownBy(application::run).hasRootCauseMessage("boom from FailingPlugin");

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Plugin 'broken' in plux namespace 'test.spring.failing' failed when the application used it.")
            .contains("Root cause: java.lang.IllegalStateException: boom from FailingPlugin")
            .contains("handle the PluginException where the application loads the plugin")
            .doesNotContain("fail-fast")
            .doesNotContain(".exclude");
    }

    /** A user's bean loads a plugin whose bundle carries its own copy of the type of a bean it needs. */
    @Test
    void pluginWhoseBundleCarriesACopyOfABeansTypeIsToldToRemoveTheCopy(CapturedOutput output, @TempDir Path work)
            throws Exception {
        BeanTypeCopyBundle copy = BeanTypeCopyBundle.build(work);
        try (URLClassLoader loader = copy.application()) {
            SpringApplication application = new SpringApplication(new DefaultResourceLoader(loader),
                    UsesClockPlugin.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.addInitializers((context) -> context.getBeanFactory().registerSingleton("clock",
                    copy.clock()));
            application.setDefaultProperties(Map.of("plux.namespaces[0]", "test.clocks", "plux.plugin-directories",
                    copy.pluginDirectory().toString()));

            assertThatThrownBy(application::run).hasRootCauseInstanceOf(NoSuchBeanDefinitionException.class);
        }

        assertThat(output).contains("Plugin 'clock' in plux namespace 'test.clocks' failed when the application used"
                + " it.")
            .contains("Plugin 'clock' carries its own copy of acme.shared.Clock, the type of a bean it needs")
            .contains("remove acme.shared.Clock (or the library holding it) from the plugin's bundle or jar")
            .doesNotContain("Define the missing bean");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class UsesClockPlugin {

        @Bean
        Object usesClock(@PluxNamespace("test.clocks") PluginManager<?> clocks) {
            return clocks.load("clock");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class UsesBrokenPlugin {

        @Bean
        Object usesBroken(@PluxNamespace("test.spring.failing") PluginManager<?> failing) {
            return failing.load("broken");
        }
    }
}
