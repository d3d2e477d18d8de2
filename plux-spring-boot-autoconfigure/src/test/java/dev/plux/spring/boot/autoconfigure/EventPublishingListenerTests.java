package dev.plux.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.event.PluginDisabledEvent;
import dev.plux.spring.event.PluginInitFailedEvent;
import dev.plux.spring.event.PluginInitializedEvent;
import dev.plux.spring.event.PluginLifecycleEvent;
import dev.plux.spring.event.PluginLoadFailedEvent;
import dev.plux.spring.event.PluginLoadedEvent;
import dev.plux.spring.event.PluginLoadingEvent;
import dev.plux.spring.event.PluginResolveFailedEvent;
import dev.plux.spring.event.PluginResolvedEvent;
import dev.plux.spring.boot.autoconfigure.fixtures.S3ServicePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class EventPublishingListenerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
        .withUserConfiguration(Recorder.class);

    @Test
    void loadPublishesResolvedInitializedLoadingAndLoadedInThatOrder() {
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                manager.load("s3");
                List<PluginLifecycleEvent> events = context.getBean(Recorder.class).of("s3");
                assertThat(events).extracting(Object::getClass)
                    .containsExactly(PluginResolvedEvent.class, PluginInitializedEvent.class,
                            PluginLoadingEvent.class, PluginLoadedEvent.class);
                assertThat(events).allSatisfy((event) -> {
                    assertThat(event.getSource()).isSameAs(manager);
                    assertThat(event.manager()).isSameAs(manager);
                    assertThat(event.namespace()).isEqualTo("test.spring.services");
                    assertThat(event.spec()).isNotNull();
                    assertThat(event.spec().value()).isEqualTo(S3ServicePlugin.class.getName());
                });
                PluginLoadedEvent loaded = (PluginLoadedEvent) events.get(3);
                assertThat(loaded.plugin()).isSameAs(manager.load("s3"));
                assertThat(loaded.loadResult()).isEqualTo(List.of());
                assertThat(((PluginLoadingEvent) events.get(2)).loadArgs()).isEmpty();
            });
    }

    @Test
    void theLoadEventsCarryTheLoadArgumentsACustomizerSetAndThePluginsResult() {
        // S3ServicePlugin returns its arguments: an event built with an empty list for either would go unnoticed above
        this.contextRunner
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.loadArgs("eu-west-1", 3))
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                Object s3 = manager.load("s3");
                List<PluginLifecycleEvent> events = context.getBean(Recorder.class).of("s3");
                assertThat(events).hasSize(4);
                assertThat(((PluginInitializedEvent) events.get(1)).plugin()).isSameAs(s3);
                PluginLoadingEvent loading = (PluginLoadingEvent) events.get(2);
                assertThat(loading.plugin()).isSameAs(s3);
                assertThat(loading.loadArgs()).containsExactly("eu-west-1", 3);
                assertThat(((PluginLoadedEvent) events.get(3)).loadResult()).isEqualTo(List.of("eu-west-1", 3));
            });
    }

    @Test
    void unresolvableEntryPublishesResolveFailedWithoutSpec() {
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.spring.unresolvable")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.unresolvable");
                assertThat(manager.listNames()).containsExactly("ghost");
                assertThat(manager.listPluginSpecs()).isEmpty();
                assertThat(context.getBean(Recorder.class).of("ghost")).singleElement()
                    .isInstanceOfSatisfying(PluginResolveFailedEvent.class, (event) -> {
                        assertThat(event.spec()).isNull();
                        assertThat(event.entryPoint().value()).endsWith("DoesNotExist");
                        assertThat(event.entryPoint().source()).isNotNull();
                        assertThat(event.exception()).hasMessageContaining("DoesNotExist");
                    });
            });
    }

    @Test
    void failedInitPublishesInitFailed() {
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.spring.inject")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.inject");
                assertThatThrownBy(() -> manager.load("missing")).isInstanceOf(PluginException.class);
                assertThat(context.getBean(Recorder.class).of("missing")).last()
                    .isInstanceOfSatisfying(PluginInitFailedEvent.class,
                            (event) -> assertThat(event.exception()).hasMessageContaining("UnregisteredService"));
            });
    }

    @Test
    void failedLoadPublishesLoadFailed() {
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.spring.failing")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.failing");
                assertThatThrownBy(() -> manager.load("broken")).isInstanceOf(PluginException.class);
                assertThat(context.getBean(Recorder.class).of("broken")).last()
                    .isInstanceOfSatisfying(PluginLoadFailedEvent.class, (event) -> {
                        assertThat(event.exception()).hasMessage("boom from FailingPlugin");
                        assertThat(event.plugin()).isNotNull();
                    });
            });
    }

    @Test
    void filteredPluginPublishesDisabledWithTheReason() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services", "plux.namespaces[0].exclude=s3")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                assertThatThrownBy(() -> manager.load("s3")).isInstanceOf(PluginDisabled.class);
                assertThat(context.getBean(Recorder.class).of("s3")).last()
                    .isInstanceOfSatisfying(PluginDisabledEvent.class, (event) -> assertThat(event.reason())
                        .startsWith("A plugin filter disabled this plugin before it was initialized: "));
            });
    }

    @Test
    void eventListenerThrowingPluginDisabledVetoesTheLoad() {
        this.contextRunner.withUserConfiguration(Veto.class)
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                assertThatThrownBy(() -> manager.load("sqs")).isInstanceOf(PluginDisabled.class)
                    .hasMessageContaining("vetoed by test");
                assertThatThrownBy(() -> manager.load("sqs")).isInstanceOf(PluginDisabled.class);
                assertThat(manager.getContainer("sqs").state()).isEqualTo(PluginState.DISABLED);
                assertThat(manager.getContainer("sqs").disabledReason()).isEqualTo("vetoed by test");
                List<PluginLifecycleEvent> events = context.getBean(Recorder.class).of("sqs");
                assertThat(events).extracting(Object::getClass)
                    .containsExactly(PluginResolvedEvent.class, PluginInitializedEvent.class,
                            PluginLoadingEvent.class, PluginDisabledEvent.class);
                assertThat(manager.load("s3")).isNotNull();
            });
    }

    @Test
    void eventListenerThrowingPluginDisabledOnResolutionDisablesThePlugin() {
        this.contextRunner.withUserConfiguration(Veto.class)
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                manager.listPluginSpecs();
                assertThat(manager.getContainer("legacy-queue").state()).isEqualTo(PluginState.DISABLED);
                assertThat(manager.getContainer("legacy-queue").disabledReason()).isEqualTo("not wanted");
            });
    }

    @Test
    void eventListenerOfALoadFailureThrowingPluginDisabledMakesTheFailureDisabled() {
        this.contextRunner.withUserConfiguration(Optional.class)
            .withPropertyValues("plux.namespaces=test.spring.failing")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.failing");
                assertThatThrownBy(() -> manager.load("broken")).isInstanceOf(PluginDisabled.class);
                assertThat(manager.getContainer("broken").state()).isEqualTo(PluginState.DISABLED);
                assertThat(manager.getContainer("broken").disabledReason())
                    .isEqualTo("optional: boom from FailingPlugin");
            });
    }

    @Test
    void eventListenerThrowingAnythingElseDoesNotStopLoading() {
        this.contextRunner.withUserConfiguration(Clumsy.class)
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                assertThat(manager.load("s3")).isNotNull();
                assertThat(manager.isLoaded("s3")).isTrue();
                assertThat(context.getBean(Clumsy.class).calls).containsExactly("s3");
            });
    }

    @Test
    @Timeout(60)
    @ExtendWith(OutputCaptureExtension.class)
    void theWarningOfAThrowingEventListenerNamesTheEventAndThePlugin(CapturedOutput output) {
        // the user wrote an @EventListener for an event: the warning must say that, not name plux's publisher
        this.contextRunner.withUserConfiguration(Clumsy.class)
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                context.getBean(PluginManagers.class).get("test.spring.services").load("s3");
                assertThat(output).contains("an @EventListener of PluginInitializedEvent failed for plugin"
                        + " test.spring.services:s3; ignoring it: java.lang.IllegalStateException: clumsy listener")
                    .doesNotContain("EventPublishingListener[");
            });
    }

    @Test
    @Timeout(60)
    @ExtendWith(OutputCaptureExtension.class)
    void theWarningOfAnEventListenerThrowingAnErrorOrACheckedExceptionNamesWhatItThrew(CapturedOutput output) {
        // Spring wraps what an @EventListener throws that is not a RuntimeException in an
        // UndeclaredThrowableException whose message is only "Failed to invoke event listener method" and the
        // method's details: the warning must name what the listener threw, and the plugin must still load
        this.contextRunner.withUserConfiguration(Careless.class)
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                assertThat(manager.load("s3")).isNotNull();
                assertThat(manager.isLoaded("s3")).isTrue();
                assertThat(output).contains("an @EventListener of PluginInitializedEvent failed for plugin"
                        + " test.spring.services:s3; ignoring it: java.lang.NoClassDefFoundError: com/example/Missing"
                        + " (thrown at dev.plux.spring.boot.autoconfigure.EventPublishingListenerTests$Careless"
                        + ".onInitialized(EventPublishingListenerTests.java:",
                        "an @EventListener of PluginLoadingEvent failed for plugin test.spring.services:s3;"
                        + " ignoring it: java.io.IOException: checked, sneaked through (thrown at")
                    .doesNotContain("ignoring it: java.lang.reflect.UndeclaredThrowableException");
            });
    }

    @Test
    @Timeout(60)
    @ExtendWith(OutputCaptureExtension.class)
    void anApplicationListenerThrowingAnErrorIsNamedAsTheUserWroteIt(CapturedOutput output) {
        // an ApplicationListener bean's Error is not wrapped by Spring: named as an event listener of the event,
        // not as plux's publisher
        this.contextRunner.withBean(ErrorThrowingListener.class)
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                assertThat(manager.load("s3")).isNotNull();
                // an ApplicationListener bean, which the user did not write as an @EventListener
                assertThat(output).contains("an ApplicationListener of PluginLoadedEvent failed for plugin"
                        + " test.spring.services:s3; ignoring it: java.lang.ExceptionInInitializerError")
                    .contains("(thrown at dev.plux.spring.boot.autoconfigure.EventPublishingListenerTests"
                            + "$ErrorThrowingListener.onApplicationEvent(")
                    .doesNotContain("an @EventListener of PluginLoadedEvent")
                    .doesNotContain("EventPublishingListener[");
            });
    }

    @Test
    void anOutOfMemoryErrorOfAnEventListenerIsNotSwallowedThoughSpringWrapsIt() {
        // SPEC: listener failures are ignored except a VirtualMachineError; Spring wraps an @EventListener's error in
        // an UndeclaredThrowableException, which must not hide it
        this.contextRunner.withUserConfiguration(OutOfMemory.class)
            .withPropertyValues("plux.namespaces=test.spring.services")
            .run((context) -> {
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.services");
                assertThatThrownBy(() -> manager.load("s3")).isInstanceOf(OutOfMemoryError.class)
                    .hasMessage("listener out of memory");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class OutOfMemory {

        @EventListener
        void onLoading(PluginLoadingEvent event) {
            throw new OutOfMemoryError("listener out of memory");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable throwable) throws T {
        throw (T) throwable;
    }

    @Configuration(proxyBeanMethods = false)
    static class Careless {

        @EventListener
        void onInitialized(PluginInitializedEvent event) {
            throw new NoClassDefFoundError("com/example/Missing");
        }

        @EventListener
        void onLoading(PluginLoadingEvent event) {
            EventPublishingListenerTests.<RuntimeException>sneakyThrow(new java.io.IOException("checked, sneaked through"));
        }
    }

    static class ErrorThrowingListener implements org.springframework.context.ApplicationListener<PluginLoadedEvent> {

        @Override
        public void onApplicationEvent(PluginLoadedEvent event) {
            throw new ExceptionInInitializerError("static state of a listener");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Recorder {

        final List<PluginLifecycleEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PluginLifecycleEvent event) {
            this.events.add(event);
        }

        List<PluginLifecycleEvent> of(String pluginName) {
            return this.events.stream().filter((event) -> event.pluginName().equals(pluginName)).toList();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Veto {

        @EventListener
        void onLoading(PluginLoadingEvent event) {
            if (event.pluginName().equals("sqs")) {
                throw new PluginDisabled(event.namespace(), event.pluginName(), "vetoed by test");
            }
        }

        @EventListener
        void onResolved(PluginResolvedEvent event) {
            if (event.pluginName().equals("legacy-queue")) {
                throw new PluginDisabled(event.namespace(), event.pluginName(), "not wanted");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Optional {

        @EventListener
        void onLoadFailed(PluginLoadFailedEvent event) {
            throw new PluginDisabled(event.namespace(), event.pluginName(),
                    "optional: " + event.exception().getMessage());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Clumsy {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @EventListener
        void onInitialized(PluginInitializedEvent event) {
            this.calls.add(event.pluginName());
            throw new IllegalStateException("clumsy listener");
        }
    }
}
