package dev.plux.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plux.core.PluginException;
import dev.plux.runtime.Distribution;
import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code plux} actuator endpoint: every plugin of every configured namespace with its state, entry point
 * value, distribution, disabled reason and error. {@code GET /actuator/plux} lists all namespaces,
 * {@code GET /actuator/plux/{namespace}} one (404 when it is not configured).
 *
 * <p>Listing resolves a namespace that was not used yet (reads its index entries) but never creates or loads a
 * plugin. Errors are reported as type and message only: no stack traces, no load arguments.
 */
@Endpoint(id = "plux")
public class PluxEndpoint {

    private final PluginManagers managers;

    /**
     * Creates the endpoint.
     *
     * @param managers the managers of the application context
     */
    public PluxEndpoint(PluginManagers managers) {
        this.managers = managers;
    }

    /**
     * Every configured namespace and its plugins.
     *
     * @return the namespaces, in configuration order
     */
    @ReadOperation
    public PluxDescriptor namespaces() {
        Map<String, NamespaceDescriptor> namespaces = new LinkedHashMap<>();
        for (PluginManager<?> manager : this.managers.all()) {
            namespaces.put(manager.namespace(), describe(manager));
        }
        return new PluxDescriptor(namespaces);
    }

    /**
     * One namespace and its plugins.
     *
     * @param namespace the namespace
     * @return its description, or {@code null} (404) if the namespace is not configured
     */
    @ReadOperation
    public @Nullable NamespaceDescriptor namespace(@Selector String namespace) {
        if (!this.managers.contains(namespace)) {
            return null;
        }
        return describe(this.managers.get(namespace));
    }

    private static NamespaceDescriptor describe(PluginManager<?> manager) {
        List<? extends PluginContainer<?>> containers;
        try {
            containers = manager.listContainers();
        }
        catch (PluginException ex) {
            // a failing finder is not cached by the manager: report it, the next call tries again
            return new NamespaceDescriptor(manager.namespace(), List.of(), describe(ex));
        }
        List<PluginDescriptor> plugins = containers.stream().<PluginDescriptor>map(PluxEndpoint::describe).toList();
        return new NamespaceDescriptor(manager.namespace(), plugins, null);
    }

    private static ErrorDescriptor describe(Throwable failure) {
        return new ErrorDescriptor(failure.getClass().getName(), failure.getMessage());
    }

    private static PluginDescriptor describe(PluginContainer<?> container) {
        Throwable failure = (container.loadError() != null) ? container.loadError() : container.initError();
        ErrorDescriptor error = (failure != null) ? describe(failure) : null;
        Distribution distribution = container.distribution().orElse(null);
        DistributionDescriptor origin = (distribution != null) ? new DistributionDescriptor(distribution.name(),
                distribution.version(), distribution.location().toString()) : null;
        return new PluginDescriptor(container.name(), container.entryPoint().value(), container.state().name(),
                container.disabledReason(), error, origin);
    }

    /**
     * The response of {@code GET /actuator/plux}.
     *
     * @param namespaces each configured namespace, in configuration order
     */
    public record PluxDescriptor(Map<String, NamespaceDescriptor> namespaces) {
    }

    /**
     * One namespace.
     *
     * @param namespace the namespace
     * @param plugins its plugins, in discovery order
     * @param error why the namespace could not be read (a failing finder), else {@code null}
     */
    public record NamespaceDescriptor(String namespace, List<PluginDescriptor> plugins,
            @Nullable ErrorDescriptor error) {
    }

    /**
     * One plugin.
     *
     * @param name the plugin's name
     * @param value the entry point value it came from ({@code com.x.Foo}, {@code com.x.Foo:member})
     * @param state its {@code PluginState}: RESOLVED, INITIALIZED, LOADED, DISABLED, INIT_FAILED, LOAD_FAILED
     * @param disabledReason why it is disabled, or {@code null}
     * @param error why its init or load failed, or {@code null}
     * @param distribution the jar or directory it came from, or {@code null} when unknown
     */
    public record PluginDescriptor(String name, String value, String state, @Nullable String disabledReason,
            @Nullable ErrorDescriptor error, @Nullable DistributionDescriptor distribution) {
    }

    /**
     * A recorded failure, without its stack trace.
     *
     * @param type the exception's class name
     * @param message the exception's message, or {@code null}
     */
    public record ErrorDescriptor(String type, @Nullable String message) {
    }

    /**
     * Where a plugin came from.
     *
     * @param name the distribution's name (Maven artifactId, manifest title, or file name)
     * @param version its version, or {@code null}
     * @param location the URL of the jar or directory
     */
    public record DistributionDescriptor(String name, @Nullable String version, String location) {
    }
}
