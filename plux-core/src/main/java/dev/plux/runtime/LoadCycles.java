package dev.plux.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

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
 * <p>One lock guards the graph. It is held only to read and change the graph, never while plugin code, listeners
 * or class initialization run, and never while waiting: a plugin's first load takes it a few times, a loaded
 * plugin's {@code load} never.
 */
final class LoadCycles {

    private static final Object lock = new Object();

    /** Holds the graph's edges per thread; set while the thread owns a container or waits for one. */
    private static final ThreadLocal<Loader> current = new ThreadLocal<>();

    private LoadCycles() {
    }

    /**
     * Makes the calling thread the owner of the container, waiting while another thread owns it. A thread that
     * owns a container already owns it again (re-entry is a cycle and throws). Pair with {@link #release}.
     *
     * @throws PluginException if waiting would close a cycle, or the thread is interrupted while waiting
     */
    static void acquire(ManagedPlugin<?> container) {
        while (true) {
            // fetched each round: waiting with an empty stack may have dropped the thread's entry
            Loader me = loader();
            CountDownLatch released;
            synchronized (lock) {
                Ownership ownership = container.ownership;
                if (ownership == null) {
                    // pushed before it is owned: a StackOverflowError here leaves at most an unowned entry, which
                    // the next release below it drops, never an owned container nobody releases
                    Ownership mine = new Ownership(me, new CountDownLatch(1));
                    me.stack.add(container);
                    container.ownership = mine;
                    return;
                }
                String cycle = cycle(me, container);
                if (cycle != null) {
                    forgetIfIdle(me);
                    throw new PluginException("plugins load each other in a cycle: " + cycle
                            + "; this load fails instead of waiting forever", container.entryPoint().namespace(),
                            container.name());
                }
                me.waitingFor = container;
                released = ownership.released();
            }
            try {
                released.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new PluginException("interrupted while waiting for plugin " + container.describe()
                        + ", which another thread is loading", container.entryPoint().namespace(), container.name(),
                        ex);
            }
            finally {
                synchronized (lock) {
                    me.waitingFor = null;
                    forgetIfIdle(me);
                }
            }
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
        synchronized (lock) {
            Loader me = current.get();
            if (me == null || !me.stack.contains(container)) {
                throw new IllegalStateException(container + " is not owned by " + Thread.currentThread());
            }
            ManagedPlugin<?> top;
            do {
                top = me.stack.get(me.stack.size() - 1);
                Ownership ownership = top.ownership;
                if (ownership != null && ownership.owner() == me) {
                    // woken before the ownership is dropped: an overflow between the two leaves it to this loop
                    ownership.released().countDown();
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
        Loader me = current.get();
        if (me == null) {
            return false;
        }
        synchronized (lock) {
            Ownership ownership = container.ownership;
            return ownership != null && ownership.owner() == me;
        }
    }

    /**
     * The cycle that {@code me} waiting for {@code needed} would close, or {@code null}. Called holding the lock.
     * No cycle can exist in the graph before (each wait was checked), so the walk ends.
     */
    private static @Nullable String cycle(Loader me, ManagedPlugin<?> needed) {
        List<ManagedPlugin<?>> path = new ArrayList<>();
        ManagedPlugin<?> next = needed;
        while (next != null) {
            Ownership ownership = next.ownership;
            if (ownership == null) {
                return null;
            }
            Loader owner = ownership.owner();
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

    private static Loader loader() {
        Loader me = current.get();
        if (me == null) {
            me = new Loader();
            current.set(me);
        }
        return me;
    }

    /** Drops the thread's entry once it owns nothing, so a pooled thread keeps no plux object (or class loader). */
    private static void forgetIfIdle(Loader me) {
        if (me.stack.isEmpty() && me.waitingFor == null) {
            current.remove();
        }
    }

    /** The thread owning a container, and the latch that opens when it lets go. */
    record Ownership(Loader owner, CountDownLatch released) {
    }

    /** One thread's part of the graph; guarded by the lock. */
    static final class Loader {

        /** The containers the thread owns, outermost first. */
        final List<ManagedPlugin<?>> stack = new ArrayList<>(4);

        /** The container the thread waits for. */
        @Nullable ManagedPlugin<?> waitingFor;

        /** The owned containers from {@code container} to the innermost: what {@code container} waits for. */
        List<ManagedPlugin<?>> from(ManagedPlugin<?> container) {
            int index = this.stack.indexOf(container);
            return this.stack.subList(Math.max(index, 0), this.stack.size());
        }
    }
}
