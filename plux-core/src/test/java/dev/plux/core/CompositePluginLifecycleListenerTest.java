package dev.plux.core;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CompositePluginLifecycleListenerTest {

    private static final PluginSpec SPEC = PluginSpec.of("ns", "a", Fixtures.Simple.class);

    private static final Plugin PLUGIN = new Fixtures.Simple();

    @Test
    void forwardsEveryCallbackToEveryListenerInOrder() {
        List<String> calls = new ArrayList<>();
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(
                List.of(new Recording("1", calls), new Recording("2", calls)));
        composite.onResolveException("ns", new EntryPoint("ns", "a", "v", null), new RuntimeException());
        composite.onResolveAfter(SPEC);
        composite.onInitBefore(SPEC);
        composite.onInitException(SPEC, new RuntimeException());
        composite.onInitAfter(SPEC, PLUGIN);
        composite.onLoadBefore(SPEC, PLUGIN, List.of());
        composite.onLoadAfter(SPEC, PLUGIN, null);
        composite.onLoadException(SPEC, PLUGIN, new RuntimeException());
        composite.onDisabled(SPEC, "r");
        assertThat(calls).containsExactly("1 resolveException", "2 resolveException", "1 resolveAfter",
                "2 resolveAfter", "1 initBefore", "2 initBefore", "1 initException", "2 initException", "1 initAfter",
                "2 initAfter", "1 loadBefore", "2 loadBefore", "1 loadAfter", "2 loadAfter", "1 loadException",
                "2 loadException", "1 disabled", "2 disabled");
    }

    @Test
    void ignoresAThrowingListenerAndCallsTheNextOne() {
        List<String> calls = new ArrayList<>();
        PluginLifecycleListener throwing = new PluginLifecycleListener() {
            @Override
            public void onInitAfter(PluginSpec spec, Plugin plugin) {
                throw new IllegalStateException("bug");
            }
        };
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(List.of(throwing));
        composite.addListener(new Recording("2", calls));
        composite.onInitAfter(SPEC, PLUGIN);
        assertThat(calls).containsExactly("2 initAfter");
        assertThat(composite.getListeners()).hasSize(2);
    }

    @Test
    void callsEveryListenerThenRethrowsTheFirstPluginDisabled() {
        List<String> calls = new ArrayList<>();
        PluginLifecycleListener veto = new PluginLifecycleListener() {
            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                throw new PluginDisabled("ns", "a", "first");
            }
        };
        PluginLifecycleListener secondVeto = new PluginLifecycleListener() {
            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                throw new PluginDisabled("ns", "a", "second");
            }
        };
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(
                List.of(veto, new Recording("2", calls), secondVeto));
        assertThatExceptionOfType(PluginDisabled.class)
            .isThrownBy(() -> composite.onLoadBefore(SPEC, PLUGIN, List.of()))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("first"));
        assertThat(calls).containsExactly("2 loadBefore");
    }

    private record Recording(String id, List<String> calls) implements PluginLifecycleListener {

        @Override
        public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
            this.calls.add(this.id + " resolveException");
        }

        @Override
        public void onResolveAfter(PluginSpec spec) {
            this.calls.add(this.id + " resolveAfter");
        }

        @Override
        public void onInitBefore(PluginSpec spec) {
            this.calls.add(this.id + " initBefore");
        }

        @Override
        public void onInitException(PluginSpec spec, Throwable exception) {
            this.calls.add(this.id + " initException");
        }

        @Override
        public void onInitAfter(PluginSpec spec, Plugin plugin) {
            this.calls.add(this.id + " initAfter");
        }

        @Override
        public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
            this.calls.add(this.id + " loadBefore");
        }

        @Override
        public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
            this.calls.add(this.id + " loadAfter");
        }

        @Override
        public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
            this.calls.add(this.id + " loadException");
        }

        @Override
        public void onDisabled(PluginSpec spec, String reason) {
            this.calls.add(this.id + " disabled");
        }
    }
}
