package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginLoadInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The load attempts under way on the managers of one context, so that closing can wait for those that create a
 * plugin through the context ({@link CreatedPlugins}).
 *
 * <p>The load path takes no lock of the context's: an attempt is an entry of a concurrent map (each thread's
 * innermost attempt, a plugin's load may load another plugin), and an attempt that ends signals only once something
 * waits for the attempts ({@link #whenDone}, {@link #await}).
 */
final class LoadAttempts {

    /**
     * Called first by a thread's own bookkeeping at the end of each attempt, for tests only: a
     * {@link StackOverflowError} thrown here is one that strikes there, deep in a chain of plugins loading each other,
     * which a test cannot otherwise place deterministically. {@code null} in production.
     */
    static volatile @Nullable Runnable beforeForget;

    /** Each thread's innermost attempt under way; the outer ones hang off it. */
    private final ConcurrentHashMap<Thread, Attempt> innermost = new ConcurrentHashMap<>();

    /** The threads whose attempts a failed startup gave up on: nothing waits for theirs. */
    private final Set<Thread> abandonedThreads = ConcurrentHashMap.newKeySet();

    /** Set once something waits for the attempts: from then on an attempt that ends signals. */
    private volatile boolean watched;

    /** What to run once no awaited attempt is left: a lifecycle stop's callback. */
    private final AtomicReference<@Nullable Runnable> onDone = new AtomicReference<>();

    /** The thread that waits: its own attempts are not awaited (a plugin whose load closes the context). */
    private volatile @Nullable Thread waitingThread;

    /** What a blocking {@link #await} waits on. */
    private final Object signal = new Object();

    /**
     * Runs one load attempt, tracked while it is under way.
     *
     * @param container the plugin's container
     * @param invocation the rest of the attempt
     */
    void run(PluginContainer<?> container, PluginLoadInvocation invocation) {
        Thread thread = Thread.currentThread();
        Attempt attempt = new Attempt(container.entryPoint().namespace(), container.name(), thread,
                live(this.innermost.get(thread)));
        this.innermost.put(thread, attempt);
        try {
            invocation.proceed();
        }
        finally {
            end(attempt);
        }
    }

    private void end(Attempt attempt) {
        // first what closing waits on: should a StackOverflowError (deep in plugins loading each other) strike the
        // bookkeeping below, closing must not wait its whole bound for an attempt that is over
        attempt.ended = true;
        try {
            if (attempt.creates && this.watched) {
                changed();
            }
        }
        finally {
            Runnable hook = beforeForget;
            if (hook != null) {
                hook.run();
            }
            Attempt outer = live(attempt.outer);
            if (outer == null) {
                // a pooled request thread keeps nothing of this context
                this.innermost.remove(attempt.thread);
            }
            else {
                this.innermost.put(attempt.thread, outer);
            }
        }
    }

    /** The attempt, or the nearest outer one, still under way: one an overflow left behind is skipped. */
    private static @Nullable Attempt live(@Nullable Attempt attempt) {
        Attempt current = attempt;
        while (current != null && current.ended) {
            current = current.outer;
        }
        return current;
    }

    /**
     * The calling thread's attempt creates a plugin through the context: from now on closing waits for it. Call
     * before checking whether creations are refused, so that a close that refuses them after the check sees it.
     *
     * @return whether this call marked the attempt (not when none is under way or it was marked already), so that
     * {@link #refused()} undoes this mark only
     */
    boolean creating() {
        Attempt attempt = this.innermost.get(Thread.currentThread());
        if (attempt != null && !attempt.ended && !attempt.creates) {
            attempt.creates = true;
            return true;
        }
        return false;
    }

    /**
     * The creation that {@link #creating()} just marked on the calling thread was refused (the context stops or
     * closes): it creates nothing, so closing neither waits for the rest of its attempt (its failure being logged,
     * its listeners) nor names it as a plugin still being created.
     */
    void refused() {
        Attempt attempt = this.innermost.get(Thread.currentThread());
        if (attempt != null && attempt.creates) {
            attempt.creates = false;
            // as at an attempt's end: a stop waiting only for this one goes on now
            if (this.watched) {
                changed();
            }
        }
    }

    /**
     * Startup failed (a timeout, a fail-fast failure, an interrupt, an Error on the starting thread): nothing waits
     * for the attempts still under way, which startup gave up on, nor for those they go on to start on the same
     * threads.
     *
     * @param startupThreads the loading threads of the failed startup, given up on too when no attempt is under way on
     *        them yet (a thread that took its plugin as startup failed, and begins its attempt later)
     */
    void abandon(List<Thread> startupThreads) {
        this.abandonedThreads.addAll(startupThreads);
        // by thread, not by attempt: an abandoned load() that loads another plugin once startup failed, before
        // closing began, starts an attempt that nobody waits for either
        this.innermost.forEach((thread, attempt) -> {
            if (live(attempt) != null) {
                this.abandonedThreads.add(thread);
            }
        });
        if (this.watched) {
            changed();
        }
    }

    /**
     * Runs the callback once no awaited attempt is left: at once if none is, else on the thread whose attempt ends
     * last. Does not block (a lifecycle's asynchronous stop).
     *
     * @param waiting the thread that asks: its own attempts are not awaited
     * @param callback what to run
     */
    void whenDone(Thread waiting, Runnable callback) {
        this.waitingThread = waiting;
        this.onDone.set(callback);
        this.watched = true;
        runIfDone(callback);
    }

    /** Forgets the callback of {@link #whenDone} (the context was started again): attempts stop signalling. */
    void cancelWhenDone() {
        this.onDone.set(null);
        this.watched = false;
    }

    /**
     * Waits, bounded, until no awaited attempt is left; an interrupt ends the wait and stays set.
     *
     * @param waiting the thread that waits: its own attempts are not awaited
     * @param bound how long at most
     */
    void await(Thread waiting, Duration bound) {
        this.waitingThread = waiting;
        this.watched = true;
        long deadline = System.nanoTime() + Nanos.of(bound);
        synchronized (this.signal) {
            try {
                long left;
                while (!underWay(waiting).isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    this.signal.wait(Math.max(1, left / 1_000_000));
                }
            }
            catch (InterruptedException ex) {
                // asked to stop (SIGTERM during a startup): the caller goes on with what exists now
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The attempts closing waits for: those that create a plugin through the context, not those of the waiting
     * thread itself (they would wait for their own end), nor those of the threads a failed startup gave up on.
     *
     * @param waiting the thread that waits
     * @return the attempts, described as {@code namespace:name (on thread t)}
     */
    List<String> underWay(Thread waiting) {
        List<String> awaited = new ArrayList<>();
        for (Attempt innermostAttempt : this.innermost.values()) {
            for (Attempt attempt = innermostAttempt; attempt != null; attempt = attempt.outer) {
                if (attempt.creates && !attempt.ended && attempt.thread != waiting
                        && !this.abandonedThreads.contains(attempt.thread)) {
                    awaited.add(attempt.toString());
                }
            }
        }
        return awaited;
    }

    /** Nothing waits any more: keeps no thread of a failed startup. */
    void forgetAbandoned() {
        this.abandonedThreads.clear();
    }

    /** An awaited attempt may have ended, or stopped being awaited: tells whoever waits. */
    private void changed() {
        Runnable callback = this.onDone.get();
        if (callback != null) {
            runIfDone(callback);
        }
        synchronized (this.signal) {
            this.signal.notifyAll();
        }
    }

    private void runIfDone(Runnable callback) {
        Thread waiting = this.waitingThread;
        if (waiting != null && underWay(waiting).isEmpty() && this.onDone.compareAndSet(callback, null)) {
            callback.run();
        }
    }

    /**
     * A load attempt under way. Its flags are written by its own thread and read by the closing one: a load path
     * without locks.
     */
    private static final class Attempt {

        private final String namespace;

        private final String name;

        private final Thread thread;

        /** The attempt under way on the same thread when this one began (whose plugin's load loads this one). */
        private final @Nullable Attempt outer;

        /** Whether it creates a plugin through the context (not refused): closing waits for it. */
        private volatile boolean creates;

        /** Set first when it ends, before any other bookkeeping. */
        private volatile boolean ended;

        Attempt(String namespace, String name, Thread thread, @Nullable Attempt outer) {
            this.namespace = namespace;
            this.name = name;
            this.thread = thread;
            this.outer = outer;
        }

        @Override
        public String toString() {
            String thread = this.thread.getName();
            // every virtual thread of newVirtualThreadPerTaskExecutor has an empty name: its id is what dumps show
            return this.namespace + ":" + this.name + " (on " + (thread.isEmpty() ? "unnamed thread #"
                    + this.thread.getId() : "thread " + thread) + ")";
        }
    }
}
