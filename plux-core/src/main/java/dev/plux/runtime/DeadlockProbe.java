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
     * The id of the thread holding the lock the given thread is blocked on, or -1: not blocked on a lock, the lock
     * has no owner, or the thread is virtual (the JVM reports no lock owner for it).
     */
    static long lockOwner(Thread thread) {
        ThreadInfo info = info(thread);
        return (info != null) ? info.getLockOwnerId() : -1;
    }

    /** The lock the thread is blocked on, as the JVM names it ({@code java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586}). */
    static String lockName(Thread thread) {
        ThreadInfo info = info(thread);
        String name = (info != null) ? info.getLockName() : null;
        return (name != null) ? name : "a lock";
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
