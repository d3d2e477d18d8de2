package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;

/**
 * The plugins of one {@code load-on-startup} namespace in a {@link StartupRun}, in discovery order, and what the
 * run records of each: its state, outcome and error.
 */
final class StartupNamespace {

    final ManagerSettings settings;

    final PluginManager<?> manager;

    final List<Task> tasks;

    /** The plugins unfinished when the namespace's startup timeout passed; {@code null} unless it has. */
    @Nullable List<Unfinished> unfinishedAtTimeout;

    /** How many of its tasks have finished; guarded by the run's lock. */
    int done;

    /**
     * Whether the manager's filters rule a plugin out ({@link PluginManager#excludes}); asked only when one fails.
     */
    final Predicate<String> excluded;

    StartupNamespace(ManagerSettings settings, PluginManager<?> manager, List<String> names,
            Predicate<String> excluded) {
        this.settings = settings;
        this.manager = manager;
        this.excluded = excluded;
        List<Task> tasks = new ArrayList<>(names.size());
        for (String name : names) {
            tasks.add(new Task(this, name));
        }
        this.tasks = List.copyOf(tasks);
    }

    String name() {
        return this.settings.namespace();
    }

    /** The plugins not finished yet, in discovery order, before any has failed. Called holding the run's lock. */
    List<Unfinished> unfinished() {
        return unfinished(null);
    }

    /**
     * The plugins not finished yet, in discovery order. Called holding the run's lock.
     *
     * @param failure the first failed plugin of a fail-fast namespace, in discovery order, or {@code null}: those
     *        after it that have not started never start (they are skipped, not waiting)
     */
    List<Unfinished> unfinished(@Nullable Task failure) {
        List<Unfinished> unfinished = new ArrayList<>();
        for (Task task : this.tasks) {
            if (task.state == TaskState.LOADING) {
                unfinished.add(new Unfinished(task.name, task.thread, null));
            }
            else if (task.state == TaskState.WAITING) {
                boolean skipped = failure != null && task.position > failure.position;
                unfinished.add(new Unfinished(task.name, null, skipped ? failure : null));
            }
        }
        return unfinished;
    }

    /** Whether every plugin has finished. Called holding the run's lock. */
    boolean finished() {
        return this.done == this.tasks.size();
    }

    /** Where a plugin is in this run. */
    enum TaskState {
        WAITING, LOADING, DONE
    }

    /** How a plugin's load ended. */
    enum TaskOutcome {
        LOADED, DISABLED, FAILED;

        /** The value of the {@code outcome} tag, as the {@code plux.plugin.load} observation writes it. */
        String tagValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One plugin to load; its fields are written by its loading thread and read holding the run's lock. */
    static final class Task {

        final StartupNamespace namespace;

        final String name;

        /** Its place in the run's discovery order, across namespaces; set by the run. */
        int position;

        volatile TaskState state = TaskState.WAITING;

        volatile @Nullable String thread;

        volatile @Nullable TaskOutcome outcome;

        volatile @Nullable Throwable error;

        Task(StartupNamespace namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }
    }

    /**
     * A plugin that has not finished.
     *
     * @param name its name
     * @param thread the thread loading it, or {@code null} while it waits to load or once it is skipped
     * @param skippedAfter the failed plugin of a fail-fast namespace, before it in discovery order, for which it is
     *        skipped (it never starts), or {@code null} when it is not
     */
    record Unfinished(String name, @Nullable String thread, @Nullable Task skippedAfter) {
    }
}
