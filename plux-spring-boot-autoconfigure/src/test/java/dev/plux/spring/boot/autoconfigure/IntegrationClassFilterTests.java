package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.plux.spring.boot.actuate.PluxHealthIndicator;
import dev.plux.spring.boot.autoconfigure.actuate.PluxActuatorAutoConfiguration;
import dev.plux.spring.boot.autoconfigure.observation.PluxMicrometerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportMessage;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntegrationClassFilterTests {

    private static final String ENDPOINT = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

    // not on this module's test class path (surefire leaves spring-cloud-context out; SpringCloudRefreshIT has it)
    private static final String ENVIRONMENT_CHANGE_EVENT =
            "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

    @Test
    void anIntegrationWhoseClassIsMissingIsDroppedWithoutLoadingTheClassAndTheReportSaysWhy() {
        // (a class of Boot's own candidates cannot be hidden: Boot reads every candidate's class file)
        HidingClassLoader loader = new HidingClassLoader(Set.of(ENDPOINT));
        new ApplicationContextRunner().withClassLoader(loader)
            .withUserConfiguration(Application.class)
            .withPropertyValues("plux.namespaces=my.plugins")
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(PluxHealthIndicator.class);
                assertThat(droppedByTheFilter(context, PluxActuatorAutoConfiguration.class.getName()))
                    .isEqualTo("@ConditionalOnClass did not find required class '" + ENDPOINT + "'");
                assertThat(droppedByTheFilter(context, PluxRefreshAutoConfiguration.class.getName()))
                    .isEqualTo("@ConditionalOnClass did not find required class '" + ENVIRONMENT_CHANGE_EVENT
                            + "'");
                // as --debug prints it
                assertThat(new ConditionEvaluationReportMessage(
                        ConditionEvaluationReport.get(context.getBeanFactory())).toString())
                    .contains("@ConditionalOnClass did not find required class '" + ENVIRONMENT_CHANGE_EVENT
                            + "' (IntegrationClassFilter)");
                // the point of the filter: a class that is not there is never looked for as a class (Endpoint is:
                // Boot's own actuator auto-configurations, on this class path, read it from their endpoints)
                assertThat(loader.classesAskedFor).doesNotContain(ENVIRONMENT_CHANGE_EVENT)
                    .contains(PluxMicrometerAutoConfiguration.class.getName());
            });
    }

    @Test
    void anIntegrationWhoseClassIsThereIsLeftToBootsConditions() {
        new ApplicationContextRunner().withUserConfiguration(Application.class)
            .withPropertyValues("plux.namespaces=my.plugins")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(PluxHealthIndicator.class);
                ConditionAndOutcomes outcomes = outcomes(context, PluxActuatorAutoConfiguration.class.getName());
                assertThat(outcomes.isFullMatch()).isTrue();
                assertThat(outcomes).noneMatch((outcome) -> outcome.getCondition() instanceof IntegrationClassFilter);
            });
    }

    @Test
    void onlyPluxsOwnCandidatesAreLookedAtAndNullsAreKept() {
        Properties metadata = new Properties();
        metadata.setProperty("com.example.OtherAutoConfiguration.ConditionalOnClass", "com.example.Missing");
        metadata.setProperty(PluxRefreshAutoConfiguration.class.getName() + ".ConditionalOnClass",
                "com.example.Missing, " + PluxSettings.class.getName());
        metadata.setProperty(PluxAutoConfiguration.class.getName() + ".ConditionalOnClass",
                PluxSettings.class.getName());
        IntegrationClassFilter filter = new IntegrationClassFilter();
        filter.setBeanClassLoader(getClass().getClassLoader());

        boolean[] match = filter.match(new String[] { "com.example.OtherAutoConfiguration", null,
                PluxRefreshAutoConfiguration.class.getName(), PluxAutoConfiguration.class.getName() },
                new PropertiesMetadata(metadata));

        // another library's candidate is Boot's to judge; a missing class among several drops plux's candidate
        assertThat(match).containsExactly(true, true, false, true);
    }

    @Test
    void itRunsBeforeBootsOwnFiltersWhateverTheClassPathOrder() {
        List<AutoConfigurationImportFilter> filters = SpringFactoriesLoader
            .loadFactories(AutoConfigurationImportFilter.class, getClass().getClassLoader());
        assertThat(filters).first().isInstanceOf(IntegrationClassFilter.class);
        // Boot's OnClassCondition, @Order(HIGHEST_PRECEDENCE), listed first as when Boot's jar comes first on the
        // class path: a plain order would tie with it and keep that order
        AutoConfigurationImportFilter onClassCondition = filters.stream()
            .filter((filter) -> filter.getClass().getSimpleName().equals("OnClassCondition"))
            .findFirst()
            .orElseThrow();
        List<AutoConfigurationImportFilter> sorted = new ArrayList<>(
                List.of(onClassCondition, new IntegrationClassFilter()));
        AnnotationAwareOrderComparator.sort(sorted);
        assertThat(sorted).first().isInstanceOf(IntegrationClassFilter.class);
    }

    @Test
    void aNestedConfigurationIsDecidedByItsOwnClassesFromBootsMetadata() throws IOException {
        // Boot asks its filters about each configuration class it imports, nested ones too (its exclusion filter)
        String metrics = PluxMicrometerAutoConfiguration.class.getName() + "$MetricsConfiguration";
        String meterBinder = "io.micrometer.core.instrument.binder.MeterBinder";
        IntegrationClassFilter filter = new IntegrationClassFilter();
        filter.setBeanClassLoader(new HidingClassLoader(Set.of(meterBinder), true));
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        filter.setBeanFactory(beanFactory);

        boolean[] match = filter.match(new String[] { metrics, PluxMicrometerAutoConfiguration.class.getName() },
                new PropertiesMetadata(buildTimeMetadata()));

        assertThat(match).containsExactly(false, true);
        ConditionAndOutcome outcome = ConditionEvaluationReport.get(beanFactory)
            .getConditionAndOutcomesBySource()
            .get(metrics)
            .iterator()
            .next();
        assertThat(outcome.getOutcome().getMessage())
            .isEqualTo("@ConditionalOnClass did not find required class '" + meterBinder + "'");
    }

    @Test
    void aClassWhoseClassFileTheLoaderDoesNotShowCountsAsMissing() throws Exception {
        // the documented limit: a loader that defines a class without showing its class file (one that decrypts
        // classes) turns the integration off, where Boot's OnClassCondition alone would have kept it
        HidingClassLoader loader = new HidingClassLoader(Set.of(ENDPOINT), false);
        assertThat(loader.loadClass(ENDPOINT)).isNotNull();
        IntegrationClassFilter filter = new IntegrationClassFilter();
        filter.setBeanClassLoader(loader);

        boolean[] match = filter.match(new String[] { PluxActuatorAutoConfiguration.class.getName() },
                new PropertiesMetadata(buildTimeMetadata()));

        assertThat(match).containsExactly(false);
    }

    /** Boot's build-time metadata of every auto-configuration on the test class path, plux's included. */
    private static Properties buildTimeMetadata() throws IOException {
        Properties metadata = new Properties();
        for (URL url : Collections.list(IntegrationClassFilterTests.class.getClassLoader()
            .getResources("META-INF/spring-autoconfigure-metadata.properties"))) {
            try (InputStream in = url.openStream()) {
                metadata.load(in);
            }
        }
        return metadata;
    }

    private static String droppedByTheFilter(AssertableApplicationContext context, String autoConfiguration) {
        ConditionAndOutcomes outcomes = outcomes(context, autoConfiguration);
        assertThat(outcomes).as(autoConfiguration).singleElement()
            .satisfies((outcome) -> assertThat(outcome.getCondition()).isInstanceOf(IntegrationClassFilter.class));
        ConditionAndOutcome outcome = outcomes.iterator().next();
        assertThat(outcome.getOutcome().isMatch()).isFalse();
        return outcome.getOutcome().getMessage();
    }

    private static ConditionAndOutcomes outcomes(AssertableApplicationContext context, String autoConfiguration) {
        Map<String, ConditionAndOutcomes> all = ConditionEvaluationReport.get(context.getBeanFactory())
            .getConditionAndOutcomesBySource();
        assertThat(all).containsKey(autoConfiguration);
        return all.get(autoConfiguration);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

    }

    /** Hides some classes, as classes and as class files, and records every class it is asked to load. */
    private static final class HidingClassLoader extends ClassLoader {

        private final Set<String> hidden;

        private final boolean classesHidden;

        final Set<String> classesAskedFor = ConcurrentHashMap.newKeySet();

        HidingClassLoader(Set<String> hidden) {
            this(hidden, true);
        }

        /** {@code classesHidden} false: only the class files are hidden, the classes still load. */
        HidingClassLoader(Set<String> hidden, boolean classesHidden) {
            super(IntegrationClassFilterTests.class.getClassLoader());
            this.hidden = hidden;
            this.classesHidden = classesHidden;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            this.classesAskedFor.add(name);
            if (this.classesHidden && this.hidden.contains(name)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return isHidden(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return isHidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }

        private boolean isHidden(String resource) {
            return resource.endsWith(".class")
                    && this.hidden.contains(resource.substring(0, resource.length() - 6).replace('/', '.'));
        }
    }

    private record PropertiesMetadata(Properties properties) implements AutoConfigurationMetadata {

        @Override
        public boolean wasProcessed(String className) {
            return this.properties.stringPropertyNames().stream().anyMatch((key) -> key.startsWith(className + "."));
        }

        @Override
        public Integer getInteger(String className, String key) {
            return null;
        }

        @Override
        public Integer getInteger(String className, String key, Integer defaultValue) {
            return defaultValue;
        }

        @Override
        public Set<String> getSet(String className, String key) {
            return null;
        }

        @Override
        public Set<String> getSet(String className, String key, Set<String> defaultValue) {
            return defaultValue;
        }

        @Override
        public String get(String className, String key) {
            return this.properties.getProperty(className + "." + key);
        }

        @Override
        public String get(String className, String key, String defaultValue) {
            return this.properties.getProperty(className + "." + key, defaultValue);
        }
    }
}
