package dev.plux.spring.boot.diagnostics;

import dev.plux.core.NoSuchPluginException;
import dev.plux.core.PluginDisabled;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import dev.plux.core.PluginTypeMismatchException;
import dev.plux.spring.boot.autoconfigure.PluginStartupException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@link PluginException} for a named plugin that the application's own code ran into while the
 * context started (a bean calling {@code load(name)} in its constructor, say): a missing plugin, a disabled one,
 * or one that failed. It names the namespace, the plugin and the root cause; it does not advise plux's startup
 * properties ({@code exclude}, {@code fail-fast}), which would not help the bean that needs the plugin. Startup
 * loading failures ({@link PluginStartupException}) are {@link PluginStartupFailureAnalyzer}'s. Ordered before
 * Spring Boot's analyzers, with a missing bean named as they would, so the report says which plugin needed it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PluginFailureAnalyzer extends AbstractFailureAnalyzer<PluginException> {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PluginException cause) {
        if (findCause(rootFailure, PluginStartupException.class) != null || cause.namespace() == null
                || cause.name() == null) {
            return null;
        }
        String namespace = cause.namespace();
        String name = cause.name();
        if (cause instanceof NoSuchPluginException) {
            return new FailureAnalysis(String.format("No plugin named '%s' exists in plux namespace '%s'.", name,
                    namespace), String.format("Check the plugin name, or make sure the jar that declares it"
                    + " (META-INF/plux/entry_points.txt, section [%s]) is on the class path. For a plugin of this"
                    + " application's own sources: give its class @PluginName (implementing a @PluginNamespace"
                    + " interface is not enough), and run dev.plux:plux-processor in the build (Maven:"
                    + " annotationProcessorPaths), which writes that file.", namespace),
                    rootFailure);
        }
        if (cause instanceof PluginDisabled disabled) {
            String reason = disabled.reason();
            if (reason == null) {
                // plux's filters and load conditions always give a reason: code threw PluginDisabled without one
                return new FailureAnalysis(String.format("Plugin '%s' in plux namespace '%s' is disabled, but the"
                        + " application requires it. No reason was given.", name, namespace),
                        "Stop requiring the plugin where the application loads it, or find what disabled it: with no"
                                + " reason it was not a plux filter or load condition (those always give one), but"
                                + " code that threw PluginDisabled without a reason (the plugin's constructor,"
                                + " factory or load(), a PluginLifecycleListener or a PluginLoadInterceptor).",
                        rootFailure);
            }
            return new FailureAnalysis(String.format("Plugin '%s' in plux namespace '%s' is disabled (%s), but the"
                    + " application requires it.", name, namespace, reason),
                    // not necessarily plux's: a plugin, listener or interceptor may throw PluginDisabled with a
                    // reason of its own
                    "Stop requiring the plugin where the application loads it, or enable it: the reason above says"
                            + " what disabled it: the rule of the filter that ruled it out, a false load condition,"
                            + " or the text that the code which threw PluginDisabled gave (the plugin's"
                            + " constructor, factory or load(), a PluginLifecycleListener or a"
                            + " PluginLoadInterceptor).",
                    rootFailure);
        }
        Throwable root = (cause.getCause() != null) ? RootCause.of(cause.getCause()) : cause;
        String missingBean = RootCause.missingBean(cause);
        String description = String.format("Plugin '%s' in plux namespace '%s' failed when the application"
                + " used it.%n%n    Namespace: %s%n    Plugin: %s%n    Root cause: %s%s", name, namespace, namespace,
                name, RootCause.describe(root),
                (missingBean != null) ? String.format("%n    Missing bean: %s", missingBean) : "");
        String copied = RootCause.copiedBeanType(cause);
        String fix = (copied != null) ? PluginStartupFailureAnalyzer.copiedBeanTypeFix(name, copied)
                : (missingBean != null) ? "Define the missing bean the plugin needs" : "Fix the plugin";
        PluginTypeMismatchException mismatch = RootCause.find(cause, PluginTypeMismatchException.class);
        // this plugin's own: another plugin its load() loaded may be the one not of its (other) namespace's type
        if (mismatch != null && namespace.equals(mismatch.namespace()) && name.equals(mismatch.name())) {
            fix = notOfPluginType(mismatch, name, namespace);
        }
        return new FailureAnalysis(description, fix + " (see the root cause above), or handle the"
                + " PluginException where the application loads the plugin.", rootFailure);
    }

    /**
     * The fix for a plugin that is not of its namespace's plugin type, as a startup failure gives it
     * ({@code PluginStartupFailureAnalyzer}), where the exception names no {@code plux.namespaces} index: the
     * plugin, or the item's {@code plugin-type}, may be what is wrong.
     */
    private static String notOfPluginType(PluginTypeMismatchException mismatch, String plugin, String namespace) {
        String pluginType = mismatch.pluginType().getName();
        String item = String.format("the plux.namespaces item of namespace '%s'", namespace);
        if (Plugin.class.getName().equals(pluginType)) {
            return String.format("Plugin '%s' is not a %s, the plugin type of %s (its plugin-type is unset or names"
                    + " it): fix the plugin", plugin, pluginType, item);
        }
        if (mismatch.copyOfPluginType() != null) {
            return String.format("Plugin '%s' carries its own copy of %s, the plugin type that the plugin-type of %s"
                    + " sets: remove %s from the plugin's bundle or jar", plugin, pluginType, item, pluginType);
        }
        return String.format("Plugin '%s' is not a %s, the plugin type that the plugin-type of %s sets: make the"
                + " plugin implement it, or set that plugin-type to a type that all the namespace's plugins implement",
                plugin, pluginType, item);
    }
}
