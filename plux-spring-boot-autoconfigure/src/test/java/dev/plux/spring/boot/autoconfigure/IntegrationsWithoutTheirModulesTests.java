package dev.plux.spring.boot.autoconfigure;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.observation.PluxMicrometerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * plux's Actuator and Micrometer integrations in an {@code ApplicationContextRunner} whose class path really lacks
 * their modules, as a library's test that builds on plux has it. Import filters (plux's {@code IntegrationClassFilter},
 * Boot's) do not run there: the classes are registered as they are, and Spring reads their annotations by reflection,
 * so Boot's conditions alone must switch the integrations off. A {@code FilteredClassLoader} cannot show this, since
 * the integration classes are then loaded where the missing classes are still there.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntegrationsWithoutTheirModulesTests {

    private static final String ENDPOINT = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

    private static final String OBSERVATION_AUTO_CONFIGURATION =
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration";

    // the jars of Actuator, Boot's health and Micrometer modules, and Micrometer's core (the test class path has them)
    private static final List<String> LEFT_OUT = List.of("spring-boot-actuator", "spring-boot-health",
            "spring-boot-micrometer-", "micrometer-core");

    @Test
    void withoutActuatorAndBootsMicrometerModulesBootsConditionsSwitchTheIntegrationsOffAndSaySo() throws Exception {
        try (URLClassLoader loader = new URLClassLoader("without-actuator", classPathWithout(LEFT_OUT),
                ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource(ENDPOINT.replace('.', '/') + ".class")).isNull();
            Map<String, String> outcomes = runIn(loader);

            assertThat(outcomes).containsEntry("started", "true");
            // neither integration's configuration class becomes a bean (before, the Micrometer one did, its
            // @ConditionalOnClass lost: Spring drops an annotation whose class value it cannot load)
            assertThat(outcomes.get("beans")).contains("PluxAutoConfiguration")
                .doesNotContain(PluxActuatorAutoConfiguration.class.getSimpleName())
                .doesNotContain(PluxMicrometerAutoConfiguration.class.getSimpleName());
            assertThat(outcomes.get(PluxActuatorAutoConfiguration.class.getName()))
                .contains("OnClassCondition: @ConditionalOnClass did not find required class '" + ENDPOINT + "'");
            assertThat(outcomes.get(PluxMicrometerAutoConfiguration.class.getName()))
                .contains("OnClassCondition: @ConditionalOnClass did not find required class '"
                        + OBSERVATION_AUTO_CONFIGURATION + "'");
        }
    }

    @Test
    void withBootsObservationModuleButNotItsMetricsModuleOnlyTheMetricsPartIsOff() throws Exception {
        // spring-boot-micrometer-observation stays; Boot's metrics module and Micrometer's core go
        try (URLClassLoader loader = new URLClassLoader("without-metrics", classPathWithout(List.of(
                "spring-boot-actuator", "spring-boot-health", "spring-boot-micrometer-metrics", "micrometer-core")),
                ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource(OBSERVATION_AUTO_CONFIGURATION.replace('.', '/') + ".class")).isNotNull();
            Map<String, String> outcomes = runIn(loader);

            assertThat(outcomes).containsEntry("started", "true");
            assertThat(outcomes.get(PluxMicrometerAutoConfiguration.class.getName()))
                .contains("OnClassCondition: @ConditionalOnClass found required class '"
                        + OBSERVATION_AUTO_CONFIGURATION + "'");
            assertThat(outcomes.get(PluxMicrometerAutoConfiguration.class.getName() + "$MetricsConfiguration"))
                .contains("OnClassCondition: @ConditionalOnClass did not find required classes");
            assertThat(outcomes.get("beans")).doesNotContain("pluxPluginStateMeterBinder");
        }
    }

    @Test
    void everyAutoConfigurationNamesTheClassesOfOtherModulesAsStrings() throws Exception {
        // the rule that keeps the two cases above working for every plux auto-configuration, present and future: at
        // class level, a class literal of an optional module is lost when the class is read by reflection without
        // the module, so @ConditionalOnClass names classes as strings, and after/before name only plux's own classes
        List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
            .getCandidates()
            .stream()
            .filter((name) -> name.startsWith("dev.plux."))
            .toList();
        assertThat(candidates).contains(PluxActuatorAutoConfiguration.class.getName(),
                PluxMicrometerAutoConfiguration.class.getName());
        for (String name : candidates) {
            Class<?> type = Class.forName(name);
            ConditionalOnClass onClass = type.getAnnotation(ConditionalOnClass.class);
            if (onClass != null) {
                assertThat(onClass.value()).as("@ConditionalOnClass(value) of %s", name).isEmpty();
            }
            AutoConfiguration autoConfiguration = type.getAnnotation(AutoConfiguration.class);
            assertThat(autoConfiguration).as("@AutoConfiguration of %s", name).isNotNull();
            assertThat(Stream.concat(Stream.of(autoConfiguration.after()), Stream.of(autoConfiguration.before()))
                .map(Class::getName)).as("after and before of %s", name).allMatch((ordered) -> ordered
                    .startsWith("dev.plux."));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> runIn(ClassLoader loader) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Function<String, Map<String, String>> isolated = (Function<String, Map<String, String>>) loader
                .loadClass(Isolated.class.getName()).getDeclaredConstructor().newInstance();
            return isolated.apply("plux.namespaces=my.plugins");
        }
        finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] classPathWithout(List<String> leftOut) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (leftOut.stream().noneMatch(name::startsWith)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /**
     * Runs in the class loader without the modules (loaded there anew from the test classes): starts plux's
     * auto-configuration and both integrations and answers, for each plux class of the condition report, its
     * conditions' outcomes, and the names of the context's beans; only JDK types cross the loaders.
     */
    public static final class Isolated implements Function<String, Map<String, String>> {

        /**
         * Created reflectively in the isolated class loader.
         */
        public Isolated() {
        }

        @Override
        public Map<String, String> apply(String property) {
            Map<String, String> outcomes = new TreeMap<>();
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class,
                        PluxActuatorAutoConfiguration.class, PluxMicrometerAutoConfiguration.class))
                .withPropertyValues(property)
                .run((context) -> {
                    outcomes.put("started", String.valueOf(context.getStartupFailure() == null));
                    if (context.getStartupFailure() != null) {
                        outcomes.put("failure", context.getStartupFailure().toString());
                        return;
                    }
                    outcomes.put("beans", String.join(",", context.getBeanDefinitionNames()));
                    ConditionEvaluationReport.get(context.getBeanFactory())
                        .getConditionAndOutcomesBySource()
                        .forEach((source, conditions) -> {
                            List<String> lines = new ArrayList<>();
                            for (ConditionAndOutcome condition : conditions) {
                                lines.add(condition.getCondition().getClass().getSimpleName() + ": "
                                        + condition.getOutcome().getMessage());
                            }
                            outcomes.put(source, String.join("\n", lines));
                        });
                });
            return outcomes;
        }
    }
}
