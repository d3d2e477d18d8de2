package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link CreatedPlugins} destroys its plugins at close: newest first, one after the other on a daemon thread,
 * with closing waiting for them all at most Boot's timeout per shutdown phase, as Spring bounds a phase. A destroy
 * callback that never returns would otherwise keep the context from closing, and the JVM from exiting on SIGTERM,
 * with nothing logged to say which plugin.
 */
final class BoundedDestruction {

    /**
     * The least closing waits for the plugins' destroy callbacks, whatever the shutdown phase's timeout; and how
     * much longer it waits, once, for the plugins after one whose callback hangs.
     */
    private static final Duration MINIMUM_WAIT = Duration.ofSeconds(1);

    /** The threads plugins are destroyed on: daemons, so that a callback that never returns cannot hold the JVM. */
    private static final DaemonThreads THREADS = new DaemonThreads("plux-destroy-");

    /** Under {@link CreatedPlugins}' name, which is where its users look for what closing does. */
    private static final Logger logger = LoggerFactory.getLogger(CreatedPlugins.class);

    private BoundedDestruction() {
    }

    /**
     * Destroys the plugins, newest first, one after the other on a daemon thread, and waits for them at most
     * {@code phaseTimeout} (Boot's timeout per shutdown phase; at least {@link #MINIMUM_WAIT}) in all, as Spring
     * bounds a lifecycle phase, not each bean. A callback still running at the deadline is named, interrupted and
     * left on its thread; the plugins after it are destroyed on a new thread, for which closing waits
     * {@link #MINIMUM_WAIT} more, once: so closing takes at most the bound and a second, however many plugins hang,
     * and uses one thread, not one per plugin, unless a callback hangs. An interrupt pending when it begins does not
     * shorten the wait (it is the one that ended an interrupted startup); one that arrives while it waits ends the
     * wait, the rest being destroyed on a daemon thread. A thread interrupted before or during it returns interrupted.
     *
     * @param plugins the plugins, newest first; taken out as they are destroyed
     * @param destroy destroys one plugin, logging its callbacks' failures itself
     * @param phaseTimeout Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}
     */
    static void destroyAll(Deque<CreatedPlugin> plugins, Consumer<CreatedPlugin> destroy, Duration phaseTimeout) {
        // an interrupt pending as closing begins does not end the wait: it is the one that ended an interrupted
        // startup (Spring's shutdown hook on SIGTERM, which interrupts the starting thread and then waits for its
        // failed refresh to destroy the beans; the JVM exits right after), so the callbacks of the plugins loaded
        // before it would be cut off. It is kept for the caller; only an interrupt while closing waits ends the wait
        boolean interruptedBefore = Thread.interrupted();
        try {
            destroyAllWaiting(plugins, destroy, phaseTimeout);
        }
        finally {
            if (interruptedBefore) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void destroyAllWaiting(Deque<CreatedPlugin> plugins, Consumer<CreatedPlugin> destroy,
            Duration phaseTimeout) {
        // at least a second: a phase timeout set tiny to bound the wait for creations must not give up on callbacks
        // that merely need their thread to be scheduled
        Duration bound = max(phaseTimeout, MINIMUM_WAIT);
        long deadline = System.nanoTime() + Nanos.of(bound);
        boolean graceGiven = false;
        while (!plugins.isEmpty()) {
            Destroyer destroyer = new Destroyer(plugins, destroy);
            Thread thread = THREADS.newThread(destroyer);
            // the callbacks see what they would on the closing thread: the application's class loader
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            long wait = deadline - System.nanoTime();
            if (wait <= 0 && graceGiven) {
                // no more waiting: what is left is destroyed in order on that thread, as closing goes on; listed
                // before the thread starts, as one it has taken already would be named nowhere, should it hang
                String left = destroyer.left();
                thread.start();
                logger.warn("plux: closing goes on without waiting for the destruction of the plugins left"
                        + " ({}), which goes on on daemon thread {}", left, thread.getName());
                return;
            }
            thread.start();
            if (wait <= 0) {
                graceGiven = true;
                wait = Nanos.of(MINIMUM_WAIT);
                deadline = System.nanoTime() + wait;
            }
            try {
                // the thread's end, not its last callback: a servlet container looks for the web application's
                // threads as soon as its context is closed, and warns of one still exiting as of a leak
                TimeUnit.NANOSECONDS.timedJoin(thread, wait);
                if (!thread.isAlive()) {
                    return;
                }
            }
            catch (InterruptedException ex) {
                // another thread interrupted closing while it waited: keep the interrupt, wait for no more plugins
                Thread.currentThread().interrupt();
                logger.warn("plux: closing was interrupted while plugins were being destroyed; the rest are destroyed"
                        + " on daemon thread {}", thread.getName());
                return;
            }
            // given up first, so that the thread takes no next plugin: the stack is then the stuck plugin's
            CreatedPlugin stuck = destroyer.giveUp();
            String stack = stackOf(thread);
            if (stuck != null) {
                // interrupted after the warning's stack was taken: a callback that honours interrupts ends now;
                // one deaf to them is only left behind
                thread.interrupt();
                logger.warn("plux namespace {}: destroying plugin {} ({}) did not end within {} ({}{}); closing"
                        + " goes on without it (its destroy callback is interrupted and left running on daemon"
                        + " thread {}): {}", stuck.spec.namespace(), stuck.spec.name(),
                        stuck.plugin.getClass().getName(), CreatedPlugins.SHUTDOWN_PHASE_TIMEOUT,
                        StartupReport.duration(bound),
                        graceGiven ? " and " + StartupReport.duration(MINIMUM_WAIT) + " more" : "",
                        thread.getName(), stack);
            }
        }
    }

    /**
     * Destroys the plugins of the deque one after the other, until it is empty or closing gave up on it; then
     * its thread ends, which closing waits for. Given up on, it destroys no other plugin: the interrupt meant for the
     * callback it hangs in must not reach the next plugin's.
     */
    private static final class Destroyer implements Runnable {

        private final Deque<CreatedPlugin> plugins;

        private final Consumer<CreatedPlugin> destroy;

        private @Nullable CreatedPlugin current;

        Destroyer(Deque<CreatedPlugin> plugins, Consumer<CreatedPlugin> destroy) {
            this.plugins = plugins;
            this.destroy = destroy;
        }

        private boolean givenUp;

        @Override
        public void run() {
            CreatedPlugin next;
            while ((next = next()) != null) {
                try {
                    this.destroy.accept(next);
                }
                catch (Throwable ex) {
                    // CreatedPlugins#destroy logs every callback's failure itself; a failure around them (the
                    // factory, the logging) must not leave the older plugins undestroyed while closing thinks it
                    // done
                    logger.warn("plux namespace {}: destroying plugin {} ({}) failed: {}", next.spec.namespace(),
                            next.spec.name(), next.plugin.getClass().getName(), ex.toString(), ex);
                }
            }
        }

        private synchronized @Nullable CreatedPlugin next() {
            this.current = this.givenUp ? null : this.plugins.poll();
            return this.current;
        }

        /** Closing gives up on this thread: the plugin it is destroying, {@code null} between two. */
        synchronized @Nullable CreatedPlugin giveUp() {
            this.givenUp = true;
            return this.current;
        }

        /** The plugins not destroyed yet, for a warning. */
        String left() {
            return this.plugins.stream().map(CreatedPlugin::describe).toList().toString();
        }
    }

    private static Duration max(Duration one, Duration other) {
        return (one.compareTo(other) >= 0) ? one : other;
    }

    /** Where a destroy callback hangs, so the warning names the file and line without a thread dump. */
    private static String stackOf(Thread thread) {
        StackTraceElement[] frames = thread.getStackTrace();
        StringBuilder text = new StringBuilder("it is at");
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            text.append(System.lineSeparator()).append("\tat ").append(frames[i]);
        }
        if (frames.length > 8) {
            text.append(System.lineSeparator()).append("\t... ").append(frames.length - 8).append(" more");
        }
        return text.toString();
    }
}
