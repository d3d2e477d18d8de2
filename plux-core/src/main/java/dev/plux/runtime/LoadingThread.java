package dev.plux.runtime;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One thread's part of {@link LoadCycles}' wait-for graph: the plugins it owns, the one it waits for, and what the
 * load watcher found its wait stuck on. Guarded by the graph's lock.
 */
final class LoadingThread {

    /** The thread whose part of the graph this is. */
    final Thread thread = Thread.currentThread();

    /**
     * Set by the watcher, which then interrupts the thread, when its wait can never end (the owner is blocked on a
     * lock the thread holds): the message its load fails with.
     */
    @Nullable String deadlock;

    /**
     * What the watcher's last look found the thread's wait to be stuck on, or {@code null}: it is flagged only when
     * the next look finds the same.
     */
    @Nullable String suspectedDeadlock;

    /** The containers the thread owns, outermost first. */
    final List<ManagedPlugin<?>> stack = new ArrayList<>(4);

    /** The container the thread waits for. */
    @Nullable ManagedPlugin<?> waitingFor;

    /**
     * Drops the entries of containers this thread no longer owns: an ownership it marked over (its release
     * overflowed; the frames that held it are gone, since nothing is acquired between marking and releasing),
     * taken over by another thread, or never set (an overflow in {@link LoadCycles#acquire}). Called holding the lock,
     * before the thread owns another container, so that its stack holds only live containers.
     */
    void dropDeadEntries() {
        for (int i = this.stack.size() - 1; i >= 0; i--) {
            LoadCycles.Ownership ownership = this.stack.get(i).ownership;
            if (ownership == null || ownership.owner != this || ownership.over) {
                this.stack.remove(i);
            }
        }
    }

    /** The owned containers from {@code container} to the innermost: what {@code container} waits for. */
    List<ManagedPlugin<?>> from(ManagedPlugin<?> container) {
        int index = this.stack.indexOf(container);
        return this.stack.subList(Math.max(index, 0), this.stack.size());
    }
}
