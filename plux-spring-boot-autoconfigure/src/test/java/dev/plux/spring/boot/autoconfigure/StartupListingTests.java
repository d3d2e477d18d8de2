package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.metrics.ApplicationStartup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link StartupListing} on its own, without a context.
 */
@Timeout(60)
class StartupListingTests {

    private static final String NS = "test.startup.listing";

    /**
     * A servlet container looks for threads a web application left running as soon as its failed start returns: a
     * listing that outlasts the startup timeout fails startup only once its thread has ended, here a finder that
     * takes 300 ms to stop after its interrupt.
     */
    @Test
    void aTimedOutListingReturnsOnlyOnceItsThreadHasEnded() {
        AtomicReference<Thread> listingThread = new AtomicReference<>();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).finder(() -> {
            listingThread.set(Thread.currentThread());
            try {
                Thread.sleep(20_000);
            }
            catch (InterruptedException ex) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
                Thread.currentThread().interrupt();
            }
            return List.<PluginSpec>of();
        }).build();
        // a timeout of seconds: it must not pass before the listing starts, even on a loaded CI runner
        ManagerSettings settings = new ManagerSettings(0, NS, "listingPluginManager", "plux.namespaces[0].namespace",
                Plugin.class, true, false, null, null, Duration.ofSeconds(2));

        assertThatThrownBy(() -> StartupListing.names(settings, manager, System.nanoTime(), Duration.ofSeconds(10),
                new StartupListing.Deadline(settings, null), false, ApplicationStartup.DEFAULT))
            .isInstanceOfSatisfying(PluginStartupException.class, (failure) -> assertThat(failure.timedOut()).isTrue());

        assertThat(listingThread.get()).isNotNull();
        assertThat(listingThread.get().isAlive()).as("%s alive after the failure", listingThread.get().getName())
            .isFalse();
    }
}
