package dev.plux.spring.boot.actuate;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.Show;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluxEndpointTests {

    @Test
    void namespacesAreListedInConfigurationOrder() {
        PluxEndpoint endpoint = new PluxEndpoint(new PluginManagers(List.of(
                PluginFixtures.manager("test.b", List.of()), PluginFixtures.manager("test.a", List.of()))));
        assertThat(endpoint.namespaces().namespaces()).containsOnlyKeys("test.b", "test.a");
        assertThat(List.copyOf(endpoint.namespaces().namespaces().keySet())).containsExactly("test.b", "test.a");
    }

    @Test
    void unknownNamespaceIsNull() {
        PluxEndpoint endpoint = new PluxEndpoint(new PluginManagers(List.of()));
        assertThat(endpoint.namespace("no.such")).isNull();
    }

    @Test
    void describingResolvesButNeverCreatesPlugins() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        PluxEndpoint.NamespaceDescriptor described = new PluxEndpoint(new PluginManagers(List.of(manager)))
            .namespace("test.ns");
        assertThat(described).isNotNull();
        assertThat(described.plugins()).extracting(PluxEndpoint.PluginDescriptor::state).containsOnly("RESOLVED");
        assertThat(manager.listContainers()).noneMatch(container -> container.isInit());
    }

    @Test
    void responseBodiesAreRenderedAsEndpointResponses() {
        PluxEndpoint endpoint = new PluxEndpoint(new PluginManagers(List.of(PluginFixtures.manager("test.ns",
                List.of()))));
        assertThat(endpoint.namespaces()).isInstanceOf(OperationResponseBody.class);
        assertThat(endpoint.namespace("test.ns")).isInstanceOf(OperationResponseBody.class);
    }

    @Test
    void valuesAreHiddenByDefault() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        manager.loadAll();
        PluxEndpoint.NamespaceDescriptor described = new PluxEndpoint(new PluginManagers(List.of(manager)))
            .namespace("test.ns");
        assertThat(described.plugins().get(1).error())
            .isEqualTo(new PluxEndpoint.ErrorDescriptor(IllegalStateException.class.getName(), "******"));
        assertThat(described.plugins().get(0).distribution()).isNotNull();
        assertThat(described.plugins().get(0).distribution().location()).isEqualTo("******");
        assertThat(new PluxEndpoint(new PluginManagers(List.of(manager)), Show.NEVER).namespace("test.ns"))
            .isEqualTo(described);
    }

    @Test
    void whenAuthorizedShowsValuesOutsideHttp() {
        // as Boot's env endpoint: the base endpoint (JMX) counts as authorized; HTTP goes through the web extension
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        manager.loadAll();
        PluxEndpoint.NamespaceDescriptor described = new PluxEndpoint(new PluginManagers(List.of(manager)),
                Show.WHEN_AUTHORIZED).namespace("test.ns");
        assertThat(described.plugins().get(1).error().message()).isEqualTo("no database");
        assertThat(described.plugins().get(0).distribution().location()).startsWith("file:");
    }

    @Test
    void aFailureIsDescribedByTypeAndMessageOnly() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        manager.loadAll();
        PluxEndpoint.NamespaceDescriptor described = new PluxEndpoint(new PluginManagers(List.of(manager)),
                Show.ALWAYS).namespace("test.ns");
        assertThat(described.plugins().get(1).error())
            .isEqualTo(new PluxEndpoint.ErrorDescriptor(IllegalStateException.class.getName(), "no database"));
        assertThat(described.plugins().get(0).error()).isNull();
    }

    @Test
    void aNamespaceThatCannotBeReadIsListedWithItsError() {
        PluginManager<Plugin> broken = PluginManager.<Plugin>builder("test.broken").finder(() -> {
            throw new IllegalStateException("index server down");
        }).build();
        PluxEndpoint.PluxDescriptor described = new PluxEndpoint(
                new PluginManagers(List.of(broken, PluginFixtures.manager("test.ok", List.of()))), Show.ALWAYS)
            .namespaces();
        PluxEndpoint.NamespaceDescriptor brokenNamespace = described.namespaces().get("test.broken");
        assertThat(brokenNamespace.plugins()).isEmpty();
        assertThat(brokenNamespace.error()).isNotNull();
        assertThat(brokenNamespace.error().message()).contains("index server down");
        assertThat(described.namespaces().get("test.ok").plugins()).hasSize(5);
        assertThat(described.namespaces().get("test.ok").error()).isNull();
    }
}
