package dev.plux.spring.boot.autoconfigure.actuate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.PluginFixtures;
import dev.plux.spring.boot.autoconfigure.PluxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code plux} endpoint as an operator reads it over JMX ({@code spring.jmx.enabled=true},
 * {@code management.endpoints.jmx.exposure.include=plux}): MBean
 * {@code org.springframework.boot:type=Endpoint,name=Plux} (here in a domain of its own), operations
 * {@code namespaces()} and {@code namespace(String)}, answered through Boot's JMX response mapper.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluxEndpointJmxTests {

    private static final String DOMAIN = "test.plux.jmx";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
                JmxEndpointAutoConfiguration.class, PluxActuatorAutoConfiguration.class))
        .withUserConfiguration(ManagersConfiguration.class)
        // a domain of its own: the platform MBean server outlives the context, and other tests register there too
        .withPropertyValues("spring.jmx.enabled=true", "spring.jmx.default-domain=" + DOMAIN,
                "management.endpoints.jmx.domain=" + DOMAIN, "management.endpoints.jmx.exposure.include=plux");

    @Test
    void leavesNullFieldsOutAsOverHttp() {
        this.contextRunner.run(context -> {
            MBeanServer server = context.getBean(MBeanServer.class);
            ObjectName name = new ObjectName(DOMAIN + ":type=Endpoint,name=Plux");
            Map<String, Object> namespace = map(server.invoke(name, "namespace", new Object[] { "test.ns" },
                    new String[] { String.class.getName() }));
            // over HTTP a null field is left out; Boot's JMX mapper writes what the records' annotations say
            assertThat(namespace).containsOnlyKeys("plugins");
            List<?> plugins = (List<?>) namespace.get("plugins");
            assertThat(plugins).hasSize(PluginFixtures.NAMES.size());
            Map<String, Object> good = map(plugins.get(0));
            assertThat(good.get("name")).isEqualTo("good");
            assertThat(good.get("state")).isEqualTo("LOADED");
            assertThat(good).doesNotContainKeys("error", "disabledReason", "bundle");
            Map<String, Object> distribution = map(good.get("distribution"));
            assertThat(distribution).containsKeys("name", "location").doesNotContainKey("version");
            Map<String, Object> all = map(server.invoke(name, "namespaces", new Object[0], new String[0]));
            assertThat(map(all.get("namespaces"))).containsOnlyKeys("test.ns");
        });
    }

    @Test
    void leavesNullFieldsOutWithTheApplicationsJsonMapperWhateverItsDefaultInclusion() {
        // in an application Boot's JMX mapper converts with the JsonMapper bean, which spring.jackson.* configures;
        // the records' own inclusion must win over its default
        this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .withPropertyValues("spring.jackson.default-property-inclusion=always")
            .run(context -> {
                MBeanServer server = context.getBean(MBeanServer.class);
                ObjectName name = new ObjectName(DOMAIN + ":type=Endpoint,name=Plux");
                Map<String, Object> namespace = map(server.invoke(name, "namespace", new Object[] { "test.ns" },
                        new String[] { String.class.getName() }));
                assertThat(namespace).containsOnlyKeys("plugins");
                Map<String, Object> good = map(((List<?>) namespace.get("plugins")).get(0));
                assertThat(good).containsEntry("name", "good").doesNotContainKeys("error", "disabledReason", "bundle");
            });
    }

    @Test
    void theMBeanHasTheTwoReadOperationsTheDocumentationNames() {
        this.contextRunner.run(context -> {
            MBeanInfo info = context.getBean(MBeanServer.class)
                .getMBeanInfo(new ObjectName(DOMAIN + ":type=Endpoint,name=Plux"));
            assertThat(info.getOperations()).extracting(MBeanOperationInfo::getName)
                .containsExactlyInAnyOrder("namespaces", "namespace");
            assertThat(info.getOperations()).extracting(MBeanOperationInfo::getImpact)
                .containsOnly(MBeanOperationInfo.INFO);
            MBeanOperationInfo namespace = Arrays.stream(info.getOperations())
                .filter((operation) -> operation.getName().equals("namespace"))
                .findFirst()
                .orElseThrow();
            assertThat(namespace.getSignature()).singleElement().satisfies((parameter) -> {
                assertThat(parameter.getName()).isEqualTo("namespace");
                assertThat(parameter.getType()).isEqualTo(String.class.getName());
            });
        });
    }

    @Test
    void anUnknownNamespaceAnswersNull() {
        this.contextRunner.run(context -> {
            MBeanServer server = context.getBean(MBeanServer.class);
            ObjectName name = new ObjectName(DOMAIN + ":type=Endpoint,name=Plux");
            assertThat(server.invoke(name, "namespace", new Object[] { "no.such.ns" },
                    new String[] { String.class.getName() })).isNull();
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @Configuration(proxyBeanMethods = false)
    static class ManagersConfiguration {

        @Bean
        PluginManagers pluginManagers() {
            PluginManager<Plugin> manager = PluginFixtures.manager("test.ns", List.of());
            manager.load("good");
            return new PluginManagers(List.of(manager));
        }

        @Bean
        PluxSettings pluxSettings() {
            return PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces", "test.ns"), null);
        }
    }
}
