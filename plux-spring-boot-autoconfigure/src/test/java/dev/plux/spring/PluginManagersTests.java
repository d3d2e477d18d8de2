package dev.plux.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@Timeout(60)
class PluginManagersTests {

    private final PluginManager<Plugin> cli = PluginManager.<Plugin>builder("test.spring.cli").build();

    private final PluginManager<Plugin> services = PluginManager.<Plugin>builder("test.spring.services").build();

    @Test
    void getReturnsTheManagerOfANamespace() {
        PluginManagers managers = new PluginManagers(List.of(this.cli, this.services));
        assertThat(managers.get("test.spring.services")).isSameAs(this.services);
        assertThat(managers.contains("test.spring.cli")).isTrue();
        assertThat(managers.all()).containsExactly(this.cli, this.services);
    }

    @Test
    void getOfAnUnknownNamespaceListsTheConfiguredOnes() {
        PluginManagers managers = new PluginManagers(List.of(this.cli));
        assertThatIllegalArgumentException().isThrownBy(() -> managers.get("test.spring.nope"))
            .withMessageContaining("test.spring.nope")
            .withMessageContaining("[test.spring.cli]");
    }

    @Test
    void managersKeyedByNamespaceAreFoundUnderThatKeyInItsOrder() {
        // a test double answers namespace() with null: the key, not the manager, names the namespace
        PluginManager<Plugin> mock = new PluginManager<>("test.spring.cli") {
            @Override
            public String namespace() {
                return null;
            }
        };
        Map<String, PluginManager<?>> byNamespace = new LinkedHashMap<>();
        byNamespace.put("test.spring.services", this.services);
        byNamespace.put("test.spring.cli", mock);

        PluginManagers managers = new PluginManagers(byNamespace);

        assertThat(managers.get("test.spring.cli")).isSameAs(mock);
        assertThat(managers.contains("test.spring.services")).isTrue();
        assertThat(managers.all()).containsExactly(this.services, mock);
    }

    @Test
    void twoManagersOfOneNamespaceAreRejected() {
        PluginManager<Plugin> again = PluginManager.<Plugin>builder("test.spring.cli").build();
        assertThatIllegalArgumentException().isThrownBy(() -> new PluginManagers(List.of(this.cli, again)))
            .withMessageContaining("test.spring.cli");
    }

    @Test
    void theRegistryKeyedByNamespaceAsksItsManagersNothing() {
        // the auto-configuration builds it at startup over a test's @MockitoBean managers: a call would be an
        // interaction of the mock that the test did not make (verifyNoInteractions fails in the first test method)
        AtomicInteger calls = new AtomicInteger();
        PluginManager<Plugin> counted = new PluginManager<>("test.spring.cli") {
            @Override
            public String namespace() {
                calls.incrementAndGet();
                return super.namespace();
            }
        };

        PluginManagers managers = new PluginManagers(Map.of("test.spring.cli", counted));

        assertThat(managers.get("test.spring.cli")).isSameAs(counted);
        assertThat(calls).hasValue(0);
    }

    @Test
    void aNullNamespaceOrManagerIsRejectedWhenTheRegistryIsCreated() {
        // not later, as a get that says the namespace is not configured or an all() that throws
        Map<String, PluginManager<?>> nullManager = new LinkedHashMap<>();
        nullManager.put("test.spring.cli", null);
        assertThatNullPointerException().isThrownBy(() -> new PluginManagers(nullManager))
            .withMessage("no plugin manager is given for namespace test.spring.cli");
        Map<String, PluginManager<?>> nullNamespace = new LinkedHashMap<>();
        nullNamespace.put(null, this.cli);
        assertThatNullPointerException().isThrownBy(() -> new PluginManagers(nullNamespace))
            .withMessage("a plugin manager is given for a null namespace");
    }
}
