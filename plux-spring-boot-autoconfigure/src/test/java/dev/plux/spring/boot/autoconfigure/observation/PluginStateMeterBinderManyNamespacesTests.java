package dev.plux.spring.boot.autoconfigure.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagers;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code plux.plugins} gauges of many namespaces: binding and closing look the registry's meters up a bounded
 * number of times, not once per gauge. Micrometer's {@code getMeters()} copies every meter of the registry, and its
 * {@code find(...)} calls it, so a look-up per gauge made binding and closing quadratic in the namespaces: with 1,000
 * namespaces (8,000 gauges) closing the context took most of a 9 s start-and-close in the probe.
 */
@Timeout(60)
class PluginStateMeterBinderManyNamespacesTests {

    @Test
    void bindingAndClosingTheGaugesOfTwoHundredNamespacesListTheRegistrysMetersAFewTimesOnly() {
        AtomicInteger listings = new AtomicInteger();
        SimpleMeterRegistry registry = new SimpleMeterRegistry() {

            @Override
            public List<Meter> getMeters() {
                listings.incrementAndGet();
                return super.getMeters();
            }
        };
        List<String> namespaces = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            namespaces.add("test.ns" + i);
        }
        PluginStateMeterBinder binder = new PluginStateMeterBinder(() -> new PluginManagers(List.of()), namespaces);

        binder.bindTo(registry);
        int bound = listings.getAndSet(0);
        assertThat(registry.find(PluginStateMeterBinder.NAME).gauges())
            .hasSize(200 * PluginState.values().length);
        listings.set(0);
        binder.close();

        // before: one listing per gauge when binding (1,600) and again when closing
        assertThat(bound).isLessThanOrEqualTo(2);
        assertThat(listings.get()).isLessThanOrEqualTo(2);
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void closingOneOfTwoBindersOfTheSameNamespacesKeepsTheGaugesForTheOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> namespaces = List.of("test.a", "test.b");
        PluginStateMeterBinder first = new PluginStateMeterBinder(() -> new PluginManagers(List.of()), namespaces);
        PluginStateMeterBinder second = new PluginStateMeterBinder(() -> new PluginManagers(List.of()), namespaces);
        first.bindTo(registry);
        second.bindTo(registry);

        first.close();
        assertThat(registry.find(PluginStateMeterBinder.NAME).gauges()).hasSize(2 * PluginState.values().length);
        second.close();
        assertThat(registry.find(PluginStateMeterBinder.NAME).gauges()).isEmpty();
    }
}
