package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.plux.core.NoSuchPluginException;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.spring.boot.autoconfigure.StartupNamespace.Task;
import dev.plux.spring.boot.autoconfigure.StartupNamespace.TaskOutcome;
import dev.plux.spring.boot.autoconfigure.StartupNamespace.Unfinished;
import org.jspecify.annotations.Nullable;

/**
 * The words of startup loading: the INFO summary of a namespace and the {@link PluginStartupException}s.
 */
final class StartupReport {

    /** Long messages (stack-trace-like dumps, SQL) would drown the summary line. */
    private static final int MAX_MESSAGE = 200;

    private StartupReport() {
    }

    /**
     * The one INFO line of a namespace, such as
     * {@code plux namespace my.ns: loaded 3 plugins, disabled 1, failed 1: broken (IllegalStateException: boom)}.
     */
    static String summary(StartupNamespace namespace) {
        int loaded = 0;
        int disabled = 0;
        List<String> failed = new ArrayList<>();
        for (Task task : namespace.tasks) {
            TaskOutcome outcome = task.outcome;
            if (outcome == TaskOutcome.LOADED) {
                loaded++;
            }
            else if (outcome == TaskOutcome.DISABLED) {
                disabled++;
            }
            else if (outcome == TaskOutcome.FAILED) {
                failed.add(task.name + " (" + describeFailure(namespace.name(), task) + ")");
            }
        }
        StringBuilder line = new StringBuilder("plux namespace ").append(namespace.name())
            .append(": loaded ")
            .append(plugins(loaded));
        if (disabled > 0) {
            line.append(", disabled ").append(disabled);
        }
        if (!failed.isEmpty()) {
            // each failure is warned of by its manager; the one line names the first few, not thousands
            line.append(", failed ").append(failed.size()).append(": ")
                .append(NameSample.of(failed, NameSample.FAILURES_SHOWN));
        }
        return line.toString();
    }

    static PluginStartupException failFast(StartupNamespace namespace, Task task) {
        Throwable error = Objects.requireNonNull(task.error, "a failed task has an error");
        Throwable cause = ownFailure(task);
        String message = String.format("plux namespace %s: plugin %s failed on startup and %s.fail-fast is set: %s",
                namespace.name(), task.name, property(namespace), describeFailure(namespace.name(), task));
        return new PluginStartupException(message, namespace.name(), property(namespace), List.of(task.name), false,
                cause);
    }

    /** A fail-fast namespace whose plugins could not even be listed (a custom finder failed). */
    static PluginStartupException unlisted(ManagerSettings settings, RuntimeException ex) {
        String message = String.format("plux namespace %s: its plugins could not be listed on startup and %s.fail-fast"
                + " is set: %s", settings.namespace(), settings.property(), describe(ex));
        return new PluginStartupException(message, settings.namespace(), settings.property(), List.of(), false, ex);
    }

    /**
     * A namespace whose startup timeout passed before its plugins were listed: while they were being listed (a slow
     * custom finder), or before that began, while earlier namespaces were listed, or before any namespace was (a
     * timeout shorter than creating the first manager takes).
     */
    static PluginStartupException listingTimedOut(ManagerSettings settings, boolean whileListing,
            boolean whileListingOthers) {
        Duration timeout = Objects.requireNonNull(settings.startupTimeout(), "a timed out namespace");
        String reason;
        if (whileListing) {
            reason = "its plugins were still being listed";
        }
        else if (whileListingOthers) {
            reason = "it had passed before its plugins were listed (listing the namespaces before it took longer)";
        }
        else {
            reason = "it had passed before its plugins were listed, before any namespace was (startup loading had"
                    + " only created the first namespace's plugin manager)";
        }
        String message = String.format("plux namespace %s did not finish loading within %s.startup-timeout (%s): %s",
                settings.namespace(), settings.property(), duration(timeout), reason);
        return new PluginStartupException(message, settings.namespace(), settings.property(), List.of(), true, null);
    }

