package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.plux.runtime.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the plugins of a {@code load-on-startup} namespace, the first step of its startup loading. Reading the
 * index cannot hang, but a custom {@code PluginFinder} (a remote registry) can, or fail: a namespace with a
 * {@code startup-timeout} is listed on a daemon thread and waited for only until its deadline, so the timeout
 * covers the listing too; a failure is an error in the log and an empty namespace, or with {@code fail-fast} a
 * failed startup.
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
     * @return every declared plugin, or none when they cannot be listed and the namespace is not fail-fast
     * @throws PluginStartupException when listing fails with {@code fail-fast}, outlasts the startup timeout, or
     *         is interrupted
     */
    static List<String> names(ManagerSettings settings, PluginManager<?> manager, long startNanos) {
        try {
            Duration timeout = settings.startupTimeout();
            if (timeout == null) {
                return manager.listNames();
            }
            return listWithin(settings, manager, startNanos + timeout.toNanos() - System.nanoTime());
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

    private static List<String> listWithin(ManagerSettings settings, PluginManager<?> manager, long nanos) {
        if (nanos <= 0) {
            // the namespaces listed before this one used up its time: say so, rather than blame its listing
            throw StartupReport.listingTimedOut(settings, false);
        }
        FutureTask<List<String>> listing = new FutureTask<>(manager::listNames);
        Thread thread = new Thread(listing, "plux-startup-list-" + settings.index());
        // a daemon, as the loading threads are: a finder that never returns must not keep the JVM alive
        thread.setDaemon(true);
        thread.start();
        try {
            return listing.get(nanos, TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            thread.interrupt();
            throw StartupReport.listingTimedOut(settings, true);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            throw StartupReport.listingInterrupted(settings, ex);
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
