package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BoundedDestruction} directly, where the order of its threads has to be forced to be seen.
 */
@Timeout(30)
@ExtendWith(OutputCaptureExtension.class)
class BoundedDestructionTests {

    private static final String NS = "test.bounded.destruction";

    @Test
    void thePluginsLeftAfterTheGraceSecondAreListedWithTheOneTheLastThreadAlreadyTook(CapturedOutput output)
            throws InterruptedException {
        // newest first: 'first' and 'second' hang (the phase, then the grace second); 'third' is then taken by the
        // thread closing no longer waits for, and would be named nowhere if the warning listed only what that thread
        // had not taken yet
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch thirdTaken = new CountDownLatch(1);
        CreatedPlugin first = created("first");
        CreatedPlugin second = created("second");
        CreatedPlugin third = created("third");
        CreatedPlugin fourth = created("fourth");
        // lets the last thread take its plugin before the warning reads the ones left, as a scheduler may
        ConcurrentLinkedDeque<CreatedPlugin> plugins = new ConcurrentLinkedDeque<>() {
            @Override
            public Stream<CreatedPlugin> stream() {
                try {
                    thirdTaken.await(500, TimeUnit.MILLISECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return super.stream();
            }
        };
        plugins.addAll(List.of(first, second, third, fourth));
        try {
            BoundedDestruction.destroyAll(plugins, (plugin) -> {
                if (plugin == third) {
                    thirdTaken.countDown();
                }
                if (plugin != fourth) {
                    awaitQuietly(release);
                }
            }, Duration.ZERO);
            assertThat(output).contains("destroying plugin first (").contains("destroying plugin second (")
                .contains("plux: closing goes on without waiting for the destruction of the plugins left (["
                        + NS + ":third (");
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void anInterruptWhileClosingWaitsStillEndsTheWaitWhenOneWasPendingBeforeAndTheThreadStaysInterrupted(
            CapturedOutput output) throws InterruptedException {
        // the pending interrupt (a SIGTERM during startup loading) does not end the wait; one arriving while closing
        // waits (another thread giving up on the close) still does, and the caller sees the thread interrupted
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch begun = new CountDownLatch(1);
        ConcurrentLinkedDeque<CreatedPlugin> plugins = new ConcurrentLinkedDeque<>(List.of(created("slow")));
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        AtomicBoolean releasedFirst = new AtomicBoolean();
        Thread closing = new Thread(() -> {
            Thread.currentThread().interrupt();
            BoundedDestruction.destroyAll(plugins, (plugin) -> {
                begun.countDown();
                awaitQuietly(release);
            }, Duration.ofSeconds(20));
            releasedFirst.set(release.getCount() == 0);
            interruptedAfter.set(Thread.interrupted());
        }, "test-closing");
        closing.setDaemon(true);
        try {
            closing.start();
            assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();
            // waiting for the callback with a time limit: the pending interrupt did not end the wait
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (closing.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertThat(closing.getState()).isEqualTo(Thread.State.TIMED_WAITING);
            closing.interrupt();
            closing.join(10_000);
            assertThat(closing.isAlive()).isFalse();
            assertThat(releasedFirst).isFalse();
            assertThat(interruptedAfter).isTrue();
            assertThat(output).contains("plux: closing was interrupted while plugins were being destroyed; the rest"
                    + " are destroyed on daemon thread plux-destroy-");
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void aPendingInterruptLeavesTheWaitBoundedByThePhaseTimeoutWhenACallbackNeverReturns(CapturedOutput output) {
        // SIGTERM during startup loading, and a plugin whose close() hangs deaf to interrupts: closing must still end
        // after the phase (here the 1 s minimum) and the grace second, or the JVM would not exit
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedDeque<CreatedPlugin> plugins = new ConcurrentLinkedDeque<>(List.of(created("deaf")));
        try {
            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            BoundedDestruction.destroyAll(plugins, (plugin) -> awaitQuietly(release), Duration.ZERO);
            long took = System.nanoTime() - start;
            assertThat(Thread.interrupted()).isTrue();
            assertThat(release.getCount()).isOne();
            assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                .isLessThan(Duration.ofSeconds(15));
            assertThat(output).contains("destroying plugin deaf (").contains("did not end within")
                .doesNotContain("closing was interrupted");
        }
        finally {
            // JUnit's thread runs the next test: it must not start interrupted, should an assertion fail first
            Thread.interrupted();
            release.countDown();
        }
    }

    @Test
    void closingReturnsOnlyOnceTheDestroyThreadHasEnded() {
        // a servlet container checks for the web application's threads right after its context closed (Tomcat's
        // "appears to have started a thread named [plux-destroy-1] but has failed to stop it", seen once in four
        // reloads): the thread must have ended, not only run its last callback. Repeated, as the window is short
        List<Thread> stillAlive = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Thread[] destroyer = new Thread[1];
            ConcurrentLinkedDeque<CreatedPlugin> plugins = new ConcurrentLinkedDeque<>(List.of(created("quick")));
            BoundedDestruction.destroyAll(plugins, (plugin) -> destroyer[0] = Thread.currentThread(),
                    Duration.ofSeconds(10));
            assertThat(destroyer[0]).isNotNull();
            if (destroyer[0].isAlive()) {
                stillAlive.add(destroyer[0]);
            }
        }
        assertThat(stillAlive).isEmpty();
    }

    private static CreatedPlugin created(String name) {
        return new CreatedPlugin(new Plugin() {
        }, PluginSpec.of(NS, name, Plugin.class));
    }

    /** A destroy callback that hangs deaf to interrupts, until the test ends. */
    private static void awaitQuietly(CountDownLatch release) {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
