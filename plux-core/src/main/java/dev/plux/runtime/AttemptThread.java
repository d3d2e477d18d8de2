package dev.plux.runtime;

/**
 * The thread whose load attempt recorded a plugin's failure, as a later load's message names it. Told apart from
 * other threads by its id, not its name: threads of one factory may share a name, and threads without one (every
 * virtual thread of {@code newVirtualThreadPerTaskExecutor()}) all have the empty name. Holds no {@link Thread}, so a
 * failed plugin keeps no thread (nor its thread locals) alive.
 *
 * @param id the thread's id
 * @param description the thread as messages name it: {@code thread worker-2}, or {@code unnamed thread #42}
 */
record AttemptThread(long id, String description) {

    /** The calling thread. */
    static AttemptThread current() {
        Thread thread = Thread.currentThread();
        return new AttemptThread(thread.getId(), LockCycles.describe(thread));
    }

    /** Whether this is the calling thread. */
    boolean isCurrent() {
        return this.id == Thread.currentThread().getId();
    }
}