    /**
     * A namespace whose startup timeout passed while a later namespace was being listed: its plugins were listed, but
     * none loads before every {@code load-on-startup} namespace is listed.
     *
     * @param namespace the namespace timed out, listed already
     * @param listing the namespace still being listed
     */
    static PluginStartupException waitedForListing(StartupNamespace namespace, ManagerSettings listing) {
        Duration timeout = Objects.requireNonNull(namespace.settings.startupTimeout(), "a timed out namespace");
        List<Unfinished> unfinished = namespace.unfinished();
        String message = String.format("plux namespace %s did not finish loading within %s.startup-timeout (%s): %s"
                + " (the plugins of plux namespace %s were still being listed, and no plugin loads before every"
                + " load-on-startup namespace is listed)", namespace.name(), property(namespace), duration(timeout),
                unfinished(namespace, unfinished), listing.namespace());
        return new PluginStartupException(message, namespace.name(), property(namespace), names(unfinished), true,
                null);
    }

    /** Startup loading interrupted while a namespace's plugins were being listed. */
    static PluginStartupException listingInterrupted(ManagerSettings settings, InterruptedException ex) {
        String message = String.format("plux namespace %s: startup loading was interrupted (is the application"
                + " shutting down?) while its plugins were being listed", settings.namespace());
        return new PluginStartupException(message, settings.namespace(), settings.property(), List.of(), false, ex);
    }

    /**
     * A namespace whose startup timeout passed.
     *
     * @param namespace the namespace
     * @param unfinished its plugins unfinished when the timeout passed (some may have finished since)
     * @return the exception, whose plugins are those loading or waiting to load, and whose cause is the failure of
     *         the fail-fast plugin for which others were skipped, if any were
     */
    static PluginStartupException timeout(StartupNamespace namespace, List<Unfinished> unfinished) {
        Duration timeout = Objects.requireNonNull(namespace.settings.startupTimeout(), "a timed out namespace");
        String message = String.format("plux namespace %s did not finish loading within %s.startup-timeout (%s): %s",
                namespace.name(), property(namespace), duration(timeout), unfinished(namespace, unfinished));
        Task skippedAfter = skippedAfter(unfinished);
        return new PluginStartupException(message, namespace.name(), property(namespace), names(unfinished), true,
                (skippedAfter != null) ? ownFailure(skippedAfter) : null);
    }

    /**
     * Startup loading interrupted while plugins were unfinished.
     *
     * @param namespace the first namespace with plugins unfinished
     * @param unfinished its unfinished plugins
     * @param failed the first failed plugin of a fail-fast namespace, which did not decide the run yet (a plugin
     *        before it still loads), or {@code null}
     * @param ex the interruption, the cause
     * @return the exception; the failure of {@code failed}, which fails the next start as well, is suppressed in it,
     *         for the failure analyzer
     */
    static PluginStartupException interrupted(StartupNamespace namespace, List<Unfinished> unfinished,
            @Nullable Task failed, InterruptedException ex) {
        String plugins = unfinished(namespace, unfinished);
        if (failed != null && skippedAfter(unfinished) == null) {
            // none of this namespace's plugins were skipped for it: name it here, or the message would not
            String where = (failed.namespace == namespace) ? "" : " of plux namespace " + failed.namespace.name();
            plugins += "; plugin " + failed.name + where + " had failed (fail-fast): " + describe(failed.error);
        }
        String message = String.format("plux namespace %s: startup loading was interrupted (is the application"
                + " shutting down?): %s", namespace.name(), plugins);
        PluginStartupException failure = new PluginStartupException(message, namespace.name(), property(namespace),
                names(unfinished), false, ex);
        if (failed != null) {
            failure.addSuppressed(ownFailure(failed));
        }
        return failure;
    }

