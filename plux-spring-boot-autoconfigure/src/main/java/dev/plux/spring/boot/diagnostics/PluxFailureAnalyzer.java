package dev.plux.spring.boot.diagnostics;

import java.util.List;

import dev.plux.core.NoSuchPluginException;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Explains startup failures caused by plux (registered in {@code META-INF/spring.factories}):
 * <ul>
 * <li>a plugin that failed while its namespace loaded on startup with {@code fail-fast} (a
 * {@link PluginException} in the cause chain): names the namespace, the plugin and the cause, and the property
 * that excludes the plugin ({@code plux.namespaces[i].exclude}, found in the {@link Environment}).</li>
 * </ul>
 * Invalid {@code plux.*} properties are Boot's {@code InvalidConfigurationPropertyValueException}, which Boot's
 * own analyzer explains.
 */
public class PluxFailureAnalyzer implements FailureAnalyzer {

    private final @Nullable Environment environment;

    /**
     * Creates the analyzer; Spring Boot passes the application's environment.
     *
     * @param environment the environment, used to find the index of a namespace in {@code plux.namespaces}
     */
    public PluxFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable current = failure; current != null; current = nextCause(current)) {
            if (current instanceof PluginException plugin && plugin.namespace() != null
                    && plugin.name() != null) {
                return analyzePlugin(plugin, failure);
            }
        }
        return null;
    }

    private static @Nullable Throwable nextCause(Throwable current) {
        Throwable cause = current.getCause();
        return (cause != current) ? cause : null;
    }

    private FailureAnalysis analyzePlugin(PluginException ex, Throwable failure) {
        String namespace = ex.namespace();
        String name = ex.name();
        if (ex instanceof NoSuchPluginException) {
            return new FailureAnalysis(String.format("No plugin named '%s' exists in plux namespace '%s'.",
                    name, namespace), String.format("Check the plugin name, or make sure the jar that declares"
                    + " it (META-INF/plux/entry_points.txt, section [%s]) is on the class path.", namespace),
                    failure);
        }
        if (ex instanceof PluginDisabled disabled) {
            return new FailureAnalysis(String.format("Plugin '%s' in plux namespace '%s' is disabled%s, but the"
                    + " application requires it.", name, namespace,
                    (disabled.reason() != null) ? " (" + disabled.reason() + ")" : ""),
                    String.format("Remove the exclusion of '%s' (plux.exclude, %s) or stop requiring it.", name,
                    namespaceProperty(namespace, "exclude")), failure);
        }
        Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
        String description = String.format("Plugin '%s' in plux namespace '%s' failed while the application"
                + " started.%n%n    Namespace: %s%n    Plugin: %s%n    Cause: %s", name, namespace, namespace,
                name, cause);
        Integer index = indexOf(namespace);
        String action;
        if (index != null) {
            action = String.format("Fix the plugin, or exclude it by adding '%s' to plux.namespaces[%d].exclude,"
                    + " or set plux.namespaces[%d].fail-fast=false to log the failure and start without it.",
                    name, index, index);
        }
        else {
            action = String.format("Fix the plugin, or exclude it with plux.exclude[n].namespace=%s and"
                    + " plux.exclude[n].name=%s, or turn off fail-fast for the namespace"
                    + " (plux.namespaces[i].fail-fast=false) to log the failure and start without it.",
                    namespace, name);
        }
        return new FailureAnalysis(description, action, failure);
    }

    private String namespaceProperty(String namespace, String property) {
        Integer index = indexOf(namespace);
        return (index != null) ? "plux.namespaces[" + index + "]." + property
                : "plux.namespaces[i]." + property;
    }

    /** The index of a namespace in {@code plux.namespaces}, whether items are strings or objects. */
    private @Nullable Integer indexOf(String namespace) {
        if (this.environment == null) {
            return null;
        }
        Binder binder = Binder.get(this.environment);
        try {
            for (int i = 0; i < 10_000; i++) {
                String prefix = "plux.namespaces[" + i + "]";
                String item = binder.bind(prefix + ".namespace", String.class)
                    .orElseGet(() -> binder.bind(prefix, String.class).orElse(null));
                if (item == null) {
                    break;
                }
                if (item.trim().equals(namespace)) {
                    return i;
                }
            }
            // comma-separated form: plux.namespaces=a,b
            List<String> plain = binder.bind("plux.namespaces", Bindable.listOf(String.class)).orElse(List.of());
            for (int i = 0; i < plain.size(); i++) {
                if (plain.get(i).trim().equals(namespace)) {
                    return i;
                }
            }
        }
        catch (RuntimeException ex) {
            // object items cannot bind as strings; the indexed lookup above covers them
        }
        return null;
    }
}
