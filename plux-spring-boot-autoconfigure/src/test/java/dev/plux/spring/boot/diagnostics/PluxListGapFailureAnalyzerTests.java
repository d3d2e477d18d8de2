package dev.plux.spring.boot.diagnostics;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who overrides one item of {@code plux.namespaces} on the command line ({@code --plux.namespaces[1].…}):
 * Boot binds the list from that source alone, finds no item [0] there and fails with "The elements [...] were left
 * unbound" and "Update your application's configuration"; plux's report says why and what to give instead.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluxListGapFailureAnalyzerTests {

    @Test
    void anItemOverriddenInAHigherSourceWithoutTheItemsBeforeItIsExplained(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // what application.yml would hold; the command line below has priority over it
        application.setDefaultProperties(Map.of("plux.namespaces[0].namespace", "test.spring.services",
                "plux.namespaces[1].namespace", "test.spring.cli"));

        assertThatThrownBy(() -> application.run("--plux.namespaces[1].namespace=test.spring.cli",
                "--plux.namespaces[1].load-on-startup=true")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("plux.namespaces[1].load-on-startup, plux.namespaces[1].namespace (from property source"
                    + " \"commandLineArgs\") were not bound")
            .contains("property source \"commandLineArgs\" sets no plux.namespaces[0]")
            .contains("binds the list plux.namespaces from the one property source of highest priority that sets any"
                    + " of its items")
            .contains("replaces the plux.namespaces of every source of lower priority")
            .contains("Give the whole list in property source \"commandLineArgs\", numbered from plux.namespaces[0]")
            .doesNotContain("Bindable@")
            .doesNotContain("Update your application's configuration");
    }

    @Test
    void aGapInAListOfOneSourceIsExplained(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--plux.plugin-directories[0]=plugins",
                "--plux.plugin-directories[2]=more-plugins")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("plux.plugin-directories[2] (from property source \"commandLineArgs\") was not bound")
            .contains("property source \"commandLineArgs\" sets no plux.plugin-directories[1]")
            .doesNotContain("Update your application's configuration");
    }

    @Test
    void aGapInAFileNamesTheFileAndLineOfEachItemLeftUnbound(CapturedOutput output) {
        // Boot's own report prints each unbound property's origin: plux's must not lose the file and line
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--spring.config.name=plux-gap")).isNotNull();

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("plux.namespaces[2] (originating from 'class path resource [plux-gap.properties] - 2:20') was"
                    + " not bound: property source \"Config resource 'class path resource [plux-gap.properties]'")
            .contains("sets no plux.namespaces[1]");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

    }
}
