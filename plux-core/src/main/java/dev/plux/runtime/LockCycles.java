package dev.plux.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The load watcher's look for waits that {@link LoadCycles}' own graph cannot see to be endless: a thread waits for a
 * plugin whose loading thread is blocked on a lock the waiter holds (Spring's singleton lock, a monitor, a
 * {@code ReentrantLock}), directly or through other threads' waits. The JVM names the holder of the lock a thread is
 * blocked on ({@link DeadlockProbe}); the graph names who loads what. Runs only on the watcher, holding the graph's
 * lock, only while some thread waits: never on a load's path.
 */
final class LockCycles {

    /** Longest chain of waits the watcher follows from one waiting thread. */
    private static final int MAX_WAIT_CHAIN = 64;

    private LockCycles() {
    }

    /**
     * Fails the waits that can never end because the plugin's owner is blocked on a lock (a monitor, a
     * {@code ReentrantLock}) that the waiting thread holds, directly or through other threads' waits: a cycle through a
     * lock the wait-for graph does not know, such as Spring's singleton lock held by a thread creating a bean whose
     * constructor loads a plugin, while that plugin's creation on another thread needs a bean not created yet. Only the
     * waiter can be woken (the owner is inside the JVM's lock), so it is flagged and interrupted: its load throws, its
     * caller lets go of the lock, and the owner goes on; only once two looks in a row found the same, and only when
     * the owner waits for the lock without a timeout (one that gives up ends the wait by itself). Called by the
     * watcher, holding the graph's lock. Sees only an owner the JVM reports blocked with a holder: not a blocked
     * virtual thread, nor a lock held by a virtual thread's monitor.
     */
    static void wakeDeadlocked(List<LoadingThread> waiting) {
        if (waiting.isEmpty() || !DeadlockProbe.available()) {
            return;
        }
        // built once per look, so that thousands of waiting (virtual) threads cost one pass, not one per pair
        Map<LoadingThread, Optional<DeadlockProbe.Blocked>> blockedOn = new HashMap<>();
        Map<Long, LoadingThread> waitingById = new HashMap<>();
        for (LoadingThread waiter : waiting) {
            waitingById.put(waiter.thread.getId(), waiter);
        }
        for (LoadingThread waiter : waiting) {
            if (waiter.deadlock == null) {
                String deadlock = deadlock(waiter, blockedOn, waitingById);
                // failed only when the previous look saw the same: each thread's state is read at its own moment,
                // outside a safepoint, and a failure stays with whatever loads through the waiter
                if (deadlock != null && deadlock.equals(waiter.suspectedDeadlock)) {
                    waiter.deadlock = deadlock;
                    waiter.thread.interrupt();
                }
                waiter.suspectedDeadlock = deadlock;
            }
        }
    }

    /** Why the waiter's wait can never end, or {@code null}. Called holding the graph's lock. */
    private static @Nullable String deadlock(LoadingThread waiter,
            Map<LoadingThread, Optional<DeadlockProbe.Blocked>> blockedOn,
            Map<Long, LoadingThread> waitingById) {
        ManagedPlugin<?> needed = waiter.waitingFor;
        if (needed == null) {
            // not waiting any more
            return null;
        }
        @Nullable LoadingThread loading = null;
        @Nullable ManagedPlugin<?> next = needed;
        for (int step = 0; next != null && step < MAX_WAIT_CHAIN; step++) {
            LoadCycles.Ownership ownership = next.ownership;
            if (ownership == null || ownership.over || ownership.owner == waiter) {
                // free, or a cycle of the graph itself (which acquire refuses before waiting)
                return null;
            }
            LoadingThread owner = ownership.owner;
            if (loading == null) {
                loading = owner;
            }
            if (owner.waitingFor != null) {
                next = owner.waitingFor;
                continue;
            }
            DeadlockProbe.Blocked blocked = blockedOn
                .computeIfAbsent(owner, (key) -> Optional.ofNullable(DeadlockProbe.blocked(key.thread)))
                .orElse(null);
            if (blocked == null) {
                // not blocked for good on a lock with a holder: the owner can go on
                return null;
            }
            if (blocked.holder() == waiter.thread.getId()) {
                return "plugin " + needed.describe() + ", which this thread waits for, is being loaded by "
                        + describe(loading.thread) + ", which "
                        + ((owner == loading) ? "" : "waits, through other threads, for " + describe(owner.thread)
                                + ", which ")
                        + "is blocked on a lock this thread holds (" + blocked.lockName()
                        + "): waiting would never end, so this load fails instead; do not load a plugin while holding"
                        + " a lock its loading may need";
            }
            LoadingThread holding = waitingById.get(blocked.holder());
            if (holding == null) {
                // the lock's holder does not wait for a plugin: it can go on
                return null;
            }
            next = holding.waitingFor;
        }
        return null;
    }

    /**
     * A thread as a message names it: {@code thread worker-2}, or {@code unnamed thread #42} for one without a name
     * (every virtual thread of {@code newVirtualThreadPerTaskExecutor()}), by the id thread dumps show.
     */
    static String describe(Thread thread) {
        String name = thread.getName();
        return name.isEmpty() ? "unnamed thread #" + thread.getId() : "thread " + name;
    }
}
