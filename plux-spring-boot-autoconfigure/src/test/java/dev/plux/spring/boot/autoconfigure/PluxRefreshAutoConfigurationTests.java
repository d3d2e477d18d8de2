package dev.plux.spring.boot.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PluxRefreshAutoConfiguration} backs off without Spring Cloud: this module's Surefire tests run without
 * spring-cloud-context, as an application without Spring Cloud does. With it, {@code SpringCloudRefreshIT}.
 */
@Timeout(30)
class PluxRefreshAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(PluxAutoConfiguration.class, PluxRefreshAutoConfiguration.class));

    @Test
    void withoutSpringCloudOnTheClassPathThereIsNoWarningListener() {
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.services").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(PluxConfigurationChangeWarning.class);
            assertThat(context.getClassLoader().getResource(
                    PluxConfigurationChangeWarning.ENVIRONMENT_CHANGE_EVENT.replace('.', '/') + ".class")).isNull();
        });
    }

    @Test
    void theChangesNameEachPluxKeyAddedRemovedOrChangedInKeyOrder() {
        assertThat(PluxConfigurationChangeWarning.changes(
                Map.of("plux.exclude[0].name", "a", "plux.namespaces[0].namespace", "ns",
                        "plux.autowire", "true"),
                Map.of("plux.exclude[0].name", "b", "plux.namespaces[0].namespace", "ns",
                        "plux.namespaces[1].namespace", "other")))
            .containsExactly(Map.entry("plux.autowire", "removed"),
                    Map.entry("plux.exclude[0].name", "changed"),
                    Map.entry("plux.namespaces[1].namespace", "added"));
    }
}
