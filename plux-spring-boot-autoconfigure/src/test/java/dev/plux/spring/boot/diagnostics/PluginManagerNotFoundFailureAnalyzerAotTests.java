package dev.plux.spring.boot.diagnostics;

import java.util.concurrent.atomic.AtomicReference;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A {@code PluginManager} injection that fails in an application processed by Spring AOT, compiled and started: the
 * auto-configuration conditions were evaluated when it was processed, so the analysis says so.
 */
@CompileWithForkedClassLoader
@Timeout(180)
class PluginManagerNotFoundFailureAnalyzerAotTests {

    @Test
    void anApplicationProcessedWithPluxTurnedOffIsToldToProcessItAgain() {
        // turned on at run time: under AOT the auto-configuration's condition was decided at build time
        FailureAnalysis analysis = analyze(new String[] { "plux.enabled=false" },
                new String[] { "plux.namespaces[0].namespace=test.spring.services",
                        "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() });
        assertThat(analysis.getDescription()).contains("required a bean of type")
            .contains("The application is AOT-processed")
            .contains("evaluated when it was processed");
        assertThat(analysis.getAction()).contains("process the application again (spring-boot:process-aot)");
    }

    @Test
    void onTheJvmTheAnalysisSaysNothingOfAot() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        TestPropertyValues.of("plux.enabled=false").applyTo(context);
        context.register(PluxAutoConfiguration.class, NeedsServicePlugins.class);
        Throwable failure = catchThrowable(context::refresh);
        FailureAnalysis analysis = new PluginManagerNotFoundFailureAnalyzer(context.getBeanFactory(),
                context.getEnvironment()).analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("AOT");
    }

    private FailureAnalysis analyze(String[] processed, String[] running) {
        AnnotationConfigApplicationContext source = new AnnotationConfigApplicationContext();
        TestPropertyValues.of(processed).applyTo(source);
        source.register(PluxAutoConfiguration.class, NeedsServicePlugins.class);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        generationContext.writeGeneratedContent();
        AtomicReference<@Nullable FailureAnalysis> analysis = new AtomicReference<>();
        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            GenericApplicationContext fresh = new GenericApplicationContext();
            TestPropertyValues.of(running).applyTo(fresh);
            @SuppressWarnings("unchecked")
            ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
                .getInstance(ApplicationContextInitializer.class, className.toString());
            initializer.initialize(fresh);
            Throwable failure = catchThrowable(fresh::refresh);
            assertThat(failure).as("startup failure").isNotNull();
            analysis.set(new PluginManagerNotFoundFailureAnalyzer(fresh.getBeanFactory(), fresh.getEnvironment())
                .analyze(failure));
        });
        assertThat(analysis.get()).as("analysis").isNotNull();
        return analysis.get();
    }

    /** Takes a manager of the namespace the running application configures. */
    public static class NeedsServicePlugins {

        /**
         * Creates the consumer.
         *
         * @param services the manager
         */
        public NeedsServicePlugins(PluginManager<ServicePlugin> services) {
        }
    }
}
