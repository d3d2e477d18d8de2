package dev.plux.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.plux.core.EntryPoint;
import dev.plux.core.PluginException;

import org.jspecify.annotations.Nullable;

/**
 * Who resolves or loads which plugin, across every manager and thread, so that no {@code load} waits forever.
 *
 * <p>A thread {@linkplain #acquire owns} a container while it resolves or loads it; its nested loads stack up
 * ({@code a} loads {@code b}: it owns both). A thread that needs a container another thread owns waits for it.
 * That makes a wait-for graph: a container waits for the next one on its owner's stack, and the top of a waiting
 * thread's stack waits for the container the thread waits for. Before waiting, or re-entering a container it owns
 * itself, a thread walks that graph from the container it needs; reaching itself means the wait would close a
 * cycle, and it throws a {@link PluginException} naming it ({@code ns:a -> ns:b -> ns:a}) instead.
 *
 * <p>A {@link StackOverflowError} may strike inside {@link #release} itself, deep in a chain of plugins loading
 * each other or with the stack nearly used up, and leave the container owned with nobody to let go of it. So the
 * frame that acquired it first marks its {@link Ownership} {@linkplain Ownership#over over}, by a field write that
 * makes no call and so cannot overflow, then releases it. An ownership marked over is no ownership: a thread that
 * needs the container takes it over (the owner's own thread too, which would otherwise see a false cycle), the
 * cycle walk passes it, and a thread already waiting for it, which an owner whose release overflowed could not
 * wake, is woken by a watcher: a daemon thread that runs only while some thread waits, and every
 * {@value #RECHECK_MILLIS} ms opens the latches of ownerships marked over. Waiters themselves wait untimed
 * ({@code WAITING}): Spring's shutdown hook interrupts a starting thread only in that state.
 *
 * <p>One lock guards the graph. It is held only to read and change the graph, never while plugin code, listeners
 * or class initialization run, and never while waiting: a plugin's first load takes it a few times, a loaded
 * plugin's {@code load} never.
 */
final class LoadCycles {

    private static final Object lock = new Object();

    /** How often the watcher looks for ownerships marked over that threads still wait for. */
    static final long RECHECK_MILLIS = 100;

    /**
     * How many loads of one plugin through other managers a thread may be inside of before loading it once more
     * fails ({@link #checkNotLoadingThroughAnotherManager}): one is a plugin that two managers load, one inside the
     * other's attempt; two, each inside the last, is a plugin whose load() loads itself through a new manager.
     */
    static final int NESTED_LOADS_ALLOWED = 2;

    /** The ownerships some thread waits for; guarded by the lock. */
    private static final List<Ownership> waitedFor = new ArrayList<>();

    /** The threads waiting for an ownership, for the watcher's look for locks they hold; guarded by the lock. */
    private static final List<LoadingThread> waiting = new ArrayList<>();

    /** The thread waking the waiters of ownerships marked over, while {@link #waitedFor} is not empty; or null. */
    private static @Nullable Thread watcher;

    /** Holds the graph's edges per thread; set while the thread owns a container or waits for one. */
    private static final ThreadLocal<LoadingThread> current = new ThreadLocal<>();

    /**
     * Called first by {@link #release}, for tests only: a {@link StackOverflowError} thrown here is one that strikes
     * inside the release, which a test cannot otherwise place deterministically. {@code null} in production.
     */
    static volatile @Nullable Consumer<ManagedPlugin<?>> beforeRelease;

    private LoadCycles() {
    }

