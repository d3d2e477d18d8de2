package dev.plux.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plux.runtime.PluginManager;

/**
 * The plugin managers of an application context, one per configured namespace, in configuration order.
 *
 * <pre>{@code
 * @Autowired PluginManagers managers;
 * managers.get("localstack.plugins.services").loadAll();
 * }</pre>
 *
 * <p>Not final, so that Spring can proxy it by subclassing: a {@code @Lazy PluginManagers} injection point (which
 * defers creating every manager until first use) and AOP need that. Not meant to be extended otherwise.
 */
public class PluginManagers {

    private final Map<String, PluginManager<?>> byNamespace = new LinkedHashMap<>();

    /**
     * Creates the registry.
     *
     * @param managers the managers, in configuration order; namespaces must be unique
     * @throws IllegalArgumentException if two managers serve the same namespace
     */
    public PluginManagers(List<? extends PluginManager<?>> managers) {
        for (PluginManager<?> manager : managers) {
            if (this.byNamespace.putIfAbsent(manager.namespace(), manager) != null) {
                throw new IllegalArgumentException("two plugin managers serve namespace " + manager.namespace());
            }
        }
    }

    /**
     * Creates the registry from managers keyed by the namespace each serves. The auto-configuration uses this form,
     * with the namespaces of {@code plux.namespaces}, so that a test double that replaces a manager bean (a
     * {@code @MockitoBean PluginManager<T>}, whose {@code namespace()} answers {@code null}) is found under the
     * namespace it replaces.
     *
     * <pre>{@code
     * Map<String, PluginManager<?>> byNamespace = new LinkedHashMap<>();
     * byNamespace.put("my.plugins.cli", cliManager);
     * PluginManagers managers = new PluginManagers(byNamespace);
     * }</pre>
     *
     * @param byNamespace each namespace and its manager, in configuration order (the map's iteration order); the
     *        key alone names the namespace: the managers are not asked (a mock records every call as an
     *        interaction), so the caller keys each manager by the namespace it serves
     * @throws NullPointerException if a namespace or a manager is {@code null}
     */
    public PluginManagers(Map<String, ? extends PluginManager<?>> byNamespace) {
        byNamespace.forEach((namespace, manager) -> {
            if (namespace == null) {
                throw new NullPointerException("a plugin manager is given for a null namespace");
            }
            if (manager == null) {
                throw new NullPointerException("no plugin manager is given for namespace " + namespace);
            }
            this.byNamespace.put(namespace, manager);
        });
    }

    /**
     * The manager of a namespace.
     *
     * @param namespace the namespace
     * @return its manager
     * @throws IllegalArgumentException if no manager serves the namespace (the message lists those that exist)
     */
    public PluginManager<?> get(String namespace) {
        PluginManager<?> manager = this.byNamespace.get(namespace);
        if (manager == null) {
            throw new IllegalArgumentException("no plux namespace " + namespace + " is configured (plux.namespaces);"
                    + " configured: " + this.byNamespace.keySet());
        }
        return manager;
    }

    /**
     * Whether a namespace is configured.
     *
     * @param namespace the namespace
     * @return {@code true} if a manager serves it
     */
    public boolean contains(String namespace) {
        return this.byNamespace.containsKey(namespace);
    }

    /**
     * Every manager.
     *
     * @return the managers in configuration order
     */
    public List<PluginManager<?>> all() {
        return List.copyOf(this.byNamespace.values());
    }
}
