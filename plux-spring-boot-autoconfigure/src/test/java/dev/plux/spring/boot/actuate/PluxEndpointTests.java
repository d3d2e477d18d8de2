package dev.plux.spring.boot.actuate;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
    void aDistributionIsDescribedByItsNameVersionAndLocation(@TempDir Path jarRoot) throws Exception {
        // an index file beside a pom.properties, as in a plugin jar built by Maven: the distribution read from them
        write(jarRoot.resolve("META-INF/plux/entry_points.txt"),
                "[test.versioned]\nversioned = " + PluginFixtures.Good.class.getName() + "\n");
        write(jarRoot.resolve("META-INF/maven/com.example/acme-plugins/pom.properties"),
                "groupId=com.example\nartifactId=acme-plugins\nversion=1.2.3\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] { jarRoot.toUri().toURL() },
                getClass().getClassLoader())) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.versioned").classLoader(loader).build();
            PluginManagers managers = new PluginManagers(List.of(manager));

            PluxEndpoint.PluginDescriptor shown = new PluxEndpoint(managers, Show.ALWAYS).namespace("test.versioned")
                .plugins()
                .get(0);
            assertThat(shown.distribution()).isEqualTo(new PluxEndpoint.DistributionDescriptor("acme-plugins",
                    "1.2.3", jarRoot.toUri().toURL().toString()));
            // the name and version are no secret: only the location is hidden
            assertThat(new PluxEndpoint(managers).namespace("test.versioned").plugins().get(0).distribution())
                .isEqualTo(new PluxEndpoint.DistributionDescriptor("acme-plugins", "1.2.3", "******"));
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
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
    void aFailureWhoseMessageThrowsIsDescribedByItsType() {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.unreadable")
            .finder(() -> List.of(new PluginSpec("test.unreadable", "bad", () -> {
                throw new UnreadableMessage();
            })))
            .build();
        manager.loadAll();
        PluxEndpoint.NamespaceDescriptor described = new PluxEndpoint(new PluginManagers(List.of(manager)),
                Show.ALWAYS).namespace("test.unreadable");
        assertThat(described.plugins().get(0).error().type()).isEqualTo(UnreadableMessage.class.getName());
    }

    /** An exception whose message cannot be read. */
    static final class UnreadableMessage extends RuntimeException {

        @Override
        public String getMessage() {
            throw new IllegalStateException("no message state");
        }
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

    @Test
    void aReasonAPluginOrListenerGaveIsHiddenLikeAnErrorMessage() {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.reasons")
            .finder(() -> List.of(PluginSpec.of("test.reasons", "self", DisablesItself.class),
                    PluginSpec.of("test.reasons", "vetoed", PluginFixtures.Good.class)))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                    if (spec.name().equals("vetoed")) {
                        throw new PluginDisabled(spec.namespace(), spec.name(),
                                "licence server https://admin:hunter2@licences.example refused it");
                    }
                }
            })
            .build();
        manager.loadAll();

        PluxEndpoint.NamespaceDescriptor hidden = new PluxEndpoint(new PluginManagers(List.of(manager)), Show.NEVER)
            .namespace("test.reasons");
        assertThat(hidden.plugins()).extracting(PluxEndpoint.PluginDescriptor::state)
            .containsExactly("DISABLED", "DISABLED");
        assertThat(hidden.plugins()).extracting(PluxEndpoint.PluginDescriptor::disabledReason)
            .containsExactly("******", "******");
        assertThat(hidden.toString()).doesNotContain("hunter2");

        PluxEndpoint.NamespaceDescriptor shown = new PluxEndpoint(new PluginManagers(List.of(manager)), Show.ALWAYS)
            .namespace("test.reasons");
        assertThat(shown.plugins()).extracting(PluxEndpoint.PluginDescriptor::disabledReason).containsExactly(
                "no credentials: jdbc:postgresql://db/app?password=hunter2",
                "licence server https://admin:hunter2@licences.example refused it");
    }

    @Test
    void pluxsOwnDisabledReasonsStayVisibleWhenValuesAreHidden() {
        PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
        manager.loadAll();
        PluxEndpoint.NamespaceDescriptor described = new PluxEndpoint(new PluginManagers(List.of(manager)),
                Show.NEVER).namespace("test.ns");
        // off: its load condition; filtered: the manager's filter
        assertThat(described.plugins().get(3).disabledReason()).isEqualTo("Load condition for plugin was false");
        assertThat(described.plugins().get(4).disabledReason())
            .startsWith("A plugin filter disabled this plugin before it was initialized: ")
            .doesNotContain("******");
    }

    /** Disables itself from {@code load}, with a reason that holds a secret. */
    public static final class DisablesItself implements Plugin {

        @Override
        public @Nullable Object load(Object... args) {
            throw new PluginDisabled("test.reasons", "self", "no credentials: jdbc:postgresql://db/app?password=hunter2");
        }
    }
}