    /**
     * Makes the calling thread the owner of the container, waiting while another thread owns it. A thread that
     * owns a container already owns it again (re-entry is a cycle and throws). Pair with {@link #release}, after
     * marking the returned ownership {@linkplain Ownership#over over} in the same frame.
     *
     * @return the calling thread's ownership of the container
     * @throws PluginException if waiting would close a cycle, or the thread is interrupted while waiting
     */
    static Ownership acquire(ManagedPlugin<?> container) {
        while (true) {
            // fetched each round: waiting with an empty stack may have dropped the thread's entry
            LoadingThread me = loader();
            Ownership ownership;
            synchronized (lock) {
                ownership = container.ownership;
                if (ownership != null && ownership.over) {
                    // its attempt is over, but its release overflowed before letting go
                    ownership.released.countDown();
                    container.ownership = null;
                    ownership = null;
                }
                if (ownership == null) {
                    Ownership mine = new Ownership(me, new CountDownLatch(1));
                    me.dropDeadEntries();
                    // pushed before it is owned: a StackOverflowError here leaves at most an unowned entry, which
                    // the next release below it (or the next acquire) drops, never an owned container nobody releases
                    me.stack.add(container);
                    container.ownership = mine;
                    return mine;
                }
                String cycle = cycle(me, container);
                if (cycle != null) {
                    forgetIfIdle(me);
                    throw new PluginException("plugins load each other in a cycle: " + cycle
                            + "; this load fails instead of waiting forever", container.entryPoint().namespace(),
                            container.name());
                }
                me.waitingFor = container;
                waiting.add(me);
                if (ownership.waiters++ == 0) {
                    waitedFor.add(ownership);
                }
            }
            try {
                awaitRelease(ownership);
            }
            catch (InterruptedException ex) {
                String deadlock = takeDeadlock(me);
                if (deadlock != null) {
                    // the watcher's interrupt, not the application's: it is not kept (one that came at the same
                    // moment is lost with it)
                    throw new PluginException(deadlock, container.entryPoint().namespace(), container.name());
                }
                Thread.currentThread().interrupt();
                throw new PluginException("interrupted while waiting for plugin " + container.describe()
                        + ", which another thread is loading", container.entryPoint().namespace(), container.name(),
                        ex);
            }
            finally {
                synchronized (lock) {
                    if (--ownership.waiters == 0) {
                        waitedFor.remove(ownership);
                    }
                    waiting.remove(me);
                    me.waitingFor = null;
                    me.suspectedDeadlock = null;
                    if (me.deadlock != null) {
                        // released just as the watcher found the deadlock: its interrupt is not the application's
                        me.deadlock = null;
                        Thread.interrupted();
                    }
                    forgetIfIdle(me);
                }
            }
        }
    }

    /**
     * Fails when the calling thread is loading the same plugin (namespace, name, value, index file) already through
     * {@value #NESTED_LOADS_ALLOWED} other managers: a plugin whose {@code load()} creates a new manager and loads
     * itself would otherwise start over with a new instance at every level, until a {@link StackOverflowError} (each
     * level logging its failure). Not a cycle of the wait-for graph (each manager has its own container), so
     * {@link #acquire} cannot see it. One nested load of it through another manager is no recursion yet: two
     * long-lived managers of one namespace (a parent and a child context's, two beans of another plugin type) may
     * each load their own instance, one inside the other's attempt (a bean its creation needs loads it), and that
     * ends. Only loads count, not resolutions: a plugin's {@code load()} may list a new manager's plugins, itself
     * included.
     *
     * @throws PluginException naming the plugin and the fix
     */
    static void checkNotLoadingThroughAnotherManager(ManagedPlugin<?> container) {
        LoadingThread me = current.get();
        if (me == null) {
            return;
        }
        EntryPoint wanted = container.entryPoint();
        synchronized (lock) {
            int loading = 0;
            for (ManagedPlugin<?> owned : me.stack) {
                Ownership ownership = owned.ownership;
                if (owned != container && ownership != null && ownership.owner == me && !ownership.over
                        && ownership.loading && isSamePlugin(owned.entryPoint(), wanted)
                        && ++loading >= NESTED_LOADS_ALLOWED) {
                    throw new PluginException("plugin " + container.describe() + " is loading already "
                            + loading + " times on this thread, each inside the last, through other PluginManagers"
                            + " of namespace " + wanted.namespace() + " (each manager creates its own instance),"
                            + " so loading it again from inside its load() would start it over without end; share"
                            + " one PluginManager per namespace (a static field, or pass it in) instead of creating"
                            + " one in load()", wanted.namespace(), wanted.name());
                }
            }
        }
    }

    private static boolean isSamePlugin(EntryPoint a, EntryPoint b) {
        // sources compared as text: URL.equals may resolve host names
        return a.namespace().equals(b.namespace()) && a.name().equals(b.name()) && a.value().equals(b.value())
                && Objects.equals(Objects.toString(a.source(), null), Objects.toString(b.source(), null));
    }

