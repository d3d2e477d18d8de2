package dev.plux.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.plux.QuietLogs;
import dev.plux.LogCapture;
import dev.plux.TestPlugins;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Init and load failures: recorded once, sticky, named by their root cause; listeners cannot break a plugin. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoadFailuresTest {

    private static final String NS = "test.failures";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    private final List<String> events = new ArrayList<>();

    private static PluginSpec spec(String name, PluginFactory factory) {
        return new PluginSpec(NS, name, factory);
    }

    private PluginManager.Builder<Plugin> found(PluginSpec... specs) {
        return PluginManager.<Plugin>builder(NS).finder(() -> List.of(specs))
            .listener(new TestPlugins.RecordingListener(this.events));
    }

    /** A plugin whose load counts its calls and then runs {@code body}. */
    private static PluginFactory loading(AtomicInteger loads, Runnable body) {
        return () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                loads.incrementAndGet();
                body.run();
                return null;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }

    /**
     * A later load of a failed plugin names the thread of the attempt that failed: in a reactive application the
     * first load on a Netty event loop fails ({@code block()} is refused there) and a later load moved to
     * {@code boundedElastic} threw the same text, naming the event loop, as if its own call had run there.
     */
    @Test
    void aLaterLoadOfAFailedPluginSaysTheFailureIsAnEarlierAttemptsAndNamesItsThread() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("bad", loading(loads, () -> {
            throw new IllegalStateException("refused in thread " + Thread.currentThread().getName());
        }))).build();
        List<Throwable> thrown = new ArrayList<>();
        Thread first = new Thread(() -> {
            try {
                manager.load("bad");
            }
            catch (PluginException ex) {
                thrown.add(ex);
            }
        }, "event-loop-1");
        first.start();
        first.join(10_000);
        assertThat(thrown).singleElement().extracting(Throwable::getMessage)
            .isEqualTo("plugin " + NS + ":bad failed to load: java.lang.IllegalStateException: refused in thread "
                + "event-loop-1");
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("bad"))
            .withMessage("plugin " + NS + ":bad failed to load: java.lang.IllegalStateException: refused in thread "
                + "event-loop-1 (at its first load attempt, on thread event-loop-1; a failed plugin is not loaded "
                + "again)")
            .withCause(thrown.get(0).getCause());
        assertThat(loads).hasValue(1);
    }

    /** A load that waited for another thread's failing attempt names that thread too, and did not run it. */
    @Test
    void aLoadThatWaitedForAnotherThreadsFailingAttemptNamesThatThread() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch fail = new java.util.concurrent.CountDownLatch(1);
        PluginManager<Plugin> manager = found(spec("bad", loading(loads, () -> {
            entered.countDown();
            try {
                fail.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("refused in thread " + Thread.currentThread().getName());
        }))).build();
        List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread owner = new Thread(() -> loadInto(manager, thrown), "event-loop-1");
        Thread waiter = new Thread(() -> loadInto(manager, thrown), "event-loop-2");
        owner.start();
        assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        waiter.start();
        for (int i = 0; i < 1000 && waiter.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(10);
        }
        assertThat(waiter.getState()).isEqualTo(Thread.State.WAITING);
        fail.countDown();
        owner.join(10_000);
        waiter.join(10_000);
        assertThat(thrown).extracting(Throwable::getMessage).containsExactlyInAnyOrder(
            "plugin " + NS + ":bad failed to load: java.lang.IllegalStateException: refused in thread event-loop-1",
            "plugin " + NS + ":bad failed to load: java.lang.IllegalStateException: refused in thread event-loop-1"
                + " (at its first load attempt, on thread event-loop-1; a failed plugin is not loaded again)");
        assertThat(loads).hasValue(1);
        // the waiter did not take the attempt for its own: a third thread is still told of event-loop-1
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("bad"))
            .withMessageEndingWith("(at its first load attempt, on thread event-loop-1; a failed plugin is not loaded"
                + " again)");
    }

    /**
     * Two threads without a name (every virtual thread of {@code newVirtualThreadPerTaskExecutor()}) are two threads:
     * the later load names the attempt's thread by its id, as plux's other messages name such threads, instead of
     * taking the equal empty names for one thread and saying nothing.
     */
    @Test
    void aLoadOnAnotherUnnamedThreadNamesTheUnnamedThreadOfTheAttemptByItsId() throws Exception {
        PluginManager<Plugin> manager = found(spec("bad", loading(new AtomicInteger(), () -> {
            throw new IllegalStateException("refused");
        }))).build();
        Thread first = new Thread(() -> loadInto(manager, new ArrayList<>()), "");
        first.start();
        first.join(10_000);
        assertThat(first.isAlive()).isFalse();
        Throwable later = loadOn(manager, "");
        assertThat(later).hasMessage("plugin " + NS + ":bad failed to load: java.lang.IllegalStateException: refused"
                + " (at its first load attempt, on unnamed thread #" + first.getId() + "; a failed plugin is not"
                + " loaded again)");
    }

    /** Two threads of one name (pools of one thread factory) are two threads: the later load still says so. */
    @Test
    void aLoadOnAnotherThreadOfTheSameNameSaysTheFailureIsTheAttemptsToo() throws Exception {
        PluginManager<Plugin> manager = found(spec("bad", loading(new AtomicInteger(), () -> {
            throw new IllegalStateException("refused");
        }))).build();
        Throwable first = loadOn(manager, "worker");
        Throwable later = loadOn(manager, "worker");
        assertThat(first).hasMessage("plugin " + NS + ":bad failed to load: java.lang.IllegalStateException: refused");
        assertThat(later).hasMessage("plugin " + NS + ":bad failed to load: java.lang.IllegalStateException: refused"
                + " (at its first load attempt, on thread worker; a failed plugin is not loaded again)")
            .hasCause(first.getCause());
    }

    /** What {@code load("bad")} threw on a new thread of that name; fails if it threw nothing or did not end. */
    private static Throwable loadOn(PluginManager<Plugin> manager, String threadName) throws InterruptedException {
        List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread thread = new Thread(() -> loadInto(manager, thrown), threadName);
        thread.start();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        return assertThat(thrown).singleElement().actual();
    }

    private static void loadInto(PluginManager<Plugin> manager, List<Throwable> thrown) {
        try {
            manager.load("bad");
        }
        catch (PluginException ex) {
            thrown.add(ex);
        }
    }

    @Test
    void recordsAnInitFailureAndThrowsItOnEveryLoadWithoutRunningTheFactoryAgain() {
        AtomicInteger creations = new AtomicInteger();
        List<String> events = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("cannot create");
        PluginManager<Plugin> manager = found(spec("bad", () -> {
            creations.incrementAndGet();
            throw failure;
        })).listener(new TestPlugins.RecordingListener(events)).build();
        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("bad"))
                .withMessageContaining(NS + ":bad")
                .withCause(failure)
                .satisfies((ex) -> assertThat(ex.namespace()).isEqualTo(NS))
                .satisfies((ex) -> assertThat(ex.name()).isEqualTo("bad"));
        }
        assertThat(creations).hasValue(1);
        assertThat(events).containsOnlyOnce("initException bad");
        assertThat(manager.getContainer("bad").state()).isEqualTo(PluginState.INIT_FAILED);
        assertThat(manager.getContainer("bad").initError()).isSameAs(failure);
    }

    @Test
    void recordsALoadFailureAndThrowsItOnEveryLoadWithoutLoadingAgain() {
        AtomicInteger loads = new AtomicInteger();
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("bad", () -> new Plugin() {
            @Override
            public Object load(Object... args) throws Exception {
                loads.incrementAndGet();
                throw new IOException("cannot load");
            }
        })).listener(new TestPlugins.RecordingListener(events)).build();
        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("bad"))
                .withMessageContaining("failed to load")
                .withCauseInstanceOf(IOException.class)
                .satisfies((ex) -> assertThat(ex.name()).isEqualTo("bad"));
        }
        assertThat(loads).hasValue(1);
        assertThat(events).containsOnlyOnce("loadException bad");
        assertThat(manager.getContainer("bad").loadError()).hasMessage("cannot load");
        assertThat(manager.getContainer("bad").state()).isEqualTo(PluginState.LOAD_FAILED);
    }

    @Test
    void recordsAnExceptionInInitializerErrorOfThePluginClass() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "static", TestPlugins.BrokenStatic.class)).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("static"))
            .withCauseInstanceOf(ExceptionInInitializerError.class);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("static"))
            .withCauseInstanceOf(ExceptionInInitializerError.class);
    }

    @Test
    void recordsAnExceptionInInitializerErrorThrownByLoad() {
        PluginManager<Plugin> manager = found(spec("eiie", () -> new Plugin() {
            @Override
            public Object load(Object... args) {
                throw new ExceptionInInitializerError("static state");
            }
        })).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("eiie"))
            .withCauseInstanceOf(ExceptionInInitializerError.class);
        assertThat(manager.getContainer("eiie").state()).isEqualTo(PluginState.LOAD_FAILED);
    }

    @Test
    void recordsANoClassDefFoundErrorThrownByTheFactory() {
        AtomicInteger creations = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("ncdfe", () -> {
            creations.incrementAndGet();
            throw new NoClassDefFoundError("com/example/Gone");
        })).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("ncdfe"))
            .withCauseInstanceOf(NoClassDefFoundError.class);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("ncdfe"))
            .withCauseInstanceOf(NoClassDefFoundError.class);
        assertThat(creations).hasValue(1);
    }

    @Test
    void failsInitWhenThePluginIsNotOfThePluginType() {
        PluginManager<TestPlugins.Echo> manager = PluginManager.<TestPlugins.Echo>builder(NS)
            .finder(() -> List.of(PluginSpec.of(NS, "a", TestPlugins.Noop.class)))
            .pluginType(TestPlugins.Echo.class)
            .build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
            .withMessageContaining(TestPlugins.Echo.class.getName());
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.INIT_FAILED);
        // typed, so that a caller (the Spring layer's failure analysis) need not parse the message
        assertThat(manager.getContainer("a").initError()).isInstanceOfSatisfying(
                dev.plux.core.PluginTypeMismatchException.class, (mismatch) -> {
                    assertThat(mismatch.pluginType()).isEqualTo(TestPlugins.Echo.class);
                    assertThat(mismatch.pluginClass()).isEqualTo(TestPlugins.Noop.class);
                    assertThat(mismatch.copyOfPluginType()).isNull();
                    assertThat(mismatch.namespace()).isEqualTo(NS);
                    assertThat(mismatch.name()).isEqualTo("a");
                    assertThat(mismatch).hasMessage("plugin " + NS + ":a is a " + TestPlugins.Noop.class.getName()
                            + ", which is not a " + TestPlugins.Echo.class.getName()
                            + " (the plugin type of this manager)");
                });
    }

    @Test
    void failsInitWhenTheFactoryReturnsNull() {
        PluginManager<Plugin> manager = found(spec("null", () -> null)).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("null"))
            .withMessageEndingWith("the factory of plugin " + NS + ":null returned null; a factory must return a plugin"
                    + " (to leave it out, throw PluginDisabled or return one whose shouldLoad() is false)");
    }

    @Test
    void failsInitWhenThePluginClassHasNoNoArgumentConstructor() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "args", TestPlugins.NeedsArgument.class)).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("args"))
            .satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("no public no-argument constructor"));
    }

    @Test
    void aFailureMessageNamesTheRootCauseAndTheLogCarriesTheThrowable() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "static", TestPlugins.BrokenStaticTwin.class)).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("static"))
                .withMessage("plugin " + NS + ":static failed to initialize: java.lang.IllegalStateException: "
                        + "static initializer failed");
            ILoggingEvent warning = log.events().stream().filter((event) -> event.getLevel() == Level.WARN)
                .findFirst().orElseThrow();
            assertThat(warning.getFormattedMessage()).contains("java.lang.IllegalStateException: static initializer failed");
            assertThat(warning.getThrowableProxy().getClassName()).isEqualTo(ExceptionInInitializerError.class.getName());
        }
    }

    @Test
    void aFailureWithoutStackFramesCauseOrSuppressedIsLoggedAsOneLine() {
        // a refusal that is no plugin's fault (the Spring starter's "the application context is stopping", without
        // frames): its type and message, already in the WARN line, are all it has; the throwable would only repeat
        // them on a second line, once per plugin refused at shutdown
        IllegalStateException frameless = new IllegalStateException("not created: the context is stopping");
        frameless.setStackTrace(new StackTraceElement[0]);
        IllegalStateException withCause = new IllegalStateException("wrapped", new IOException("disk"));
        withCause.setStackTrace(new StackTraceElement[0]);
        PluginManager<Plugin> manager = found(spec("refused", () -> {
            throw frameless;
        }), spec("caused", () -> {
            throw withCause;
        }), spec("bad", () -> {
            throw new IllegalStateException("cannot create");
        })).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            for (String name : List.of("refused", "caused", "bad")) {
                assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load(name));
            }
            List<ILoggingEvent> warnings = log.events().stream().filter((event) -> event.getLevel() == Level.WARN)
                .toList();

            assertThat(warnings).hasSize(3);
            assertThat(warnings.get(0).getFormattedMessage())
                .contains("java.lang.IllegalStateException: not created: the context is stopping");
            assertThat(warnings.get(0).getThrowableProxy()).as("nothing but the line already says").isNull();
            assertThat(warnings.get(1).getThrowableProxy()).as("its cause is more").isNotNull();
            assertThat(warnings.get(2).getThrowableProxy()).as("a plugin's real failure keeps its stack").isNotNull();
        }
    }

    @Test
    void listenersThrowingAnyThrowableAreLoggedAndIgnored() {
        AtomicInteger loads = new AtomicInteger();
        PluginLifecycleListener throwing = new PluginLifecycleListener() {
            @Override
            public void onInitAfter(PluginSpec spec, Plugin plugin) {
                throw new AssertionError("listener assertion");
            }

            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                sneakyThrow(new IOException("sneaky checked"));
            }

            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                throw new PluginException("listener exception", NS, spec.name());
            }
        };
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(spec("a", loading(loads, () -> { })), PluginSpec.of(NS, "b", TestPlugins.Noop.class)))
            .listener(throwing)
            .listener(new TestPlugins.RecordingListener(this.events))
            .build();
        try (LogCapture log = LogCapture.of(CompositePluginLifecycleListener.class)) {
            assertThat(manager.loadAll()).hasSize(2);
            assertThat(manager.load("a")).isNotNull();
            assertThat(log.warnings()).hasSize(6).anySatisfy((line) -> assertThat(line).contains("listener assertion"))
                .anySatisfy((line) -> assertThat(line).contains("sneaky checked"));
        }
        assertThat(loads).hasValue(1);
        assertThat(this.events).contains("initAfter a", "loadBefore a []", "loadAfter a", "loadAfter b");
    }

    @Test
    void aVirtualMachineErrorFromLoadIsRethrownAfterThePluginIsRecordedAsFailed() {
        AtomicInteger loads = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("oom", loading(loads, () -> {
            throw new OutOfMemoryError("simulated");
        }))).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThatThrownBy(() -> manager.load("oom")).isInstanceOf(OutOfMemoryError.class);
        }
        assertThat(manager.getContainer("oom").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("oom"))
            .withCauseInstanceOf(OutOfMemoryError.class);
        assertThat(loads).hasValue(1);
    }

    @Test
    void aVirtualMachineErrorFromAListenerIsRethrownAfterThePluginIsRecordedAsFailed() {
        AtomicInteger loads = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("a", loading(loads, () -> { })))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                    throw new InternalError("listener internal error");
                }
            })
            .build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThatThrownBy(() -> manager.load("a")).isInstanceOf(InternalError.class);
        }
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
            .withCauseInstanceOf(InternalError.class);
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThat(loads).hasValue(1);
    }

    // onResolveAfter is part of resolution: a VirtualMachineError there fails the resolution, not an init that
    // never began
    @Test
    void aStackOverflowInOnResolveAfterIsAResolveFailure() {
        AtomicInteger loads = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("deep", loading(loads, () -> { })),
                PluginSpec.of(NS, "ok", TestPlugins.Noop.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onResolveAfter(PluginSpec spec) {
                    if (spec.name().equals("deep")) {
                        recurse();
                    }
                }
            })
            .build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThatThrownBy(() -> manager.load("deep")).isInstanceOf(StackOverflowError.class);
            assertThat(log.events()).filteredOn((event) -> event.getLevel() == Level.ERROR)
                .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("recorded as RESOLVE_FAILED");
        }
        PluginContainer<Plugin> container = manager.getContainer("deep");
        assertThat(container.state()).isEqualTo(PluginState.RESOLVE_FAILED);
        assertThat(container.resolveError()).isInstanceOf(StackOverflowError.class);
        assertThat(container.initError()).isNull();
        assertThat(container.pluginSpec()).isNull();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("deep"))
            .withMessageContaining("plugin " + NS + ":deep failed to resolve: java.lang.StackOverflowError")
            .withCauseInstanceOf(StackOverflowError.class);
        assertThat(manager.loadAll()).singleElement().isInstanceOf(TestPlugins.Noop.class);
        assertThat(loads).hasValue(0);
    }

    @Test
    void aStackOverflowInLoadFailsThatPluginOnceAndLoadAllGoesOn() {
        AtomicInteger loads = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("deep", loading(loads, LoadFailuresTest::recurse)),
                PluginSpec.of(NS, "ok", TestPlugins.Noop.class)).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.loadAll()).singleElement().isInstanceOf(TestPlugins.Noop.class);
        }
        assertThat(manager.getContainer("deep").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("deep"))
            .withCauseInstanceOf(StackOverflowError.class);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.loadAll(true))
            .withCauseInstanceOf(StackOverflowError.class);
        assertThat(loads).hasValue(1);

        PluginManager<Plugin> direct = found(spec("deep", loading(loads, LoadFailuresTest::recurse))).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThatThrownBy(() -> direct.load("deep")).isInstanceOf(StackOverflowError.class);
        }
        assertThat(direct.getContainer("deep").loadError()).isInstanceOf(StackOverflowError.class);
        assertThat(loads).hasValue(2);
    }

    private static void recurse() {
        recurse();
    }

    @Test
    void aPluginDisabledForAnotherPluginFailsThePluginThatLoadedIt() {
        List<PluginManager<Plugin>> self = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("a", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                return self.get(0).load("b");
            }
        }), PluginSpec.of(NS, "b", TestPlugins.NeverLoads.class), spec("c", () -> {
            throw new PluginDisabled(NS, "b", "not c's business");
        }), spec("d", () -> new Plugin() {
            @Override
            public boolean shouldLoad() {
                throw new PluginDisabled(NS, "b", "not d's business");
            }
        })).build();
        self.add(manager);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
            .isNotInstanceOf(PluginDisabled.class)
            .withMessageContaining("plugin " + NS + ":a failed to load: plugin " + NS + ":b is disabled")
            .withCauseInstanceOf(PluginDisabled.class);
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThat(manager.getContainer("b").state()).isEqualTo(PluginState.DISABLED);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("c"))
            .isNotInstanceOf(PluginDisabled.class);
        assertThat(manager.getContainer("c").state()).isEqualTo(PluginState.INIT_FAILED);
        // plux (manager.py PluginManager.load) disables c and d: whichever plugin a PluginDisabled names
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("d"))
            .isNotInstanceOf(PluginDisabled.class);
        assertThat(manager.getContainer("d").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThat(this.events).containsOnlyOnce("disabled b: " + LoadLifecycle.CONDITION_REASON)
            .doesNotContain("disabled a: " + LoadLifecycle.CONDITION_REASON);
    }

    @Test
    void aFilterThatThrowsFailsInit() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class)).filter((spec) -> {
            throw new IllegalStateException("filter bug");
        }).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
            .withMessageContaining("filter bug");
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.INIT_FAILED);
    }

    @Test
    void separatorsAndFormatCharactersAreEscapedInFailureMessages() {
        PluginManager<Plugin> manager = found(spec("bidi\u202Ename", () -> {
            throw new IllegalStateException("line\u2028forged\u2029and\u200Bhidden");
        })).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("bidi\u202Ename"))
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\u202E", "\u2028", "\u2029", "\u200B")
                .contains("bidi\\u202ename", "line\\u2028forged\\u2029and\\u200bhidden"));
    }

    /** One container's observable fields: state, isInit, isLoaded, plugin set, errors, reason, load value. */
    private static List<@Nullable Object> observed(PluginContainer<Plugin> container) {
        return Arrays.asList(container.state(), container.isInit(), container.isLoaded(),
                container.plugin() != null, typeOf(container.initError()), typeOf(container.loadError()),
                container.isDisabled(), container.disabledReason(), container.loadValue());
    }

    private static @Nullable String typeOf(@Nullable Throwable failure) {
        return (failure != null) ? failure.getClass().getSimpleName() : null;
    }

    // the state table of plux-core's README, and plux's container fields after each outcome
    @Test
    void everyOutcomeLeavesTheContainerAsTheStateTableSaysAndAStickyAnswer() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "loaded", TestPlugins.Echo.class),
                PluginSpec.of(NS, "filtered", TestPlugins.Noop.class), spec("init-fails", () -> {
                    throw new IllegalArgumentException("init");
                }), PluginSpec.of(NS, "condition-false", TestPlugins.NeverLoads.class),
                spec("condition-throws", () -> new Plugin() {
                    @Override
                    public boolean shouldLoad() {
                        throw new IllegalStateException("condition");
                    }
                }), spec("load-fails", () -> new Plugin() {
                    @Override
                    public @Nullable Object load(Object... args) {
                        throw new IllegalArgumentException("load");
                    }
                }), spec("load-disables", () -> new Plugin() {
                    @Override
                    public @Nullable Object load(Object... args) {
                        throw new PluginDisabled(NS, "load-disables", "from load");
                    }
                }), spec("after-disables", TestPlugins.Echo::new))
            .filter((spec) -> spec.name().equals("filtered"))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                    if (spec.name().equals("after-disables")) {
                        throw new PluginDisabled(NS, "after-disables", "from onLoadAfter");
                    }
                }
            })
            .loadArgs("arg")
            .build();
        assertThat(manager.loadAll()).hasSize(1);
        String filtered = manager.getContainer("filtered").disabledReason();
        assertThat(filtered).startsWith(LoadLifecycle.FILTERED_REASON + ": ");
        assertThat(manager.listContainers()).extracting(LoadFailuresTest::observed).containsExactly(
                Arrays.<@Nullable Object>asList(PluginState.LOADED, true, true, true, null, null, false, null,
                        manager.getContainer("loaded").loadValue()),
                Arrays.<@Nullable Object>asList(PluginState.DISABLED, false, false, false, null, null, true,
                        filtered, null),
                Arrays.<@Nullable Object>asList(PluginState.INIT_FAILED, false, false, false,
                        "IllegalArgumentException", null, false, null, null),
                Arrays.<@Nullable Object>asList(PluginState.DISABLED, true, false, true, null, null, true,
                        LoadLifecycle.CONDITION_REASON, null),
                Arrays.<@Nullable Object>asList(PluginState.LOAD_FAILED, true, false, true, null,
                        "IllegalStateException", false, null, null),
                Arrays.<@Nullable Object>asList(PluginState.LOAD_FAILED, true, false, true, null,
                        "IllegalArgumentException", false, null, null),
                Arrays.<@Nullable Object>asList(PluginState.DISABLED, true, false, true, null, null, true,
                        "from load", null),
                Arrays.<@Nullable Object>asList(PluginState.DISABLED, true, false, true, null, null, true,
                        "from onLoadAfter", null));
        assertThat((Object[]) manager.getContainer("loaded").loadValue()).containsExactly("arg");
        List<String> before = List.copyOf(this.events);
        for (String name : List.of("filtered", "condition-false", "load-disables", "after-disables")) {
            assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load(name));
        }
        for (String name : List.of("init-fails", "condition-throws", "load-fails")) {
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load(name))
                .isNotInstanceOf(PluginDisabled.class)
                .satisfies((ex) -> assertThat(ex.getCause()).isNotNull());
        }
        assertThat(manager.loadAll()).hasSize(1);
        assertThat(this.events).isEqualTo(before);
    }
}
