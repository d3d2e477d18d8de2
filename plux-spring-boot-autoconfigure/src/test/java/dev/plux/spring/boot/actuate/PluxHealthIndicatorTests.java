package dev.plux.spring.boot.actuate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.MatchingPluginFilter;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluxHealthIndicatorTests {

    /** test.spring.unresolvable (test index) declares ghost = a class that does not exist. */
    private static final String UNRESOLVABLE = "test.spring.unresolvable";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class, PluxActuatorAutoConfiguration.class))
        .withPropertyValues("plux.namespaces[0].namespace=" + UNRESOLVABLE, "plux.namespaces[0].load-on-startup=true");

    @Test
    void upWhileNoPluginOfALoadOnStartupNamespaceFailed() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        manager.load("good");
        Health health = new PluxHealthIndicator(new PluginManagers(List.of(manager)), settings("test.ns", true))
            .health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).isEmpty();
    }

    @Test
    void downWithFailedPluginsAndTheirErrorsOnceALoadOnStartupNamespaceHasFailures() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        manager.loadAll();
        Health health = new PluxHealthIndicator(new PluginManagers(List.of(manager)), settings("test.ns", true))
            .health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsOnlyKeys("test.ns");
        assertThat(health.getDetails().get("test.ns")).isEqualTo(
                Map.of("broken-init", "java.lang.IllegalStateException: no database",
                        "broken-load", "java.lang.IllegalArgumentException: bad config"));
    }

    @Test
    void aFailureWhoseMessageCannotBeReadIsReportedByItsTypeNotAsAFailingHealthCheck() {
        // a plugin's exception whose getMessage() throws: health must stay DOWN with the plugin named, not throw
        // (a throwing indicator makes Boot answer 500 for the whole /actuator/health)
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.unreadable")
            .finder(() -> List.of(new PluginSpec("test.unreadable", "bad", () -> {
                throw new PluxEndpointTests.UnreadableMessage();
            })))
            .build();
        manager.loadAll();
        Health health = new PluxHealthIndicator(new PluginManagers(List.of(manager)),
                settings("test.unreadable", true))
            .health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("test.unreadable"))
            .isEqualTo(Map.of("bad", PluxEndpointTests.UnreadableMessage.class.getName()));
    }

    @Test
    void failuresOfAnOnDemandNamespaceKeepHealthUp() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        manager.loadAll();
        Health health = new PluxHealthIndicator(new PluginManagers(List.of(manager)), settings("test.ns", false))
            .health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void healthCheckDoesNotResolveANamespace() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        Health health = new PluxHealthIndicator(new PluginManagers(List.of(manager)), settings("test.ns", true))
            .health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(manager.isResolved()).isFalse();
    }

    @Test
    void loadOnStartupNamespaceWithoutManagerIsIgnored() {
        Health health = new PluxHealthIndicator(new PluginManagers(List.of()), settings("test.missing", true))
            .health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void namespaceWithSurroundingBlanksInThePropertiesStillTurnsHealthDown() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        manager.loadAll();
        Health health = new PluxHealthIndicator(new PluginManagers(List.of(manager)),
                settings(" test.ns ", true))
            .health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aPluginThatFailedToResolveTurnsHealthDownUnlessTheContextExcludesIt() {
        this.contextRunner.run((context) -> assertThat(ghostHealth(context)).isEqualTo(Status.DOWN));
        // the namespace's own exclude (by name), plux.exclude by name or by value: the application runs without it
        this.contextRunner.withPropertyValues("plux.namespaces[0].exclude=gh*")
            .run((context) -> assertThat(ghostHealth(context)).isEqualTo(Status.UP));
        this.contextRunner.withPropertyValues("plux.exclude[0].name=gh*")
            .run((context) -> assertThat(ghostHealth(context)).isEqualTo(Status.UP));
        this.contextRunner.withPropertyValues("plux.exclude[0].namespace=test.spring.*",
                "plux.exclude[0].value=*.DoesNotExist")
            .run((context) -> assertThat(ghostHealth(context)).isEqualTo(Status.UP));
        // an exclusion of plux.exclude that does not match the plugin changes nothing
        this.contextRunner.withPropertyValues("plux.exclude[0].name=gh*", "plux.exclude[0].value=*.Other")
            .run((context) -> assertThat(ghostHealth(context)).isEqualTo(Status.DOWN));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aPluginTheGlobalFilterExcludesDoesNotTurnHealthDown() {
        MatchingPluginFilter.global().addExclusion(UNRESOLVABLE, "ghost", null);
        try {
            this.contextRunner.run((context) -> assertThat(ghostHealth(context)).isEqualTo(Status.UP));
        }
        finally {
            MatchingPluginFilter.global().clear();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aPluginThatFailedToResolveAndThatACustomizersFilterExcludesDoesNotTurnHealthDown() {
        // the application's own filter, added by a PluginManagerCustomizer: the manager disables what it excludes,
        // so health must not count the excluded plugin's missing class either
        this.contextRunner.withBean(PluginManagerCustomizer.class, () -> excludingByName("ghost"))
            .run((context) -> assertThat(ghostHealth(context)).isEqualTo(Status.UP));
        this.contextRunner.withBean(PluginManagerCustomizer.class, () -> excludingByName("other"))
            .run((context) -> assertThat(ghostHealth(context)).isEqualTo(Status.DOWN));
    }

    private static PluginManagerCustomizer excludingByName(String name) {
        return (namespace, builder) -> builder.filter((spec) -> spec.name().equals(name));
    }

    /** Asserts ghost failed to resolve on startup and returns the health the context's indicator reports. */
    private static Status ghostHealth(org.springframework.context.ApplicationContext context) {
        PluginManager<?> manager = context.getBean(PluginManagers.class).get(UNRESOLVABLE);
        assertThat(manager.getContainer("ghost").state()).isEqualTo(PluginState.RESOLVE_FAILED);
        return context.getBean(PluxHealthIndicator.class).health().getStatus();
    }

    private static PluxSettings settings(String namespace, boolean loadOnStartup) {
        return PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces[0].namespace", namespace)
            .withProperty("plux.namespaces[0].load-on-startup", String.valueOf(loadOnStartup)), null);
    }
}
