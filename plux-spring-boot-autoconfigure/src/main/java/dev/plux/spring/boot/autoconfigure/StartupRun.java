package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.core.PluginDisabled;
import dev.plux.spring.boot.autoconfigure.StartupNamespace.Task;
import dev.plux.spring.boot.autoconfigure.StartupNamespace.TaskOutcome;
import dev.plux.spring.boot.autoconfigure.StartupNamespace.TaskState;
import dev.plux.spring.boot.autoconfigure.StartupNamespace.Unfinished;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * One startup loading of the {@code load-on-startup} namespaces: every plugin of every namespace is queued in
 * discovery order (namespace by namespace) on {@code parallelism} daemon threads, so with one thread the order is
 * exactly the sequential one and with more the plugins still start in that order. A watchdog thread warns about
 * plugins still loading and ends the wait when a namespace's {@code startup-timeout} passes.
 *
 * <p>The starting thread waits without a time limit (state {@code WAITING}): Spring's shutdown hook interrupts a
 * starting thread that waits so, which turns SIGTERM during a hung startup into a failed startup instead of a
 * hang; the loading threads are daemons and never keep the JVM alive.
 *
 * <p>Each plugin's load is a {@code plux.plugin.load} step of the context's {@link ApplicationStartup} (tags
 * {@code namespace}, {@code plugin}, {@code outcome}), so that {@code /actuator/startup} or a JFR recording shows which
 * plugin makes startup slow; the default {@code ApplicationStartup} records nothing.
 *
 * <p>With {@code fail-fast} the failure reported is always the first in discovery order, across namespaces, that one
 * thread would have met: the wait ends only when every plugin of a fail-fast namespace before the failed one has
 * finished, and no plugin, of any namespace, starts after it.
 */
final class StartupRun {

    private static final Logger logger = LoggerFactory.getLogger(StartupRun.class);

    /**
     * Called on the starting thread once every plugin is queued, before it waits, for tests only: an {@link Error}
     * thrown here is one that strikes the starting thread while plugins load (an {@link OutOfMemoryError} as a loading
     * thread is created), which a test cannot otherwise place deterministically. {@code null} in production.
     */
    static volatile @Nullable Runnable beforeWait;

    private final List<StartupNamespace> namespaces;

    private final StartupSettings settings;

    private final long startNanos;

    private final ApplicationStartup applicationStartup;

    private final DaemonThreads loaderThreads = new DaemonThreads("plux-startup-");

    /** Guards the tasks' states and the decisions below; held only briefly, never while a plugin loads. */
    private final Object lock = new Object();

    private final CompletableFuture<Void> decided = new CompletableFuture<>();

    /** Set once the outcome is decided: tasks that have not started yet are skipped. */
    private volatile boolean stopping;

    /** Every task in discovery order, namespace by namespace; a task's {@link Task#position} is its index here. */
    private final List<Task> order = new ArrayList<>();

    // The bookkeeping below, guarded by the lock, costs a few steps per finished task, so that thousands of plugins
    // are not each followed by a scan of them all.

    /**
     * Tasks not finished yet, in any namespace: the run is over at zero. A skipped task never finishes, but one is
     * skipped only after a fail-fast failure before it, which decides the run once the tasks before it finish.
     */
    private int unfinished;

    /**
     * The position of the first task that may still be, or become, the fail-fast failure: every task before it
     * belongs to a namespace without fail-fast, or has finished without failing.
     */
    private int frontier;

    /** The position of the first failed task of a fail-fast namespace; nothing after it starts. */
    private int firstFailure = Integer.MAX_VALUE;

    /** How many times the bookkeeping looked at a task: at most two per task over a run (see {@link #steps()}). */
    private long steps;

    StartupRun(List<StartupNamespace> namespaces, StartupSettings settings, long startNanos,
            ApplicationStartup applicationStartup) {
        this.namespaces = namespaces;
        this.settings = settings;
        this.startNanos = startNanos;
        this.applicationStartup = applicationStartup;
        for (StartupNamespace namespace : namespaces) {
            for (Task task : namespace.tasks) {
                task.position = this.order.size();
                this.order.add(task);
            }
        }
        this.unfinished = this.order.size();
    }

