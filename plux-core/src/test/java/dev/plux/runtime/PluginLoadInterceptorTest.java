package dev.plux.runtime;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.QuietLogs;
import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.TestPlugins;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The around hook of one plugin's first load attempt. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PluginLoadInterceptorTest {

    private static final String NS = "test.intercepted";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    @TempDir
    Path temp;

    private final List<String> events = new ArrayList<>();

    private final AtomicInteger loads = new AtomicInteger();

    private PluginFactory counting(@Nullable RuntimeException failure) {
        return () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                PluginLoadInterceptorTest.this.loads.incrementAndGet();
                PluginLoadInterceptorTest.this.events.add("load");
                if (failure != null) {
                    throw failure;
                }
                return "value";
            }
        };
    }

    private PluginManager.Builder<Plugin> manager(PluginFactory factory) {
        PluginSpec spec = new PluginSpec(NS, "a", factory);
        return PluginManager.<Plugin>builder(NS).finder(() -> List.of(spec))
            .listener(new TestPlugins.RecordingListener(this.events));
    }

    /** Records around proceed(), with the state proceed() left. */
    private PluginLoadInterceptor recording(String name) {
        return (container, invocation) -> {
            this.events.add(name + " before " + container.state());
            invocation.proceed();
            this.events.add(name + " after " + container.state());
        };
    }

    @Test
    void interceptorsRunAroundTheWholeAttemptTheFirstAddedOutermostAndOnlyOnce() {
        PluginManager<Plugin> manager = manager(counting(null)).interceptor(recording("outer"))
            .interceptor(recording("inner"))
            .build();
        Plugin plugin = manager.load("a");
        assertThat(manager.load("a")).isSameAs(plugin);
        assertThat(this.events).containsExactly("resolveAfter a", "outer before RESOLVED", "inner before RESOLVED",
                "initBefore a", "initAfter a", "loadBefore a []", "load", "loadAfter a", "inner after LOADED",
                "outer after LOADED");
    }

    @Test
    void proceedNeverThrowsAndTheContainerTellsTheOutcome() {
        IllegalStateException failure = new IllegalStateException("load failed");
        AtomicReference<Object> seen = new AtomicReference<>();
        PluginManager<Plugin> manager = manager(counting(failure)).interceptor((container, invocation) -> {
            invocation.proceed();
            seen.set(container.state() + " " + container.loadError().getMessage());
        }).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a")).withCause(failure);
        assertThat(seen).hasValue("LOAD_FAILED load failed");

        PluginSpec never = PluginSpec.of(NS, "never", TestPlugins.NeverLoads.class);
        PluginManager<Plugin> disabled = PluginManager.<Plugin>builder(NS).finder(() -> List.of(never))
            .interceptor((container, invocation) -> {
                invocation.proceed();
                seen.set(container.state() + " " + container.disabledReason());
            })
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> disabled.load("never"));
        assertThat(seen).hasValue("DISABLED " + LoadLifecycle.CONDITION_REASON);
    }

    @Test
    void aSecondProceedDoesNothing() {
        PluginManager<Plugin> manager = manager(counting(null)).interceptor((container, invocation) -> {
            invocation.proceed();
            invocation.proceed();
        }).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.load("a")).isNotNull();
            assertThat(log.warnings()).singleElement().asString().contains("proceed() again", NS + ":a");
        }
        assertThat(this.loads).hasValue(1);
    }

    @Test
    void proceedFromAnotherThreadIsIgnoredAndTheLoadingThreadProceeds() throws Exception {
        AtomicReference<Thread> loadingThread = new AtomicReference<>();
        PluginManager<Plugin> manager = manager(() -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                loadingThread.set(Thread.currentThread());
                return null;
            }
        }).interceptor((container, invocation) -> {
            Thread other = new Thread(invocation::proceed);
            other.start();
            try {
                other.join(10_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }).build();
        Thread caller = Thread.currentThread();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.load("a")).isNotNull();
            assertThat(log.warnings()).hasSize(2).first().asString().contains("on another thread");
        }
        assertThat(loadingThread).hasValue(caller);
    }

    @Test
    void anInterceptorThatNeverProceedsIsLoggedAndTheManagerProceeds() {
        PluginManager<Plugin> manager = manager(counting(null)).interceptor((container, invocation) -> {
            this.events.add("skipping");
        }).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.load("a")).isNotNull();
            assertThat(log.warnings()).singleElement().asString().contains("did not proceed", NS + ":a");
        }
        assertThat(this.loads).hasValue(1);
        assertThat(this.events).containsSubsequence("skipping", "load", "loadAfter a");
    }

    @Test
    void anInterceptorThatThrowsBeforeProceedingIsLoggedAndTheManagerProceeds() {
        PluginManager<Plugin> manager = manager(counting(null)).interceptor((container, invocation) -> {
            throw new AssertionError("interceptor bug");
        }).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.load("a")).isNotNull();
            assertThat(log.warnings()).hasSize(2).first().asString().contains("java.lang.AssertionError: interceptor bug");
        }
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.LOADED);
        assertThat(this.loads).hasValue(1);
    }

    @Test
    void anInterceptorThatThrowsAfterProceedingLeavesTheOutcome() {
        PluginManager<Plugin> manager = manager(counting(null)).interceptor((container, invocation) -> {
            invocation.proceed();
            throw new IllegalStateException("after");
        }).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.load("a")).isNotNull();
            assertThat(log.warnings()).singleElement().asString().contains("java.lang.IllegalStateException: after");
        }
        assertThat(this.loads).hasValue(1);
    }

    @Test
    void aVirtualMachineErrorPassesThroughTheInterceptorsAfterThePluginIsRecordedAsFailed() {
        AtomicReference<PluginState> seen = new AtomicReference<>();
        PluginManager<Plugin> manager = manager(() -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw new OutOfMemoryError("simulated");
            }
        }).interceptor((container, invocation) -> {
            try {
                invocation.proceed();
            }
            finally {
                seen.set(container.state());
            }
        }).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThatThrownBy(() -> manager.load("a")).isInstanceOf(OutOfMemoryError.class);
        }
        assertThat(seen).hasValue(PluginState.LOAD_FAILED);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
            .withCauseInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aVirtualMachineErrorOfAnInterceptorItselfRecordsThePluginAsFailedBeforeItIsRethrown() {
        // SPEC: a VirtualMachineError is rethrown only after the plugin is recorded as failed, and a plugin's load
        // never runs twice: here the interceptor fails before proceed(), so nothing else records the failure
        AtomicInteger created = new AtomicInteger();
        PluginManager<Plugin> manager = manager(() -> {
            created.incrementAndGet();
            return new Plugin() {
            };
        }).interceptor((container, invocation) -> {
            throw new StackOverflowError("interceptor");
        }).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThatThrownBy(() -> manager.load("a")).isInstanceOf(StackOverflowError.class);
            assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.INIT_FAILED);
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
                .withCauseInstanceOf(StackOverflowError.class);
        }
        assertThat(created).hasValue(0);
    }

    @Test
    void aPluginThatFailedToResolveIsNotIntercepted() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (URLClassLoader loader = TestFiles.classLoader(TestFiles.indexDirectory(this.temp.resolve("classes"),
                "[" + NS + "]\nmissing = com.example.Gone\n")); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).classLoader(loader)
                .interceptor((container, invocation) -> {
                    calls.incrementAndGet();
                    invocation.proceed();
                })
                .build();
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("missing"));
        }
        assertThat(calls).hasValue(0);
    }
}
