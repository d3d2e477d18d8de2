package dev.plux.spring.boot.autoconfigure.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.boot.PluginFixtures;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-observation-per-plugin rule when a listener disables a plugin from {@code onLoadAfter}: the manager
 * calls {@code onLoadAfter} (every listener) and then {@code onDisabled} for the same spec on the same thread.
 */
class ObservationPluginLifecycleListenerTests {

    private static final String NS = "test.settling";

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private final ObservationPluginLifecycleListener observing = new ObservationPluginLifecycleListener(this.registry);

    @Test
    void pluginDisabledByALaterListenerInOnLoadAfterIsObservedOnce() {
        PluginManager<Plugin> manager = manager(List.of(this.observing, disabling("good")));
        assertThatThrownBy(() -> manager.load("good")).isInstanceOf(PluginDisabled.class);
        assertThat(manager.getContainer("good").state()).isEqualTo(PluginState.DISABLED);
        assertThat(observed("good")).singleElement()
            .satisfies(context -> assertThat(outcome(context)).isEqualTo("loaded"));
        assertThat(this.registry.getCurrentObservation()).isNull();
    }

    @Test
    void pluginDisabledByAnEarlierListenerInOnLoadAfterIsObservedOnce() {
        PluginManager<Plugin> manager = manager(List.of(disabling("good"), this.observing));
        assertThatThrownBy(() -> manager.load("good")).isInstanceOf(PluginDisabled.class);
        assertThat(observed("good")).hasSize(1);
    }

    @Test
    void disabledPluginOfAnotherManagerIsStillObservedAfterALoadOnTheSameThread() {
        PluginManager<Plugin> first = manager(List.of(this.observing));
        first.load("good");
        // same namespace and plugin names, other spec instances: "filtered" is disabled by the fixture filter
        PluginManager<Plugin> second = manager(List.of(this.observing));
        assertThatThrownBy(() -> second.load("filtered")).isInstanceOf(PluginDisabled.class);
        assertThatThrownBy(() -> first.load("filtered")).isInstanceOf(PluginDisabled.class);
        assertThat(observed("good")).hasSize(1);
        assertThat(observed("filtered")).hasSize(2)
            .allSatisfy(context -> assertThat(outcome(context)).isEqualTo("disabled"));
    }

    @Test
    void listenerThatLoadsAnotherPluginBeforeDisablingStillYieldsOneObservationPerPlugin() {
        AtomicReference<@Nullable PluginManager<Plugin>> self = new AtomicReference<>();
        PluginLifecycleListener loadThenDisable = new PluginLifecycleListener() {
            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                if (spec.name().equals("good")) {
                    self.get().load("helper");
                }
            }
        };
        PluginManager<Plugin> manager = manager(List.of(this.observing, loadThenDisable, disabling("good")),
                builder -> builder.finder(() -> List.of(PluginSpec.of(NS, "good", PluginFixtures.Good.class),
                        PluginSpec.of(NS, "helper", PluginFixtures.Good.class))));
        self.set(manager);
        assertThatThrownBy(() -> manager.load("good")).isInstanceOf(PluginDisabled.class);
        assertThat(manager.getContainer("helper").state()).isEqualTo(PluginState.LOADED);
        assertThat(observed("good")).hasSize(1);
        assertThat(observed("helper")).hasSize(1);
        assertThat(this.registry.getCurrentObservation()).isNull();
    }

    @Test
    void pluginDisabledWhileInFlightIsObservedAsDisabled() {
        PluginLifecycleListener disablingBeforeLoad = new PluginLifecycleListener() {
            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                throw new PluginDisabled(spec.namespace(), spec.name(), "not today");
            }
        };
        PluginManager<Plugin> manager = manager(List.of(this.observing, disablingBeforeLoad));
        assertThatThrownBy(() -> manager.load("good")).isInstanceOf(PluginDisabled.class);
        assertThat(observed("good")).singleElement().satisfies(context -> {
            assertThat(outcome(context)).isEqualTo("disabled");
            assertThat(context.getDisabledReason()).isEqualTo("not today");
        });
    }

    private static PluginLifecycleListener disabling(String name) {
        return new PluginLifecycleListener() {
            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                if (spec.name().equals(name)) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "disabled after load");
                }
            }
        };
    }

    private static PluginManager<Plugin> manager(List<PluginLifecycleListener> listeners) {
        return PluginFixtures.manager(NS, listeners);
    }

    private static PluginManager<Plugin> manager(List<PluginLifecycleListener> listeners,
            java.util.function.Consumer<PluginManager.Builder<Plugin>> customizer) {
        return PluginFixtures.manager(NS, listeners, customizer);
    }

    private List<PluginLoadContext> observed(String plugin) {
        List<Observation.Context> handled = new ArrayList<>();
        TestObservationRegistryAssert.assertThat(this.registry).hasHandledContextsThatSatisfy(handled::addAll);
        return handled.stream()
            .filter(PluginLoadContext.class::isInstance)
            .map(PluginLoadContext.class::cast)
            .filter(context -> context.getSpec().name().equals(plugin))
            .toList();
    }

    private static String outcome(PluginLoadContext context) {
        return context.getLowCardinalityKeyValue("outcome").getValue();
    }
}
