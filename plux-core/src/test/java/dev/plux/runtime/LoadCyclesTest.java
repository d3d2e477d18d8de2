package dev.plux.runtime;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.plux.QuietLogs;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Plugins loading each other never wait forever ({@link LoadCycles}). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoadCyclesTest {

    private static final String NS = "test.cycles";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    /** A manager whose plugins' load() runs the given code with the manager. */
    private static PluginManager<Plugin> manager(String namespace, Map<String, Function<PluginManager<Plugin>, Object>> loads) {
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<PluginSpec> specs = loads.entrySet().stream()
            .map((entry) -> new PluginSpec(namespace, entry.getKey(), plugin(() -> entry.getValue().apply(self.get()))))
            .toList();
        self.set(PluginManager.<Plugin>builder(namespace).finder(() -> specs).build());
        return self.get();
    }

    private interface Body {
        @Nullable Object run() throws Exception;
    }

    private static PluginFactory plugin(Body body) {
        return () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) throws Exception {
                return body.run();
            }
        };
    }

    @Test
    void aPluginLoadingItselfFailsNamingTheCycle() {
        PluginManager<Plugin> manager = manager(NS, Map.of("a", (self) -> self.load("a")));
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
            .withMessageContaining("plugins load each other in a cycle: " + NS + ":a -> " + NS + ":a");
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.LOAD_FAILED);
    }

    @Test
    void aCycleThroughSeveralPluginsOnOneThreadNamesEveryOneInOrder() {
        PluginManager<Plugin> manager = manager(NS, Map.of("a", (self) -> self.load("b"), "b", (self) -> self.load("c"),
                "c", (self) -> self.load("a")));
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
            .withMessageContaining(NS + ":a -> " + NS + ":b -> " + NS + ":c -> " + NS + ":a");
        assertThat(manager.listContainers()).extracting(PluginContainer::state).containsOnly(PluginState.LOAD_FAILED);
        // the thread keeps nothing of it: an unrelated plugin loads normally afterwards
        assertThat(manager(NS, Map.of("d", (self) -> "fine")).load("d")).isNotNull();
    }

    /** Plugins of the same specs in every manager built by {@code newManager}, as new PluginManager<>(ns) would be. */
    private static List<PluginSpec> specsCalling(Map<String, Function<Function<String, Object>, Object>> loads,
            AtomicReference<Supplier<PluginManager<Plugin>>> newManager) {
        return loads.entrySet().stream()
            .map((entry) -> new PluginSpec(NS, entry.getKey(),
                    plugin(() -> entry.getValue().apply((name) -> newManager.get().get().load(name)))))
            .toList();
    }

    @Test
    void aPluginLoadingItselfThroughNewManagersFailsAtTheThirdLevelInsteadOfOverflowingTheStack() {
        AtomicReference<Supplier<PluginManager<Plugin>>> newManager = new AtomicReference<>();
        List<PluginSpec> specs = specsCalling(Map.of("self", (load) -> load.apply("self"), "outer",
                (load) -> load.apply("inner"), "inner", (load) -> "inner loaded"), newManager);
        newManager.set(() -> PluginManager.<Plugin>builder(NS).finder(() -> specs).build());
        PluginManager<Plugin> manager = newManager.get().get();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("self"))
            .withMessage("plugin " + NS + ":self failed to load: plugin " + NS + ":self failed to load: plugin " + NS
                    + ":self is loading already 2 times on this thread, each inside the last, through other"
                    + " PluginManagers of namespace " + NS + " (each manager creates its own instance), so loading it"
                    + " again from inside its load() would start it over without end; share one PluginManager per"
                    + " namespace (a static field, or pass it in) instead of creating one in load()");
        assertThat(manager.getContainer("self").state()).isEqualTo(PluginState.LOAD_FAILED);
        // another plugin of the namespace, through a new manager, is no recursion
        assertThat(manager.load("outer")).isNotNull();
        assertThat(manager.getContainer("outer").loadValue()).isNotNull();
    }

    @Test
    void aPluginLoadedOnceMoreThroughAnotherManagerOfItsNamespaceLoadsWhenThatLoadEnds() {
        // two long-lived managers of one namespace (a parent and a child context's): the plugin, loading in the first,
        // needs the second's instance of itself, whose load does not go on: no recursion, so both load
        AtomicReference<PluginManager<Plugin>> second = new AtomicReference<>();
        AtomicBoolean nested = new AtomicBoolean();
        List<PluginSpec> specs = List.of(new PluginSpec(NS, "twin", plugin(() -> {
            if (nested.compareAndSet(false, true)) {
                return second.get().load("twin");
            }
            return "the second's twin";
        })));
        PluginManager<Plugin> first = PluginManager.<Plugin>builder(NS).finder(() -> specs).build();
        second.set(PluginManager.<Plugin>builder(NS).finder(() -> specs).build());
        assertThat(first.load("twin")).isNotNull();
        assertThat(first.getContainer("twin").state()).isEqualTo(PluginState.LOADED);
        assertThat(second.get().getContainer("twin").state()).isEqualTo(PluginState.LOADED);
        assertThat(first.getContainer("twin").loadValue()).isSameAs(second.get().load("twin"));
    }

    @Test
    void aCycleAcrossManagersIsNamedWithEachNamespace() {
        AtomicReference<PluginManager<Plugin>> other = new AtomicReference<>();
        PluginManager<Plugin> first = manager("test.one", Map.of("a", (self) -> other.get().load("x")));
        other.set(manager("test.two", Map.of("x", (self) -> first.load("a"))));
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> first.load("a"))
            .withMessageContaining("test.one:a -> test.two:x -> test.one:a");
    }

    @Test
    void twoThreadsLoadingEachOthersPluginReturnWithinSecondsNamingBoth() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        Function<String, Function<PluginManager<Plugin>, Object>> meetThenLoad = (name) -> (self) -> {
            bothInside.countDown();
            try {
                assertThat(bothInside.await(10, TimeUnit.SECONDS)).isTrue();
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            return self.load(name);
        };
        PluginManager<Plugin> manager = manager(NS, Map.of("a", meetThenLoad.apply("b"), "b", meetThenLoad.apply("a")));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<Plugin> a = executor.submit(() -> manager.load("a"));
            Future<Plugin> b = executor.submit(() -> manager.load("b"));
            String cycle = "(" + NS + ":a -> " + NS + ":b -> " + NS + ":a|" + NS + ":b -> " + NS + ":a -> " + NS + ":b)";
            for (Future<Plugin> result : List.of(a, b)) {
                assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                    .withCauseInstanceOf(PluginException.class)
                    .satisfies((ex) -> assertThat(ex.getCause().getMessage()).containsPattern(cycle));
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.listContainers()).extracting(PluginContainer::state).containsOnly(PluginState.LOAD_FAILED);
    }

    /**
     * A cycle through three threads, one of which owns two plugins (a loads a2 on its thread): whichever thread's
     * wait would close it, the walk crosses the other two threads and the nested plugin, so exactly one load fails
     * naming the whole ring, and the failure unwinds the others instead of leaving them waiting.
     */
    @Test
    void aCycleThroughThreeThreadsOneOwningTwoPluginsFailsOnceNamingTheWholeRing() throws Exception {
        CyclicBarrier allOwning = new CyclicBarrier(3);
        Map<String, AtomicInteger> loads = Map.of("a", new AtomicInteger(), "a2", new AtomicInteger(), "b",
                new AtomicInteger(), "c", new AtomicInteger());
        Function<String, Function<String, Function<PluginManager<Plugin>, Object>>> meetThenLoad = (self) -> (next) ->
                (manager) -> {
                    loads.get(self).incrementAndGet();
                    if (!self.equals("a")) {
                        // every thread owns its plugins before any of them loads the next one
                        try {
                            allOwning.await(10, TimeUnit.SECONDS);
                        }
                        catch (Exception ex) {
                            throw new IllegalStateException("not all three threads own their plugin", ex);
                        }
                    }
                    return manager.load(next);
                };
        PluginManager<Plugin> manager = manager(NS, Map.of("a", meetThenLoad.apply("a").apply("a2"), "a2",
                meetThenLoad.apply("a2").apply("b"), "b", meetThenLoad.apply("b").apply("c"), "c",
                meetThenLoad.apply("c").apply("a")));
        ExecutorService executor = Executors.newFixedThreadPool(3);
        Set<Throwable> cycles = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            List<Future<Plugin>> results = List.of(executor.submit(() -> manager.load("a")),
                    executor.submit(() -> manager.load("b")), executor.submit(() -> manager.load("c")));
            for (Future<Plugin> result : results) {
                Throwable thrown = assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                    .withCauseInstanceOf(PluginException.class)
                    .actual()
                    .getCause();
                for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                    if (cause.getMessage() != null && cause.getMessage().startsWith("plugins load each other")) {
                        cycles.add(cause);
                    }
                }
            }
        }
        finally {
            executor.shutdownNow();
        }
        String a = NS + ":a -> ";
        String a2 = NS + ":a2 -> ";
        String b = NS + ":b -> ";
        String c = NS + ":c -> ";
        // named from the plugin whose owner's wait closed it: one rotation of the ring a -> a2 -> b -> c
        assertThat(cycles).as("one load closed the cycle and every thread's failure goes back to it").singleElement()
            .extracting(Throwable::getMessage).asString()
            .containsAnyOf(a + a2 + b + c + NS + ":a;", b + c + a + a2 + NS + ":b;", c + a + a2 + b + NS + ":c;");
        assertThat(manager.listContainers()).extracting(PluginContainer::state).containsOnly(PluginState.LOAD_FAILED);
        assertThat(loads).allSatisfy((name, count) -> assertThat(count).as(name).hasValue(1));
    }

    /**
     * A thread holding a lock loads a plugin that another thread is loading, and that plugin's load() needs the same
     * lock (in Spring: a bean created on first use, under Spring's singleton lock, loads a plugin whose creation
     * needs another bean). Neither the wait-for graph nor the JVM alone sees the cycle; before, both threads waited
     * forever.
     */
    @Test
    void aLoadWaitingForAPluginWhoseLoadWaitsForALockTheWaiterHoldsFailsNamingBoth() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        aLoadWaitingForAPluginWhoseLoadNeedsWhatTheWaiterHoldsFails(lock::lock, lock::unlock, "ReentrantLock");
    }

    /** The same with a monitor: the plugin's load() enters a {@code synchronized} block the waiter is inside. */
    @Test
    void aLoadWaitingForAPluginWhoseLoadIsBlockedOnAMonitorTheWaiterHoldsFailsNamingBoth() throws Exception {
        Object monitor = new Object();
        aLoadWaitingForAPluginWhoseLoadNeedsWhatTheWaiterHoldsFails((inside) -> {
            synchronized (monitor) {
                inside.run();
            }
        }, "java.lang.Object");
    }

    /** The lock is needed by a plugin that the waited-for plugin's load() waits for, on a third thread. */
    @Test
    void aLockCycleThroughAnotherThreadsLoadNamesTheThreadThatIsBlocked() throws Exception {
        AtomicReference<Thread> outerThread = new AtomicReference<>();
        assertThat(lockCycleThroughAnotherThreadsLoad((number) -> "plux-test-" + number, outerThread))
            .startsWith("plugin " + NS + ":outer, which this thread waits for, is being loaded by thread plux-test-2,"
                    + " which waits, through other threads, for thread plux-test-1, which is blocked on a lock this"
                    + " thread holds (java.util.concurrent.locks.ReentrantLock");
    }

    /**
     * The thread loading the waited-for plugin has no name, as every virtual thread of
     * {@code newVirtualThreadPerTaskExecutor()} (it waits in plux, so it may be virtual): the message said
     * {@code loaded by thread , which waits}. It names the thread by its id, as thread dumps do.
     */
    @Test
    void aLockCycleThroughAThreadWithoutANameNamesThatThreadByItsId() throws Exception {
        AtomicReference<Thread> outerThread = new AtomicReference<>();
        String message = lockCycleThroughAnotherThreadsLoad((number) -> (number == 2) ? "" : "plux-test-" + number,
                outerThread);
        assertThat(message).startsWith("plugin " + NS + ":outer, which this thread waits for, is being loaded by"
                + " unnamed thread #" + outerThread.get().getId() + ", which waits, through other threads, for thread"
                + " plux-test-1, which is blocked");
    }

    /**
     * Thread 1 loads "inner", whose load() needs a lock; thread 2 loads "outer", whose load() waits for "inner";
     * thread 3 holds the lock and loads "outer": the message thread 3's load fails with.
     */
    private static String lockCycleThroughAnotherThreadsLoad(Function<Integer, String> threadNames,
            AtomicReference<Thread> outerThread) throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch innerLoading = new CountDownLatch(1);
        CountDownLatch outerWaiting = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        PluginManager<Plugin> manager = manager(NS, Map.of("inner", (self) -> {
            innerLoading.countDown();
            try {
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            lock.lock();
            lock.unlock();
            return "inner";
        }, "outer", (self) -> {
            outerThread.set(Thread.currentThread());
            outerWaiting.countDown();
            return self.load("inner");
        }));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(3,
                (runnable) -> new Thread(runnable, threadNames.apply(threads.incrementAndGet())));
        try {
            Future<Plugin> inner = executor.submit(() -> manager.load("inner"));
            assertThat(innerLoading.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Plugin> outer = executor.submit(() -> manager.load("outer"));
            assertThat(outerWaiting.await(10, TimeUnit.SECONDS)).isTrue();
            while (outerThread.get().getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            Future<String> holder = executor.submit(() -> {
                lock.lock();
                try {
                    holding.countDown();
                    manager.load("outer");
                    return "loaded";
                }
                catch (PluginException ex) {
                    return ex.getMessage();
                }
                finally {
                    lock.unlock();
                }
            });
            String message = holder.get(10, TimeUnit.SECONDS);
            assertThat(inner.get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(outer.get(10, TimeUnit.SECONDS)).isNotNull();
            return message;
        }
        finally {
            executor.shutdownNow();
        }
    }

    /**
     * The plugin's load() tries the lock the waiter holds with a timeout: it gives up and the load ends, so the
     * waiter's wait ends too. No deadlock: the waiter must get the plugin, not a failure (which its caller, a bean
     * or a plugin loading it, would keep for good). Before, the watcher's first look failed the waiter.
     */
    @Test
    void aLoadWaitingForAPluginWhoseLoadTriesTheWaitersLockWithATimeoutGetsThePlugin() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        PluginManager<Plugin> manager = manager(NS, Map.of("patient", (self) -> {
            loading.countDown();
            try {
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
                // several looks of the watcher fall within this second
                boolean got = lock.tryLock(1, TimeUnit.SECONDS);
                if (got) {
                    lock.unlock();
                }
                return got;
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        }));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<Plugin> loader = executor.submit(() -> manager.load("patient"));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> holder = executor.submit(() -> {
                lock.lock();
                try {
                    holding.countDown();
                    manager.load("patient");
                    return "loaded";
                }
                catch (PluginException ex) {
                    return ex.getMessage();
                }
                finally {
                    lock.unlock();
                }
            });
            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
            assertThat(loader.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("patient").loadValue()).isEqualTo(false);
    }

    private interface Guarded {
        void run(Runnable inside);
    }

    private static void aLoadWaitingForAPluginWhoseLoadNeedsWhatTheWaiterHoldsFails(Runnable lock, Runnable unlock,
            String lockName) throws Exception {
        aLoadWaitingForAPluginWhoseLoadNeedsWhatTheWaiterHoldsFails((inside) -> {
            lock.run();
            try {
                inside.run();
            }
            finally {
                unlock.run();
            }
        }, lockName);
    }

    private static void aLoadWaitingForAPluginWhoseLoadNeedsWhatTheWaiterHoldsFails(Guarded guarded, String lockName)
            throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        PluginManager<Plugin> manager = manager(NS, Map.of("guarded", (self) -> {
            loading.countDown();
            try {
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            AtomicBoolean entered = new AtomicBoolean();
            guarded.run(() -> entered.set(true));
            return entered.get();
        }));
        AtomicInteger threads = new AtomicInteger();
        // the first thread is the loader's (a pool creates its threads as tasks come)
        ExecutorService executor = Executors.newFixedThreadPool(2,
                (runnable) -> new Thread(runnable, "plux-test-" + threads.incrementAndGet()));
        try {
            Future<Plugin> loader = executor.submit(() -> manager.load("guarded"));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> holder = executor.submit(() -> {
                AtomicReference<String> outcome = new AtomicReference<>();
                guarded.run(() -> {
                    holding.countDown();
                    try {
                        manager.load("guarded");
                        outcome.set("loaded");
                    }
                    catch (PluginException ex) {
                        outcome.set(ex.getMessage() + " interrupted=" + Thread.currentThread().isInterrupted());
                    }
                });
                return outcome.get();
            });
            assertThat(holder.get(10, TimeUnit.SECONDS)).startsWith("plugin " + NS + ":guarded, which this thread"
                    + " waits for, is being loaded by thread plux-test-1, which is blocked on a lock this thread"
                    + " holds (").contains(lockName).endsWith("interrupted=false");
            // the holder let go of the lock as its load failed: the plugin's load() got it and ended
            assertThat(loader.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("guarded").state()).isEqualTo(PluginState.LOADED);
        assertThat(manager.getContainer("guarded").loadValue()).isEqualTo(true);
    }

    @Test
    void aThreadWaitingForAnotherThreadsLoadCanBeInterrupted() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        PluginManager<Plugin> manager = manager(NS, Map.of("slow", (self) -> {
            inside.countDown();
            try {
                return finish.await(20, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        }));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<Plugin> loader = executor.submit(() -> manager.load("slow"));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Thread> waiterThread = new AtomicReference<>();
            Future<String> waiter = executor.submit(() -> {
                waiterThread.set(Thread.currentThread());
                try {
                    manager.load("slow");
                    return "loaded";
                }
                catch (PluginException ex) {
                    return ex.getMessage() + " interrupted=" + Thread.currentThread().isInterrupted();
                }
            });
            while (waiterThread.get() == null || waiterThread.get().getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            waiterThread.get().interrupt();
            assertThat(waiter.get(10, TimeUnit.SECONDS)).contains("interrupted while waiting for plugin " + NS + ":slow")
                .endsWith("interrupted=true");
            finish.countDown();
            assertThat(loader.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("slow").state()).isEqualTo(PluginState.LOADED);
    }

    @Test
    void releasingAContainerAlsoReleasesWhatItsThreadStillHoldsAboveIt() throws Exception {
        ManagedPlugin<Plugin> outer = new ManagedPlugin<>(new PluginSpec(NS, "outer", plugin(() -> null)));
        ManagedPlugin<Plugin> inner = new ManagedPlugin<>(new PluginSpec(NS, "inner", plugin(() -> null)));
        LoadCycles.acquire(outer);
        LoadCycles.acquire(inner);
        // as when a StackOverflowError deep in a chain of plugins loading each other strikes inside inner's own
        // release: the next release up the stack is the only one left to let go of it
        LoadCycles.release(outer);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> other = executor.submit(() -> {
                LoadCycles.acquire(inner);
                LoadCycles.release(inner);
                return true;
            });
            assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(inner.ownership).isNull();
        assertThat(outer.ownership).isNull();
        // and this thread keeps nothing: the same containers are acquired again without a false cycle
        LoadCycles.acquire(inner);
        LoadCycles.release(inner);
    }

    // ---- a StackOverflowError inside the release ----------------------------------------------------------------

    /** Makes the first release of the named plugin's container throw a StackOverflowError, as if it overflowed. */
    private static void overflowFirstRelease(String name) {
        AtomicBoolean fired = new AtomicBoolean();
        LoadCycles.beforeRelease = (container) -> {
            if (container.name().equals(name) && fired.compareAndSet(false, true)) {
                throw new StackOverflowError("simulated in release");
            }
        };
    }

    @Test
    void anOverflowInTheReleaseAfterResolutionLeavesNoFalseCycleOnTheSameThread() {
        PluginManager<Plugin> manager = manager(NS, Map.of("a", (self) -> "done"));
        overflowFirstRelease("a");
        try {
            // resolveAll takes a StackOverflowError for the entry's failure and goes on
            assertThat(manager.listPluginSpecs()).hasSize(1);
        }
        finally {
            LoadCycles.beforeRelease = null;
        }
        assertThat(manager.load("a")).isNotNull();
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.LOADED);
        assertThat(((ManagedPlugin<?>) manager.getContainer("a")).ownership).isNull();
    }

    @Test
    void anOverflowInTheReleaseAfterResolutionDoesNotHoldUpAnotherThread() throws Exception {
        PluginManager<Plugin> manager = manager(NS, Map.of("a", (self) -> "done"));
        overflowFirstRelease("a");
        try {
            assertThat(manager.listPluginSpecs()).hasSize(1);
        }
        finally {
            LoadCycles.beforeRelease = null;
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            assertThat(executor.submit(() -> manager.load("a")).get(10, TimeUnit.SECONDS)).isNotNull();
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.LOADED);
    }

    @Test
    void aThreadWaitingWhenTheOwnersReleaseOverflowsStillGetsThePlugin() throws Exception {
        aWaiterGetsThePluginAfterTheOwnersReleaseOverflowed();
    }

    @Test
    void aWaiterIsStillWokenWhenTheWatcherBeforeItDiedWithoutClearingItself() throws Exception {
        // a watcher that died of an Error (an OutOfMemoryError in its loop) was taken for a running one ever after:
        // every later waiter waited untimed for a wake-up that nobody would give, the hang the watcher is there for
        Thread dead = new Thread(() -> { }, "plux-load-watcher");
        dead.start();
        dead.join(10_000);
        Field watcher = LoadCycles.class.getDeclaredField("watcher");
        watcher.setAccessible(true);
        // a live watcher of an earlier test would wake the waiter itself: it ends once nobody waits
        while (watcher.get(null) != null) {
            Thread.sleep(5);
        }
        watcher.set(null, dead);
        try {
            aWaiterGetsThePluginAfterTheOwnersReleaseOverflowed();
        }
        finally {
            synchronized (LoadCycles.class) {
                if (watcher.get(null) == dead) {
                    watcher.set(null, null);
                }
            }
        }
    }

    /**
     * Loads "slow" on one thread, whose release overflows, while a second thread waits for it (untimed: Spring's
     * shutdown hook interrupts a starting thread only when it waits so): the waiter must still get the plugin.
     */
    private static void aWaiterGetsThePluginAfterTheOwnersReleaseOverflowed() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        PluginManager<Plugin> manager = manager(NS, Map.of("slow", (self) -> {
            started.countDown();
            try {
                return finish.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        }));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        overflowFirstRelease("slow");
        try {
            Future<Plugin> loader = executor.submit(() -> manager.load("slow"));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<@Nullable Thread> waiterThread = new AtomicReference<>();
            Future<Plugin> waiter = executor.submit(() -> {
                waiterThread.set(Thread.currentThread());
                return manager.load("slow");
            });
            // until the waiter waits for the loader's release (it waits nowhere else)
            while (waiterThread.get() == null || waiterThread.get().getState() != Thread.State.WAITING) {
                Thread.sleep(5);
            }
            finish.countDown();
            assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> loader.get(10, TimeUnit.SECONDS))
                .withCauseInstanceOf(StackOverflowError.class);
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        finally {
            LoadCycles.beforeRelease = null;
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("slow").state()).isEqualTo(PluginState.LOADED);
        assertThat(((ManagedPlugin<?>) manager.getContainer("slow")).ownership).isNull();
    }
}
