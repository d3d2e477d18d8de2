package dev.plux.spring.boot.autoconfigure;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the threads of startup loading ({@code prefix} and a number) and makes them daemons, so that a plugin or a
 * {@code PluginFinder} that never returns does not keep the JVM alive after a failed startup.
 */
final class DaemonThreads implements ThreadFactory {

    private final String prefix;

    private final AtomicInteger count = new AtomicInteger();

    DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, this.prefix + this.count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
