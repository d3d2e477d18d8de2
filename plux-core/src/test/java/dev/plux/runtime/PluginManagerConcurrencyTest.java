package dev.plux.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.LogCapture;
import dev.plux.QuietLogs;
import dev.plux.TestPlugins;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginFinder;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** One manager used by many threads at once: every caller sees one settled outcome per plugin. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PluginManagerConcurrencyTest {

    private static final String NS = "test.concurrency";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    private static PluginManager.Builder<Plugin> found(PluginSpec... specs) {
        return found(() -> List.of(specs));
    }

    private static PluginManager.Builder<Plugin> found(PluginFinder finder) {
        return PluginManager.<Plugin>builder(NS).finder(finder);
    }

    private static PluginFactory failingLoad() {
        return () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw new IllegalStateException("no such service");
            }
        };
    }

    /** Runs {@code call} on a new thread and returns once that thread waits (or has finished already). */
    private static <T> Future<T> startAndLetItWait(ExecutorService executor, java.util.concurrent.Callable<T> call) {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Future<T> future = executor.submit(() -> {
            thread.set(Thread.currentThread());
            return call.call();
        });
        while (!future.isDone()
                && (thread.get() == null || thread.get().getState() != Thread.State.WAITING)) {
            Thread.onSpinWait();
        }
        return future;
    }

    @Test
    void aLoadWhileAListenerTurnsTheLoadFailureIntoDisabledWaitsAndSeesTheDisabledPlugin() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        CountDownLatch decide = new CountDownLatch(1);
        PluginManager<Plugin> manager = found(new PluginSpec(NS, "optional", failingLoad()))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
                    told.countDown();
                    try {
                        decide.await(20, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    throw new PluginDisabled(spec.namespace(), spec.name(), "optional");
                }
            })
            .build();
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Future<String> first = executor.submit(() -> outcome(() -> manager.load("optional")));
            assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
            // the failure is recorded (a gauge may see it), but the attempt is not over until the listener decided
            Future<String> second = startAndLetItWait(executor, () -> outcome(() -> manager.load("optional")));
            Future<String> all = startAndLetItWait(executor, () -> outcome(() -> manager.loadAll(true)));
            decide.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("PluginDisabled");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("PluginDisabled");
            // a disabled plugin is never a failure, not even for a loadAll(true) that came while it was decided
            assertThat(all.get(10, TimeUnit.SECONDS)).isEqualTo("[]");
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("optional").state()).isEqualTo(PluginState.DISABLED);
    }

    @Test
    void anInterruptedLoadAllStopsInsteadOfLoadingTheNextPluginsWithTheInterruptSet() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<Boolean> laterLoadsInterrupted = new CopyOnWriteArrayList<>();
        PluginManager<Plugin> manager = found(new PluginSpec(NS, "slow", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws InterruptedException {
                inside.countDown();
                return finish.await(20, TimeUnit.SECONDS);
            }
        }), new PluginSpec(NS, "next", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                laterLoadsInterrupted.add(Thread.currentThread().isInterrupted());
                return null;
            }
        })).build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<Plugin> loader = executor.submit(() -> manager.load("slow"));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Thread> allThread = new AtomicReference<>();
            Future<String> all = startAndLetItWait(executor, () -> {
                allThread.set(Thread.currentThread());
                return outcome(() -> manager.loadAll()) + " interrupted=" + Thread.currentThread().isInterrupted();
            });
            allThread.get().interrupt();
            // the interrupted wait is no failure of "slow": loadAll must not log it as one and go on
            assertThat(all.get(10, TimeUnit.SECONDS)).isEqualTo("PluginException interrupted=true");
            assertThat(laterLoadsInterrupted).isEmpty();
            finish.countDown();
            assertThat(loader.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.loadAll()).hasSize(2);
        assertThat(laterLoadsInterrupted).containsExactly(false);
    }

    @Test
    void aPluginInterruptedInItsLoadFailsAndTheLoadingThreadKeepsItsInterrupt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        List<String> laterLoads = new CopyOnWriteArrayList<>();
        PluginManager<Plugin> manager = found(new PluginSpec(NS, "sleepy", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws InterruptedException {
                inside.countDown();
                Thread.sleep(20_000);
                return null;
            }
        }), new PluginSpec(NS, "next", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                laterLoads.add("next");
                return null;
            }
        })).build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Thread> loading = new AtomicReference<>();
            Future<String> all = executor.submit(() -> {
                loading.set(Thread.currentThread());
                return outcome(() -> manager.loadAll()) + " interrupted=" + Thread.currentThread().isInterrupted();
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            loading.get().interrupt();
            // recorded as the plugin's failure, but the interrupt it consumed is the thread's: loadAll stops with it
            assertThat(all.get(10, TimeUnit.SECONDS)).isEqualTo("PluginException interrupted=true");
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("sleepy").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThat(laterLoads).isEmpty();
    }

    @Test
    void aPluginFailingWithAnotherThreadsInterruptedExceptionDoesNotInterruptTheLoadingThread() throws Exception {
        // the task's thread was interrupted, not the loading thread: Future.get reports it wrapped in an
        // ExecutionException whose message is just the cause's toString()
        PluginManager<Plugin> manager = found(new PluginSpec(NS, "remote", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws Exception {
                ExecutorService worker = Executors.newSingleThreadExecutor();
                try {
                    return worker.submit(() -> {
                        throw new InterruptedException("the worker was stopped");
                    }).get(10, TimeUnit.SECONDS);
                }
                finally {
                    worker.shutdownNow();
                }
            }
        }), new PluginSpec(NS, "next", Noop::new)).build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<String> all = executor.submit(() -> outcome(() -> manager.loadAll().size()) + " interrupted="
                    + Thread.interrupted());
            assertThat(all.get(10, TimeUnit.SECONDS)).isEqualTo("1 interrupted=false");
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("remote").state()).isEqualTo(PluginState.LOAD_FAILED);
    }

    @Test
    void loadAllOnAnInterruptedThreadStillSkipsAPluginThatFailedForAnotherReason() throws Exception {
        PluginManager<Plugin> manager = found(new PluginSpec(NS, "broken", failingLoad()),
                new PluginSpec(NS, "next", Noop::new)).build();
        assertThat(outcome(() -> manager.load("broken"))).isEqualTo("PluginException");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            // interrupted before it starts (a cancelled task's pooled thread, a shutdown hook): the old failure of
            // "broken" is not caused by that interrupt, and loadAll(false) skips it as ever
            Future<String> all = executor.submit(() -> {
                Thread.currentThread().interrupt();
                return outcome(() -> manager.loadAll().size()) + " interrupted=" + Thread.interrupted();
            });
            assertThat(all.get(10, TimeUnit.SECONDS)).isEqualTo("1 interrupted=true");
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void loadAllOnAnInterruptedThreadSkipsAPluginThatAnotherThreadsInterruptFailedLongAgo() throws Exception {
        PluginManager<Plugin> manager = found(new PluginSpec(NS, "sleeper", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws Exception {
                Thread.sleep(10_000);
                return null;
            }
        }), new PluginSpec(NS, "next", Noop::new)).build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            // a first thread, interrupted, fails "sleeper" for good (its interrupt kept on that thread)
            Future<String> first = executor.submit(() -> {
                Thread.currentThread().interrupt();
                return outcome(() -> manager.load("sleeper")) + " interrupted=" + Thread.interrupted();
            });
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("PluginException interrupted=true");
            assertThat(manager.getContainer("sleeper").state()).isEqualTo(PluginState.LOAD_FAILED);
            // a later thread interrupted before loadAll(false): nothing of "sleeper" runs, its old failure is not
            // this thread's interrupt, so it is skipped as on a thread that is not interrupted
            Future<String> all = executor.submit(() -> {
                Thread.currentThread().interrupt();
                return outcome(() -> manager.loadAll().size()) + " interrupted=" + Thread.interrupted();
            });
            assertThat(all.get(10, TimeUnit.SECONDS)).isEqualTo("1 interrupted=true");
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void twoThreadsUsingAManagerForTheFirstTimeAtOnceShareOneSetOfContainers() throws Exception {
        // both first uses are inside the finder at once: each reads the namespace, one reading must be kept for both
        CyclicBarrier bothReading = new CyclicBarrier(2);
        AtomicInteger reads = new AtomicInteger();
        PluginManager<Plugin> manager = found(() -> {
            if (reads.incrementAndGet() <= 2) {
                awaitBarrier(bothReading);
            }
            return List.of(new PluginSpec(NS, "a", Noop::new), new PluginSpec(NS, "a", Noop::new));
        }).build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            Future<List<PluginContainer<Plugin>>> one = executor.submit(manager::listContainers);
            Future<PluginContainer<Plugin>> two = executor.submit(() -> manager.getContainer("a"));
            PluginContainer<Plugin> seenByOne = assertThat(one.get(20, TimeUnit.SECONDS)).singleElement().actual();
            PluginContainer<Plugin> seenByTwo = two.get(20, TimeUnit.SECONDS);
            assertThat(seenByTwo).as("the racing first uses kept different readings").isSameAs(seenByOne);
            assertThat(manager.getContainer("a")).isSameAs(seenByOne);
            Plugin loaded = manager.load("a");
            assertThat(seenByTwo.plugin()).as("a load is seen through every racer's container").isSameAs(loaded);
            // what the reading found is logged by the kept reading only, though both readings found it
            assertThat(log.warnings()).singleElement().asString().startsWith("duplicate plugin " + NS + ":a");
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(reads).as("the finder was called by both first uses, then never again").hasValue(2);
    }

    @Test
    void loadAllOnThreeThreadsAtOnceRunsEachStepOnceInOrderAndGivesEveryThreadTheSameList() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        PluginManager<Plugin> manager = found(new PluginSpec(NS, "gate", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws InterruptedException {
                inside.countDown();
                return open.await(20, TimeUnit.SECONDS);
            }
        }), new PluginSpec(NS, "off", () -> new Plugin() {
            @Override
            public boolean shouldLoad() {
                return false;
            }
        }), new PluginSpec(NS, "bad", failingLoad()), new PluginSpec(NS, "ok", Noop::new))
            .listener(new TestPlugins.RecordingListener(events))
            .build();
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Future<List<Plugin>> first = executor.submit(() -> manager.loadAll());
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            // the others come while the first holds "gate": they wait for it, then meet the rest as it settles them
            Future<List<Plugin>> second = startAndLetItWait(executor, () -> manager.loadAll());
            Future<List<Plugin>> third = startAndLetItWait(executor, () -> manager.loadAll());
            open.countDown();
            List<Plugin> expected = first.get(10, TimeUnit.SECONDS);
            assertThat(expected).containsExactly(manager.getContainer("gate").plugin(),
                    manager.getContainer("ok").plugin());
            assertThat(second.get(10, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
            assertThat(third.get(10, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
        }
        finally {
            executor.shutdownNow();
        }
        // each plugin's callbacks once and in lifecycle order, whichever thread met it first
        assertThat(eventsOf(events, "gate")).containsExactly("resolveAfter gate", "initBefore gate", "initAfter gate",
                "loadBefore gate []", "loadAfter gate");
        assertThat(eventsOf(events, "off")).containsExactly("resolveAfter off", "initBefore off", "initAfter off",
                "disabled off: " + LoadLifecycle.CONDITION_REASON);
        assertThat(eventsOf(events, "bad")).containsExactly("resolveAfter bad", "initBefore bad", "initAfter bad",
                "loadBefore bad []", "loadException bad");
        assertThat(eventsOf(events, "ok")).containsExactly("resolveAfter ok", "initBefore ok", "initAfter ok",
                "loadBefore ok []", "loadAfter ok");
    }

    @Test
    void callersWaitingForAResolutionThatAListenerTurnsIntoDisabledSeeItDisabledOnce() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        CountDownLatch decide = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        PluginManager<Plugin> manager = found(new PluginSpec(NS, "optional", Noop::new))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onResolveAfter(PluginSpec spec) {
                    told.countDown();
                    try {
                        decide.await(20, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    throw new PluginDisabled(spec.namespace(), spec.name(), "not wanted here");
                }
            })
            .listener(new TestPlugins.RecordingListener(events))
            .build();
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Future<String> first = executor.submit(() -> outcome(() -> manager.load("optional")));
            assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
            // one waits to list the specs, one to load it: neither may pass the resolution under way
            Future<String> listing = startAndLetItWait(executor,
                    () -> outcome(() -> manager.listPluginSpecs().stream().map(PluginSpec::name).toList()));
            Future<String> second = startAndLetItWait(executor, () -> outcome(() -> manager.load("optional")));
            decide.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("PluginDisabled");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("PluginDisabled");
            // disabled is no failure: its spec is listed
            assertThat(listing.get(10, TimeUnit.SECONDS)).isEqualTo("[optional]");
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(events).containsExactly("resolveAfter optional", "disabled optional: not wanted here");
        assertThat(manager.getContainer("optional").disabledReason()).isEqualTo("not wanted here");
    }

    /**
     * Thread 1's plugin lists the specs and loads every plugin from its load(), while thread 2 resolves plugin b,
     * whose onResolveAfter listener waits for thread 1's plugin: thread 1 cannot wait for b. The load phase of
     * loadAll(false) skipped such a plugin; its resolve phase, and listPluginSpecs(), threw the cycle instead, which
     * failed thread 1's plugin and, through the listener, b's resolution.
     */
    @Test
    void aPluginWhoseResolutionOnAnotherThreadWaitsForThisThreadIsSkippedNotThrownByLoadAllAndListPluginSpecs()
            throws Exception {
        CountDownLatch aLoading = new CountDownLatch(1);
        AtomicReference<Thread> resolvingB = new AtomicReference<>();
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<String> inside = Collections.synchronizedList(new ArrayList<>());
        PluginSpec a = new PluginSpec(NS, "a", () -> new Plugin() {
            @Override
            public Object load(Object... args) {
                aLoading.countDown();
                awaitWaitingForAPlugin(resolvingB);
                inside.add("specs " + self.get().listPluginSpecs().stream().map(PluginSpec::name).toList());
                inside.add("loaded " + self.get().loadAll(false).size());
                return "a's value";
            }
        });
        PluginManager<Plugin> manager = found(a, new PluginSpec(NS, "b", Noop::new))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onResolveAfter(PluginSpec spec) {
                    if (spec.name().equals("b")) {
                        resolvingB.set(Thread.currentThread());
                        try {
                            aLoading.await(20, TimeUnit.SECONDS);
                        }
                        catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                        self.get().load("a");
                    }
                }
            })
            .build();
        self.set(manager);
        manager.getContainer("a"); // every container made before the two threads race
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<String> loadA = executor.submit(() -> outcome(() -> {
                manager.load("a");
                return "loaded";
            }));
            // thread 1 owns a from its resolution on: a listing begun before a was resolved would wait for a (not
            // reach b), and a's load would never see thread 2 wait for it
            assertThat(aLoading.await(20, TimeUnit.SECONDS)).as("a's load began").isTrue();
            Future<String> listing = executor.submit(
                    () -> outcome(() -> manager.listPluginSpecs().stream().map(PluginSpec::name).toList()));
            assertThat(loadA.get(20, TimeUnit.SECONDS)).as("thread 1's load of a").isEqualTo("loaded");
            assertThat(listing.get(20, TimeUnit.SECONDS)).isEqualTo("[a, b]");
        }
        finally {
            executor.shutdownNow();
        }
        // a itself is under way on thread 1 and b is thread 2's: loadAll loads neither, and throws nothing
        assertThat(inside).containsExactly("specs [a, b]", "loaded 0");
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.LOADED);
        assertThat(manager.getContainer("a").loadValue()).isEqualTo("a's value");
        assertThat(manager.getContainer("b").state()).isEqualTo(PluginState.RESOLVED);
    }

    /** Until the thread waits inside the manager for a plugin another thread owns. */
    private static void awaitWaitingForAPlugin(AtomicReference<Thread> thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!waitsForAPlugin(thread.get())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the resolving thread never waited for the plugin");
            }
            Thread.onSpinWait();
        }
    }

    private static boolean waitsForAPlugin(@Nullable Thread thread) {
        if (thread == null || thread.getState() != Thread.State.WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(LoadCycles.class.getName()) && frame.getMethodName().equals("acquire")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> eventsOf(List<String> events, String name) {
        synchronized (events) {
            return events.stream().filter((event) -> event.split("[ :]")[1].equals(name)).toList();
        }
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("the other first use never came", ex);
        }
    }

    public static class Noop implements Plugin {
    }

    private interface Call {
        Object run();
    }

    /** What a call returned, or the simple name of what it threw. */
    private static String outcome(Call call) {
        try {
            return String.valueOf(call.run());
        }
        catch (RuntimeException ex) {
            return ex.getClass().getSimpleName();
        }
    }
}
