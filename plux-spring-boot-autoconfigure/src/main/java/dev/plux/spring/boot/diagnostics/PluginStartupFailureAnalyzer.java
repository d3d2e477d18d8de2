package dev.plux.spring.boot.diagnostics;

import java.util.List;
import java.util.Objects;

import dev.plux.core.NoSuchPluginException;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginTypeMismatchException;
import dev.plux.spring.boot.autoconfigure.PluginStartupException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Explains a {@link PluginStartupException}: a plugin of a {@code load-on-startup} namespace failed with
 * {@code fail-fast}, or the namespace's {@code startup-timeout} passed. Names the namespace, the plugin, the root
 * cause and the properties that exclude the plugin or turn {@code fail-fast} off, all carried by the exception; a
 * plugin that is not of the namespace's plugin type is told to fix the plugin or its {@code plugin-type}.
 *
 * <p>Ordered first, so that this analysis wins whatever the root cause is: a plugin whose constructor needs a
 * missing bean is reported as that plugin's failure (with the missing bean named), not by Spring Boot's
 * {@code NoSuchBeanDefinitionFailureAnalyzer}, which would not say which plugin or how to start without it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PluginStartupFailureAnalyzer extends AbstractFailureAnalyzer<PluginStartupException> {

    private final Environment environment;

    /**
     * Creates the analyzer (instantiated by Spring Boot, which passes the failed context's environment).
     *
     * @param environment the environment, read for the timeout as it was written
     */
    PluginStartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PluginStartupException cause) {
        if (cause.timedOut()) {
            StartupTimeoutSetting setting = StartupTimeoutSetting.of(this.environment, cause.property());
            FailureAnalysis analysis = timedOut(rootFailure, cause, setting.described());
            return new FailureAnalysis(analysis.getDescription(), setting.advice() + analysis.getAction(),
                    rootFailure);
        }
        if (cause.getCause() instanceof InterruptedException) {
            return interrupted(rootFailure, cause);
        }
        if (cause.plugins().isEmpty()) {
            return unlisted(rootFailure, cause);
        }
        return failed(rootFailure, cause);
    }

    private static FailureAnalysis unlisted(Throwable rootFailure, PluginStartupException cause) {
        String property = cause.property();
        Throwable root = (cause.getCause() != null) ? RootCause.of(cause.getCause()) : cause;
        String description = String.format("The plugins of plux namespace '%s' could not be listed while the"
                + " application started, and the namespace is fail-fast.%n%n    Namespace: %s (%s)%n"
                + "    Root cause: %s", cause.namespace(), cause.namespace(), property, RootCause.describe(root));
        String action = String.format("Fix what lists the namespace's plugins (a PluginFinder set by a"
                + " PluginManagerCustomizer; see the root cause above), or set %s.fail-fast=false to log the failure"
                + " and start without the namespace's plugins.", property);
        return new FailureAnalysis(description, action, rootFailure);
    }

    private static FailureAnalysis interrupted(Throwable rootFailure, PluginStartupException cause) {
        String description = cause.plugins().isEmpty()
                ? String.format("Loading plux namespace '%s' on startup was interrupted while its plugins were being"
                        + " listed.", cause.namespace())
                : String.format("Loading plux namespace '%s' on startup was interrupted while these plugins were"
                        + " still loading or waiting to load: %s.", cause.namespace(), plugins(cause));
        // a fail-fast plugin had failed already (StartupReport suppresses its failure in the exception): starting
        // again fails with it, so the advice is that plugin's, not "start again"
        Throwable failed = (cause.getSuppressed().length > 0) ? cause.getSuppressed()[0] : null;
        if (failed != null) {
            description += String.format("%n%n    A fail-fast plugin had failed: see the exception message above"
                    + "%n    Root cause: %s", RootCause.describe(RootCause.of(failed)));
            return new FailureAnalysis(description, "Fix the plugin that failed (named in the exception message above;"
                    + " see the root cause), or exclude it: the application was stopped (or its startup thread"
                    + " interrupted) while it started, and started again it fails with that plugin.", rootFailure);
        }
        return new FailureAnalysis(description, "Nothing to fix in plux: the application was stopped (or its"
                + " startup thread interrupted) while it started. Start it again.", rootFailure);
    }

    private static FailureAnalysis failed(Throwable rootFailure, PluginStartupException cause) {
        String n = System.lineSeparator();
        String plugins = plugins(cause);
        String property = cause.property();
        Throwable root = (cause.getCause() != null) ? RootCause.of(cause.getCause()) : cause;
        String missingBean = RootCause.missingBean(cause);
        StringBuilder description = new StringBuilder();
        description.append(String.format("Plugin '%s' of plux namespace '%s' failed while the application started,"
                + " and the namespace is fail-fast.%n%n", plugins, cause.namespace()));
        description.append("    Namespace: ").append(cause.namespace()).append(" (").append(property).append(')')
            .append(n);
        description.append("    Plugin: ").append(plugins).append(n);
        description.append("    Root cause: ").append(RootCause.describe(root));
        String thrownAt = RootCause.thrownAt(root);
        if (thrownAt != null) {
            description.append(n).append("    Thrown at: ").append(thrownAt);
        }
        if (missingBean != null) {
            description.append(n).append("    Missing bean: ").append(missingBean);
        }
        String plugin = cause.plugins().isEmpty() ? "<plugin>" : cause.plugins().get(0);
        // a plugin whose load() loaded another that failed: the root cause is that other plugin's, and it is the
        // one to fix (the failed plugin's team would look for the error in their own code)
        PluginException other = cause.loadedPluginFailure();
        if (other != null) {
            // a disabled plugin or a name no index declares did not fail: say what became of it
            String label = (other instanceof PluginDisabled) ? "Disabled: plugin"
                    : (other instanceof NoSuchPluginException) ? "Missing plugin:" : "Failed in: plugin";
            description.append(n).append(String.format("    %s '%s' of plux namespace '%s', which plugin '%s' loads",
                    label, other.name(), other.namespace(), plugin));
        }
        String fix = (missingBean != null) ? "Define the missing bean the plugin needs" : "Fix the plugin";
        String copied = RootCause.copiedBeanType(cause);
        if (copied != null) {
            // the application has the bean, of its own class: defining it again would not help
            fix = copiedBeanTypeFix(plugin, copied);
        }
        PluginTypeMismatchException mismatch = RootCause.find(cause, PluginTypeMismatchException.class);
        // the failed plugin's own: another plugin its load() loaded (of another namespace, or plugin type) may be
        // the one that is not of its type, which this namespace's plugin-type neither causes nor fixes
        if (mismatch != null && Objects.equals(mismatch.namespace(), cause.namespace())
                && Objects.equals(mismatch.name(), plugin)) {
            fix = notOfPluginType(mismatch, plugin, property);
        }
        String action = String.format("%s (see the root cause above), or start without it:%n"
                + "    - exclude it: add '%s' to %s.exclude%n"
                + "    - or set %s.fail-fast=false to log the failure and start without it", fix, plugin, property,
                property);
        if (other instanceof PluginDisabled) {
            action += String.format("%nPlugin '%s' failed because plugin '%s' of plux namespace '%s', which it loads,"
                    + " is disabled: enable '%s' (the root cause above says why it is disabled), or exclude '%s'.",
                    plugin, other.name(), other.namespace(), other.name(), plugin);
        }
        else if (other instanceof NoSuchPluginException) {
            action += String.format("%nPlugin '%s' failed because plugin '%s' of plux namespace '%s', which it loads,"
                    + " does not exist: correct the name '%s' loads, or add a plugin of that name to the namespace.",
                    plugin, other.name(), other.namespace(), plugin);
        }
        else if (other != null) {
            action += String.format("%nPlugin '%s' failed because plugin '%s' of plux namespace '%s', which it loads,"
                    + " failed: fix '%s' (the root cause above is its failure); excluding '%s' would still fail '%s'.",
                    plugin, other.name(), other.namespace(), other.name(), other.name(), plugin);
        }
        return new FailureAnalysis(description.toString(), action, rootFailure);
    }

    /** What to do about a plugin whose bundle carries its own copy of the type of a bean it needs. */
    static String copiedBeanTypeFix(String plugin, String type) {
        return String.format("Plugin '%s' carries its own copy of %s, the type of a bean it needs, so the application's"
                + " bean of that type does not qualify: remove %s (or the library holding it) from the plugin's bundle"
                + " or jar", plugin, type, type);
    }

    /**
     * What to fix when the plugin is not of the namespace's plugin type, which comes from its {@code plugin-type}:
     * the plugin or that property — unless the plugin implements its own copy of the type, which neither fixes.
     */
    private static String notOfPluginType(PluginTypeMismatchException mismatch, String plugin, String property) {
        String pluginType = mismatch.pluginType().getName();
        if (Plugin.class.getName().equals(pluginType)) {
            return String.format("Plugin '%s' is not a %s, the plugin type of %s (%s.plugin-type is unset or names"
                    + " it): fix the plugin", plugin, pluginType, property, property);
        }
        if (mismatch.copyOfPluginType() != null) {
            return String.format("Plugin '%s' carries its own copy of %s, the plugin type %s.plugin-type sets:"
                    + " remove %s from the plugin's bundle or jar", plugin, pluginType, property, pluginType);
        }
        return String.format("Plugin '%s' is not a %s, the plugin type %s.plugin-type sets: make the plugin"
                + " implement it, or set %s.plugin-type to a type that all the namespace's plugins implement", plugin,
                pluginType, property, property);
    }

    private static FailureAnalysis timedOut(Throwable rootFailure, PluginStartupException cause, String setting) {
        String property = cause.property();
        // a timeout's cause: the fail-fast failure for which plugins of the namespace were skipped
        Throwable failure = cause.getCause();
        if (failure != null && cause.plugins().isEmpty()) {
            return skippedAndTimedOut(rootFailure, cause, failure, setting);
        }
        String plugins = cause.plugins().isEmpty() ? "none yet: its plugins had not been listed"
                : plugins(cause);
        String description = String.format("Plux namespace '%s' did not finish loading within %s.startup-timeout%s."
                + "%n%n    Namespace: %s (%s)%n    Plugins still loading or waiting to load: %s", cause.namespace(),
                property, setting, cause.namespace(), property, plugins);
        if (failure != null) {
            description += String.format("%n    Plugins skipped after a fail-fast failure: see the exception message"
                    + " above%n    Root cause: %s", RootCause.describe(RootCause.of(failure)));
        }
        String action = cause.plugins().isEmpty()
                // no plugin was slow: the namespace's listing was, or the listings of the namespaces before it
                ? String.format("Find out why listing the namespace's plugins takes so long (a PluginFinder set by a"
                        + " PluginManagerCustomizer, for this namespace or one configured before it; the exception"
                        + " message above says which), or raise %s.startup-timeout.", property)
                : String.format("Find out why these plugins take so long (the startup progress warnings name each"
                        + " plugin still loading; plugins that waited for a later namespace to be listed, as the"
                        + " exception message above says, point at that namespace's PluginFinder), raise"
                        + " %s.startup-timeout, or exclude them with %s.exclude.", property, property);
        if (failure != null) {
            action += " The plugin that failed (named in the exception message above) fails startup too: fix it or"
                    + " exclude it.";
        }
        return new FailureAnalysis(description, action, rootFailure);
    }

    /**
     * A timeout of a namespace none of whose unfinished plugins was loading or waiting: all were skipped after a
     * fail-fast failure, while startup waited for plugins before that failure (which might have failed first).
     */
    private static FailureAnalysis skippedAndTimedOut(Throwable rootFailure, PluginStartupException cause,
            Throwable failure, String setting) {
        String property = cause.property();
        String description = String.format("Plux namespace '%s' did not finish loading within %s.startup-timeout%s."
                + "%n%n    Namespace: %s (%s)%n    Plugins still loading or waiting to load: none (its unfinished"
                + " plugins were skipped after a fail-fast failure; the exception message above names them and the"
                + " plugin that failed)%n    Root cause: %s", cause.namespace(), property, setting, cause.namespace(),
                property, RootCause.describe(RootCause.of(failure)));
        String action = String.format("Fix the plugin that failed (see the root cause above), or exclude it; startup"
                + " waited past %s.startup-timeout for plugins that load before it (the startup progress warnings"
                + " name them), so that a failure of theirs would be reported first.", property);
        return new FailureAnalysis(description, action, rootFailure);
    }

    /**
     * The plugins of the failure, the first of many with the count (as the exception's message names them): a
     * timeout with thousands waiting must not make a report of thousands of names. {@code plugins()} keeps them all.
     */
    private static String plugins(PluginStartupException cause) {
        List<String> plugins = cause.plugins();
        int shown = 20;
        return (plugins.size() <= shown) ? String.join(", ", plugins)
                : String.join(", ", plugins.subList(0, shown)) + ", ... (" + plugins.size() + " in all)";
    }
}
