package dev.plux.samples.app;

import java.util.concurrent.TimeUnit;

import dev.plux.runtime.PluginManager;
import dev.plux.samples.greeting.GreetingPlugin;
import dev.plux.spring.PluginManagers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;

/**
 * A test that wraps plux's manager in a Mockito spy, as the README's "Testing" section says: the real plugins load
 * through it, the registry holds it, and the test verifies the calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SpiedPluginManagerTests {

    @MockitoSpyBean
    PluginManager<GreetingPlugin> greetings;

    @Autowired
    PluginManagers managers;

    @BeforeEach
    void forgetTheCallsOfStartup() {
        // GreetingTable loads every greeting while the context starts, through the spy: Spring resets the spy after
        // each test method only, so without this the first method would count those calls too
        clearInvocations(this.greetings);
    }

    @Test
    void theSpiedManagerLoadsTheRealPluginsAndRecordsTheCalls() {
        GreetingPlugin hello = this.greetings.load("hello");

        assertThat(hello.greet("test")).isEqualTo("Hello, test!");
        verify(this.greetings).load("hello");
        assertThat(this.managers.get("plux.samples.greetings")).isSameAs(this.greetings);
    }
}
