package dev.plux.spring.boot.autoconfigure;

import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

class PluxPropertiesValidationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class));

    @Test
    void emptyPlainStringNamespaceFailsStartup() {
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.namespaces[1]= ")
            .run(failsOn("plux.namespaces[1].namespace", "must not be empty"));
    }

    @Test
    void objectWithoutNamespaceFailsStartup() {
        this.contextRunner.withPropertyValues("plux.namespaces[0].bean-name=orphan")
            .run(failsOn("plux.namespaces[0].namespace", "must not be empty"));
    }

    @Test
    void duplicateNamespaceFailsStartup() {
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.cli,test.spring.services,test.spring.cli")
            .run(failsOn("plux.namespaces[2].namespace", "configured twice (also plux.namespaces[0].namespace)"));
    }

    @Test
    void duplicateBeanNameFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.cli", "plux.namespaces[0].bean-name=plugins",
                    "plux.namespaces[1].namespace=test.spring.services", "plux.namespaces[1].bean-name=plugins")
            .run(failsOn("plux.namespaces[1].bean-name", "is used twice"));
    }

    @Test
    void namespacesWithTheSameDefaultBeanNameFailStartup() {
        this.contextRunner.withPropertyValues("plux.namespaces=test.spring.cli,test-spring_cli")
            .run(failsOn("plux.namespaces[1].namespace", "set a distinct plux.namespaces[1].bean-name"));
    }

    @Test
    void beanNameOfAnExistingBeanFailsStartup() {
        this.contextRunner.withUserConfiguration(ExistingBean.class)
            .withPropertyValues("plux.namespaces=test.spring.cli")
            .run(failsOn("plux.namespaces[0].bean-name", "a bean of that name exists already"));
    }

    @Test
    void unknownPluginTypeFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0]=test.spring.cli", "plux.namespaces[1].namespace=test.spring.services",
                    "plux.namespaces[1].plugin-type=com.example.NoSuchPlugin")
            .run(failsOn("plux.namespaces[1].plugin-type", "no such class on the class path"));
    }

    @Test
    void pluginTypeThatIsNotAPluginFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].plugin-type=java.lang.String")
            .run(failsOn("plux.namespaces[0].plugin-type", "is not a dev.plux.core.Plugin"));
    }

    @Test
    void pluginTypeThatIsAPluginStarts() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName())
            .run((context) -> assertThat(context).hasNotFailed().hasBean("testSpringServicesPluginManager"));
    }

    @Test
    void malformedIncludeGlobFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].include[0]=s3", "plux.namespaces[0].include[1]=[abc")
            .run(failsOn("plux.namespaces[0].include[1]", "is not a valid glob"));
    }

    @Test
    void malformedExcludeGlobFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services",
                    "plux.namespaces[0].exclude=[!x")
            .run(failsOn("plux.namespaces[0].exclude[0]", "is not a valid glob"));
    }

    @Test
    void malformedGlobalExclusionFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.exclude[0].namespace=test.*", "plux.exclude[0].value=com.example.[Foo")
            .run(failsOn("plux.exclude[0].value", "is not a valid glob"));
    }

    @Test
    void failFastWithoutLoadOnStartupFailsStartup() {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.spring.services", "plux.namespaces[0].fail-fast=true")
            .run(failsOn("plux.namespaces[0].fail-fast", "has no effect without plux.namespaces[0].load-on-startup"));
    }

    private static ContextConsumer<AssertableApplicationContext> failsOn(
            String property, String reason) {
        return (context) -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            InvalidConfigurationPropertyValueException invalid = findInvalid(failure);
            assertThat(invalid.getName()).isEqualTo(property);
            assertThat(invalid.getMessage()).contains(property).contains(reason);
        };
    }

    static InvalidConfigurationPropertyValueException findInvalid(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidConfigurationPropertyValueException in " + NestedExceptionUtils.getMostSpecificCause(failure),
                failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class ExistingBean {

        @Bean
        String testSpringCliPluginManager() {
            return "taken";
        }
    }
}
