package dev.plux.spring.boot.autoconfigure;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DaemonThreads}: what it keeps of the threads it made.
 */
@Timeout(30)
class DaemonThreadsTests {

    @Test
    void aFactoryThatLivesOnKeepsNoTraceOfTheThreadsCollectedSinceItsLastThread() throws InterruptedException {
        // BoundedDestruction's factory is static: one destroy thread per context close, for the life of the JVM
        DaemonThreads threads = new DaemonThreads("test-");
        // held until counted: a collection during the loop (any allocation may start one) would otherwise let the
        // factory drop ended threads before the count, which is the behaviour under test, not a failure
        List<Thread> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Thread thread = threads.newThread(() -> {
            });
            made.add(thread);
            thread.start();
            thread.join();
        }
        assertThat(threads.tracked()).isEqualTo(200);
        List<WeakReference<Thread>> ended = made.stream().map(WeakReference::new).toList();
        made.clear();
        // the JVM releases its own strong hold on a thread object only when it deletes the native thread, which may
        // be a little after join() returns (longer on a busy machine): wait, bounded, until all 200 were collected
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        do {
            collectGarbage();
        }
        while (ended.stream().anyMatch((reference) -> reference.get() != null) && System.nanoTime() < deadline);
        assertThat(ended).as("ended threads collected").allMatch((reference) -> reference.get() == null);

        Thread next = threads.newThread(() -> {
        });

        assertThat(threads.tracked()).as("references kept after the ended threads were collected").isOne();
        assertThat(next.isDaemon()).isTrue();
        assertThat(next.getName()).isEqualTo("test-201");
    }

    @Test
    void aThreadMadeButNotYetStartedIsStillWaitedFor() throws InterruptedException {
        DaemonThreads threads = new DaemonThreads("test-");
        CountDownLatch release = new CountDownLatch(1);
        Thread waiting = threads.newThread(() -> {
            try {
                release.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        collectGarbage();
        // a pool starts the thread after the factory returns it: the next thread must not drop it
        threads.newThread(() -> {
        });
        waiting.start();

        assertThat(threads.alive()).containsExactly(waiting);
        assertThat(threads.join(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
        release.countDown();
        assertThat(threads.join(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
    }

    /** Until a probe only weakly reachable is cleared, twice: what was unreachable before is collected too. */
    private static void collectGarbage() {
        for (int cleared = 0; cleared < 2;) {
            WeakReference<Object> probe = new WeakReference<>(new Object());
            while (probe.get() != null) {
                System.gc();
                Thread.onSpinWait();
            }
            cleared++;
        }
    }
}
