package dev.plux.spring.boot.autoconfigure;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.boot.autoconfigure.fixtures.CliPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.actuate.beans.BeansEndpoint;
import org.springframework.boot.actuate.beans.BeansEndpoint.BeanDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class PluginManagerRegistrarTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class));

    @Test
    void theBeansEndpointTellsWhichNamespaceAndPluginTypeAManagerBeanIsFor() {
        // a bean name of the application's choosing says nothing of the namespace, and the endpoint's type is the
        // raw PluginManager: the resource is where an operator reads both
        this.contextRunner
            .withPropertyValues("plux.namespaces[0]=test.spring.services",
                    "plux.namespaces[1].namespace=test.spring.cli", "plux.namespaces[1].bean-name=commands",
                    "plux.namespaces[1].plugin-type=" + CliPlugin.class.getName())
            .run((context) -> {
                context.getBean("commands");
                context.getBean("testSpringServicesPluginManager");
                var beans = new BeansEndpoint(context).beans().getContexts().get(context.getId()).getBeans();
                BeanDescriptor commands = beans.get("commands");
                assertThat(commands.getType()).isEqualTo(PluginManager.class);
                assertThat(commands.getResource()).isEqualTo("plux.namespaces[1] (namespace test.spring.cli, "
                        + "PluginManager<" + CliPlugin.class.getName() + ">)");
                assertThat(beans.get("testSpringServicesPluginManager").getResource()).isEqualTo(
                        "plux.namespaces[0] (namespace test.spring.services, PluginManager<dev.plux.core.Plugin>)");
            });
    }

    @Test
    void aManagerBeanThatCannotBeCreatedIsSaidToBeDefinedByItsNamespacesItem() {
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.services")
            .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> {
                throw new IllegalStateException("customizer of " + namespace + " failed");
            })
            .run((context) -> assertThatThrownBy(() -> context.getBean("testSpringServicesPluginManager"))
                .isInstanceOf(BeanCreationException.class)
                .hasMessageContaining("Error creating bean with name 'testSpringServicesPluginManager' defined in "
                        + "plux.namespaces[0] (namespace test.spring.services, PluginManager<dev.plux.core.Plugin>)"));
    }

    @Test
    void aCustomizerThatThrowsIsNamedWithTheNamespaceItFailedFor() {
        // the application's customizer failed, not plux: the failure names the customizer bean and its class,
        // the namespace and its item, and what the customizer threw
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.services")
            .withBean("auditCustomizer", PluginManagerCustomizer.class, () -> (namespace, builder) -> {
                throw new IllegalStateException("audit log not configured");
            })
            .run((context) -> assertThatThrownBy(() -> context.getBean("testSpringServicesPluginManager"))
                .isInstanceOf(BeanCreationException.class)
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("audit log not configured"))
            .run((context) -> assertThatThrownBy(() -> context.getBean("testSpringServicesPluginManager"))
                .hasMessageContaining("PluginManagerCustomizer bean 'auditCustomizer' (")
                .hasMessageContaining(") failed to customize the PluginManager of plux namespace test.spring.services"
                        + " (plux.namespaces[0]): java.lang.IllegalStateException: audit log not configured"));
    }

    @Test
    void aCustomizerOfTheParentContextThatThrowsIsNamedByItsBeanNameToo() {
        // customizers are taken from the ancestors too; the message must name such a one as it names a local one
        try (org.springframework.context.support.GenericApplicationContext parent =
                new org.springframework.context.support.GenericApplicationContext()) {
            parent.registerBean("parentCustomizer", PluginManagerCustomizer.class, () -> (namespace, builder) -> {
                throw new IllegalStateException("parent customizer broke");
            });
            parent.refresh();
            this.contextRunner.withParent(parent)
                .withPropertyValues("plux.namespaces[0]=test.spring.services")
                .run((context) -> assertThatThrownBy(() -> context.getBean("testSpringServicesPluginManager"))
                    .hasMessageContaining("PluginManagerCustomizer bean 'parentCustomizer' (")
                    .hasMessageContaining("java.lang.IllegalStateException: parent customizer broke"));
        }
    }

    @Test
    void aCustomizerThatThrowsACheckedExceptionSneakilyOrAnErrorIsNamedToo() {
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.services")
            .withBean("sneakyCustomizer", PluginManagerCustomizer.class, () -> (namespace, builder) -> {
                PluginManagerRegistrarTests.<RuntimeException>sneakyThrow(new java.io.IOException("config unreadable"));
            })
            .run((context) -> assertThatThrownBy(() -> context.getBean("testSpringServicesPluginManager"))
                .hasMessageContaining("PluginManagerCustomizer bean 'sneakyCustomizer' (")
                .hasMessageContaining("failed to customize the PluginManager of plux namespace test.spring.services"
                        + " (plux.namespaces[0]): java.io.IOException: config unreadable"));
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.services")
            .withBean("assertingCustomizer", PluginManagerCustomizer.class, () -> (namespace, builder) -> {
                throw new AssertionError("unexpected namespace");
            })
            .run((context) -> assertThatThrownBy(() -> context.getBean("testSpringServicesPluginManager"))
                .hasMessageContaining("PluginManagerCustomizer bean 'assertingCustomizer' (")
                .hasMessageContaining("java.lang.AssertionError: unexpected namespace"));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable throwable) throws T {
        throw (T) throwable;
    }
}
