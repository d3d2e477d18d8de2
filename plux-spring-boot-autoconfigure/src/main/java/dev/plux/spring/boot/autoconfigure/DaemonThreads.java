package dev.plux.spring.boot.autoconfigure;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the threads of startup loading ({@code prefix} and a number) and makes them daemons, so that a plugin or a
 * {@code PluginFinder} that never returns does not keep the JVM alive after a failed startup. It keeps the threads
 * it made (a pool's few), so that their end can be waited for: a pool that has terminated may still have threads
 * on their way out.
 */
final class DaemonThreads implements ThreadFactory {

    private final String prefix;

    private final AtomicInteger count = new AtomicInteger();

    /**
     * Weakly: a thread that has ended still holds its context class loader, the application's, and whatever keeps
     * this factory (its pool, a task's stack in a failure) must not keep that loader too; a restarted application's
     * loader was not collected when these were strong ({@code ApplicationRestartTests}).
     */
    private final List<WeakReference<Thread>> threads = new CopyOnWriteArrayList<>();

    DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, this.prefix + this.count.incrementAndGet());
        thread.setDaemon(true);
        // a factory that lives as long as the JVM (BoundedDestruction's makes a thread per context close) would
        // otherwise keep one cleared reference per thread it ever made
        this.threads.removeIf((reference) -> reference.get() == null);
        this.threads.add(new WeakReference<>(thread));
        return thread;
    }

    /**
     * How many threads this factory still refers to: those not collected yet, whether they ended or not.
     *
     * @return the count
     */
    int tracked() {
        return this.threads.size();
    }

    /**
     * The threads made so far that have not ended.
     *
     * @return them, in the order they were made
     */
    List<Thread> alive() {
        List<Thread> alive = new ArrayList<>();
        for (WeakReference<Thread> reference : this.threads) {
            Thread thread = reference.get();
            if (thread != null && thread.isAlive()) {
                alive.add(thread);
            }
        }
        return alive;
    }

    /**
     * Waits until every thread made so far has ended, or until {@code deadline} ({@link System#nanoTime()}).
     *
     * @return whether they all ended
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean join(long deadline) throws InterruptedException {
        for (WeakReference<Thread> reference : this.threads) {
            Thread thread = reference.get();
            if (thread == null) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
