package dev.plux.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

import org.jspecify.annotations.Nullable;

/**
 * Which thread holds the lock another thread is blocked on (a monitor, or a {@code ReentrantLock} or other
 * {@code AbstractOwnableSynchronizer}), as the JVM's own deadlock detection sees it: what {@link LoadCycles} needs to
 * see a cycle through a lock it does not know. Asked only by the load watcher, while a thread waits for another's
 * load.
 */
final class DeadlockProbe {

    /** The JVM's thread bean, or {@code null} when it cannot be had (a runtime without java.management's support). */
    private static final @Nullable ThreadMXBean threads = threadBean();

    private DeadlockProbe() {
    }

    private static @Nullable ThreadMXBean threadBean() {
        try {
            return ManagementFactory.getThreadMXBean();
        }
        catch (RuntimeException | LinkageError ex) {
            // the plux load watcher then sees cycles of plugins only, as before
            return null;
        }
    }

    static boolean available() {
        return threads != null;
    }

    /**
     * The lock the given thread cannot get past without its holder, and that holder, as one look of the JVM sees them;
     * or {@code null}: not blocked on a lock, the lock has no owner, the thread is virtual (the JVM reports nothing
     * for it), or it waits with a timeout ({@code TIMED_WAITING}: {@code tryLock(5, SECONDS)} gives up and goes on,
     * so it is no deadlock; an {@code Object.wait(timeout)} that must then take its monitor again is seen once it is
     * {@code BLOCKED} on it).
     */
    static @Nullable Blocked blocked(Thread thread) {
        ThreadInfo info = info(thread);
        if (info == null || info.getLockOwnerId() < 0) {
            return null;
        }
        Thread.State state = info.getThreadState();
        if (state != Thread.State.BLOCKED && state != Thread.State.WAITING) {
            return null;
        }
        String name = info.getLockName();
        return new Blocked(info.getLockOwnerId(), (name != null) ? name : "a lock");
    }

    /**
     * A thread blocked on a lock: the id of the thread holding it, and the lock as the JVM names it
     * ({@code java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586}), both from the same look.
     */
    record Blocked(long holder, String lockName) {
    }

    private static @Nullable ThreadInfo info(Thread thread) {
        ThreadMXBean bean = threads;
        if (bean == null) {
            return null;
        }
        try {
            return bean.getThreadInfo(thread.getId());
        }
        catch (RuntimeException ex) {
            // a SecurityException, or a thread the bean does not know
            return null;
        }
    }
}
