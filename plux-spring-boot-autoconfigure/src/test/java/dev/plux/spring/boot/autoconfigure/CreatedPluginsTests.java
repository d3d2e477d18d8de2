package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.plux.core.Plugin;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.event.PluginLifecycleEvent;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyHookPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.HangingClosePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.Gate;
import dev.plux.spring.boot.autoconfigure.fixtures.GateReleaser;
import dev.plux.spring.boot.autoconfigure.fixtures.LazyResource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class CreatedPluginsTests {

    private static final String GATED = "test.spring.destroy.gated";

    /**
     * A thread per task for the loads these tests run beside the test's thread, several of them held at gates at once.
     * Not the common pool: with one worker (two cores) it ran the second of two gated loads only after the first,
     * which waited for the second, and the test hung (JDK 25; JDK 17's CompletableFuture uses a thread per task there).
     */
    private static final Executor THREADS = (task) -> {
        Thread thread = new Thread(task, "test-loading");
        thread.setDaemon(true);
        thread.start();
    };

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
        .withUserConfiguration(LogConfiguration.class)
        .withPropertyValues("plux.namespaces=test.spring.destroy.a,test.spring.destroy.b," + GATED);

    @BeforeEach
    void closeTheGates() {
        Gate.reset();
    }

    @AfterEach
    void openTheGates() {
        DestroyHookPlugin.onDestroy = () -> {
        };
        Gate.first.release.countDown();
        Gate.second.release.countDown();
        Gate.load.release.countDown();
    }

    @Test
    void pluginsAreDestroyedAtCloseNewestFirstAcrossNamespacesBeforeTheBeansTheyUse() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            log.set(context.getBean(DestroyLog.class));
            PluginManagers managers = context.getBean(PluginManagers.class);
            PluginManager<?> a = managers.get("test.spring.destroy.a");
            PluginManager<?> b = managers.get("test.spring.destroy.b");
            a.load("pre-destroy");
            b.load("disposable");
            a.load("closeable");
            assertThat(log.get().events()).isEmpty();
        });
        // @PreDestroy, DisposableBean and AutoCloseable, in reverse order of creation; the bean they use last
        assertThat(log.get().events()).containsExactly("closeable", "disposable", "pre-destroy", "log destroyed");
    }

    @Test
    void pluginsAreDestroyedInReverseOrderWhateverOrderTheyWereCreatedIn() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManagers managers = context.getBean(PluginManagers.class);
            managers.get("test.spring.destroy.b").load("disposable");
            managers.get("test.spring.destroy.a").load("closeable");
            managers.get("test.spring.destroy.a").load("pre-destroy");
        });
        assertThat(log.get().events()).containsExactly("pre-destroy", "closeable", "disposable", "log destroyed");
    }

    @Test
    void pluginsNotCreatedByTheContextAreLeftAlone() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.withPropertyValues("plux.autowire=false").run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            // without autowiring a class plugin needs a no-argument constructor, which these lack
            PluginManager<?> a = context.getBean(PluginManagers.class).get("test.spring.destroy.a");
            assertThat(a.loadAll()).isEmpty();
        });
        assertThat(log.get().events()).containsExactly("log destroyed");
    }

    @Test
    void aPluginStillBeingCreatedWhenCloseBeginsIsDestroyedOnceBeforeTheBeansItUses() throws Exception {
        assertThat(destroyedAfterClosingWhileHeld("gated", Gate.first)).containsExactly("gated", "log destroyed");
    }

    @Test
    void aPluginStillBeingCreatedWhenCloseBeginsIsDestroyedBeforeALazyBeanItUses() throws Exception {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.withUserConfiguration(LazyResourceConfiguration.class).run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            // held in its constructor, the plugin has made the lazy bean, created after plux's own beans: closing
            // must wait for the creation before it destroys any bean, the lazy one included
            closeWhileHeld(context, "lazy-resource-gated", Gate.first, log.get());
        });
        assertThat(log.get().events()).containsExactly("lazy resource gated", "lazy resource destroyed",
                "log destroyed");
    }

    @Test
    void theShutdownPhaseTimeoutBoundsTheWaitForACreation(CapturedOutput output) throws Exception {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicReference<CompletableFuture<Plugin>> loading = new AtomicReference<>();
        AtomicReference<Duration> closing = new AtomicReference<>();
        withShutdownPhaseTimeout(this.contextRunner, "500ms").run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManager<?> gated = context.getBean(PluginManagers.class).get(GATED);
            loading.set(CompletableFuture.supplyAsync(() -> gated.load("gated"), THREADS));
            Gate.first.entered.await();
            long start = System.nanoTime();
            context.close();
            closing.set(Duration.ofNanos(System.nanoTime() - start));
        });
        // the phase's timeout, not a bound of plux's own (10 s before) on top of it
        assertThat(closing.get()).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(5));
        assertThat(output).contains("plux: the application context closes while plugins are still being created or"
                + " loaded: [" + GATED + ":gated (on thread ");
        assertThat(log.get().events()).containsExactly("log destroyed");
        Gate.first.release.countDown();
        assertThatThrownBy(() -> loading.get().join()).hasMessageContaining("plux namespace " + GATED
                + ": plugin gated (dev.plux.spring.boot.autoconfigure.fixtures.GatedPlugin) was created after the"
                + " application context closed; it is destroyed and not loaded");
        assertThat(log.get().events()).containsExactly("log destroyed", "gated");
    }

    @Test
    void aPluginStillLoadingWhenCloseBeginsIsDestroyedOnceItsLoadEnds() throws Exception {
        assertThat(destroyedAfterClosingWhileHeld("load-gated", Gate.load)).containsExactly("load gated", "log destroyed");
    }

    @Test
    void aFailedStartupDoesNotWaitForThePluginsItGaveUpOn(CapturedOutput output) throws Exception {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withUserConfiguration(LogConfiguration.class)
            .withPropertyValues("plux.namespaces[0].namespace=" + GATED, "plux.namespaces[0].include=load-gated",
                    "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].startup-timeout=1s")
            .run((context) -> assertThat(context).hasFailed());
        assertThat(Gate.load.entered.getCount()).isZero();
        // closing waited for no plugin: the timeout's report named the one still loading, and the JVM may exit
        assertThat(output).doesNotContain("still being created or loaded");
    }

    @Test
    void aFailedStartupDoesNotWaitForAPluginThatAPluginItGaveUpOnLoadsAfterwards(CapturedOutput output) {
        long start = System.nanoTime();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withUserConfiguration(LogConfiguration.class)
            .withBean("releaser", GateReleaser.class, GateReleaser::new, (definition) -> definition.setLazyInit(true))
            .withPropertyValues("plux.namespaces[0].namespace=" + GATED, "plux.namespaces[0].include=nesting,deaf-gated",
                    "plux.namespaces[0].load-on-startup=true", "plux.namespaces[0].startup-timeout=1s")
            .run((context) -> assertThat(context).hasFailed());
        // the plugin startup gave up on went on, once startup had failed, to create another on the same thread
        assertThat(Gate.second.entered.getCount()).isZero();
        assertThat(output).doesNotContain("still being created or loaded");
        // a wait would last the shutdown phase timeout (Boot's 30 s by default)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aRefreshThatFailsBeforeTheLifecycleStartsStillWaitsForALoadUnderWay(CapturedOutput output) throws Exception {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicReference<CompletableFuture<Plugin>> loading = new AtomicReference<>();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withUserConfiguration(LogConfiguration.class)
            .withPropertyValues("plux.namespaces=" + GATED)
            .withBean(LoadingThenFailing.class, () -> new LoadingThenFailing(log, loading))
            .run((context) -> assertThat(context).hasFailed());
        // no lifecycle stop ran: the destroy phase waited for the load before destroying the plugin
        assertThat(output).doesNotContain("still being created or loaded");
        assertThat(loading.get().get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(log.get().events()).containsExactly("load gated", "log destroyed");
    }

    @Test
    void closeWaitsForACreationAtMostItsBoundThenThePluginIsDestroyedWhenCreatedAndNotLoaded(CapturedOutput output)
            throws Exception {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicReference<CompletableFuture<Plugin>> loading = new AtomicReference<>();
        withShutdownPhaseTimeout(this.contextRunner, "1ms").run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManager<?> gated = context.getBean(PluginManagers.class).get(GATED);
            loading.set(CompletableFuture.supplyAsync(() -> gated.load("gated"), THREADS));
            Gate.first.entered.await();
            context.close();
        });
        assertThat(output).contains("plux: the application context closes while plugins are still being created or loaded: ["
                + GATED + ":gated (on thread ");
        assertThat(log.get().events()).containsExactly("log destroyed");
        Gate.first.release.countDown();
        assertThatThrownBy(() -> loading.get().join()).hasMessageContaining(
                "plux namespace " + GATED + ": plugin gated (dev.plux.spring.boot.autoconfigure.fixtures.GatedPlugin)"
                        + " was created after the application context closed; it is destroyed and not loaded");
        assertThat(log.get().events()).containsExactly("log destroyed", "gated");
    }

    /**
     * Every virtual thread of {@code Executors.newVirtualThreadPerTaskExecutor()} has an empty name: the warning said
     * {@code (on thread )}. A thread without a name is named by its id, as thread dumps show it.
     */
    @Test
    void closingWhileAThreadWithoutANameCreatesAPluginNamesThatThreadByItsId(CapturedOutput output) throws Exception {
        AtomicReference<Thread> unnamed = new AtomicReference<>();
        withShutdownPhaseTimeout(this.contextRunner, "1ms").run((context) -> {
            PluginManager<?> gated = context.getBean(PluginManagers.class).get(GATED);
            Thread thread = new Thread(() -> catchThrowable(() -> gated.load("gated")), "");
            unnamed.set(thread);
            thread.start();
            Gate.first.entered.await();
            context.close();
        });
        assertThat(output).contains("plux: the application context closes while plugins are still being created or loaded: ["
                + GATED + ":gated (on unnamed thread #" + unnamed.get().getId() + ")]");
        Gate.first.release.countDown();
        unnamed.get().join(10_000);
    }

    @Test
    void aCreationEndingWhileTheOtherPluginsAreBeingDestroyedIsDestroyedAndNotLoaded() throws Exception {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        CompletableFuture<CompletableFuture<Plugin>> loading = new CompletableFuture<>();
        // the creation outlasted close's wait, and ends while the plugins created before it are being destroyed
        DestroyHookPlugin.onDestroy = () -> {
            Gate.first.release.countDown();
            loading.join().handle((plugin, failure) -> plugin).orTimeout(10, TimeUnit.SECONDS).join();
        };
        withShutdownPhaseTimeout(this.contextRunner, "1ms").run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManager<?> gated = context.getBean(PluginManagers.class).get(GATED);
            gated.load("destroy-hook");
            loading.complete(CompletableFuture.supplyAsync(() -> gated.load("gated"), THREADS));
            Gate.first.entered.await();
            context.close();
        });
        assertThatThrownBy(() -> loading.join().join()).hasMessageContaining("plux namespace " + GATED
                + ": plugin gated (dev.plux.spring.boot.autoconfigure.fixtures.GatedPlugin) was created after the"
                + " application context closed; it is destroyed and not loaded");
        assertThat(log.get().events()).containsExactly("destroy hook", "gated", "log destroyed");
    }

    @Test
    void pluginsCreatedInParallelAreDestroyedInReverseOrderOfTheirCreationsEnd() throws Exception {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManager<?> gated = context.getBean(PluginManagers.class).get(GATED);
            CompletableFuture<Plugin> first = CompletableFuture.supplyAsync(() -> gated.load("gated"), THREADS);
            CompletableFuture<Plugin> second = CompletableFuture.supplyAsync(() -> gated.load("second-gated"), THREADS);
            Gate.first.entered.await();
            Gate.second.entered.await();
            // the one started first is created last
            Gate.second.release.countDown();
            second.get();
            Gate.first.release.countDown();
            first.get();
        });
        assertThat(log.get().events()).containsExactly("gated", "second gated", "log destroyed");
    }

    @Test
    void aLoadAfterCloseIsRefusedNamingTheNamespaceAndPluginAndCreatesNothing() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicReference<PluginManager<?>> manager = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            manager.set(context.getBean(PluginManagers.class).get("test.spring.destroy.a"));
            manager.get().load("pre-destroy");
        });
        assertThatThrownBy(() -> manager.get().load("closeable"))
            .hasMessageContaining("test.spring.destroy.a")
            .hasMessageContaining("closeable")
            .hasMessageContaining("the application context is closed");
        assertThat(log.get().events()).containsExactly("pre-destroy", "log destroyed");
    }

    @ParameterizedTest(name = "managers used before the stop: {0}")
    @ValueSource(booleans = { true, false })
    void aStoppedContextRefusesCreationsUntilItStartsAgain(boolean usedBeforeTheStop) {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            refusesCreationsWhileStopped(context, usedBeforeTheStop);
        });
        assertThat(log.get().events()).containsExactly("disposable", "log destroyed");
    }

    @ParameterizedTest(name = "managers used before the pause: {0}")
    @ValueSource(booleans = { true, false })
    void aPausedContextStillCreatesPlugins(boolean usedBeforeThePause) {
        // Spring Framework 7's test context cache pauses a cached context while another test class runs
        // (ConfigurableApplicationContext.pause(), restart() when it is used again); its web server keeps serving, and
        // a plugin refused then would stay INIT_FAILED after the restart, failures being sticky
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            if (usedBeforeThePause) {
                context.getBean(PluginManagers.class);
            }
            context.pause();
            PluginManagers managers = context.getBean(PluginManagers.class);
            assertThat(managers.get("test.spring.destroy.a").load("pre-destroy")).isNotNull();
            context.restart();
            assertThat(managers.get("test.spring.destroy.b").load("disposable")).isNotNull();
            // an explicit stop, and a CRaC checkpoint, still refuse creations
            refusesCreationsWhileStopped(context, true);
        });
        assertThat(log.get().events()).containsExactly("disposable", "pre-destroy", "log destroyed");
    }

    /**
     * Stops the context, checks that a load of {@code test.spring.destroy.a:closeable} is refused, starts it again
     * and loads {@code test.spring.destroy.b:disposable}.
     *
     * @param usedBeforeTheStop whether the managers are created before the stop; if not, the first manager is used
     *        while the context is stopped (a CRaC checkpoint stops the context so), and its creations are refused as
     *        every other's would be
     */
    static void refusesCreationsWhileStopped(ConfigurableApplicationContext context, boolean usedBeforeTheStop) {
        if (usedBeforeTheStop) {
            context.getBean(PluginManagers.class);
        }
        context.stop();
        PluginManagers managers = context.getBean(PluginManagers.class);
        assertThatThrownBy(() -> managers.get("test.spring.destroy.a").load("closeable"))
            .hasMessageContaining("plux namespace test.spring.destroy.a: plugin closeable")
            .hasMessageContaining("was not created: the application context is stopping or stopped");
        context.start();
        assertThat(managers.get("test.spring.destroy.b").load("disposable")).isNotNull();
    }

    @Test
    void aManagerFirstUsedWhileTheContextClosesStillStopsCreationsInItsPhase() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicReference<@Nullable Object> drained = new AtomicReference<>();
        AtomicReference<@Nullable Object> late = new AtomicReference<>();
        this.contextRunner.withBean("draining", LoadingLifecycle.class, () -> LoadingLifecycle.draining(drained))
            .withBean("late", LoadingLifecycle.class, () -> LoadingLifecycle.late(late))
            .run((context) -> log.set(context.getBean(DestroyLog.class)));
        // the first use of a manager is a request that graceful shutdown drains: its plugin is created ...
        assertThat(drained.get()).isInstanceOf(Plugin.class);
        // ... and creations stop in plux's phase all the same, before the web server's
        assertStoppedInPluxPhase(late, log.get());
    }

    @Test
    void aManagerFirstUsedByAnEarlierLifecycleBeanAsTheContextStartsStillStopsCreationsInItsPhase() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicReference<@Nullable Object> late = new AtomicReference<>();
        AtomicReference<@Nullable Object> early = new AtomicReference<>();
        this.contextRunner.withBean("early", LoadingLifecycle.class, () -> LoadingLifecycle.early(early))
            .withBean("late", LoadingLifecycle.class, () -> LoadingLifecycle.late(late))
            .run((context) -> {
                log.set(context.getBean(DestroyLog.class));
                assertThat(early.get()).isInstanceOf(Plugin.class);
            });
        assertStoppedInPluxPhase(late, log.get());
    }

    /**
     * Checks that the load a {@link LoadingLifecycle#late} lifecycle ran in the web server's phase was refused, and
     * that only {@code disposable}, loaded before, was destroyed with the log.
     */
    private static void assertStoppedInPluxPhase(AtomicReference<@Nullable Object> late, DestroyLog log) {
        assertThat(late.get()).isInstanceOfSatisfying(RuntimeException.class, (ex) -> assertThat(ex)
            .hasStackTraceContaining("was not created: the application context is stopping or stopped"));
        assertThat(log.events()).containsExactly("disposable", "log destroyed");
    }

    @Test
    void aManagerFirstUsedOnAThreadABeanWaitsForWhileItIsCreatedIsCreatedWithoutWaitingForTheBean() {
        AtomicReference<@Nullable Object> created = new AtomicReference<>();
        this.contextRunner.withBean(WaitingForAnotherThread.class, () -> new WaitingForAnotherThread(created))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                // Spring lets that thread create singletons without the lock the starting thread holds (6.2's
                // lenient locking); nothing on the way to the first manager may take that lock
                assertThat(created.get()).isInstanceOf(PluginManager.class);
            });
    }

    @Test
    void aCreationRefusedWhileTheContextStopsIsNotNamedAsStillBeingCreatedWhenItCloses(CapturedOutput output)
            throws Exception {
        // SIGTERM while the application loads plugins after startup: the refused plugin's load goes on for a while
        // (its init failure is logged and its listeners run, here held), but nothing of it is created any more
        CountDownLatch refused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PluginLifecycleListener holding = new PluginLifecycleListener() {
            @Override
            public void onInitException(PluginSpec spec, Throwable exception) {
                refused.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            this.contextRunner
                .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.listener(holding))
                .run((context) -> {
                    PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.destroy.a");
                    context.stop();
                    CompletableFuture<Throwable> loading = CompletableFuture
                        .supplyAsync(() -> catchThrowable(() -> manager.load("closeable")), THREADS);
                    assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
                    context.close();
                    release.countDown();
                    assertThat(loading.get(10, TimeUnit.SECONDS))
                        .hasMessageContaining("was not created: the application context is stopping or stopped");
                });
            assertThat(output).doesNotContain("still being created or loaded");
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void aCreationRefusedWhileTheContextStopsIsLoggedWithoutAStackTrace(CapturedOutput output) {
        // SIGTERM while the application loads plugins: every plugin not created yet is refused, and its stack trace
        // (plux's and the manager's frames) said nothing the line does not; the caller's exception keeps its own
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.spring.destroy.a");
            context.stop();
            Throwable failure = catchThrowable(() -> manager.load("closeable"));
            assertThat(failure.getStackTrace()).isNotEmpty();
            assertThat(failure).rootCause()
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("plux namespace test.spring.destroy.a: plugin closeable"
                        + " (dev.plux.spring.boot.autoconfigure.fixtures.CloseablePlugin) was not created: the"
                        + " application context is stopping or stopped");
        });
        assertThat(output).contains("plugin test.spring.destroy.a:closeable failed to initialize:")
            .doesNotContain("at dev.plux.spring.boot.autoconfigure.CreatedPlugins.create(");
    }

    @Test
    void aLoadAfterCloseWarnsOfNoFailingEventListener(CapturedOutput output) {
        AtomicReference<PluginManager<?>> manager = new AtomicReference<>();
        this.contextRunner.run((context) -> manager.set(context.getBean(PluginManagers.class).get(GATED)));
        assertThatThrownBy(() -> manager.get().load("failing-closeable")).isNotNull();
        assertThat(output).doesNotContain("@EventListener");
    }

    @Test
    void aFailingDestroyCallbackIsLoggedNamingThePluginAndTheOthersAreStillDestroyed(CapturedOutput output) {
        assertThat(destroyedAround("failing-closeable")).containsExactly("disposable", "failing closeable",
                "closeable", "log destroyed");
        assertThat(output).contains("WARN").contains("plux namespace " + GATED + ": destroying plugin failing-closeable ("
                + "dev.plux.spring.boot.autoconfigure.fixtures.FailingCloseablePlugin) failed")
            .contains("closing failed on purpose");
    }

    @Test
    void aFailedRefreshDestroysThePluginsLoadedOnStartup() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withUserConfiguration(LogConfiguration.class)
            .withBean(FailingLifecycle.class, () -> new FailingLifecycle(log))
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.destroy.a",
                    "plux.namespaces[0].load-on-startup=true")
            .run((context) -> assertThat(context).hasFailed());
        // loaded in discovery order (pre-destroy, closeable) before the lifecycle bean failed the refresh
        assertThat(log.get().events()).containsExactly("closeable", "pre-destroy", "log destroyed");
    }

    @Test
    void eventsOfAPluginLoadedWhileTheContextClosesArePublishedAndNoneAfterItClosed(CapturedOutput output)
            throws Exception {
        AtomicReference<EventLog> events = new AtomicReference<>();
        AtomicReference<PluginManager<?>> manager = new AtomicReference<>();
        this.contextRunner.withBean(EventLog.class).run((context) -> {
            events.set(context.getBean(EventLog.class));
            manager.set(context.getBean(PluginManagers.class).get(GATED));
            CompletableFuture<Plugin> loading = CompletableFuture.supplyAsync(() -> manager.get().load("load-gated"),
                    THREADS);
            Gate.load.entered.await();
            Thread closing = new Thread(context::close, "closing");
            closing.start();
            awaitBlockedOrDone(closing);
            Gate.load.release.countDown();
            closing.join();
            loading.get();
        });
        assertThat(events.get().events).endsWith("PluginLoadedEvent");
        int published = events.get().events.size();
        assertThatThrownBy(() -> manager.get().load("second-gated")).isNotNull();
        assertThat(events.get().events).hasSize(published);
        assertThat(output).doesNotContain("@EventListener");
    }

    @Test
    void aDestroyCallbackThatHangsIsGivenUpAfterTheShutdownPhaseTimeoutNamingThePlugin(CapturedOutput output)
            throws InterruptedException {
        // a plugin's close() that never returns must not keep the application from closing (and the JVM from
        // exiting): closing waits for it as long as a shutdown phase, names it, and destroys the others
        HangingClosePlugin.reset();
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        long start = System.nanoTime();
        try {
            this.contextRunner
                .withPropertyValues("plux.namespaces=test.spring.destroy.a,test.spring.destroy.hanging,"
                        + "test.spring.destroy.b", "spring.lifecycle.timeout-per-shutdown-phase=1s")
                .run((context) -> {
                    log.set(context.getBean(DestroyLog.class));
                    PluginManagers managers = context.getBean(PluginManagers.class);
                    managers.get("test.spring.destroy.a").load("closeable");
                    managers.get("test.spring.destroy.hanging").load("hanging-close");
                    managers.get("test.spring.destroy.b").load("disposable");
                });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(log.get().events()).containsExactly("disposable", "hanging close", "closeable",
                    "log destroyed");
            // interrupted, so that a callback that honours interrupts ends
            assertThat(HangingClosePlugin.interrupted.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(output).contains("WARN")
                .contains("plux namespace test.spring.destroy.hanging: destroying plugin hanging-close ("
                        + "dev.plux.spring.boot.autoconfigure.fixtures.HangingClosePlugin) did not end within"
                        + " spring.lifecycle.timeout-per-shutdown-phase (1 s); closing goes on without it (its"
                        + " destroy callback is interrupted and left running on daemon thread plux-destroy-");
        }
        finally {
            HangingClosePlugin.release.countDown();
        }
    }

    @Test
    void closingWaitsOneShutdownPhaseInAllHoweverManyDestroyCallbacksHang(CapturedOutput output) {
        // Spring bounds a shutdown phase, not each bean of it: four hanging plugins must not make the close take
        // four times spring.lifecycle.timeout-per-shutdown-phase (each would otherwise be waited for in turn)
        HangingClosePlugin.reset();
        AtomicLong closing = new AtomicLong();
        try {
            this.contextRunner
                .withPropertyValues("plux.namespaces=test.spring.destroy.a,test.spring.destroy.hanging,"
                        + "test.spring.destroy.b", "spring.lifecycle.timeout-per-shutdown-phase=1500ms")
                .run((context) -> {
                    PluginManagers managers = context.getBean(PluginManagers.class);
                    managers.get("test.spring.destroy.a").load("closeable");
                    for (String name : List.of("hanging-close", "hanging-close-2", "hanging-close-3",
                            "hanging-close-4")) {
                        managers.get("test.spring.destroy.hanging").load(name);
                    }
                    managers.get("test.spring.destroy.b").load("disposable");
                    closing.set(System.nanoTime());
                });
            // the phase (1.5 s) and the one more second closing gives the plugins after a hanging one; four
            // phases would be 6 s
            assertThat(Duration.ofNanos(System.nanoTime() - closing.get())).isLessThan(Duration.ofMillis(5000));
            assertThat(output).contains("plux namespace test.spring.destroy.hanging: destroying plugin hanging-close-4"
                    + " (dev.plux.spring.boot.autoconfigure.fixtures.HangingClosePlugin) did not end within"
                    + " spring.lifecycle.timeout-per-shutdown-phase (1.5 s);")
                .contains("plux namespace test.spring.destroy.hanging: destroying plugin hanging-close-3"
                        + " (dev.plux.spring.boot.autoconfigure.fixtures.HangingClosePlugin) did not end within"
                        + " spring.lifecycle.timeout-per-shutdown-phase (1.5 s and 1 s more);")
                .contains("plux: closing goes on without waiting for the destruction of the plugins left ([")
                .contains("test.spring.destroy.a:closeable");
        }
        finally {
            HangingClosePlugin.release.countDown();
        }
    }

    @Test
    void aDestroyCallbackThatOverflowsItsStackDoesNotStopTheOthers(CapturedOutput output) {
        // as the context does for singletons: an error from one bean's destruction stops no other's
        assertThat(destroyedAround("overflowing-close")).containsExactly("disposable", "overflowing close",
                "closeable", "log destroyed");
        assertThat(output).contains("plux namespace " + GATED + ": destroying plugin overflowing-close ("
                + "dev.plux.spring.boot.autoconfigure.fixtures.OverflowingClosePlugin) failed")
            .contains("closing overflowed on purpose");
    }

    @Test
    void failingPreDestroyAndDisposableCallbacksAreLoggedNamingThePluginAndTheOthersAreStillDestroyed(
            CapturedOutput output) {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManagers managers = context.getBean(PluginManagers.class);
            managers.get("test.spring.destroy.a").load("pre-destroy");
            managers.get(GATED).load("failing-destroy");
            managers.get("test.spring.destroy.b").load("disposable");
        });
        assertThat(log.get().events()).containsExactly("disposable", "failing pre-destroy", "failing disposable",
                "pre-destroy", "log destroyed");
        assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ")
                && line.contains(GATED + ":failing-destroy")
                && line.contains("dev.plux.spring.boot.autoconfigure.fixtures.FailingDestroyPlugin")))
            .anySatisfy((line) -> assertThat(line).contains("pre-destroy failed on purpose"))
            .anySatisfy((line) -> assertThat(line).contains("destroy failed on purpose"));
    }

    @Test
    void anAttemptEndedByAStackOverflowInItsBookkeepingIsNotWaitedForAtClose(CapturedOutput output) {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicBoolean fired = new AtomicBoolean();
        LoadAttempts.beforeForget = () -> {
            if (fired.compareAndSet(false, true)) {
                throw new StackOverflowError("simulated at the end of the attempt");
            }
        };
        try {
            withShutdownPhaseTimeout(this.contextRunner, "15s").run((context) -> {
                log.set(context.getBean(DestroyLog.class));
                PluginManagers managers = context.getBean(PluginManagers.class);
                // on another thread than the closing one, whose own attempts closing never waits for
                CompletableFuture.runAsync(() -> {
                    assertThatThrownBy(() -> managers.get("test.spring.destroy.a").load("closeable"))
                        .isInstanceOf(StackOverflowError.class);
                    // the same thread goes on loading plugins, and they are tracked as any
                    managers.get("test.spring.destroy.b").load("disposable");
                }, THREADS).join();
                long start = System.nanoTime();
                context.close();
                // the attempt is over: closing does not wait the bound for it
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            });
        }
        finally {
            LoadAttempts.beforeForget = null;
        }
        assertThat(fired).isTrue();
        assertThat(output).doesNotContain("still being created or loaded");
        assertThat(log.get().events()).containsExactly("disposable", "closeable", "log destroyed");
    }

    @Test
    void aPluginWhoseLoadClosesTheContextIsNotWaitedForByItsOwnThread(CapturedOutput output) {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            context.getBean(PluginManagers.class).get(GATED).load("context-closing");
            assertThat(context.isClosed()).isTrue();
        });
        assertThat(log.get().events()).containsExactly("context closing", "log destroyed");
        assertThat(output).doesNotContain("still being created or loaded");
    }

    @Test
    void aPluginUsingALifecycleBeanDoesNotStopCreationsBeforeTheLaterShutdownPhases() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicReference<@Nullable Object> drained = new AtomicReference<>();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
            .withUserConfiguration(LifecycleLogConfiguration.class)
            .withPropertyValues("plux.namespaces=test.spring.destroy.a,test.spring.destroy.b")
            .withBean(LoadingLifecycle.class, () -> LoadingLifecycle.draining(drained))
            .run((context) -> {
                log.set(context.getBean(DestroyLog.class));
                // the plugin is injected with a lifecycle bean of the default phase, which Spring stops first
                context.getBean(PluginManagers.class).get("test.spring.destroy.a").load("closeable");
            });
        // a request the web server's graceful shutdown (a later phase) still drains creates its plugin
        assertThat(drained.get()).isInstanceOf(Plugin.class);
        assertThat(log.get().events()).containsExactly("disposable", "closeable", "log destroyed");
    }

    /** The runner with Boot's lifecycle processor, whose shutdown phases time out as the property says. */
    private static ApplicationContextRunner withShutdownPhaseTimeout(ApplicationContextRunner runner, String timeout) {
        return runner.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class))
            .withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=" + timeout);
    }

    /**
     * Loads plugin {@code middle} of {@value #GATED} between two well-behaved plugins of other namespaces, then
     * closes the context.
     *
     * @return what was destroyed, in order
     */
    private List<String> destroyedAround(String middle) {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManagers managers = context.getBean(PluginManagers.class);
            managers.get("test.spring.destroy.a").load("closeable");
            managers.get(GATED).load(middle);
            managers.get("test.spring.destroy.b").load("disposable");
        });
        return log.get().events();
    }

    /**
     * Starts the context, closes it while plugin {@code name} of {@value #GATED} is held at {@code gate}
     * ({@link #closeWhileHeld}), then lets it go.
     *
     * @return what was destroyed, in order
     */
    private List<String> destroyedAfterClosingWhileHeld(String name, Gate gate) {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            closeWhileHeld(context, name, gate, log.get());
        });
        return log.get().events();
    }

    /**
     * Closes the context on another thread while plugin {@code name} of {@value #GATED} is held at {@code gate} (in
     * its constructor or its load), and checks that closing destroys nothing before the gate opens and that the load
     * then completes.
     */
    private static void closeWhileHeld(ConfigurableApplicationContext context, String name, Gate gate, DestroyLog log)
            throws Exception {
        PluginManager<?> gated = context.getBean(PluginManagers.class).get(GATED);
        CompletableFuture<Plugin> loading = CompletableFuture.supplyAsync(() -> gated.load(name), THREADS);
        gate.entered.await();
        Thread closing = new Thread(context::close, "closing");
        closing.start();
        // close waits for the creation or load under way (or, if it does not, has already finished)
        awaitBlockedOrDone(closing);
        assertThat(log.events()).isEmpty();
        gate.release.countDown();
        closing.join();
        assertThat(loading.get()).isNotNull();
    }

    /** Waits until the thread waits with a time limit (as a bounded wait for creations does) or has ended. */
    private static void awaitBlockedOrDone(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.TERMINATED) {
            // napping, not spinning: the machine is shared; the state is what is awaited, not a time
            LockSupport.parkNanos(100_000);
        }
    }

    /** Fails the refresh once every singleton exists, so after startup loading. */
    static final class FailingLifecycle implements SmartLifecycle, BeanFactoryAware {

        private final AtomicReference<DestroyLog> log;

        FailingLifecycle(AtomicReference<DestroyLog> log) {
            this.log = log;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.log.set(beanFactory.getBean(DestroyLog.class));
        }

        @Override
        public void start() {
            throw new IllegalStateException("failing the refresh on purpose");
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return false;
        }
    }

    /**
     * Starts loading a plugin on another thread and fails the refresh while its load waits at its gate, before the
     * context starts its lifecycle beans; the gate opens once the failing thread waits with a time limit (closing).
     */
    static final class LoadingThenFailing implements SmartInitializingSingleton, BeanFactoryAware {

        private final AtomicReference<DestroyLog> log;

        private final AtomicReference<CompletableFuture<Plugin>> loading;

        private @Nullable BeanFactory beanFactory;

        LoadingThenFailing(AtomicReference<DestroyLog> log, AtomicReference<CompletableFuture<Plugin>> loading) {
            this.log = log;
            this.loading = loading;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public void afterSingletonsInstantiated() {
            BeanFactory factory = Objects.requireNonNull(this.beanFactory);
            this.log.set(factory.getBean(DestroyLog.class));
            PluginManager<?> gated = factory.getBean(PluginManagers.class).get(GATED);
            this.loading.set(CompletableFuture.supplyAsync(() -> gated.load("load-gated"), THREADS));
            try {
                Gate.load.entered.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            Thread failing = Thread.currentThread();
            Thread releasing = new Thread(() -> {
                awaitBlockedOrDone(failing);
                Gate.load.release.countDown();
            }, "releasing");
            releasing.setDaemon(true);
            releasing.start();
            throw new IllegalStateException("failing the refresh on purpose");
        }
    }

    /**
     * Loads a plugin when it stops, in a phase of its own: Boot's web server graceful shutdown
     * ({@link #DRAINING}), which drains the requests still running, or the web server's stop ({@link #LATE}), after
     * plux's, where a request still running when graceful shutdown gave up loads one; or, {@link #early}, when it
     * starts, before any other lifecycle bean: the first use of a manager as the context starts.
     */
    static final class LoadingLifecycle implements SmartLifecycle, BeanFactoryAware {

        /** The phase of Boot's web server graceful shutdown. */
        static final int DRAINING = SmartLifecycle.DEFAULT_PHASE - 1024;

        /** The phase of Boot's web server, which stops after plux's. */
        static final int LATE = SmartLifecycle.DEFAULT_PHASE - 2048;

        private final int phase;

        /** Whether it loads when it starts, not when it stops. */
        private final boolean onStart;

        private final String namespace;

        private final String plugin;

        /** The plugin, or what its load threw. */
        private final AtomicReference<@Nullable Object> loaded;

        private @Nullable BeanFactory beanFactory;

        private volatile boolean running;

        LoadingLifecycle(int phase, boolean onStart, String namespace, String plugin,
                AtomicReference<@Nullable Object> loaded) {
            this.phase = phase;
            this.onStart = onStart;
            this.namespace = namespace;
            this.plugin = plugin;
            this.loaded = loaded;
        }

        /** Drains a request that loads {@code test.spring.destroy.b:disposable}. */
        static LoadingLifecycle draining(AtomicReference<@Nullable Object> loaded) {
            return new LoadingLifecycle(DRAINING, false, "test.spring.destroy.b", "disposable", loaded);
        }

        /** Runs a request that loads {@code test.spring.destroy.a:closeable} after plux's phase. */
        static LoadingLifecycle late(AtomicReference<@Nullable Object> loaded) {
            return new LoadingLifecycle(LATE, false, "test.spring.destroy.a", "closeable", loaded);
        }

        /** Loads {@code test.spring.destroy.b:disposable} as the context starts, before every other lifecycle bean. */
        static LoadingLifecycle early(AtomicReference<@Nullable Object> loaded) {
            return new LoadingLifecycle(Integer.MIN_VALUE, true, "test.spring.destroy.b", "disposable", loaded);
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public void start() {
            this.running = true;
            if (this.onStart) {
                load();
            }
        }

        @Override
        public void stop() {
            this.running = false;
            if (!this.onStart) {
                load();
            }
        }

        private void load() {
            PluginManagers managers = Objects.requireNonNull(this.beanFactory).getBean(PluginManagers.class);
            try {
                this.loaded.set(managers.get(this.namespace).load(this.plugin));
            }
            catch (RuntimeException ex) {
                this.loaded.set(ex);
            }
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }

        @Override
        public int getPhase() {
            return this.phase;
        }
    }

    /**
     * A bean whose creation, on the starting thread, waits (bounded) for another thread that uses a plux manager for
     * the first time.
     */
    static final class WaitingForAnotherThread implements BeanFactoryAware {

        private final AtomicReference<@Nullable Object> created;

        WaitingForAnotherThread(AtomicReference<@Nullable Object> created) {
            this.created = created;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            Thread other = new Thread(() -> this.created
                .set(beanFactory.getBean(PluginManagers.class).get("test.spring.destroy.a")), "other-worker");
            other.setDaemon(true);
            other.start();
            try {
                other.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A {@link DestroyLog} that is a lifecycle bean of the default phase (as a task executor or a scheduler is). */
    static final class LifecycleDestroyLog extends DestroyLog implements SmartLifecycle {

        private volatile boolean running;

        @Override
        public void start() {
            this.running = true;
        }

        @Override
        public void stop() {
            this.running = false;
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LifecycleLogConfiguration {

        @Bean
        LifecycleDestroyLog destroyLog() {
            return new LifecycleDestroyLog();
        }
    }

    /** Records the plugin lifecycle events it receives. */
    static final class EventLog {

        final List<String> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PluginLifecycleEvent event) {
            this.events.add(event.getClass().getSimpleName());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyResourceConfiguration {

        @Bean
        @Lazy
        LazyResource lazyResource(DestroyLog log) {
            return new LazyResource(log);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LogConfiguration {

        @Bean
        DestroyLog destroyLog() {
            return new DestroyLog();
        }
    }
}
