package dev.plux.spring.boot.actuate;

import java.util.List;
import java.util.Map;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PluxHealthIndicatorTests {

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

    private static PluxSettings settings(String namespace, boolean loadOnStartup) {
        return PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces[0].namespace", namespace)
            .withProperty("plux.namespaces[0].load-on-startup", String.valueOf(loadOnStartup)), null);
    }
}
