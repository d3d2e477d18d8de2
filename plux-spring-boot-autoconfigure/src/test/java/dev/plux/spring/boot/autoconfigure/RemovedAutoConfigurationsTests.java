package dev.plux.spring.boot.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemovedAutoConfigurationsTests {

    private static final String ENDPOINT = "dev.plux.spring.boot.autoconfigure.actuate.PluxEndpointAutoConfiguration";

    private static final String HEALTH =
            "dev.plux.spring.boot.autoconfigure.actuate.PluxHealthContributorAutoConfiguration";

    private static final String METRICS = "dev.plux.spring.boot.autoconfigure.observation.PluxMetricsAutoConfiguration";

    private static final String OBSERVATION =
            "dev.plux.spring.boot.autoconfigure.observation.PluxObservationAutoConfiguration";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withUserConfiguration(Application.class);

    @Test
    void anExclusionOfARemovedAutoConfigurationInThePropertyIsWarnedOnceWithWhatToWriteInstead(
            CapturedOutput output) {
        this.contextRunner.withPropertyValues("spring.autoconfigure.exclude=" + HEALTH).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(warnings(output)).containsExactly("spring.autoconfigure.exclude"
                    + " (\"spring.autoconfigure.exclude\" from property source \"test\") names " + HEALTH
                    + ", an auto-configuration of plux 0.1 that no longer exists: Spring Boot ignores it, so the plux"
                    + " health indicator is on. To turn it off, set management.health.plux.enabled=false; to turn"
                    + " off the plux endpoint too, exclude"
                    + " dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration instead.");
        });
    }

    @Test
    void theWarningSaysWhereInAFileThePropertyIsSet(CapturedOutput output) {
        Origin origin = new TextResourceOrigin(new ClassPathResource("application.properties"),
                new TextResourceOrigin.Location(2, 29));
        this.contextRunner.withInitializer((context) -> context.getEnvironment()
            .getPropertySources()
            .addFirst(new OriginTrackedMapPropertySource("Config resource 'application.properties'",
                    Map.of("spring.autoconfigure.exclude", OriginTrackedValue.of("com.example.Other," + HEALTH,
                            origin)))))
            .run((context) -> assertThat(warnings(output)).singleElement()
                .asString()
                .startsWith("spring.autoconfigure.exclude (class path resource [application.properties] - 3:30)"
                        + " names " + HEALTH + ","));
    }

    @Test
    void eachRemovedAutoConfigurationGetsItsOwnSwitch(CapturedOutput output) {
        this.contextRunner
            .withPropertyValues("spring.autoconfigure.exclude[0]=" + ENDPOINT, "spring.autoconfigure.exclude[1]="
                    + METRICS, "spring.autoconfigure.exclude[2]=" + OBSERVATION)
            .run(context -> {
                List<String> warnings = warnings(output);
                assertThat(warnings).hasSize(3);
                assertThat(warnings.get(0)).contains("(\"spring.autoconfigure.exclude[0]\" from property source",
                        "names " + ENDPOINT + ",", "so the plux endpoint is on",
                        "set management.endpoint.plux.access=none;");
                assertThat(warnings.get(1)).contains("names " + METRICS + ",", "so the plux.plugins gauge is on",
                        "set management.metrics.enable.plux.plugins=false;",
                        "PluxMicrometerAutoConfiguration instead");
                assertThat(warnings.get(2)).contains("names " + OBSERVATION + ",",
                        "so the plux.plugin.load observation is on", "set management.observations.enable.plux=false;");
            });
    }

    @Test
    void anExclusionOnTheAnnotationIsWarnedAsSuch(CapturedOutput output) {
        new ApplicationContextRunner().withUserConfiguration(ExcludingApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(warnings(output)).singleElement()
                .asString()
                .contains("the exclude or excludeName of @SpringBootApplication, @EnableAutoConfiguration or"
                        + " @ImportAutoConfiguration names " + METRICS + ", an auto-configuration of plux 0.1");
        });
    }

    @Test
    void withoutSuchAnExclusionNothingIsWarned(CapturedOutput output) {
        this.contextRunner
            .withPropertyValues("spring.autoconfigure.exclude="
                    + "org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(warnings(output)).isEmpty();
            });
    }

    @Test
    void readsNoPropertyForExclusionsOfOtherClasses(CapturedOutput output) {
        // an application that excludes other auto-configurations must not pay for a property read
        RemovedAutoConfigurations.warnOf(List.of("org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration",
                PluxAutoConfiguration.class.getName()), new StandardEnvironment() {

                    @Override
                    public MutablePropertySources getPropertySources() {
                        throw new AssertionError("read the property sources");
                    }
                });
        assertThat(warnings(output)).isEmpty();
    }

    @Test
    void anExclusionRecordedTwiceIsWarnedOnce(CapturedOutput output) {
        RemovedAutoConfigurations.warnOf(List.of(METRICS, METRICS), new StandardEnvironment());
        assertThat(warnings(output)).singleElement().asString().startsWith("the exclude or excludeName of");
    }

    /** The messages of the warnings logged (the test pattern abbreviates the logger's package). */
    private static List<String> warnings(CapturedOutput output) {
        String logger = RemovedAutoConfigurations.class.getSimpleName() + " - ";
        return output.getOut()
            .lines()
            .filter((line) -> line.contains(" WARN ") && line.contains(logger))
            .map((line) -> line.substring(line.indexOf(logger) + logger.length()))
            .toList();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = METRICS)
    static class ExcludingApplication {

    }
}
