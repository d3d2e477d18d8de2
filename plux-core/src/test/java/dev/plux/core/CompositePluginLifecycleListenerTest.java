package dev.plux.core;

import java.util.ArrayList;
import java.util.List;

import dev.plux.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class CompositePluginLifecycleListenerTest {

    private static final PluginSpec SPEC = PluginSpec.of("my.ns", "sample", SamplePlugin.class);

    private final List<String> calls = new ArrayList<>();

    @Test
    void callsListenersInOrder() {
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(
                List.of(recording("first"), recording("second")));
        composite.addListener(recording("third"));
        composite.onResolveAfter(SPEC);
        assertThat(this.calls).containsExactly("first:onResolveAfter", "second:onResolveAfter", "third:onResolveAfter");
    }

    @Test
    void forwardsEveryCallbackWithItsArguments() {
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(List.of(recording("l")));
        SamplePlugin plugin = new SamplePlugin();
        EntryPoint entryPoint = new EntryPoint("my.ns", "sample", "com.x.Sample", null);
        IllegalStateException failure = new IllegalStateException("x");
        composite.onResolveException("my.ns", entryPoint, failure);
        composite.onResolveAfter(SPEC);
        composite.onInitBefore(SPEC);
        composite.onInitException(SPEC, failure);
        composite.onInitAfter(SPEC, plugin);
        composite.onLoadBefore(SPEC, plugin, List.of("arg"));
        composite.onLoadAfter(SPEC, plugin, "result");
        composite.onLoadException(SPEC, plugin, failure);
        composite.onDisabled(SPEC, "why");
        assertThat(this.calls).containsExactly("l:onResolveException", "l:onResolveAfter", "l:onInitBefore",
                "l:onInitException", "l:onInitAfter", "l:onLoadBefore[arg]", "l:onLoadAfter=result",
                "l:onLoadException", "l:onDisabled(why)");
    }

    @Test
    void throwingListenerDoesNotStopTheOthers() {
        PluginLifecycleListener throwing = new PluginLifecycleListener() {
            @Override
            public void onResolveAfter(PluginSpec spec) {
                throw new IllegalStateException("listener broke");
            }

            @Override
            public String toString() {
                return "brokenListener";
            }
        };
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(
                List.of(recording("first"), throwing, recording("last")));
        try (LogCapture log = LogCapture.of(CompositePluginLifecycleListener.class)) {
            composite.onResolveAfter(SPEC);
            assertThat(log.warnings()).singleElement().asString().contains("brokenListener", "onResolveAfter");
        }
        assertThat(this.calls).containsExactly("first:onResolveAfter", "last:onResolveAfter");
    }

    @Test
    void theWarningOfAThrowingListenerNamesThePluginTheCallbackWasAbout() {
        // a listener serving many plugins (Spring's @EventListener methods, through one publisher) says nothing of
        // which plugin it failed for; the stack trace names the listener's code, not the plugin
        PluginLifecycleListener throwing = new PluginLifecycleListener() {
            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                throw new IllegalArgumentException("listener bug");
            }
        };
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(List.of(throwing));
        try (LogCapture log = LogCapture.of(CompositePluginLifecycleListener.class)) {
            composite.onLoadBefore(SPEC, new SamplePlugin(), List.of());
            composite.onResolveException("my.ns", new EntryPoint("my.ns", "ghost", "com.x.Ghost", null),
                    new IllegalStateException("x"));
            assertThat(log.warnings()).singleElement().asString()
                .contains("failed in onLoadBefore for plugin my.ns:sample; ignoring it:"
                        + " java.lang.IllegalArgumentException: listener bug");
        }
    }

    @Test
    void errorsAndSneakyCheckedExceptionsDoNotStopTheOthersEither() {
        PluginLifecycleListener assertion = new PluginLifecycleListener() {
            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, Object loadResult) {
                throw new AssertionError("listener assertion");
            }
        };
        PluginLifecycleListener sneaky = new PluginLifecycleListener() {
            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, Object loadResult) {
                CompositePluginLifecycleListenerTest.<RuntimeException>sneakyThrow(new java.io.IOException("checked"));
            }
        };
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(
                List.of(assertion, sneaky, recording("last")));
        try (LogCapture log = LogCapture.of(CompositePluginLifecycleListener.class)) {
            composite.onLoadAfter(SPEC, new SamplePlugin(), "result");
            assertThat(log.warnings()).hasSize(2).anySatisfy((line) -> assertThat(line).contains("listener assertion"))
                .anySatisfy((line) -> assertThat(line).contains("java.io.IOException: checked"));
        }
        assertThat(this.calls).containsExactly("last:onLoadAfter=result");
    }

    @Test
    void aVirtualMachineErrorStopsAtOnce() {
        StackOverflowError overflow = new StackOverflowError();
        PluginLifecycleListener overflowing = new PluginLifecycleListener() {
            @Override
            public void onInitBefore(PluginSpec spec) {
                throw overflow;
            }
        };
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(
                List.of(overflowing, recording("last")));
        assertThatThrownBy(() -> composite.onInitBefore(SPEC)).isSameAs(overflow);
        assertThat(this.calls).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }

    @Test
    void pluginDisabledIsRethrownAfterEveryListenerRan() {
        PluginDisabled firstVeto = new PluginDisabled("my.ns", "sample", "first veto");
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(
                List.of(disabling(firstVeto), recording("middle"),
                        disabling(new PluginDisabled("my.ns", "sample", "second veto")), recording("last")));
        assertThatThrownBy(() -> composite.onInitAfter(SPEC, new SamplePlugin())).isSameAs(firstVeto);
        assertThat(this.calls).containsExactly("middle:onInitAfter", "last:onInitAfter");
    }

    @Test
    void listenersAddedLaterAreReportedAfterTheInitialOnes() {
        PluginLifecycleListener first = recording("first");
        PluginLifecycleListener added = recording("added");
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(List.of(first));
        composite.addListener(added);
        assertThat(composite.getListeners()).containsExactly(first, added);
    }

    @Test
    void emptyCompositeDoesNothing() {
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(List.of());
        composite.onDisabled(SPEC, "why");
        assertThat(composite.getListeners()).isEmpty();
    }

    private PluginLifecycleListener disabling(PluginDisabled disabled) {
        return new PluginLifecycleListener() {
            @Override
            public void onInitAfter(PluginSpec spec, Plugin plugin) {
                throw disabled;
            }
        };
    }

    private PluginLifecycleListener recording(String id) {
        return new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onResolveException");
            }

            @Override
            public void onResolveAfter(PluginSpec spec) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onResolveAfter");
            }

            @Override
            public void onInitBefore(PluginSpec spec) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onInitBefore");
            }

            @Override
            public void onInitException(PluginSpec spec, Throwable exception) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onInitException");
            }

            @Override
            public void onInitAfter(PluginSpec spec, Plugin plugin) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onInitAfter");
            }

            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onLoadBefore" + loadArgs);
            }

            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, Object loadResult) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onLoadAfter=" + loadResult);
            }

            @Override
            public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onLoadException");
            }

            @Override
            public void onDisabled(PluginSpec spec, String reason) {
                CompositePluginLifecycleListenerTest.this.calls.add(id + ":onDisabled(" + reason + ")");
            }
        };
    }

    public static class SamplePlugin implements Plugin {
    }
}
