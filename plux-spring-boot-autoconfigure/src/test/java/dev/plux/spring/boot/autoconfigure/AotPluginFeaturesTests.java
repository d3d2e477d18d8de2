package dev.plux.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.plux.core.PluginTypeMismatchException;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.fixtures.AsyncBasePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.AsyncServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.BaseServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.ComponentPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.EventListeningPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.metrics.StartupStep;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.Compiled;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What plux does for plugins created through the context, in an application processed by Spring AOT, compiled and
 * started: there plugins are created through a child bean factory ({@link PluginBeanFactory}), so the application's
 * proxies, the warnings of what Spring does for beans only and the startup steps are checked there as well.
 */
@CompileWithForkedClassLoader
@ExtendWith(OutputCaptureExtension.class)
@Timeout(180)
class AotPluginFeaturesTests {

    private static final String PROXIED = "test.spring.proxied";

    @Test
    void aPluginTheApplicationsAsyncProxiesIsLoadedThroughTheProxyAndDestroyedAsTheObjectPluxCreated() {
        assertAsyncPluginProxiedAndDestroyedAsCreated(List.of(AsyncConfiguration.class));
    }

    @Test
    void aPluginCreatedAfterAManagerThatAPostProcessorTookIsStillProxiedByTheLaterPostProcessors() {
        // the manager, and what creates its plugins, exist before @EnableAsync's post-processor is registered
        assertAsyncPluginProxiedAndDestroyedAsCreated(
                List.of(AsyncConfiguration.class, EarlyManagerConfiguration.class));
    }

    /**
     * Starts the processed application with {@code configurations}, loads its async plugin, which must come through
     * the application's proxy, and checks that closing the context destroyed the object plux created.
     */
    private void assertAsyncPluginProxiedAndDestroyedAsCreated(List<Class<?>> configurations) {
        String[] properties = { "plux.namespaces[0].namespace=" + PROXIED,
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() };
        AtomicReference<@Nullable DestroyLog> log = new AtomicReference<>();
        start(properties, properties, configurations, null, (context) -> {
            log.set(context.getBean(DestroyLog.class));
            Object plugin = context.getBean(PluginManagers.class).get(PROXIED).load("async");
            assertThat(AopUtils.isAopProxy(plugin)).isTrue();
        });
        assertThat(log.get()).isNotNull();
        assertThat(log.get().events()).containsExactly("async loaded as AsyncServicePlugin", "async pre-destroy",
                "log destroyed");
    }

    @Test
    void theProxiesTheApplicationsPostProcessorsMakeOfAPluginAreGeneratedWhenTheApplicationIsProcessed() {
        // a native image can define no class at run time: as Spring does for the beans it knows, processing writes
        // out the class proxy of a plugin, and registers the JDK proxy of one whose proxies are interface-based
        String[] properties = { "plux.namespaces[0].namespace=" + PROXIED,
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName() };
        TestGenerationContext classProxies = process(properties, List.of(AsyncConfiguration.class,
                AopAutoConfiguration.class));
        assertThat(classProxies.getGeneratedFiles().getGeneratedFiles(GeneratedFiles.Kind.CLASS).keySet())
            .anyMatch((path) -> path.startsWith(AsyncServicePlugin.class.getName().replace('.', '/')
                    + "$$SpringCGLIB$$"));
        String[] jdkProxies = { properties[0], properties[1], "spring.aop.proxy-target-class=false" };
        TestGenerationContext interfaceProxies = process(jdkProxies, List.of(AsyncConfiguration.class,
                AopAutoConfiguration.class));
        assertThat(RuntimeHintsPredicates.proxies()
            .forInterfaces(AopProxyUtils.completeJdkProxyInterfaces(ServicePlugin.class)))
            .accepts(interfaceProxies.getRuntimeHints());
    }

    private static TestGenerationContext process(String[] properties, List<Class<?>> configurations) {
        AnnotationConfigApplicationContext source = new AnnotationConfigApplicationContext();
        TestPropertyValues.of(properties).applyTo(source);
        source.register(PluxAutoConfiguration.class);
        configurations.forEach(source::register);
        TestGenerationContext generationContext = new TestGenerationContext();
        new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        return generationContext;
    }

