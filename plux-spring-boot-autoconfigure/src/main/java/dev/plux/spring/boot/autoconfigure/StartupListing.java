package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Lists the plugins of a {@code load-on-startup} namespace, the first step of its startup loading. Reading the
 * index cannot hang, but a custom {@code PluginFinder} (a remote registry) can, or fail: every namespace is listed on
 * a daemon thread, waited for only until the first deadline of the namespaces (this one's {@code startup-timeout},
 * that of one listed later, or that of one listed before whose plugins wait to load: theirs all count from the start
 * too), so the timeout covers the listing too; a failure is an error in the log and an empty namespace, or with {@code fail-fast} a failed startup.
 * The starting thread waits untimed, so that Spring's shutdown hook (SIGTERM) or a {@code close()} from another
 * thread interrupts it rather than waiting for the deadline, or, without one, for a finder that may never return
 * (a finder busy on the starting thread itself could not be interrupted: {@code close()} would wait for it).
 *
 * <p>The listing is a {@code plux.namespace.list} step of the context's {@link ApplicationStartup} (tags
 * {@code namespace}, {@code outcome} {@code listed} or {@code failed}, and {@code plugins}, how many), since reading
 * the index files and plugin directories, or a custom finder, can be what makes startup slow.
 */
final class StartupListing {

    private static final Logger logger = LoggerFactory.getLogger(StartupListing.class);

    private StartupListing() {
    }

    /**
     * The names of the namespace's plugins.
     *
     * @param settings the namespace's settings
     * @param manager its manager
     * @param startNanos when startup loading began ({@link System#nanoTime()})
     * @param progressInterval how long listing may take before a warning says so, again at each interval
     * @param firstDeadline the namespace whose startup timeout passes first (they all count from the start), of this
     *        one, those listed after it and those listed before it that have plugins (none of which loads before
     *        every namespace is listed), or {@code null} when none of them has one
     * @param listedBefore whether other namespaces were listed before this one (what a deadline that passed before
     *        this listing began is blamed on)
     * @param applicationStartup the context's, which records the listing as a step
     * @return every declared plugin, or none when they cannot be listed and the namespace is not fail-fast
     * @throws PluginStartupException when listing fails with {@code fail-fast}, outlasts the startup timeout (its
     *         own or that of a namespace before or after it), or is interrupted
     */
    static List<String> names(ManagerSettings settings, PluginManager<?> manager, long startNanos,
            Duration progressInterval, @Nullable Deadline firstDeadline, boolean listedBefore,
            ApplicationStartup applicationStartup) {
        try {
            return list(settings, manager, startNanos, progressInterval, firstDeadline, listedBefore,
                    applicationStartup);
        }
        catch (RuntimeException ex) {
            if (ex instanceof PluginStartupException startup) {
                throw startup;
            }
            // nothing of the namespace can load; the manager asks the finder again on its next use
            if (settings.failFast()) {
                throw StartupReport.unlisted(settings, ex);
            }
            logger.error("plux namespace {}: its plugins could not be listed, so none is loaded on startup: {}",
                    settings.namespace(), StartupReport.describe(ex), ex);
            return List.of();
        }
    }

    private static List<String> list(ManagerSettings settings, PluginManager<?> manager, long startNanos,
            Duration progressInterval, @Nullable Deadline firstDeadline, boolean listedBefore,
            ApplicationStartup applicationStartup) {
        Duration timeout = (firstDeadline != null) ? firstDeadline.settings().startupTimeout() : null;
        long nanos = (timeout != null) ? Nanos.left(timeout, startNanos) : 0;
        if (firstDeadline != null && nanos <= 0) {
            // the namespaces listed before this one used up its time (or a later one's), or, before the first
            // listing, getting startup loading going did: say so, rather than blame its listing
            throw timedOut(firstDeadline, settings, false, listedBefore);
        }
        CompletableFuture<List<String>> listing = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            // on the listing thread, as StartupRun's steps are on the loading threads: a step is not shared between
            // threads; ended before the starting thread is told, so that none is running when it goes on. The
            // starting thread is told whatever recording the step did: it waits for the listing, untimed without a
            // deadline
            StartupStep step = StartupSteps.start(applicationStartup, "plux.namespace.list", "namespace",
                    settings.namespace());
            @Nullable List<String> names = null;
            @Nullable Throwable failure = null;
            try {
                names = manager.listNames();
            }
            catch (Throwable ex) {
                failure = ex;
            }
            try {
                if (names != null) {
                    StartupSteps.end(step, "outcome", "listed", "plugins", String.valueOf(names.size()));
                }
                else {
                    StartupSteps.end(step, "outcome", "failed");
                }
            }
            finally {
                if (names != null) {
                    listing.complete(names);
                }
                else {
                    listing.completeExceptionally((failure != null) ? failure
                            : new IllegalStateException("the manager listed no names (null)"));
                }
            }
        }, "plux-startup-list-" + settings.index());
        // a daemon, as the loading threads are: a finder that never returns must not keep the JVM alive
        thread.setDaemon(true);
        // as StartupRun's: ends the wait at the deadline, and warns while the listing goes on
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1,
                new DaemonThreads("plux-startup-list-watchdog-"));
        try {
            thread.start();
            // The deadline completes the future; the starting thread waits untimed (WAITING, as StartupRun's does),
            // since Spring's shutdown hook interrupts only a starting thread that waits so: a timed wait would hold
            // SIGTERM, and a close() from another thread, until the startup timeout passed.
            if (timeout != null) {
                watchdog.schedule(() -> listing.completeExceptionally(new TimeoutException()), nanos,
                        TimeUnit.NANOSECONDS);
            }
            AtomicInteger warnings = new AtomicInteger();
            long every = Nanos.of(progressInterval);
            watchdog.scheduleAtFixedRate(() -> {
                if (!listing.isDone()) {
                    // the nominal time, as for a plugin still loading
                    logger.warn("plux namespace {}: its plugins are still being listed after {} (on thread {})",
                            settings.namespace(),
                            StartupReport.duration(progressInterval.multipliedBy(warnings.incrementAndGet())),
                            thread.getName());
                }
            }, every, every, TimeUnit.NANOSECONDS);
            return listing.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            throw StartupReport.listingInterrupted(settings, ex);
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            // what the deadline completes it with (a finder cannot throw this checked exception)
            if (cause instanceof TimeoutException && firstDeadline != null) {
                thread.interrupt();
                PoolEnd.await(thread);
                // another namespace's timeout may pass while this one is listed: a later one's plugins were not
                // listed yet, an earlier one's wait to load until every namespace is listed
                throw timedOut(firstDeadline, settings, true, listedBefore);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    private static PluginStartupException timedOut(Deadline deadline, ManagerSettings listing, boolean whileListing,
            boolean listedBefore) {
        StartupNamespace listed = deadline.listed();
        if (listed != null) {
            return StartupReport.waitedForListing(listed, listing);
        }
        // the time went on listing: the deadline's own namespace, one before it (this one, still being listed), or
        // those listed before this one; otherwise on what comes before any listing (creating the first manager)
        return StartupReport.listingTimedOut(deadline.settings(), whileListing && deadline.settings() == listing,
                whileListing || listedBefore);
    }

    /**
     * The namespace whose startup timeout passes first while a namespace is listed.
     *
     * @param settings its settings
     * @param listed the namespace with its plugins when it was listed already (its plugins wait to load), or
     *        {@code null} when it was not
     */
    record Deadline(ManagerSettings settings, @Nullable StartupNamespace listed) {
    }
}
