package dev.plux.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.PluxSettings;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of plux: DOWN while a plugin of a {@code load-on-startup} namespace has failed to resolve, initialize or
 * load, UP otherwise. Details of DOWN map each such namespace to its failed plugins and the root cause of each
 * failure (shown as Boot's {@code management.endpoint.health.show-details} allows).
 * Namespaces loaded on demand never make the application DOWN: a failure there is the caller's to handle, and
 * neither does a plugin that its manager's filters rule out ({@link PluginManager#excludes}): the namespace's
 * {@code include}/{@code exclude}, {@code plux.exclude}, {@code MatchingPluginFilter.global()} and the filters a
 * {@code PluginManagerCustomizer} added (a plugin whose class is missing, excluded so that the application runs
 * without it). The indicator never resolves a namespace.
 */
public class PluxHealthIndicator implements HealthIndicator {

    private final Supplier<PluginManagers> managers;

    private final PluxSettings settings;

    /**
     * Creates the indicator.
     *
     * @param managers the managers of the application context
     * @param settings the plux settings of the context, telling which namespaces are loaded on startup
     */
    public PluxHealthIndicator(PluginManagers managers, PluxSettings settings) {
        this(() -> managers, settings);
    }

    /**
     * Creates the indicator over managers obtained when health is first asked for a namespace loaded on startup,
     * so that creating the indicator, which Boot does while the context starts, creates no manager.
     *
     * @param managers supplies the managers of the application context
     * @param settings the plux settings of the context, telling which namespaces are loaded on startup
     */
    public PluxHealthIndicator(Supplier<PluginManagers> managers, PluxSettings settings) {
        this.managers = managers;
        this.settings = settings;
    }

    @Override
    public Health health() {
        Map<String, Map<String, String>> failures = new LinkedHashMap<>();
        for (String namespace : this.settings.namespaces()) {
            if (!this.settings.loadsOnStartup(namespace)) {
                continue;
            }
            PluginManagers managers = this.managers.get();
            if (!managers.contains(namespace)) {
                continue;
            }
            PluginManager<?> manager = managers.get(namespace);
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
                // a plugin the manager's filters exclude is one the application runs without: its failure (a
                // missing class) is not the application's
                if (error != null && !manager.excludes(container.entryPoint())) {
                    failed.put(container.name(), describe(error));
                }
            }
            if (!failed.isEmpty()) {
                failures.put(namespace, failed);
            }
        }
        return failures.isEmpty() ? Health.up().build() : Health.down().withDetails(failures).build();
    }

    /**
     * The root cause, {@code type: message} (the type alone when it has no message): what the plugin threw, not the
     * framework's wrapper of it, the same one the endpoint shows. Read through the endpoint's guard: an exception
     * whose {@code getMessage()} throws must not make this indicator throw, which Boot answers with a 500 for all of
     * {@code /actuator/health}.
     */
    private static String describe(Throwable error) {
        Throwable root = PluxEndpoint.rootCause(error);
        String message = PluxEndpoint.message(root);
        return (message != null) ? root.getClass().getName() + ": " + message : root.getClass().getName();
    }
}
