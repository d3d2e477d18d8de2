package dev.plux.runtime;

import java.util.ArrayList;
import java.util.List;

import dev.plux.QuietLogs;
import dev.plux.TestPlugins;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.core.PluginTypeMismatchException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which callback hears of the failures and disablings that plux tells no listener of: a filter or a load condition
 * that throws (in plux the error escapes {@code load()} unrecorded), a plugin of the wrong type (plux checks none),
 * and a {@code PluginDisabled} without a reason ({@code onDisabled} is not in plux).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailureListenersTest {

    private static final String NS = "test.failure.listeners";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class);

    @Test
    void aFailingFilterIsToldToOnInitExceptionAndAFailingLoadConditionToOnLoadException() {
        List<String> events = new ArrayList<>();
        List<Throwable> told = new ArrayList<>();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(PluginSpec.of(NS, "filtered", TestPlugins.Noop.class),
                    new PluginSpec(NS, "condition", () -> new Plugin() {
                        @Override
                        public boolean shouldLoad() {
                            throw new IllegalStateException("condition bug");
                        }
                    })))
            .filter((spec) -> {
                if (spec.name().equals("filtered")) {
                    throw new IllegalStateException("filter bug");
                }
                return false;
            })
            .listener(new TestPlugins.RecordingListener(events))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onInitException(PluginSpec spec, Throwable exception) {
                    told.add(exception);
                }

                @Override
                public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
                    told.add(exception);
                }
            })
            .build();
        assertThat(manager.loadAll()).isEmpty();
        // the filter runs before onInitBefore, the load condition before onLoadBefore: neither is told
        assertThat(events).containsExactly("resolveAfter filtered", "resolveAfter condition", "initException filtered",
                "initBefore condition", "initAfter condition", "loadException condition");
        // the filter's failure comes wrapped, naming the filter; the load condition's as it was thrown
        assertThat(told).hasSize(2);
        assertThat(told.get(0)).isInstanceOf(PluginException.class)
            .hasMessageContaining("plugin filter")
            .hasRootCauseMessage("filter bug")
            .isSameAs(manager.getContainer("filtered").initError());
        assertThat(told.get(1)).isExactlyInstanceOf(IllegalStateException.class)
            .hasMessage("condition bug")
            .isSameAs(manager.getContainer("condition").loadError());
    }

    @Test
    void aPluginOfAnotherTypeIsToldToOnInitException() {
        List<Throwable> told = new ArrayList<>();
        PluginManager<TestPlugins.Echo> manager = PluginManager.<TestPlugins.Echo>builder(NS)
            .finder(() -> List.of(PluginSpec.of(NS, "noop", TestPlugins.Noop.class)))
            .pluginType(TestPlugins.Echo.class)
            .listener(new PluginLifecycleListener() {
                @Override
                public void onInitException(PluginSpec spec, Throwable exception) {
                    told.add(exception);
                }
            })
            .build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("noop"));
        assertThat(told).singleElement().isInstanceOf(PluginTypeMismatchException.class)
            .isSameAs(manager.getContainer("noop").initError());
    }

    @Test
    void onDisabledIsToldDisabledWhenThePluginDisabledCarriesNoReason() {
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "quiet", () -> new Plugin() {
                @Override
                public @Nullable Object load(Object... args) {
                    throw new PluginDisabled(NS, "quiet", null);
                }
            })))
            .listener(new TestPlugins.RecordingListener(events))
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("quiet"))
            .withMessage("plugin " + NS + ":quiet is disabled")
            .satisfies((ex) -> assertThat(ex.reason()).isNull());
        // the container keeps the reason it was given (none); the listener, whose reason is never null, reads so
        assertThat(manager.getContainer("quiet").disabledReason()).isNull();
        assertThat(events).containsOnlyOnce("disabled quiet: disabled");
    }
}
