package dev.plux.samples.app;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import dev.plux.samples.greeting.GreetingPlugin;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.PluxNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * A test that replaces plux's managers with Mockito mocks, as a Spring Boot developer does with any bean: every
 * injection point gets the mock, the {@link PluginManagers} registry included, under the namespace the mocked bean
 * was configured for (a mock answers {@code namespace()} with {@code null}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MockedPluginManagerTests {

    @MockitoBean
    PluginManager<GreetingPlugin> greetings;

    @MockitoBean
    @PluxNamespace("plux.samples.startup")
    PluginManager<Plugin> startup;

    @Autowired
    PluginManagers managers;

    @Test
    void theRegistryHoldsEachMockUnderItsConfiguredNamespace() {
        assertThat(this.managers.get("plux.samples.greetings")).isSameAs(this.greetings);
        assertThat(this.managers.get("plux.samples.startup")).isSameAs(this.startup);
        assertThat(this.managers.all()).containsExactly(this.greetings, this.startup);
    }

    @Test
    void aMockedManagerAnswersWhatTheTestSays() {
        given(this.greetings.load("hello")).willReturn((who) -> "Mocked hello, " + who);

        assertThat(((GreetingPlugin) this.managers.get("plux.samples.greetings").load("hello")).greet("test"))
            .isEqualTo("Mocked hello, test");
        assertThat(this.greetings.listContainers()).isEqualTo(List.of());
    }
}
