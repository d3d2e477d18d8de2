package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.actuate.PluxHealthIndicator;
import dev.plux.spring.event.PluginLoadingEvent;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.Gate;
import dev.plux.spring.boot.autoconfigure.fixtures.HangingClosePlugin;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
@Timeout(30)
class StartupLoaderTests {

    private static final String NS = "test.startup.a";

    private static final String OTHER = "test.startup.b";

    /** The index's namespace of plugins held at a {@link Gate}. */
    private static final String GATED = "test.spring.destroy.gated";

    /** Plugins served per namespace by the customizer below, in discovery order. */
    private final Map<String, List<PluginSpec>> specs = new LinkedHashMap<>();

    /** Released after each test so no plugin thread outlives it. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final List<String> events = new CopyOnWriteArrayList<>();

    /** Set when a {@link #hangingListing} waited its whole 20 s: nothing interrupted it, and startup waited for it. */
    private final AtomicBoolean listingRanOut = new AtomicBoolean();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
        .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> {
            List<PluginSpec> served = this.specs.get(namespace);
            if (served != null) {
                builder.finder(() -> served);
            }
        });

    @AfterEach
    void releaseHungPlugins() {
        this.release.countDown();
    }

    @Test
    void startupTimeoutFailsNamingThePluginsStillLoadingAndWaiting() {
        CountDownLatch hung = new CountDownLatch(1);
        plugin(NS, "fast", () -> this.events.add("fast"));
        plugin(NS, "hung", () -> {
            hung.countDown();
            awaitRelease();
        });
        plugin(NS, "later", () -> this.events.add("later"));
        // the timeout must pass after "fast" finished and "hung" started: a thread of a loaded CI runner can be
        // descheduled for seconds, so it is long (the test lasts that long, since "hung" never returns)
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].startup-timeout=5s")
            .run((context) -> {
                assertThat(context).hasFailed();
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.plugins()).containsExactly("hung", "later");
                assertThat(failure.property()).isEqualTo("plux.namespaces[0]");
                assertThat(failure.namespace()).isEqualTo(NS);
                assertThat(failure.getMessage()).contains("plux.namespaces[0].startup-timeout (5 s)",
                        "still loading: hung (on thread plux-startup-1)", "still waiting to load: later");
                assertThat(this.events).containsExactly("fast");
            });
        assertThat(hung.getCount()).isZero();
    }

    @Test
    void theStartupTimeoutNamesThePluginsUnfinishedWhenItPassedEvenIfTheyFinishRightAfter() {
        Thread starter = Thread.currentThread();
        plugin(NS, "lagging", () -> {
            // finishes right after the starting thread stops waiting, that is when the timeout has passed (napping
            // meanwhile rather than spinning: the timeout is seconds long)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (starter.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            while (starter.getState() == Thread.State.WAITING && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
        });
        plugin(NS, "after", () -> this.events.add("after"));
        // whether "lagging" finishes before the report is up to the scheduler; StartupRunTests orders that
        // deterministically (aTimeoutNamesThePluginsUnfinishedWhenItPassedThoughOneFinishesBeforeTheReport), this
        // is the same through a context. The timeout must pass after the plugins were listed: a listing thread of a
        // loaded CI runner can be descheduled for a while, so it is seconds long ("lagging" lasts until it passes)
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].startup-timeout=3s")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.timedOut()).isTrue();
                // on a busy machine the timeout may pass before "lagging" starts: named as waiting then
                assertThat(failure.plugins()).containsExactly("lagging", "after");
                assertThat(failure.getMessage()).containsAnyOf("still loading: lagging (on thread plux-startup-1)",
                        "still waiting to load: lagging").contains("after");
            });
        assertThat(this.events).isEmpty();
    }

    @Test
    void startupTimeoutCountsFromTheStartOfStartupLoadingAcrossNamespaces() {
        // hangs until the run ends (or the test does): "quick" cannot start before OTHER's timeout passes, however
        // late the watchdog runs; a timeout counted from OTHER's own start would never pass, and the test would fail
        plugin(NS, "slow", this::awaitRelease);
        plugin(OTHER, "quick", () -> this.events.add("quick"));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[1].namespace=" + OTHER, "plux.namespaces[1].load-on-startup=true",
                    // seconds, so that it passes after both namespaces were listed even on a loaded CI runner
                    "plux.namespaces[1].startup-timeout=3s")
            .run((context) -> {
                // one thread: OTHER's only plugin waits behind NS's slow one past OTHER's deadline
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.namespace()).isEqualTo(OTHER);
                assertThat(failure.plugins()).containsExactly("quick");
                assertThat(failure.getMessage()).contains("still waiting to load: quick");
            });
        assertThat(this.events).isEmpty();
    }

    @Test
    void warnsAboutAPluginStillLoadingAtEveryProgressInterval(CapturedOutput output) {
        String warning = "plux namespace " + NS + ": plugin slow is still loading after ";
        // loads until the second warning is out, however late the watchdog runs (or gives up after a while)
        plugin(NS, "slow", () -> awaitWarnings(output, warning, 2));
        // "quick" is named only if its load outlasts an interval: the interval is long enough that only a loading
        // thread stalled for half a second could
        plugin(NS, "quick", () -> { });
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.startup.progress-interval=500ms")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains(warning + "500 ms (on thread plux-startup-1)")
            .contains(warning + "1 s (on thread plux-startup-1)")
            .doesNotContain("plugin quick is still loading");
    }

    @Test
    void warnsAboutAFinderStillListingAtEveryProgressInterval(CapturedOutput output) {
        String warning = "plux namespace " + NS + ": its plugins are still being listed after ";
        ApplicationContextRunner slowFinder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.finder(() -> {
                // lists until the second warning is out, however late the watchdog runs (or gives up after a while)
                awaitWarnings(output, warning, 2);
                return List.of();
            }));
        slowFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.startup.progress-interval=100ms")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains(" WARN ")
            .contains(warning + "100 ms (on thread plux-startup-list-0)")
            .contains(warning + "200 ms (on thread plux-startup-list-0)");
    }

    @Test
    void loadsOnAsManyThreadsAsConfigured() {
        int threads = 4;
        CyclicBarrier allAtOnce = new CyclicBarrier(threads);
        for (int i = 0; i < threads; i++) {
            plugin(NS, "p" + i, () -> {
                // passes only when all four plugins are loading at the same time
                allAtOnce.await(10, TimeUnit.SECONDS);
                this.events.add(Thread.currentThread().getName());
            });
        }
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].fail-fast=true", "plux.startup.parallelism=" + threads)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluginManager<?> manager = context.getBean(PluginManagers.class).get(NS);
                assertThat(manager.listContainers()).allSatisfy(
                        (container) -> assertThat(container.state()).isEqualTo(PluginState.LOADED));
                assertThat(this.events).containsExactlyInAnyOrder("plux-startup-1", "plux-startup-2",
                        "plux-startup-3", "plux-startup-4");
            });
    }

    @Test
    void oneThreadLoadsEveryNamespaceInDiscoveryOrderOnADaemonThread(CapturedOutput output) {
        List<Boolean> daemon = new CopyOnWriteArrayList<>();
        for (String name : List.of("c", "a", "b")) {
            plugin(NS, name, () -> {
                this.events.add(NS + ":" + name);
                daemon.add(Thread.currentThread().isDaemon());
            });
        }
        plugin(OTHER, "z", () -> this.events.add(OTHER + ":z"));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[1].namespace=" + OTHER, "plux.namespaces[1].load-on-startup=true")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(this.events).containsExactly(NS + ":c", NS + ":a", NS + ":b", OTHER + ":z");
        assertThat(daemon).containsOnly(true);
        assertThat(output.getOut()).contains("plux namespace " + NS + ": loaded 3 plugins" + System.lineSeparator(),
                "plux namespace " + OTHER + ": loaded 1 plugin" + System.lineSeparator());
    }

    @Test
    void summarizesEveryNamespaceInOneInfoLine(CapturedOutput output) {
        plugin(NS, "good", () -> { });
        this.specs.get(NS).add(new PluginSpec(NS, "off", () -> new Plugin() {
            @Override
            public boolean shouldLoad() {
                return false;
            }
        }));
        plugin(NS, "broken", () -> {
            throw new IllegalStateException("boom\nsecond line");
        });
        plugin(NS, "good2", () -> { });
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.startup.parallelism=2")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains(" INFO ").contains("plux namespace " + NS
                + ": loaded 2 plugins, disabled 1, failed 1: broken (IllegalStateException: boom ...)");
    }

    @Test
    void aPluginFailingBecauseAPluginItLoadsFailedIsSummarizedAndReportedWithThatPlugin(CapturedOutput output) {
        // outer's load() loads inner, which throws: outer's root cause is inner's, and the summary and the fail-fast
        // message must say so, or outer's team looks for "inner broke" in their own code
        AtomicReference<PluginManager<?>> manager = new AtomicReference<>();
        plugin(NS, "outer", () -> manager.get().load("inner"));
        plugin(NS, "inner", () -> {
            throw new IllegalArgumentException("inner broke");
        });
        ApplicationContextRunner runner = this.contextRunner
            .withBean(ApplicationListener.class, () -> (ApplicationListener<ApplicationEvent>) (event) -> {
                if (event instanceof PluginLoadingEvent loading) {
                    manager.set((PluginManager<?>) loading.getSource());
                }
            })
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true");
        runner.run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains("plux namespace " + NS + ": loaded 0 plugins, failed 2: outer (plugin "
                + NS + ":inner, which it loads, failed: IllegalArgumentException: inner broke), inner"
                + " (IllegalArgumentException: inner broke)");
        runner.withPropertyValues("plux.namespaces[0].fail-fast=true").run((context) -> {
            PluginStartupException failure = startupFailure(context.getStartupFailure());
            assertThat(failure.plugins()).containsExactly("outer");
            assertThat(failure.getMessage()).isEqualTo("plux namespace " + NS + ": plugin outer failed on startup and"
                    + " plux.namespaces[0].fail-fast is set: plugin " + NS + ":inner, which it loads, failed:"
                    + " IllegalArgumentException: inner broke");
        });
    }

    @Test
    void aPluginLoadingAPluginThatIsDisabledOrMissingIsNotSaidToHaveLoadedAFailedOne(CapturedOutput output) {
        // a disabled plugin, or a name no index declares, did not "fail": the operator must enable it or fix the
        // name, not look for an error in it
        AtomicReference<PluginManager<?>> manager = new AtomicReference<>();
        plugin(NS, "uses-disabled", () -> manager.get().load("legacy"));
        plugin(NS, "uses-missing", () -> manager.get().load("nope"));
        plugin(NS, "legacy", () -> {
        });
        this.contextRunner
            .withBean(ApplicationListener.class, () -> (ApplicationListener<ApplicationEvent>) (event) -> {
                if (event instanceof PluginLoadingEvent loading) {
                    manager.set((PluginManager<?>) loading.getSource());
                }
            })
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].exclude=legacy")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains("uses-disabled (plugin " + NS + ":legacy, which it loads, is disabled:"
                + " PluginDisabled: plugin " + NS + ":legacy is disabled")
            .contains("uses-missing (plugin " + NS + ":nope, which it loads, does not exist: NoSuchPluginException:")
            .doesNotContain("which it loads, failed");
    }

    @Test
    void failFastReportsTheFirstFailureInDiscoveryOrderAndStartsNothingAfterIt() {
        CountDownLatch secondFailed = new CountDownLatch(1);
        plugin(NS, "first", () -> {
            // fails only after the second one has failed, so the first failure in time is "second"
            secondFailed.await(10, TimeUnit.SECONDS);
            throw new IllegalStateException("first broke");
        });
        plugin(NS, "second", () -> {
            secondFailed.countDown();
            throw new IllegalStateException("second broke");
        });
        plugin(NS, "third", () -> this.events.add("third"));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].fail-fast=true", "plux.startup.parallelism=2")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.timedOut()).isFalse();
                assertThat(failure.plugins()).containsExactly("first");
                assertThat(failure.name()).isEqualTo("first");
                assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("first broke");
                assertThat(failure.getMessage()).contains("plugin first failed on startup",
                        "plux.namespaces[0].fail-fast");
            });
        assertThat(this.events).isEmpty();
    }

    @Test
    void failFastReportsTheFirstFailureInDiscoveryOrderAcrossNamespaces() {
        CountDownLatch laterFailed = new CountDownLatch(1);
        AtomicReference<@Nullable Thread> other = new AtomicReference<>();
        plugin(NS, "first", () -> {
            // fails once the other thread has finished "second" and is idle: the first failure in time is "second",
            // however the threads are scheduled (a fixed wait could pass before that thread finished)
            laterFailed.await(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (!idleInItsPool(other.get()) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            }
            catch (InterruptedException ex) {
                // the run has ended already (the defect under test): fail all the same
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("first broke");
        });
        plugin(OTHER, "second", () -> {
            other.set(Thread.currentThread());
            laterFailed.countDown();
            throw new IllegalStateException("second broke");
        });
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].fail-fast=true", "plux.namespaces[1].namespace=" + OTHER,
                    "plux.namespaces[1].load-on-startup=true", "plux.namespaces[1].fail-fast=true",
                    "plux.startup.parallelism=2")
            .run((context) -> {
                // one plugin at a time, "first" fails and "second" never starts: so must it be on two threads
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.namespace()).isEqualTo(NS);
                assertThat(failure.plugins()).containsExactly("first");
                assertThat(failure.getCause()).hasMessage("first broke");
            });
    }

    @Test
    void failFastStartsNoPluginOfALaterNamespaceAfterAFailure() {
        CountDownLatch brokenFailed = new CountDownLatch(1);
        CountDownLatch laterStarted = new CountDownLatch(1);
        AtomicReference<@Nullable Thread> other = new AtomicReference<>();
        plugin(NS, "slow", () -> {
            brokenFailed.await(10, TimeUnit.SECONDS);
            // the other thread now takes the next plugin, "later", which must not start: one plugin at a time, it
            // would not. This loads until that thread is idle in its pool, having skipped "later" or run it (rather
            // than for a fixed time, which a slow machine can let pass before that thread even gets to "later")
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (laterStarted.getCount() > 0 && !idleInItsPool(other.get()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        });
        plugin(NS, "broken", () -> {
            other.set(Thread.currentThread());
            brokenFailed.countDown();
            throw new IllegalStateException("broken");
        });
        plugin(OTHER, "later", () -> {
            laterStarted.countDown();
            this.events.add("later");
        });
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].fail-fast=true", "plux.namespaces[1].namespace=" + OTHER,
                    "plux.namespaces[1].load-on-startup=true", "plux.startup.parallelism=2")
            .run((context) -> assertThat(startupFailure(context.getStartupFailure()).plugins())
                .containsExactly("broken"));
        assertThat(this.events).isEmpty();
    }

    @Test
    void failFastFailsStartupOnAPluginThatFailsToResolve(CapturedOutput output) {
        // test.spring.unresolvable (test index) declares ghost = a class that does not exist
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.unresolvable",
                    "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].fail-fast=true")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.plugins()).containsExactly("ghost");
                assertThat(failure.timedOut()).isFalse();
                assertThat(failure.getMessage()).contains("plugin ghost failed on startup");
            });
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.unresolvable",
                    "plux.namespaces[0].load-on-startup=true")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains("plux namespace test.spring.unresolvable: loaded 0 plugins, failed 1: ghost (");
    }

    @Test
    void aVirtualMachineErrorOfAFailFastPluginIsTheCauseOfTheStartupFailure(CapturedOutput output) {
        plugin(NS, "deep", () -> {
            throw new StackOverflowError("deep");
        });
        plugin(NS, "after", () -> this.events.add("after"));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].fail-fast=true")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.plugins()).containsExactly("deep");
                assertThat(failure.getCause()).isInstanceOf(StackOverflowError.class).hasMessage("deep");
            });
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains("failed 1: deep (StackOverflowError: deep)");
        assertThat(this.events).containsExactly("after");
    }

    @Test
    void excludingAPluginThatFailsToResolveKeepsItFromFailingStartup() {
        // test.spring.unresolvable (test index) declares ghost = a class that does not exist
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.unresolvable",
                    "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].fail-fast=true",
                    "plux.namespaces[0].exclude=gh*")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluxSettings settings = context.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.unresolvable");
                assertThat(manager.excludes(manager.getContainer("ghost").entryPoint())).isTrue();
                assertThat(manager.excludes(new EntryPoint("test.spring.unresolvable", "other",
                        "dev.plux.spring.boot.autoconfigure.fixtures.DoesNotExist", null))).isFalse();
                // health does not count it either
                assertThat(new PluxHealthIndicator(() -> context.getBean(PluginManagers.class), settings).health()
                    .getStatus()).isEqualTo(Status.UP);
            });
    }

    @Test
    void aPluginThatFailsToResolveAndThatPluxExcludeRulesOutDoesNotFailStartup() {
        // plux.exclude matches the entry point's namespace, name and value, none of which needs the missing class
        for (String exclusion : List.of("plux.exclude[0].name=gh*", "plux.exclude[0].value=*.DoesNotExist")) {
            this.contextRunner
                .withPropertyValues("plux.namespaces[0].namespace=test.spring.unresolvable",
                        "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].fail-fast=true", exclusion)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PluginManagers.class).get("test.spring.unresolvable")
                        .getContainer("ghost")
                        .state()).isEqualTo(PluginState.RESOLVE_FAILED);
                });
        }
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.unresolvable",
                    "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].fail-fast=true",
                    "plux.exclude[0].name=other")
            .run((context) -> assertThat(startupFailure(context.getStartupFailure()).plugins())
                .containsExactly("ghost"));
    }

    @Test
    void aPluginThatFailsToResolveAndThatACustomizersFilterExcludesDoesNotFailStartup() {
        // the manager disables what a customizer's filter excludes: its missing class is no failure of the application
        ApplicationContextRunner unresolvable = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.unresolvable",
                    "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].fail-fast=true");
        unresolvable
            .withBean(PluginManagerCustomizer.class,
                    () -> (namespace, builder) -> builder.filter((spec) -> spec.name().equals("ghost")))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PluginManagers.class).get("test.spring.unresolvable")
                    .getContainer("ghost")
                    .state()).isEqualTo(PluginState.RESOLVE_FAILED);
            });
        unresolvable
            .withBean(PluginManagerCustomizer.class,
                    () -> (namespace, builder) -> builder.filter((spec) -> spec.name().equals("other")))
            .run((context) -> assertThat(startupFailure(context.getStartupFailure()).plugins())
                .containsExactly("ghost"));
    }

    @Test
    void aFinderThatFailsFailsStartupOnlyWithFailFast(CapturedOutput output) {
        ApplicationContextRunner failingFinder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.finder(() -> {
                throw new IllegalStateException("registry unreachable");
            }));
        failingFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains("plux namespace " + NS + ": its plugins could not be listed, so none is"
                + " loaded on startup: IllegalStateException: registry unreachable");
        failingFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].fail-fast=true")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.namespace()).isEqualTo(NS);
                assertThat(failure.plugins()).isEmpty();
                assertThat(failure.getMessage()).contains("could not be listed on startup",
                        "plux.namespaces[0].fail-fast");
            });
    }

    @Test
    void theStartupTimeoutCoversAFinderThatNeverReturns() throws InterruptedException {
        CountDownLatch listing = new CountDownLatch(1);
        ApplicationContextRunner hangingFinder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.finder(() -> {
                listing.countDown();
                // the timeout interrupts the listing thread
                return hangingListing();
            }));
        // a timeout of seconds: it must not pass before the listing starts, even on a loaded CI runner
        hangingFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].startup-timeout=3s")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.plugins()).isEmpty();
                assertThat(failure.getMessage()).contains("plux.namespaces[0].startup-timeout (3 s)",
                        "its plugins were still being listed");
            });
        // the listing thread may be scheduled only after the run ended (the timeout interrupts it, but it still asks
        // the finder): waited for rather than checked at once
        assertThat(listing.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTimeoutThatPassedWhileEarlierNamespacesWereListedSaysSo() {
        ApplicationContextRunner slowFirstFinder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> {
                if (namespace.equals(NS)) {
                    builder.finder(() -> {
                        try {
                            Thread.sleep(400);
                        }
                        catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                        return List.of();
                    });
                }
            });
        slowFirstFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[1].namespace=" + OTHER, "plux.namespaces[1].load-on-startup=true",
                    "plux.namespaces[1].startup-timeout=100ms")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.namespace()).isEqualTo(OTHER);
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.getMessage()).contains("it had passed before its plugins were listed"
                        + " (listing the namespaces before it took longer)");
            });
    }

    @Test
    void aTimeoutThatPassedBeforeAnyNamespaceWasListedDoesNotBlameNamespacesBeforeIt() {
        // the first namespace: nothing was listed before it, the time went on creating its manager
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].startup-timeout=1ns")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.namespace()).isEqualTo(NS);
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.getMessage()).contains("it had passed before its plugins were listed, before any"
                        + " namespace was (startup loading had only created the first namespace's plugin manager)")
                    .doesNotContain("namespaces before it");
            });
    }

    @Test
    void aLaterNamespacesTimeoutPassesWhileAnEarlierNamespaceWithoutOneIsStillBeingListed() {
        ApplicationContextRunner hangingFirstFinder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> {
                if (namespace.equals(NS)) {
                    builder.finder(this::hangingListing);
                }
            });
        hangingFirstFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[1].namespace=" + OTHER, "plux.namespaces[1].load-on-startup=true",
                    "plux.namespaces[1].startup-timeout=300ms")
            .run((context) -> {
                // the first namespace has no timeout of its own, but the second's counts from the start too
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.namespace()).isEqualTo(OTHER);
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.getMessage()).contains("plux.namespaces[1].startup-timeout (300 ms)",
                        "it had passed before its plugins were listed");
            });
        // startup did not wait out the hanging listing (a bound on the elapsed time would fail on a slow machine)
        assertThat(this.listingRanOut).isFalse();
    }

    @Test
    void anEarlierNamespacesTimeoutPassesWhileALaterNamespaceWithoutOneIsStillBeingListed() {
        plugin(NS, "waiting", () -> this.events.add("waiting"));
        ApplicationContextRunner hangingSecondFinder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> {
                if (namespace.equals(NS)) {
                    builder.finder(() -> this.specs.get(NS));
                }
                else {
                    builder.finder(this::hangingListing);
                }
            });
        // a timeout of seconds passes after the first namespace was listed even on a loaded CI runner
        hangingSecondFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].startup-timeout=3s", "plux.namespaces[1].namespace=" + OTHER,
                    "plux.namespaces[1].load-on-startup=true")
            .run((context) -> {
                // the first namespace is listed, but none of its plugins loads before the second is listed too
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.namespace()).isEqualTo(NS);
                assertThat(failure.timedOut()).isTrue();
                assertThat(failure.plugins()).containsExactly("waiting");
                assertThat(failure.getMessage()).contains("plux.namespaces[0].startup-timeout (3 s)",
                        "still waiting to load: waiting", "plux namespace " + OTHER + " were still being listed");
            });
        // startup did not wait out the finder of the second namespace, which waits 20 s unless interrupted
        assertThat(this.listingRanOut).isFalse();
        assertThat(this.events).isEmpty();
    }

    @Test
    void startingThreadWaitsUntimedSoAnInterruptFromTheShutdownHookFailsStartup() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        plugin(NS, "hung", () -> {
            hung.countDown();
            awaitRelease();
        });
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        Thread starter = new Thread(() -> this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true")
            .run((context) -> failure.set(context.getStartupFailure())), "test-starter");
        starter.start();
        assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();
        // Spring's shutdown hook interrupts a starting thread only when it is WAITING (not TIMED_WAITING)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (starter.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(starter.getState()).isEqualTo(Thread.State.WAITING);
        starter.interrupt();
        starter.join(10_000);
        assertThat(starter.isAlive()).isFalse();
        PluginStartupException startup = startupFailure(failure.get());
        assertThat(startup.getCause()).isInstanceOf(InterruptedException.class);
        assertThat(startup.plugins()).containsExactly("hung");
        assertThat(startup.getMessage()).contains("interrupted", "still loading: hung");
    }

    @Test
    void anInterruptedStartupStillWaitsForTheDestroyCallbacksOfThePluginsLoadedBeforeIt(CapturedOutput output)
            throws Exception {
        // SIGTERM while a container starts: Spring's shutdown hook interrupts the starting thread and then waits for
        // the failed refresh to end (its startup-shutdown lock), after which the JVM exits. A plugin loaded before the
        // interrupt must be destroyed by then: its close() (a flush, a connection closed) would otherwise be cut off
        HangingClosePlugin.reset();
        Gate.reset();
        DestroyLog log = new DestroyLog();
        Thread releaser = new Thread(() -> {
            // the close returns half a second after it began: closing must wait for it, not go on at once
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!log.events().contains("hanging close") && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            HangingClosePlugin.release.countDown();
        }, "test-releaser");
        releaser.setDaemon(true);
        releaser.start();
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread starter = new Thread(() -> this.contextRunner.withBean(DestroyLog.class, () -> log)
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.destroy.hanging",
                    "plux.namespaces[0].include=hanging-close", "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[1].namespace=" + GATED, "plux.namespaces[1].include=load-gated",
                    "plux.namespaces[1].load-on-startup=true", "spring.lifecycle.timeout-per-shutdown-phase=15s")
            .run((context) -> {
                failure.set(context.getStartupFailure());
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }), "test-starter");
        starter.setDaemon(true);
        try {
            starter.start();
            assertThat(Gate.load.entered.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (starter.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(starter.getState()).isEqualTo(Thread.State.WAITING);
            // what Spring's shutdown hook does on SIGTERM
            starter.interrupt();
            starter.join(20_000);
            assertThat(starter.isAlive()).isFalse();
            PluginStartupException startup = startupFailure(failure.get());
            assertThat(startup.getCause()).isInstanceOf(InterruptedException.class);
            // the close had ended when the failed startup returned, and the interrupt was not taken for a second one
            assertThat(log.events()).containsSubsequence("hanging close", "hanging close ended", "log destroyed");
            assertThat(output).doesNotContain("closing was interrupted");
            // the starting thread keeps its interrupt, for the caller to see
            assertThat(stillInterrupted).isTrue();
        }
        finally {
            Gate.load.release.countDown();
            HangingClosePlugin.release.countDown();
        }
    }

    @Test
    void closingTheContextWhileAFinderHangsWithinTheStartupTimeoutFailsStartupAtOnce() throws Exception {
        CountDownLatch listing = new CountDownLatch(1);
        AtomicReference<@Nullable ConfigurableApplicationContext> starting = new AtomicReference<>();
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        ApplicationContextRunner hangingFinder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withInitializer(starting::set)
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.finder(() -> {
                listing.countDown();
                return hangingListing();
            }));
        Thread starter = new Thread(() -> hangingFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].startup-timeout=60s")
            .run((context) -> failure.set(context.getStartupFailure())), "test-starter");
        starter.start();
        assertThat(listing.await(10, TimeUnit.SECONDS)).isTrue();
        ConfigurableApplicationContext context = starting.get();
        assertThat(context).isNotNull();
        // what Spring's shutdown hook does on SIGTERM: it interrupts a starting thread that waits untimed, and
        // otherwise waits for the startup to end (here: the 60 s timeout)
        context.close();
        // 15 s guards against a hang yet stays short of the finder's 20 s; whether startup waited the finder out is
        // checked exactly by listingRanOut rather than by timing close(), which a slow machine can make long
        starter.join(15_000);
        assertThat(starter.isAlive()).isFalse();
        assertThat(this.listingRanOut).isFalse();
        PluginStartupException startup = startupFailure(failure.get());
        assertThat(startup.getCause()).isInstanceOf(InterruptedException.class);
        assertThat(startup.getMessage()).contains("interrupted", "while its plugins were being listed");
    }

    @Test
    void closingTheContextWhileAFinderWithoutATimeoutIsBusyFailsStartupAtOnce() throws Exception {
        CountDownLatch listing = new CountDownLatch(1);
        AtomicReference<@Nullable ConfigurableApplicationContext> starting = new AtomicReference<>();
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        ApplicationContextRunner busyFinder = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withInitializer(starting::set)
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.finder(() -> {
                listing.countDown();
                // busy (RUNNABLE, as in a blocking read), deaf to interrupts, until the test ends
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (this.release.getCount() > 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                return List.of();
            }));
        Thread starter = new Thread(() -> busyFinder
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true")
            .run((context) -> failure.set(context.getStartupFailure())), "test-starter");
        starter.setDaemon(true);
        starter.start();
        assertThat(listing.await(10, TimeUnit.SECONDS)).isTrue();
        ConfigurableApplicationContext context = starting.get();
        assertThat(context).isNotNull();
        // what Spring's shutdown hook does on SIGTERM; on another thread, so that a close() that blocks fails the
        // test rather than hang it
        Thread closer = new Thread(context::close, "test-closer");
        closer.setDaemon(true);
        closer.start();
        closer.join(10_000);
        starter.join(10_000);
        assertThat(closer.isAlive()).as("close() returned").isFalse();
        assertThat(starter.isAlive()).as("startup ended").isFalse();
        PluginStartupException startup = startupFailure(failure.get());
        assertThat(startup.getCause()).isInstanceOf(InterruptedException.class);
        assertThat(startup.getMessage()).contains("interrupted", "while its plugins were being listed");
    }

    @Test
    void anErrorOnTheStartingThreadFailsStartupWithoutClosingWaitingForThePluginsStillLoading(CapturedOutput output)
            throws Exception {
        Gate.reset();
        OutOfMemoryError error = new OutOfMemoryError("simulated: unable to create native thread");
        // strikes the starting thread once load-gated (created through the context) is in its load(), deaf to the
        // interrupt that ends startup: the refresh fails with it, and the destroy phase must not wait for the plugin
        StartupRun.beforeWait = () -> {
            try {
                assertThat(Gate.load.entered.await(10, TimeUnit.SECONDS)).isTrue();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            throw error;
        };
        AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
        long start = System.nanoTime();
        try {
            // a wait would last the shutdown phase timeout, and then warn about the plugin still loading
            this.contextRunner.withBean(DestroyLog.class)
                .withPropertyValues("plux.namespaces[0].namespace=" + GATED, "plux.namespaces[0].include=load-gated",
                        "plux.namespaces[0].load-on-startup=true", "spring.lifecycle.timeout-per-shutdown-phase=8s")
                .run((context) -> thrown.set(context.getStartupFailure()));
        }
        catch (Throwable ex) {
            thrown.set(ex);
        }
        finally {
            StartupRun.beforeWait = null;
            Gate.load.release.countDown();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        // the very error, not wrapped
        assertThat(thrown.get()).isSameAs(error);
        assertThat(output).doesNotContain("still being created or loaded");
        assertThat(elapsed).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aPluginThatClosesTheStartingContextFailsStartupWithoutADeadlock() {
        AtomicReference<@Nullable ConfigurableApplicationContext> starting = new AtomicReference<>();
        AtomicReference<@Nullable Thread> startingThread = new AtomicReference<>();
        plugin(NS, "closer", () -> {
            // what SpringApplication.exit does too; Spring interrupts the starting thread only once it waits
            // untimed (WAITING), else close() waits for the refresh to end and startup succeeds: on a slow
            // machine this thread can get here first, so wait for that state (the test's timeout bounds it)
            ConfigurableApplicationContext context = starting.get();
            Thread thread = startingThread.get();
            if (context != null && thread != null) {
                while (thread.getState() != Thread.State.WAITING) {
                    Thread.sleep(1);
                }
                context.close();
                // Spring gives up on a starting thread still WAITING 10 ms after its interrupt (it cannot tell it
                // from a System.exit); starved of CPU that long, it would find this plugin finished, and every
                // plugin done, when it woke: an outcome decided, and the interrupt only kept. This plugin ends when
                // the failed startup interrupts it instead (the test's timeout bounds the wait).
                new CountDownLatch(1).await();
            }
        });
        plugin(NS, "after", () -> this.events.add("after"));
        this.contextRunner.withInitializer((context) -> {
            starting.set(context);
            startingThread.set(Thread.currentThread());
        })
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true")
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.getCause()).isInstanceOf(InterruptedException.class);
                assertThat(failure.getMessage()).contains("interrupted");
            });
    }

    @Test
    void pluginsThatLoadEachOtherOnTwoThreadsFailWithTheCycleInsteadOfHanging() {
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        AtomicReference<@Nullable PluginManager<?>> manager = new AtomicReference<>();
        for (String[] pair : new String[][] { { "a", "b" }, { "b", "a" } }) {
            plugin(NS, pair[0], () -> {
                // a on one thread, b on the other, each then needs the one the other thread owns
                bothStarted.await(10, TimeUnit.SECONDS);
                manager.get().load(pair[1]);
            });
        }
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[0].fail-fast=true", "plux.startup.parallelism=2")
            .withInitializer((context) -> context.getBeanFactory()
                .addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        if (bean instanceof PluginManager<?> created) {
                            manager.set(created);
                        }
                        return bean;
                    }
                }))
            .run((context) -> {
                PluginStartupException failure = startupFailure(context.getStartupFailure());
                assertThat(failure.plugins()).hasSize(1);
                assertThat(failure.getMessage()).contains("plugins load each other in a cycle");
            });
    }

    @Test
    void durationsBeyondWhatNanosecondsHoldMeanWaitingThatLong() {
        plugin(NS, "p", () -> this.events.add("p"));
        // a million days: more nanoseconds than a long holds, a way to write "practically for ever"
        for (String forever : List.of("plux.namespaces[0].startup-timeout=1000000d",
                "plux.startup.progress-interval=1000000d")) {
            this.contextRunner
                .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                        forever)
                .run((context) -> assertThat(context).hasNotFailed());
        }
        assertThat(this.events).containsExactly("p", "p");
    }

    @Test
    void aProgressIntervalUnder100msIsKeptAndStartupLoadingWarnsOnceThatABareNumberIsMilliseconds(
            CapturedOutput output) {
        // progress-interval: 10, meant as seconds, is 10 ms: valid (a test may want it short), but said once
        String warning = "plux.startup.progress-interval is 10 ms: each plugin still loading on startup is named";
        plugin(NS, "quick", () -> this.events.add("quick"));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.startup.progress-interval=10")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).containsOnlyOnce(warning).contains("a number without a unit is milliseconds");
        assertThat(this.events).containsExactly("quick");
    }

    @Test
    void aProgressIntervalOf100msOrWithoutStartupLoadingIsNotWarnedAbout(CapturedOutput output) {
        plugin(NS, "quick", () -> { });
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.startup.progress-interval=100ms")
            .run((context) -> assertThat(context).hasNotFailed());
        this.contextRunner.withPropertyValues("plux.namespaces=" + NS, "plux.startup.progress-interval=1ns")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("plux.startup.progress-interval is");
    }

    @Test
    void invalidStartupPropertiesFailNamingTheProperty() {
        this.contextRunner.withPropertyValues("plux.namespaces=" + NS, "plux.startup.parallelism=0")
            .run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getName())
                .isEqualTo("plux.startup.parallelism"));
        this.contextRunner.withPropertyValues("plux.namespaces=" + NS, "plux.startup.progress-interval=0s")
            .run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getName())
                .isEqualTo("plux.startup.progress-interval"));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].startup-timeout=5s")
            .run((context) -> assertThat(invalidProperty(context.getStartupFailure()))
                .hasMessageContaining("plux.namespaces[0].startup-timeout")
                .hasMessageContaining("has no effect without plux.namespaces[0].load-on-startup=true"));
    }

    /** Whether the thread waits for a task in its pool: it has finished what it took and found nothing more. */
    private static boolean idleInItsPool(@Nullable Thread thread) {
        return thread != null && thread.getState() == Thread.State.WAITING
                && Arrays.stream(thread.getStackTrace()).anyMatch((frame) -> frame.getMethodName().equals("getTask")
                        && frame.getClassName().equals(ThreadPoolExecutor.class.getName()));
    }

    private static InvalidConfigurationPropertyValueException invalidProperty(@Nullable Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof InvalidConfigurationPropertyValueException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidConfigurationPropertyValueException in " + failure, failure);
    }

    private static PluginStartupException startupFailure(@Nullable Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof PluginStartupException startup) {
                return startup;
            }
        }
        throw new AssertionError("no PluginStartupException in " + failure, failure);
    }

    private void plugin(String namespace, String name, Body body) {
        this.specs.computeIfAbsent(namespace, (key) -> new ArrayList<>())
            .add(new PluginSpec(namespace, name, () -> new Plugin() {
                @Override
                public @Nullable Object load(Object... args) throws Exception {
                    body.run();
                    return null;
                }
            }));
    }

    private void awaitRelease() throws InterruptedException {
        this.release.await(20, TimeUnit.SECONDS);
    }

    /** A custom finder's listing that hangs until the test releases it (or interrupts it); then it finds nothing. */
    private List<PluginSpec> hangingListing() {
        try {
            if (!this.release.await(20, TimeUnit.SECONDS)) {
                this.listingRanOut.set(true);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    /**
     * Waits until the output holds the warning {@code count} times, or 20 s have passed (the assertions then fail):
     * a bound against a hang only, since a watchdog on a loaded machine may be seconds late.
     */
    private static void awaitWarnings(CapturedOutput output, String warning, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (output.getOut().split(java.util.regex.Pattern.quote(warning), -1).length <= count
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** A plugin's load body. */
    @FunctionalInterface
    private interface Body {

        void run() throws Exception;
    }
}