    /**
     * Waits until the owner lets go, or, should its release have overflowed, the watcher finds its ownership over.
     * Untimed, unless no watcher thread could be started: then the waiter looks itself now and then.
     */
    private static void awaitRelease(Ownership ownership) throws InterruptedException {
        if (isWatched()) {
            ownership.released.await();
            return;
        }
        while (!ownership.released.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS) && !ownership.over) {
            // the owner still loads
        }
    }

    /** Starts the watcher unless it runs; whether it does. */
    private static boolean isWatched() {
        synchronized (lock) {
            // a watcher that died of an Error in its loop (an OutOfMemoryError) never cleared itself: replaced
            Thread running = watcher;
            if (running != null && running.isAlive()) {
                return true;
            }
            try {
                // no inherited thread locals, context class loader or other state of the waiter's: it keeps nothing
                Thread thread = new Thread(null, LoadCycles::watch, "plux-load-watcher", 0, false);
                thread.setDaemon(true);
                thread.setContextClassLoader(null);
                thread.start();
                watcher = thread;
                return true;
            }
            catch (Throwable ex) {
                // no thread to be had (a limit, an OutOfMemoryError): the waiters look themselves
                return false;
            }
        }
    }

    /** The watcher's loop: ends once no thread waits; a new wait starts it again. */
    private static void watch() {
        while (true) {
            try {
                Thread.sleep(RECHECK_MILLIS);
            }
            catch (InterruptedException ex) {
                // interrupted by someone else: waiters still depend on it, so it goes on
            }
            synchronized (lock) {
                for (Ownership ownership : waitedFor) {
                    if (ownership.over) {
                        ownership.released.countDown();
                    }
                }
                if (waitedFor.isEmpty()) {
                    watcher = null;
                    return;
                }
                LockCycles.wakeDeadlocked(waiting);
            }
        }
    }

    private static @Nullable String takeDeadlock(LoadingThread me) {
        synchronized (lock) {
            String deadlock = me.deadlock;
            me.deadlock = null;
            return deadlock;
        }
    }

    /**
     * Lets go of a container the calling thread {@linkplain #acquire acquired}, and of any it acquired later and
     * still holds; wakes the threads waiting.
     *
     * <p>Nested containers are normally released already. One is still held only when a
     * {@link StackOverflowError} struck inside its own release, deep in a chain of plugins loading each other:
     * releasing it here, where the stack has unwound, keeps other threads from waiting for it forever.
     */
    static void release(ManagedPlugin<?> container) {
        Consumer<ManagedPlugin<?>> hook = beforeRelease;
        if (hook != null) {
            hook.accept(container);
        }
        synchronized (lock) {
            LoadingThread me = current.get();
            if (me == null || !me.stack.contains(container)) {
                throw new IllegalStateException(container + " is not owned by " + Thread.currentThread());
            }
            ManagedPlugin<?> top;
            do {
                top = me.stack.get(me.stack.size() - 1);
                Ownership ownership = top.ownership;
                if (ownership != null && ownership.owner == me) {
                    // woken before the ownership is dropped: an overflow between the two leaves it to this loop
                    ownership.released.countDown();
                    top.ownership = null;
                }
                me.stack.remove(me.stack.size() - 1);
            }
            while (top != container);
            forgetIfIdle(me);
        }
    }

    /**
     * Whether the calling thread owns the container: it runs inside that container's own attempt (a listener, an
     * interceptor), so no other thread can change the container's state meanwhile.
     */
    static boolean isOwnedByCurrentThread(ManagedPlugin<?> container) {
        LoadingThread me = current.get();
        if (me == null) {
            return false;
        }
        synchronized (lock) {
            Ownership ownership = container.ownership;
            return ownership != null && ownership.owner == me && !ownership.over;
        }
    }

    /**
     * The cycle that {@code me} waiting for {@code needed} would close, or {@code null}. Called holding the lock.
     * No cycle can exist in the graph before (each wait was checked), so the walk ends.
     */
    private static @Nullable String cycle(LoadingThread me, ManagedPlugin<?> needed) {
        List<ManagedPlugin<?>> path = new ArrayList<>();
        ManagedPlugin<?> next = needed;
        while (next != null) {
            Ownership ownership = next.ownership;
            if (ownership == null || ownership.over) {
                // free, or as good as free: whoever needs it takes it over
                return null;
            }
            LoadingThread owner = ownership.owner;
            if (owner == me) {
                List<ManagedPlugin<?>> cycle = new ArrayList<>(owner.from(next));
                cycle.addAll(path);
                cycle.add(next);
                return cycle.stream().map(ManagedPlugin::describe).collect(Collectors.joining(" -> "));
            }
            path.addAll(owner.from(next));
            next = owner.waitingFor;
        }
        return null;
    }

    private static LoadingThread loader() {
        LoadingThread me = current.get();
        if (me == null) {
            me = new LoadingThread();
            current.set(me);
        }
        return me;
    }

    /** Drops the thread's entry once it owns nothing, so a pooled thread keeps no plux object (or class loader). */
    private static void forgetIfIdle(LoadingThread me) {
        if (me.stack.isEmpty() && me.waitingFor == null) {
            current.remove();
        }
    }

    /** The thread owning a container, and the latch that opens when it lets go. */
    static final class Ownership {

        final LoadingThread owner;

        final CountDownLatch released;

        /**
         * Set by the frame that acquired the container, right before it releases it: the attempt is over. Written
         * directly, not through a method, so that writing it needs no more stack than the frame has: it holds even
         * when the release after it overflows.
         */
        volatile boolean over;

        /**
         * Whether the owner loads the container (rather than only resolving it); set by the owner right after it
         * acquired it, and read only by the owner's thread ({@link #checkNotLoadingThroughAnotherManager}).
         */
        volatile boolean loading;

        /** How many threads wait for it; guarded by the lock. */
        int waiters;

        Ownership(LoadingThread owner, CountDownLatch released) {
            this.owner = owner;
            this.released = released;
        }
    }
}
