package dev.plux.spring.boot.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PluxConfigurationChangeWarning} without Spring Cloud (Surefire's class path has none): the listener does not
 * look at the event's type once the multicaster chose it, so any event stands for Spring Cloud's here; with Spring
 * Cloud's own refresh, {@code SpringCloudRefreshIT}.
 */
@Timeout(30)
@ExtendWith(OutputCaptureExtension.class)
class PluxConfigurationChangeWarningTests {

    @Test
    void checkingTheChangedConfigurationRepeatsNoWarningThatStartupGaveAlready(CapturedOutput output) {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            Map<String, Object> properties = new HashMap<>(Map.of("plux.namespaces[0].namespace",
                    "test.spring.services", "plux.sample-warm-up", "1"));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("trial", properties));
            // startup's binding, which warns once of the key plux ignores
            PluxSettings.bind(context.getEnvironment(), getClass().getClassLoader());
            PluxConfigurationChangeWarning warning = new PluxConfigurationChangeWarning();
            warning.setApplicationContext(context);
            assertThat(count(output, "plux ignores plux.sample-warm-up")).isOne();

            properties.put("plux.namespaces[0].load-on-startup", "true");
            warning.onApplicationEvent(new ContextRefreshedEvent(context));

            assertThat(count(output, "plux.* changed after the application context started"
                    + ": plux.namespaces[0].load-on-startup (added)")).isOne();
            // the check binds as startup does, but says only what the change WARN says
            assertThat(count(output, "plux ignores plux.sample-warm-up")).isOne();
        }
    }

    private static long count(CapturedOutput output, String text) {
        return output.getOut().lines().filter((line) -> line.contains(text)).count();
    }
}