    @Test
    void aJdkProxyOfAPluginWhosePluginTypeIsAClassSaysThatTheProxySettingsWereReadWhenProcessing() {
        String[] processed = { "plux.namespaces[0].namespace=" + PROXIED, "spring.aop.proxy-target-class=false",
                "plux.namespaces[0].plugin-type=" + BaseServicePlugin.class.getName() };
        // set as the message says: the auto-proxy configuration was chosen when the application was processed
        String[] running = { "plux.namespaces[0].namespace=" + PROXIED, "spring.aop.proxy-target-class=true",
                "plux.namespaces[0].plugin-type=" + BaseServicePlugin.class.getName() };
        start(processed, running, List.of(AsyncConfiguration.class, AopAutoConfiguration.class), null, (context) -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get(PROXIED);
            assertThat(catchThrowable(() -> manager.load("async-base"))).isNotNull();
            assertThat(manager.getContainer("async-base").initError())
                .isInstanceOf(PluginTypeMismatchException.class)
                .hasMessageContaining("JDK proxy")
                .hasMessageContaining(AsyncBasePlugin.class.getName())
                .hasMessageContaining("spring.aop.proxy-target-class=true")
                .hasMessageContaining("the application is AOT-processed")
                .hasMessageContaining("process the application again (spring-boot:process-aot)");
        });
    }

    @Test
    void pluginsThatExpectWhatSpringDoesForBeansOnlyAreWarnedOfAndOnlyThose(CapturedOutput output) {
        String[] properties = { "plux.namespaces=test.spring.notabean" };
        start(properties, properties, List.of(ComponentConfiguration.class), null, (context) -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.notabean");
            manager.load("listening");
            manager.load("component");
        });
        assertThat(output.getOut()).containsOnlyOnce("plugin listening (" + EventListeningPlugin.class.getName()
                + ") has @EventListener methods that Spring never calls: [onRefresh]")
            // the application's bean only: the child factory plugins are created with holds none
            .containsOnlyOnce("plugin component (" + ComponentPlugin.class.getName()
                    + ") is also a bean ([scannedPlugin])")
            .doesNotContain("plugin listening (" + EventListeningPlugin.class.getName() + ") is also a bean");
    }

    @Test
    void startupLoadingIsRecordedAsStartupSteps() {
        String[] properties = { "plux.namespaces[0].namespace=test.spring.cli",
                "plux.namespaces[0].load-on-startup=true" };
        BufferingApplicationStartup startup = new BufferingApplicationStartup(10_000);
        start(properties, properties, List.of(), startup, (context) -> {
        });
        List<StartupStep> steps = startup.getBufferedTimeline()
            .getEvents()
            .stream()
            .map((event) -> event.getStartupStep())
            .filter((step) -> step.getName().startsWith("plux."))
            .toList();
        assertThat(steps).extracting(StartupStep::getName).contains("plux.namespace.list", "plux.plugin.load");
    }

    /** Processes a context with {@code processed}, then starts the generated code with {@code running}. */
    private void start(String[] processed, String[] running, List<Class<?>> configurations,
            @Nullable BufferingApplicationStartup startup, Consumer<GenericApplicationContext> check) {
        AnnotationConfigApplicationContext source = new AnnotationConfigApplicationContext();
        TestPropertyValues.of(processed).applyTo(source);
        source.register(PluxAutoConfiguration.class);
        configurations.forEach(source::register);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName className = new ApplicationContextAotGenerator().processAheadOfTime(source, generationContext);
        generationContext.writeGeneratedContent();
        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            try (GenericApplicationContext fresh = new GenericApplicationContext()) {
                if (startup != null) {
                    fresh.setApplicationStartup(startup);
                }
                TestPropertyValues.of(running).applyTo(fresh);
                initializer(compiled, className).initialize(fresh);
                fresh.refresh();
                check.accept(fresh);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static ApplicationContextInitializer<GenericApplicationContext> initializer(Compiled compiled,
            ClassName className) {
        return compiled.getInstance(ApplicationContextInitializer.class, className.toString());
    }

    /** The application's {@code @EnableAsync}, and the bean the async plugin logs its destruction to. */
    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    public static class AsyncConfiguration {

        /**
         * The log.
         *
         * @return the log
         */
        @Bean
        public DestroyLog destroyLog() {
            return new DestroyLog();
        }
    }

    /**
     * A post-processor that takes a manager, which Spring then creates while it registers the post-processors, before
     * the application's ordered ones ({@code @EnableAsync}'s).
     */
    @Configuration(proxyBeanMethods = false)
    public static class EarlyManagerConfiguration {

        /**
         * The post-processor.
         *
         * @param services the manager
         * @return a post-processor that changes nothing
         */
        @Bean
        public static ManagerTakingPostProcessor managerTakingPostProcessor(PluginManager<ServicePlugin> services) {
            return new ManagerTakingPostProcessor();
        }
    }

    /** Registered among the first post-processors, as a {@link PriorityOrdered} one. */
    public static final class ManagerTakingPostProcessor implements BeanPostProcessor, PriorityOrdered {

        @Override
        public int getOrder() {
            return 0;
        }
    }

    /** A bean of a plugin class, as component scanning would find it. */
    @Configuration(proxyBeanMethods = false)
    public static class ComponentConfiguration {

        /**
         * The bean.
         *
         * @return the bean
         */
        @Bean
        public ComponentPlugin scannedPlugin() {
            return new ComponentPlugin();
        }
    }
}
