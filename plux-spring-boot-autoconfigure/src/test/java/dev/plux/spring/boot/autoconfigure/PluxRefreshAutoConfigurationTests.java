package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
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
    void bootsImportFilterDropsItByTheEventClassNameWithoutReadingTheClass() throws IOException {
        // what AutoConfigurationImportSelector's filter reads: a candidate with a ConditionalOnClass entry here is
        // dropped by a class look-up alone when the class is missing; without it the class would be read with ASM
        // and its conditions evaluated in every application
        Properties metadata = new Properties();
        Enumeration<URL> files = getClass().getClassLoader()
            .getResources("META-INF/spring-autoconfigure-metadata.properties");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                metadata.load(in);
            }
        }
        String name = PluxRefreshAutoConfiguration.class.getName();
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
            .contains(name);
        assertThat(metadata.getProperty(name + ".ConditionalOnClass"))
            .isEqualTo(PluxConfigurationChangeWarning.ENVIRONMENT_CHANGE_EVENT);
        assertThat(metadata.getProperty(name + ".AutoConfigureAfter")).isEqualTo(PluxAutoConfiguration.class.getName());
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
