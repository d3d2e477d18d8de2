package dev.plux.samples.app;

import java.util.concurrent.TimeUnit;

import dev.plux.core.PluginDisabled;
import dev.plux.runtime.PluginManager;
import dev.plux.samples.greeting.GreetingPlugin;
import dev.plux.spring.boot.autoconfigure.PluxAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} slice of a controller that injects a {@code PluginManager}: a slice runs only the
 * auto-configurations of its layer, so the test imports plux's, and the controller gets the managers of
 * {@code application.yml} with their real plugins.
 */
@WebMvcTest(GreetingControllerSliceTests.GreetingController.class)
@Import(GreetingControllerSliceTests.GreetingController.class)
@ImportAutoConfiguration(PluxAutoConfiguration.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GreetingControllerSliceTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theControllerGreetsWithTheConfiguredPlugin() throws Exception {
        this.mvc.perform(get("/greet/hello")).andExpect(status().isOk()).andExpect(content().string("Hello, test!"));
    }

    @Test
    void aPluginTheConfigurationExcludesIsDisabledInTheSliceToo() throws Exception {
        // application.yml excludes *legacy*: the slice reads the same plux.namespaces
        this.mvc.perform(get("/greet/legacy-hello")).andExpect(status().isConflict());
    }

    /** A controller that greets with the plugin its path names. */
    @RestController
    static class GreetingController {

        private final PluginManager<GreetingPlugin> greetings;

        GreetingController(PluginManager<GreetingPlugin> greetings) {
            this.greetings = greetings;
        }

        @GetMapping("/greet/{name}")
        String greet(@PathVariable String name) {
            return this.greetings.load(name).greet("test");
        }

        @ExceptionHandler(PluginDisabled.class)
        @ResponseStatus(HttpStatus.CONFLICT)
        void disabled() {
        }
    }
}
