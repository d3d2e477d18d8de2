package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits, briefly, for startup threads that were shut down or interrupted to end. A servlet container looks for threads a web
 * application left running as soon as its start or stop returns (Tomcat: "appears to have started a thread named
 * [plux-startup-2] but has failed to stop it"), and a plugin interrupted by a failed startup may take a moment to
 * return. The wait is bounded: a plugin that ignores its interrupt keeps its thread, as documented, and does not
 * hold the failed startup too.
 */
final class PoolEnd {

    /** As long as closing gives a destroy thread beyond its bound ({@code BoundedDestruction}). */
    static final Duration BOUND = Duration.ofSeconds(1);

    private PoolEnd() {
    }

    /**
     * Waits until every thread the factories made has ended or {@link #BOUND} has passed; the pools they serve must
     * be shut down first. Returns at once, keeping the interrupt, when the waiting thread is interrupted (Spring's
     * shutdown hook interrupts a starting thread: the JVM is exiting, and daemon threads do not hold it).
     */
    static void await(DaemonThreads... factories) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        try {
            for (DaemonThreads factory : factories) {
                if (!factory.join(deadline)) {
                    return;
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the thread has ended or {@link #BOUND} has passed; returns at once, as above, when interrupted. */
    static void await(Thread thread) {
        try {
            TimeUnit.NANOSECONDS.timedJoin(thread, BOUND.toNanos());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
