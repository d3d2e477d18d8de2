package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
