package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.metrics.ApplicationStartup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link StartupRun} on its own, without a context: what only shows with many plugins.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class StartupRunTests {

    private static final String NS = "test.startup.run";

    @Test
    void bookkeepingStaysLinearWithManyPlugins() {
        int count = 50_000;
        // the manager's own cost of loading them all, one after another on this thread
        PluginManager<Plugin> plain = manager(count);
        long plainStart = System.nanoTime();
        for (String name : plain.listNames()) {
            plain.load(name);
        }
        Duration plainTime = Duration.ofNanos(System.nanoTime() - plainStart);

        PluginManager<Plugin> manager = manager(count);
        ManagerSettings settings = failFast(null);
        StartupNamespace namespace = new StartupNamespace(settings, manager, manager.listNames(),
                (name) -> false);
        StartupRun run = new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        long start = System.nanoTime();
        run.run();
        Duration runTime = Duration.ofNanos(System.nanoTime() - start);

        assertThat(manager.listContainers()).hasSize(count).allSatisfy((container) -> assertThat(container.isLoaded())
            .isTrue());
        // Scanning every plugin after each one finished (quadratic) looked at 50,000 plugins 50,000 times; a few steps
        // per plugin is what the run counts, whatever the timing: the deterministic check
        assertThat(run.steps()).isLessThanOrEqualTo(2L * count + 2);
        // and a backstop for a scan elsewhere: the quadratic run took about 12 s here, the linear one under 1 s; the
        // bound leaves a loaded machine several seconds more. A run past it is repeated, twice at most: a stall of a
        // shared CI runner lengthens one run, a scan lengthens every run
        Duration bound = plainTime.multipliedBy(10).plusSeconds(8);
        for (int again = 0; again < 2 && runTime.compareTo(bound) >= 0; again++) {
            runTime = timedRun(count);
        }
        assertThat(runTime).isLessThan(bound);
    }

    /** How long a fresh run of {@code count} plugins of a fail-fast namespace takes. */
    private static Duration timedRun(int count) {
        PluginManager<Plugin> manager = manager(count);
        StartupNamespace namespace = new StartupNamespace(failFast(null), manager, manager.listNames(),
                (name) -> false);
        StartupRun run = new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        long start = System.nanoTime();
        run.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aTimeoutNamesThePluginsUnfinishedWhenItPassedThoughOneFinishesBeforeTheReport() {
        AtomicReference<@Nullable StartupRun> run = new AtomicReference<>();
        AtomicReference<@Nullable StartupNamespace> namespace = new AtomicReference<>();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "lagging", () -> new Plugin() {
                @Override
                public @Nullable Object load(Object... args) {
                    // the timeout passes while it loads; it finishes right after, before the report
                    Objects.requireNonNull(run.get()).timedOut(Objects.requireNonNull(namespace.get()));
                    return null;
                }
            }), new PluginSpec(NS, "after", () -> new Plugin() {
            })))
            .build();
        ManagerSettings settings = new ManagerSettings(0, NS, "runPluginManager", "plux.namespaces[0].namespace",
                Plugin.class, true, false, null, null, Duration.ofSeconds(1));
        namespace.set(new StartupNamespace(settings, manager, manager.listNames(), (name) -> false));
        run.set(new StartupRun(List.of(namespace.get()), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT));
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        try {
            // in this order on this thread, what a loading thread and the watchdog may do at the same moment
            run.get().load(namespace.get().tasks.get(0), watchdog);
            assertThatThrownBy(run.get()::report).isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.plugins()).containsExactly("lagging", "after");
                assertThat(failure.getMessage()).contains(
                        "still loading: lagging (on thread " + Thread.currentThread().getName() + ")",
                        "still waiting to load: after");
            });
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void anErrorWhileAskingTheFiltersAboutAFailedPluginLeavesItsFailureToFailAFailFastStartup(CapturedOutput output) {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "broken", () -> failing())))
            .build();
        ManagerSettings settings = failFast(null);
        // PluginManager.excludes throws a VirtualMachineError of a filter (a customizer's filter overflowing its stack)
        StartupNamespace namespace = new StartupNamespace(settings, manager, manager.listNames(), (name) -> {
            throw new StackOverflowError("filter");
        });
        StartupRun run = new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        try {
            // the plugin failed whatever the filters answer: it is not excluded, so fail-fast reports it
            assertThatCode(() -> run.load(namespace.tasks.get(0), watchdog)).doesNotThrowAnyException();
            assertThatThrownBy(run::report).isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                assertThat(failure.plugins()).containsExactly("broken");
                assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            });
            assertThat(output).contains("plux namespace " + NS + ": plugin broken failed, and asking its manager's"
                    + " filters whether they exclude it failed too (java.lang.StackOverflowError: filter)");
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void anErrorOfAPluginIsReportedOnceAndNotThrownOnByItsLoadingThread() {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "deep", () -> new Plugin() {
                @Override
                public @Nullable Object load(Object... args) {
                    throw new StackOverflowError("deep");
                }
            })))
            .build();
        ManagerSettings settings = failFast(null);
        StartupNamespace namespace = new StartupNamespace(settings, manager, manager.listNames(), (name) -> false);
        StartupRun run = new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        try {
            // thrown on by a loading thread, the error would be printed a second time, by the thread's uncaught
            // exception handler, besides the report
            assertThatCode(() -> run.load(namespace.tasks.get(0), watchdog)).doesNotThrowAnyException();
            assertThatThrownBy(run::report).isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                assertThat(failure.plugins()).containsExactly("deep");
                assertThat(failure.getCause()).isInstanceOf(StackOverflowError.class).hasMessage("deep");
            });
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void anInterruptThatComesAsTheLastPluginFinishesLeavesTheOutcomeAsDecided(CapturedOutput output) {
        PluginManager<Plugin> manager = manager(2);
        ManagerSettings settings = new ManagerSettings(0, NS, "runPluginManager", "plux.namespaces[0].namespace",
                Plugin.class, true, false, null, null, null);
        StartupNamespace namespace = new StartupNamespace(settings, manager, manager.listNames(), (name) -> false);
        StartupRun run = new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        try {
            // in this order on this thread, what may happen at the same moment: the starting thread's wait is
            // interrupted (SIGTERM) while the last plugins finish, before it looks at what is unfinished
            run.load(namespace.tasks.get(0), watchdog);
            run.load(namespace.tasks.get(1), watchdog);
            assertThatCode(() -> run.interrupted(new InterruptedException())).doesNotThrowAnyException();
            assertThatCode(run::report).doesNotThrowAnyException();
            assertThat(output.getOut()).contains("plux namespace " + NS + ": loaded 2 plugins");
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void anInterruptThatComesAsAFailFastFailureIsDecidedLeavesThatFailure() {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "broken", () -> failing()),
                    new PluginSpec(NS, "after", () -> new Plugin() {
            })))
            .build();
        ManagerSettings settings = failFast(null);
        StartupNamespace namespace = new StartupNamespace(settings, manager, manager.listNames(), (name) -> false);
        StartupRun run = new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        try {
            run.load(namespace.tasks.get(0), watchdog);
            assertThatCode(() -> run.interrupted(new InterruptedException())).doesNotThrowAnyException();
            assertThatThrownBy(run::report).isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                assertThat(failure.plugins()).containsExactly("broken");
                assertThat(failure.getMessage()).contains("plugin broken failed on startup");
            });
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void aTimeoutThatPassesAfterAFailFastFailureWasDecidedLeavesThatFailure() {
        PluginManager<Plugin> first = manager(1);
        ManagerSettings firstSettings = new ManagerSettings(0, NS, "runPluginManager", "plux.namespaces[0].namespace",
                Plugin.class, true, false, null, null, Duration.ofSeconds(1));
        StartupNamespace slow = new StartupNamespace(firstSettings, first, first.listNames(), (name) -> false);
        String other = NS + ".other";
        PluginManager<Plugin> second = PluginManager.<Plugin>builder(other)
            .finder(() -> List.of(new PluginSpec(other, "broken", () -> failing())))
            .build();
        ManagerSettings secondSettings = new ManagerSettings(1, other, "otherPluginManager",
                "plux.namespaces[1].namespace", Plugin.class, true, true, null, null, null);
        StartupNamespace failing = new StartupNamespace(secondSettings, second, second.listNames(), (name) -> false);
        StartupRun run = new StartupRun(List.of(slow, failing), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        try {
            // the first namespace (not fail-fast) still loads; the second's failure decides the run, and only then,
            // before the report, does the first one's timeout pass
            run.load(failing.tasks.get(0), watchdog);
            run.timedOut(slow);
            assertThatThrownBy(run::report).isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                assertThat(failure.timedOut()).isFalse();
                assertThat(failure.namespace()).isEqualTo(other);
                assertThat(failure.plugins()).containsExactly("broken");
            });
        }
        finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void aTimeoutAfterAFailFastFailureNamesThePluginsSkippedForItAsSkippedNotAsWaiting() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PluginManager<Plugin> manager = slowBrokenSkipped(loading, release);
        ManagerSettings settings = failFast(Duration.ofSeconds(1));
        StartupNamespace namespace = new StartupNamespace(settings, manager, manager.listNames(), (name) -> false);
        String other = NS + ".other";
        PluginManager<Plugin> otherManager = manager(other, 1);
        ManagerSettings otherSettings = new ManagerSettings(1, other, "otherPluginManager",
                "plux.namespaces[1].namespace", Plugin.class, true, false, null, null, Duration.ofSeconds(1));
        StartupNamespace later = new StartupNamespace(otherSettings, otherManager, otherManager.listNames(),
                (name) -> false);
        StartupRun run = new StartupRun(List.of(namespace, later), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        Thread loader = new Thread(() -> run.load(namespace.tasks.get(0), watchdog), "test-loader");
        try {
            // what two loading threads do: "slow" loads on one while "broken" fails on the other, so that the
            // plugins after "broken", of its namespace and the next, are skipped; then both timeouts pass
            loader.start();
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            run.load(namespace.tasks.get(1), watchdog);
            run.load(namespace.tasks.get(2), watchdog);
            run.load(later.tasks.get(0), watchdog);
            // the later namespace's timeout passes first (the first to pass decides the run)
            run.timedOut(later);
            assertThatThrownBy(run::report).isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.namespace()).isEqualTo(other);
                // the plugins to look into or exclude: not those skipped
                assertThat(failure.plugins()).isEmpty();
                assertThat(failure.getMessage()).contains("skipped after plugin broken of plux namespace " + NS
                        + " failed (fail-fast): p0").doesNotContain("waiting");
                assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            });
            // what the first namespace's timeout would have said, had it passed first
            assertThat(StartupReport.timeout(namespace, namespace.unfinished(namespace.tasks.get(1))))
                .satisfies((failure) -> {
                    assertThat(failure.plugins()).containsExactly("slow");
                    assertThat(failure.getMessage()).contains("still loading: slow (on thread test-loader)",
                            "skipped after plugin broken failed (fail-fast): skipped")
                        .doesNotContain("waiting");
                    assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
                });
        }
        finally {
            release.countDown();
            loader.join(10_000);
            watchdog.shutdownNow();
        }
    }

    @Test
    void anInterruptAfterAFailFastFailureThatIsNotDecidedYetCarriesThatFailure() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PluginManager<Plugin> manager = slowBrokenSkipped(loading, release);
        ManagerSettings settings = failFast(null);
        StartupNamespace namespace = new StartupNamespace(settings, manager, manager.listNames(), (name) -> false);
        StartupRun run = new StartupRun(List.of(namespace), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        Thread loader = new Thread(() -> run.load(namespace.tasks.get(0), watchdog), "test-loader");
        try {
            // two loading threads: "slow" loads on one while "broken" fails on the other, which decides nothing
            // until "slow" finishes; then the starting thread's wait is interrupted (SIGTERM)
            loader.start();
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            run.load(namespace.tasks.get(1), watchdog);
            run.load(namespace.tasks.get(2), watchdog);
            assertThatThrownBy(() -> run.interrupted(new InterruptedException()))
                .isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                    assertThat(failure.plugins()).containsExactly("slow");
                    assertThat(failure.getMessage()).contains("skipped after plugin broken failed (fail-fast)");
                    // the interruption stays the cause; the failure that fails startup anyway travels with it
                    assertThat(failure.getCause()).isInstanceOf(InterruptedException.class);
                    assertThat(failure.getSuppressed()).singleElement()
                        .isInstanceOf(IllegalStateException.class)
                        .hasFieldOrPropertyWithValue("message", "boom");
                });
        }
        finally {
            release.countDown();
            loader.join(10_000);
            watchdog.shutdownNow();
        }
    }

    @Test
    void anInterruptNamingAnEarlierNamespaceStillCarriesAFailFastFailureOfALaterOne() throws Exception {
        CountDownLatch loading = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        String other = NS + ".other";
        PluginManager<Plugin> first = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "slow", () -> blocking(loading, release))))
            .build();
        PluginManager<Plugin> second = PluginManager.<Plugin>builder(other)
            .finder(() -> List.of(new PluginSpec(other, "slower", () -> blocking(loading, release)),
                    new PluginSpec(other, "broken", () -> failing())))
            .build();
        StartupNamespace plain = new StartupNamespace(new ManagerSettings(0, NS, "runPluginManager",
                "plux.namespaces[0].namespace", Plugin.class, true, false, null, null, null), first,
                first.listNames(), (name) -> false);
        StartupNamespace failFast = new StartupNamespace(new ManagerSettings(1, other, "otherPluginManager",
                "plux.namespaces[1].namespace", Plugin.class, true, true, null, null, null), second,
                second.listNames(), (name) -> false);
        StartupRun run = new StartupRun(List.of(plain, failFast), StartupSettings.DEFAULTS, System.nanoTime(),
                ApplicationStartup.DEFAULT);
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, new DaemonThreads("test-"));
        Thread one = new Thread(() -> run.load(plain.tasks.get(0), watchdog), "test-loader-1");
        Thread two = new Thread(() -> run.load(failFast.tasks.get(0), watchdog), "test-loader-2");
        try {
            // three loading threads: "slow" and "slower" load while "broken" fails, undecided until "slower" ends
            one.start();
            two.start();
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            run.load(failFast.tasks.get(1), watchdog);
            assertThatThrownBy(() -> run.interrupted(new InterruptedException()))
                .isInstanceOfSatisfying(PluginStartupException.class, (failure) -> {
                    assertThat(failure.namespace()).isEqualTo(NS);
                    assertThat(failure.plugins()).containsExactly("slow");
                    assertThat(failure.getMessage()).contains("plugin broken of plux namespace " + other
                            + " had failed (fail-fast): IllegalStateException: boom");
                    assertThat(failure.getSuppressed()).singleElement()
                        .isInstanceOf(IllegalStateException.class)
                        .hasFieldOrPropertyWithValue("message", "boom");
                });
        }
        finally {
            release.countDown();
            one.join(10_000);
            two.join(10_000);
            watchdog.shutdownNow();
        }
    }

    /** "slow" (loads until released), "broken" (fails), then "skipped", which fail-fast leaves unstarted. */
    /**
     * A servlet container looks for threads a web application left running as soon as its failed start returns
     * (Tomcat: "appears to have started a thread named [...] but has failed to stop it"): the run returns only once
     * its threads have ended, here a plugin that takes a while to stop after its interrupt.
     */
    @Test
    void aFailedRunReturnsOnlyOnceItsThreadsHaveEnded() {
        CountDownLatch slowLoading = new CountDownLatch(1);
        AtomicReference<Thread> slowThread = new AtomicReference<>();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "broken", () -> failingOnce(slowLoading)),
                    new PluginSpec(NS, "slow", () -> stoppingSlowly(slowLoading, slowThread))))
            .build();
        StartupNamespace namespace = new StartupNamespace(failFast(null), manager, manager.listNames(),
                (name) -> false);
        StartupRun run = new StartupRun(List.of(namespace), new StartupSettings(2, Duration.ofSeconds(10)),
                System.nanoTime(), ApplicationStartup.DEFAULT);

        assertThatThrownBy(run::run).isInstanceOf(PluginStartupException.class);

        assertThat(slowThread.get()).isNotNull();
        assertThat(slowThread.get().isAlive()).as("thread %s alive after the run returned", slowThread.get().getName())
            .isFalse();
    }

    /** A plugin whose load waits until {@code loading} is counted down, then fails. */
    private static Plugin failingOnce(CountDownLatch loading) {
        return new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws InterruptedException {
                loading.await(10, TimeUnit.SECONDS);
                throw new IllegalStateException("boom");
            }
        };
    }

    /** A plugin whose load waits to be interrupted, then takes 300 ms to stop (closing a connection, say). */
    private static Plugin stoppingSlowly(CountDownLatch loading, AtomicReference<Thread> thread) {
        return new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws InterruptedException {
                thread.set(Thread.currentThread());
                loading.countDown();
                try {
                    Thread.sleep(20_000);
                    return null;
                }
                catch (InterruptedException ex) {
                    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                    }
                    throw ex;
                }
            }
        };
    }

    private static PluginManager<Plugin> slowBrokenSkipped(CountDownLatch loading, CountDownLatch release) {
        return PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "slow", () -> blocking(loading, release)),
                    new PluginSpec(NS, "broken", () -> failing()), new PluginSpec(NS, "skipped", () -> new Plugin() {
                    })))
            .build();
    }

    /** A plugin whose load fails with {@code IllegalStateException("boom")}. */
    private static Plugin failing() {
        return new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw new IllegalStateException("boom");
            }
        };
    }

    /** The first namespace, loaded on startup with fail-fast, and the given startup timeout. */
    private static ManagerSettings failFast(@Nullable Duration startupTimeout) {
        return new ManagerSettings(0, NS, "runPluginManager", "plux.namespaces[0].namespace", Plugin.class, true, true,
                null, null, startupTimeout);
    }

    /** A plugin whose load counts {@code loading} down and waits for {@code release}. */
    private static Plugin blocking(CountDownLatch loading, CountDownLatch release) {
        return new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws InterruptedException {
                loading.countDown();
                release.await(20, TimeUnit.SECONDS);
                return null;
            }
        };
    }

    private static PluginManager<Plugin> manager(int count) {
        return manager(NS, count);
    }

    private static PluginManager<Plugin> manager(String namespace, int count) {
        List<PluginSpec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            specs.add(new PluginSpec(namespace, "p" + i, () -> new Plugin() {
            }));
        }
        return PluginManager.<Plugin>builder(namespace).finder(() -> specs).build();
    }
}