    /**
     * Loads every plugin, logs one summary per namespace, and throws if startup must fail.
     *
     * @throws PluginStartupException for a fail-fast failure, a startup timeout or an interrupted wait
     */
    void run() {
        int threads = Math.max(1, Math.min(this.settings.parallelism(), this.order.size()));
        DaemonThreads watchdogThreads = new DaemonThreads("plux-startup-watchdog-");
        ThreadPoolExecutor loaders = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), this.loaderThreads);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, watchdogThreads);
        watchdog.setRemoveOnCancelPolicy(true);
        try {
            for (StartupNamespace namespace : this.namespaces) {
                Duration timeout = namespace.settings.startupTimeout();
                if (timeout != null) {
                    long delay = Nanos.left(timeout, this.startNanos);
                    watchdog.schedule(() -> timedOut(namespace), Math.max(0, delay), TimeUnit.NANOSECONDS);
                }
            }
            for (Task task : this.order) {
                loaders.execute(() -> load(task, watchdog));
            }
            synchronized (this.lock) {
                decide();
            }
            Runnable hook = beforeWait;
            if (hook != null) {
                hook.run();
            }
            await();
            report();
        }
        finally {
            // after a timeout or failure this interrupts plugins still loading; startup has failed anyway
            loaders.shutdownNow();
            watchdog.shutdownNow();
            PoolEnd.await(this.loaderThreads, watchdogThreads);
        }
    }

    private void await() {
        try {
            this.decided.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            interrupted(ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("startup loading failed", ex.getCause());
        }
    }

    /** Loads one plugin on a loading thread (package-private so that tests can order it against a timeout). */
    void load(Task task, ScheduledThreadPoolExecutor watchdog) {
        synchronized (this.lock) {
            if (this.stopping || failedBefore(task)) {
                // with fail-fast nothing after a failure starts, in any namespace, as when loading one at a time
                return;
            }
            task.state = TaskState.LOADING;
            task.thread = Thread.currentThread().getName();
        }
        logger.debug("plux namespace {}: loading plugin {}", task.namespace.name(), task.name);
        // Started, tagged and ended on this thread only: a step is not meant to be shared between threads (Boot's
        // BufferingApplicationStartup keeps its tags in a plain list), while starting and ending steps on several
        // threads at once is safe in Spring's and Boot's implementations. Their parent is the most recently started
        // step still running: the loader bean's step of Spring, or, with parallelism > 1, another plugin's.
        // StartupSteps never throws: a failing ApplicationStartup must not leave the task unfinished
        StartupStep step = StartupSteps.start(this.applicationStartup, "plux.plugin.load", "namespace",
                task.namespace.name(), "plugin", task.name);
        ScheduledFuture<?> warnings = scheduleWarnings(task, watchdog);
        try {
            task.namespace.manager.load(task.name);
            task.outcome = TaskOutcome.LOADED;
        }
        catch (PluginDisabled ex) {
            task.outcome = TaskOutcome.DISABLED;
        }
        catch (VirtualMachineError ex) {
            // recorded for the report, which names it (as the cause with fail-fast), and not thrown on: on a loading
            // thread it would reach only the thread's uncaught-exception handler, which prints it a second time
            task.outcome = TaskOutcome.FAILED;
            task.error = ex;
        }
        catch (Throwable ex) {
            if (excluded(task, ex)) {
                // the manager's filters rule it out: it would have been disabled, had it resolved (a missing
                // class); excluding a plugin is how a user starts without it, so its failure fails nothing
                logger.debug("plux namespace {}: plugin {}, excluded, failed: {}", task.namespace.name(),
                        task.name, StartupReport.describe(ex));
                task.outcome = TaskOutcome.DISABLED;
            }
            else {
                task.outcome = TaskOutcome.FAILED;
                task.error = ex;
            }
        }
        finally {
            if (warnings != null) {
                warnings.cancel(false);
            }
            try {
                // ended before the task counts as finished, so that no step is still running when the context goes on
                TaskOutcome outcome = task.outcome;
                StartupSteps.end(step, "outcome",
                        (outcome != null) ? outcome.tagValue() : TaskOutcome.FAILED.tagValue());
            }
            finally {
                // whatever recording the step did: a task never finished would keep the starting thread waiting
                synchronized (this.lock) {
                    finish(task);
                    decide();
                }
            }
        }
    }

    /**
     * Whether the manager's filters exclude a plugin that failed. {@code PluginManager.excludes} throws a filter's
     * {@link VirtualMachineError}: the plugin is then not excluded, so that its own failure is recorded (and fails a
     * fail-fast startup) rather than the error escaping the loading thread with the task left unrecorded.
     */
    private static boolean excluded(Task task, Throwable failure) {
        try {
            return task.namespace.excluded.test(task.name);
        }
        catch (VirtualMachineError ex) {
            logger.error("plux namespace {}: plugin {} failed, and asking its manager's filters whether they exclude"
                    + " it failed too ({}); its failure counts: {}", task.namespace.name(), task.name, ex,
                    StartupReport.describe(failure));
            return false;
        }
    }

    private @Nullable ScheduledFuture<?> scheduleWarnings(Task task, ScheduledThreadPoolExecutor watchdog) {
        Duration interval = this.settings.progressInterval();
        AtomicInteger warnings = new AtomicInteger();
        try {
            return watchdog.scheduleAtFixedRate(() -> {
                if (task.state == TaskState.LOADING) {
                    // the nominal time (a multiple of the interval) rather than a jittery measured one
                    Duration elapsed = interval.multipliedBy(warnings.incrementAndGet());
                    logger.warn("plux namespace {}: plugin {} is still loading after {} (on thread {})",
                            task.namespace.name(), task.name, StartupReport.duration(elapsed), task.thread);
                }
            }, Nanos.of(interval), Nanos.of(interval), TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException ex) {
            // the run is over (startup failed) and this plugin started anyway; nobody waits for it any more
            return null;
        }
    }

    /** A namespace's startup timeout passed: called by the watchdog (package-private, as {@link #load}). */
    void timedOut(StartupNamespace namespace) {
        synchronized (this.lock) {
            // a timeout that passes once the outcome is decided (a fail-fast failure while plugins of a namespace
            // before it still load) but before the report would replace that outcome: it comes too late
            if (!this.decided.isDone() && !namespace.finished()) {
                // what is unfinished now, when it passed: a plugin finishing before the report is still named
                namespace.unfinishedAtTimeout = namespace.unfinished(firstFailure());
                this.stopping = true;
                this.decided.complete(null);
            }
        }
    }

    /** Records that a task finished. Called holding the lock. */
    private void finish(Task task) {
        task.state = TaskState.DONE;
        task.namespace.done++;
        this.unfinished--;
        if (task.outcome == TaskOutcome.FAILED && task.namespace.settings.failFast()) {
            this.firstFailure = Math.min(this.firstFailure, task.position);
        }
    }

    /** Ends the wait when the outcome is known. Called holding the lock. */
    private void decide() {
        if (failFastFailure() != null) {
            this.stopping = true;
            this.decided.complete(null);
            return;
        }
        if (this.unfinished == 0) {
            this.decided.complete(null);
        }
    }

    /**
     * The first failed plugin of a fail-fast namespace in discovery order (namespace by namespace), once every plugin
     * of a fail-fast namespace before it has finished: the failure one thread would have met first. Plugins of other
     * namespaces cannot fail startup, so it waits for none of them. Called holding the lock.
     */
    private @Nullable Task failFastFailure() {
        // the frontier only moves forward: over a whole run it passes each task once
        for (; this.frontier < this.order.size(); this.frontier++) {
            Task task = this.order.get(this.frontier);
            this.steps++;
            if (task.namespace.settings.failFast()) {
                if (task.state != TaskState.DONE) {
                    return null;
                }
                if (task.outcome == TaskOutcome.FAILED) {
                    return task;
                }
            }
        }
        return null;
    }

    /**
     * The first failed plugin of a fail-fast namespace in discovery order, so far: the plugins after it that have
     * not started are skipped. Called holding the lock.
     */
    private @Nullable Task firstFailure() {
        return (this.firstFailure < this.order.size()) ? this.order.get(this.firstFailure) : null;
    }

    /** Whether a plugin of a fail-fast namespace before this one, in discovery order, has failed. */
    private boolean failedBefore(Task task) {
        return task.position > this.firstFailure;
    }

    /**
     * Logs a summary per finished namespace and throws for the first one, in configuration order, that failed
     * (package-private, as {@link #load}).
     */
    void report() {
        synchronized (this.lock) {
            Task failure = failFastFailure();
            for (StartupNamespace namespace : this.namespaces) {
                if (failure != null && failure.namespace == namespace) {
                    throw StartupReport.failFast(namespace, failure);
                }
                List<Unfinished> unfinished = namespace.unfinishedAtTimeout;
                if (unfinished != null) {
                    throw StartupReport.timeout(namespace, unfinished);
                }
                if (namespace.finished()) {
                    logger.info(StartupReport.summary(namespace));
                }
            }
        }
    }

    /** The loading threads still running: a failed run gives up on them, on one that took a plugin not loading yet. */
    List<Thread> threads() {
        return this.loaderThreads.alive();
    }

    /**
     * How many times the bookkeeping looked at a task during the run: each finished task is followed by a few steps,
     * never by a scan of them all, so a run takes at most two per task (one to pass it, one per decision that stops
     * at it), whatever the timing. A measure of the cost that does not depend on how busy the machine is.
     */
    long steps() {
        synchronized (this.lock) {
            return this.steps;
        }
    }

    /**
     * The starting thread's wait was interrupted (Spring's shutdown hook on SIGTERM, a {@code close()} from another
     * thread): fails startup naming the first namespace with plugins unfinished. An interrupt that comes as the
     * outcome is decided (the last plugin finished, a fail-fast failure was decided) leaves that outcome to the
     * report, rather than fail startup with a namespace that has nothing unfinished; the thread stays interrupted.
     * Package-private, as {@link #load}.
     */
    void interrupted(InterruptedException ex) {
        synchronized (this.lock) {
            if (this.decided.isDone()) {
                return;
            }
            this.stopping = true;
            // one is unfinished: the run is decided once they all finish
            for (StartupNamespace namespace : this.namespaces) {
                if (!namespace.finished()) {
                    Task failure = firstFailure();
                    throw StartupReport.interrupted(namespace, namespace.unfinished(failure), failure, ex);
                }
            }
        }
    }
}
