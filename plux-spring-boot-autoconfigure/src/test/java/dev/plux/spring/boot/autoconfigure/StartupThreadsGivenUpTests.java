package dev.plux.spring.boot.autoconfigure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.plux.spring.boot.autoconfigure.fixtures.Gate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed startup gives up on every plugin of its loading threads, also on one whose thread had taken it from the
 * queue, but not begun its load attempt yet, when startup failed: closing must not wait for that plugin's creation
 * either (README, "Destroying plugins": no creation is waited for after a failed startup).
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class StartupThreadsGivenUpTests {

    /** Reached by the thread taking {@code deaf-gated}, once its task has started (it is {@code LOADING}). */
    private static volatile CountDownLatch lateTaskStarted = new CountDownLatch(1);

    /** Lets the thread taking {@code deaf-gated} go on into its load, which creates the plugin. */
    private static volatile CountDownLatch lateTaskGoesOn = new CountDownLatch(1);

    @BeforeEach
    void closeTheGates() {
        Gate.reset();
        lateTaskStarted = new CountDownLatch(1);
        lateTaskGoesOn = new CountDownLatch(1);
    }

    @AfterEach
    void openTheGates() {
        lateTaskGoesOn.countDown();
        Gate.second.release.countDown();
    }

    /**
     * Two threads: {@code broken} (fail-fast) fails once {@code deaf-gated}, after it in discovery order, has been
     * taken by the other thread, which then stays (deaf to the interrupt that a failed startup sends) between its
     * task's start and its load. Startup fails and gives up on its threads; only then, as the context closes, before
     * it destroys the plugins, does that thread go on and begin creating {@code deaf-gated}, whose constructor does not
     * return. Closing waited its whole shutdown phase for that creation, naming it in a warning, as if it were a
     * request's.
     */
    @Test
    void closingAfterAFailedStartupDoesNotWaitForAPluginWhoseTaskHadStartedButNotItsLoad(CapturedOutput output) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withInitializer((context) -> context.setApplicationStartup(new HoldingStartup(context)))
            .withBean("releaser", Releaser.class, Releaser::new, (definition) -> definition.setLazyInit(true))
            .withPropertyValues("plux.startup.parallelism=2", "spring.lifecycle.timeout-per-shutdown-phase=5s",
                    "plux.namespaces[0].namespace=test.spring.failing", "plux.namespaces[0].include=broken",
                    "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].fail-fast=true",
                    "plux.namespaces[1].namespace=test.spring.destroy.gated", "plux.namespaces[1].include=deaf-gated",
                    "plux.namespaces[1].load-on-startup=true")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessage("boom from FailingPlugin"));
        // the interleaving happened: deaf-gated's creation began after startup had failed, as the context closed
        assertThat(Gate.second.entered.getCount()).as("deaf-gated's creation began").isZero();
        assertThat(output).as("closing waited for a creation on a startup thread given up on")
            .doesNotContain("still being created or loaded");
    }

    /**
     * Holds the two startup tasks where the test needs them, as their {@code plux.plugin.load} steps are tagged with
     * the plugin's name: that of {@code deaf-gated} after its task started and before its load, that of
     * {@code broken} until {@code deaf-gated}'s has started, so that {@code broken}'s failure comes after it.
     */
    private static final class HoldingStartup implements ApplicationStartup {

        private final ApplicationContext context;

        HoldingStartup(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public StartupStep start(String name) {
            return new HoldingStep(ApplicationStartup.DEFAULT.start(name), this.context);
        }
    }

    private static final class HoldingStep implements StartupStep {

        private final StartupStep step;

        private final ApplicationContext context;

        HoldingStep(StartupStep step, ApplicationContext context) {
            this.step = step;
            this.context = context;
        }

        @Override
        public StartupStep tag(String key, String value) {
            if (key.equals("plugin") && value.equals("broken")) {
                // created now, after the context's plugin tracking, so destroyed before it
                this.context.getBean("releaser");
                awaitDeafly(lateTaskStarted);
            }
            else if (key.equals("plugin") && value.equals("deaf-gated")) {
                lateTaskStarted.countDown();
                // deaf to the failed startup's interrupt, as a thread busy elsewhere is
                awaitDeafly(lateTaskGoesOn);
            }
            this.step.tag(key, value);
            return this;
        }

        @Override
        public StartupStep tag(String key, Supplier<String> value) {
            return tag(key, value.get());
        }

        @Override
        public String getName() {
            return this.step.getName();
        }

        @Override
        public long getId() {
            return this.step.getId();
        }

        @Override
        public @Nullable Long getParentId() {
            return this.step.getParentId();
        }

        @Override
        public Tags getTags() {
            return this.step.getTags();
        }

        @Override
        public void end() {
            this.step.end();
        }
    }

    /** Waits (at most 20 s, so that a failed test leaves no thread behind) and keeps an interrupt for later. */
    private static void awaitDeafly(CountDownLatch latch) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (latch.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Destroyed as the failed context closes, before its plugins: lets the held startup thread go on, and waits
     * (bounded) until it has begun creating {@code deaf-gated}.
     */
    static final class Releaser implements DisposableBean {

        @Override
        public void destroy() throws InterruptedException {
            lateTaskGoesOn.countDown();
            Gate.second.entered.await(10, TimeUnit.SECONDS);
        }
    }
}