    /** A short, human duration: {@code 50 ms}, {@code 10 s}, {@code 1.5 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * A failed plugin's root cause ({@link #describe(Throwable)}), and when its {@code load()} failed because a plugin
     * it loads failed, that plugin first: {@code plugin my.ns:inner, which it loads, failed: IllegalStateException:
     * boom}, so the reader fixes that plugin, not the one whose load merely called it.
     */
    static String describeFailure(String namespace, Task task) {
        Throwable error = task.error;
        PluginException other = (error != null)
                ? PluginStartupException.loadedPluginFailure(error, namespace, task.name) : null;
        if (other == null) {
            return describe(error);
        }
        return "plugin " + other.namespace() + ":" + other.name() + ", which it loads, " + whatHappened(other) + ": "
                + describe(error);
    }

    /**
     * What became of a plugin another one loaded: a disabled plugin or a name no index declares did not fail, and the
     * reader must enable it or correct the name rather than look for an error in it.
     */
    private static String whatHappened(PluginException other) {
        if (other instanceof PluginDisabled) {
            return "is disabled";
        }
        if (other instanceof NoSuchPluginException) {
            return "does not exist";
        }
        return "failed";
    }

    /** The root cause's type and first message line: what a reader needs to recognise the failure. */
    static String describe(@Nullable Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        // a chain may loop through several throwables (initCause only refuses itself): stop at the last new one
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = error;
        while (seen.add(root) && root.getCause() != null && !seen.contains(root.getCause())) {
            root = root.getCause();
        }
        String message = message(root);
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).stripTrailing() + " ...";
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return root.getClass().getSimpleName() + ": " + message;
    }

    /**
     * Its message, or {@code null} when reading it throws (a message built from state that is not there): the summary
     * must not fail the startup that a namespace without fail-fast goes on with.
     */
    private static @Nullable String message(Throwable failure) {
        try {
            return failure.getMessage();
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            return null;
        }
    }

    private static String plugins(int count) {
        return count + ((count == 1) ? " plugin" : " plugins");
    }

    private static String property(StartupNamespace namespace) {
        return "plux.namespaces[" + namespace.settings.index() + "]";
    }

    private static String unfinished(StartupNamespace namespace, List<Unfinished> unfinished) {
        List<String> loading = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Unfinished plugin : unfinished) {
            if (plugin.thread() != null) {
                loading.add(plugin.name() + " (on thread " + plugin.thread() + ")");
            }
            else if (plugin.skippedAfter() != null) {
                skipped.add(plugin.name());
            }
            else {
                waiting.add(plugin.name());
            }
        }
        List<String> parts = new ArrayList<>();
        if (!loading.isEmpty()) {
            parts.add("still loading: " + NameSample.of(loading));
        }
        if (!waiting.isEmpty()) {
            parts.add("still waiting to load: " + NameSample.of(waiting));
        }
        Task failure = skippedAfter(unfinished);
        if (failure != null) {
            // they never start: calling them waiting would send the reader after the wrong plugins
            String where = (failure.namespace == namespace) ? ""
                    : " of plux namespace " + failure.namespace.name();
            parts.add("skipped after plugin " + failure.name + where + " failed (fail-fast): "
                    + NameSample.of(skipped));
        }
        return String.join("; ", parts);
    }

    /** The plugins to look into or exclude: those loading or waiting to load, not those skipped. */
    private static List<String> names(List<Unfinished> unfinished) {
        return unfinished.stream().filter((plugin) -> plugin.skippedAfter() == null).map(Unfinished::name).toList();
    }

    private static @Nullable Task skippedAfter(List<Unfinished> unfinished) {
        for (Unfinished plugin : unfinished) {
            if (plugin.skippedAfter() != null) {
                return plugin.skippedAfter();
            }
        }
        return null;
    }

    /** A failed plugin's own failure, not the manager's wrapper that only repeats namespace and name. */
    private static Throwable ownFailure(Task task) {
        Throwable error = Objects.requireNonNull(task.error, "a failed task has an error");
        return (error instanceof PluginException && error.getCause() != null) ? error.getCause() : error;
    }
}
