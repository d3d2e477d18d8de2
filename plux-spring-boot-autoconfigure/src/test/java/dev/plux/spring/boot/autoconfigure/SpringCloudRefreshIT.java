package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import dev.plux.core.PluginDisabled;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.context.restart.RestartEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * plux under Spring Cloud's refresh ({@code POST /actuator/refresh}, {@link ContextRefresher#refresh()}): the
 * configuration is re-read from its files, and plux, which binds {@code plux.*} once, says so when a refresh changed
 * it, rather than leaving {@code /actuator/env} to show values the managers do not follow. Run by failsafe, whose
 * class path alone holds spring-cloud-context (see the module's pom).
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class SpringCloudRefreshIT {

    private static final String SERVICES = "test.spring.services";

    private static final String WARNING = "plux.* changed after the application context started";

    private static final String STARTUP = """
            plux.namespaces[0].namespace=test.spring.services
            plux.namespaces[0].plugin-type=dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin
            plux.namespaces[0].exclude[0]=legacy*
            app.greeting=hello
            """;

    @TempDir
    Path directory;

    @Test
    void aRefreshThatChangesPluxKeysWarnsNamingThemAndTheManagersKeepTheirStartupConfiguration(CapturedOutput output)
            throws IOException {
        Path file = write(STARTUP);
        try (ConfigurableApplicationContext context = run(file)) {
            write(STARTUP.replace("legacy*", "s3") + """
                    plux.exclude[0].name=sqs
                    plux.namespaces[1].namespace=test.spring.cli
                    """);

            Set<String> refreshed = context.getBean(ContextRefresher.class).refresh();

            assertThat(refreshed).contains("plux.namespaces[0].exclude[0]", "plux.exclude[0].name");
            String warning = output.getOut().lines().filter((line) -> line.contains(WARNING)).findFirst().orElse("");
            assertThat(warning).contains("WARN", "plux.namespaces[0].exclude[0] (changed)",
                    "plux.exclude[0].name (added)", "plux.namespaces[1].namespace (added)",
                    "Restart the application to apply the change")
                .doesNotContain("app.greeting");
            // bound once: the startup filters still decide, and no manager for the new namespace
            PluginManager<?> services = context.getBean(PluginManagers.class).get(SERVICES);
            assertThat(services.load("s3")).isInstanceOf(ServicePlugin.class);
            assertThat(services.load("sqs")).isInstanceOf(ServicePlugin.class);
            assertThatThrownBy(() -> services.load("legacy-queue")).isInstanceOf(PluginDisabled.class);
            assertThat(context.getBean(PluginManagers.class).contains("test.spring.cli")).isFalse();
        }
    }

    @Test
    void aRefreshThatChangesNoPluxKeyOrNothingNewOrPutsThemBackWarnsOfNothing(CapturedOutput output) throws IOException {
        Path file = write(STARTUP);
        try (ConfigurableApplicationContext context = run(file)) {
            ContextRefresher refresher = context.getBean(ContextRefresher.class);
            write(STARTUP.replace("app.greeting=hello", "app.greeting=hi"));
            assertThat(refresher.refresh()).containsExactly("app.greeting");
            assertThat(output.getOut()).doesNotContain(WARNING);

            write(STARTUP.replace("legacy*", "s3"));
            assertThat(refresher.refresh()).contains("plux.namespaces[0].exclude[0]");
            assertThat(count(output.getOut(), WARNING)).isOne();
            // a refresh that changes nothing more (Spring Cloud Bus refreshes on any change) says it no second time
            assertThat(refresher.refresh()).isEmpty();
            assertThat(count(output.getOut(), WARNING)).isOne();

            write(STARTUP);
            assertThat(refresher.refresh()).contains("plux.namespaces[0].exclude[0]");
            assertThat(count(output.getOut(), WARNING)).isOne();
            assertThat(count(output.getOut(), "plux.* is back to the configuration")).isOne();
        }
    }

    @Test
    void aRefreshToAPluxConfigurationThatWouldFailStartupSaysWhyBeforeARestartFindsOut(CapturedOutput output)
            throws IOException {
        Path file = write(STARTUP);
        try (ConfigurableApplicationContext context = run(file)) {
            // a typo that Spring Cloud's restart endpoint would meet only after closing the running context
            write(STARTUP + "plux.namespaces[0].plugin-typ=" + ServicePlugin.class.getName() + "\n");

            context.getBean(ContextRefresher.class).refresh();

            String warning = output.getOut().lines().filter((line) -> line.contains(WARNING)).findFirst().orElse("");
            assertThat(warning).contains("plux.namespaces[0].plugin-typ (added)",
                    "As it is now, the configuration would fail startup",
                    "unknown key 'plugin-typ' under plux.namespaces[0]", "did you mean 'plugin-type'?");
            assertThat(context.isActive()).isTrue();
        }
    }

    @Test
    void aRestartClosesThePluginsAndTheNewContextCreatesLoadsAndFailsThemAgainWithTheRefreshedConfiguration(
            CapturedOutput output) throws IOException {
        Path file = write(STARTUP + """
                plux.namespaces[1].namespace=test.spring.failing
                plux.namespaces[1].load-on-startup=true
                plux.startup.parallelism=2
                management.endpoint.restart.enabled=true
                management.endpoints.web.exposure.include=restart
                """);
        ConfigurableApplicationContext first = run(file);
        ConfigurableApplicationContext second = null;
        try {
            PluginManager<?> failing = first.getBean(PluginManagers.class).get("test.spring.failing");
            Object good = failing.load("good");
            assertThat(failing.getContainer("broken").state()).isEqualTo(PluginState.LOAD_FAILED);
            PluginManager<?> services = first.getBean(PluginManagers.class).get(SERVICES);
            assertThatThrownBy(() -> services.load("legacy-queue")).isInstanceOf(PluginDisabled.class);
            // the refreshed file is what the restarted context binds (Spring Cloud hands it the same environment)
            Files.writeString(file, Files.readString(file).replace("legacy*", "s3"));
            first.getBean(ContextRefresher.class).refresh();
            assertThat(output.getOut()).contains(WARNING);

            second = first.getBean(RestartEndpoint.class).doRestart();

            assertThat(second).isNotSameAs(first);
            assertThat(first.isActive()).isFalse();
            PluginManager<?> failingAgain = second.getBean(PluginManagers.class).get("test.spring.failing");
            assertThat(failingAgain).isNotSameAs(failing);
            assertThat(failingAgain.isLoaded("good")).isTrue();
            assertThat(failingAgain.load("good")).isNotSameAs(good);
            assertThat(failingAgain.getContainer("broken").state()).isEqualTo(PluginState.LOAD_FAILED);
            PluginManager<?> servicesAgain = second.getBean(PluginManagers.class).get(SERVICES);
            assertThat(servicesAgain.load("legacy-queue")).isInstanceOf(ServicePlugin.class);
            assertThatThrownBy(() -> servicesAgain.load("s3")).isInstanceOf(PluginDisabled.class);
            // startup loading's threads of both contexts ended
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch((name) -> name.startsWith("plux-"));
        }
        finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private Path write(String properties) throws IOException {
        return Files.writeString(this.directory.resolve("plux.properties"), properties);
    }

    private static int count(String output, String text) {
        return (int) output.lines().filter((line) -> line.contains(text)).count();
    }

    private static ConfigurableApplicationContext run(Path file) {
        return new SpringApplicationBuilder(RefreshedApplication.class).web(WebApplicationType.NONE)
            // a URI: Spring reads a file: location as a URL, where a '#' or '%' in the path (of a temporary
            // directory too) would end or escape it
            .properties("spring.config.import=optional:" + file.toAbsolutePath().toUri())
            .run();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class RefreshedApplication {

    }
}
