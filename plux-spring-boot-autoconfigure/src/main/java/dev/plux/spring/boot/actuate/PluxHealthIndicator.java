package dev.plux.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.PluxProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of plux: DOWN while a plugin of a {@code load-on-startup} namespace has failed to resolve, initialize or
 * load, UP otherwise. Details of DOWN map each such namespace to its failed plugins and the root cause of each
 * failure (shown as Boot's {@code management.endpoint.health.show-details} allows).
 * Namespaces loaded on demand never make the application DOWN: a failure there is the caller's to handle.
 * The indicator never resolves a namespace.
 */
public class PluxHealthIndicator implements HealthIndicator {

    private final PluginManagers managers;

    private final Set<String> loadOnStartup = new LinkedHashSet<>();

    /**
     * Creates the indicator.
     *
     * @param managers the managers of the application context
     * @param properties the plux properties, telling which namespaces are loaded on startup
     */
    public PluxHealthIndicator(PluginManagers managers, PluxProperties properties) {
        this.managers = managers;
        for (PluxProperties.Namespace namespace : properties.getNamespaces()) {
            String name = namespace.getNamespace();
            if (namespace.isLoadOnStartup() && name != null) {
                // trimmed as the manager's namespace is (PluxSettings)
                this.loadOnStartup.add(name.trim());
            }
        }
    }

    @Override
    public Health health() {
        Map<String, Map<String, String>> failures = new LinkedHashMap<>();
        for (String namespace : this.loadOnStartup) {
            if (!this.managers.contains(namespace)) {
                continue;
            }
            PluginManager<?> manager = this.managers.get(namespace);
            if (!manager.isResolved()) {
                continue;
            }
            Map<String, String> failed = new LinkedHashMap<>();
            for (PluginContainer<?> container : manager.listContainers()) {
                Throwable error = switch (container.state()) {
                    case RESOLVE_FAILED -> container.resolveError();
                    case INIT_FAILED -> container.initError();
                    case LOAD_FAILED -> container.loadError();
                    default -> null;
                };
                if (error != null) {
                    failed.put(container.name(), describe(error));
                }
            }
            if (!failed.isEmpty()) {
                failures.put(namespace, failed);
            }
        }
        return failures.isEmpty() ? Health.up().build() : Health.down().withDetails(failures).build();
    }

    /** The root cause, {@code type: message}: what the plugin threw, not the framework's wrapper of it. */
    private static String describe(Throwable error) {
        Throwable root = error;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 100; depth++) {
            root = root.getCause();
        }
        return String.valueOf(root);
    }
}
