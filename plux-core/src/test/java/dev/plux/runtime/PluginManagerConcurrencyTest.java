package dev.plux.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.QuietLogs;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginFactory;
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
        return PluginManager.<Plugin>builder(NS).finder(() -> List.of(specs));
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
