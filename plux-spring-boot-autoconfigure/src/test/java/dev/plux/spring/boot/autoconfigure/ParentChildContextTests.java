package dev.plux.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.plux.core.PluginDisabled;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.event.PluginInitializedEvent;
import dev.plux.spring.boot.autoconfigure.fixtures.CliPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * plux in a context hierarchy ({@code SpringApplicationBuilder.parent(...).child(...)}), where both contexts run the
 * auto-configuration and the child's environment inherits the parent's {@code plux.*}: a namespace has one manager,
 * the parent's, and its plugins are created and loaded once.
 */
@Timeout(60)
class ParentChildContextTests {

    private static final String SERVICES = "test.spring.services";

    private static final String[] PARENT_PROPERTIES = { "plux.namespaces[0].namespace=" + SERVICES,
            "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName(),
            "plux.namespaces[0].load-on-startup=true" };

    @Test
    void aChildContextUsesTheManagerItsParentDefinesAndLoadsNothingTwice() {
        try (ConfigurableApplicationContext child = builder(ParentApplication.class, PARENT_PROPERTIES)
            .child(ChildApplication.class)
            .web(WebApplicationType.NONE)
            .run()) {
            ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
            PluginManager<?> parentManager = parent.getBean(PluginManagers.class).get(SERVICES);

            PluginManager<ServicePlugin> injected = child.getBean(ChildApplication.class).services;
            assertThat(injected).isSameAs(parentManager);
            assertThat(child.getBean(PluginManagers.class).get(SERVICES)).isSameAs(parentManager);
            assertThat(child.getBeanFactory().getBeanNamesForType(PluginManager.class)).isEmpty();
            // created once, by the parent's startup loading: the parent saw no second manager's events
            assertThat(parent.getBean(ParentApplication.class).initialized).containsExactlyInAnyOrder(
                    SERVICES + ":s3", SERVICES + ":sqs", SERVICES + ":legacy-queue");
            assertThat(parentManager.isLoaded("s3")).isTrue();
        }
    }

    @Test
    void aNamespaceOnlyTheChildConfiguresIsTheChildsAndItsRegistryHoldsBoth() {
        // the child's own source (SpringApplicationBuilder.properties of a child would set the parent's too); a
        // list is bound from one source, so it repeats the parent's item
        Map<String, Object> childProperties = new LinkedHashMap<>();
        for (String property : PARENT_PROPERTIES) {
            childProperties.put(property.substring(0, property.indexOf('=')),
                    property.substring(property.indexOf('=') + 1));
        }
        childProperties.put("plux.namespaces[1].namespace", "test.spring.cli");
        childProperties.put("plux.namespaces[1].plugin-type", CliPlugin.class.getName());
        try (ConfigurableApplicationContext child = runChild(childProperties, PARENT_PROPERTIES)) {
            ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
            PluginManagers childManagers = child.getBean(PluginManagers.class);
            assertThat(childManagers.all()).extracting(PluginManager::namespace)
                .containsExactly(SERVICES, "test.spring.cli");
            assertThat(childManagers.get(SERVICES)).isSameAs(parent.getBean(PluginManagers.class).get(SERVICES));
            assertThat(parent.getBean(PluginManagers.class).contains("test.spring.cli")).isFalse();
            assertThat(child.getBeanFactory().getBeanNamesForType(PluginManager.class))
                .containsExactly("testSpringCliPluginManager");
        }
    }

    @Test
    void aNamespaceTheChildConfiguresWithOtherSettingsIsTheChildsOwnAndHonoursThem() {
        // the child's own source gives the parent's namespace (same bean name and plugin type) an exclude and
        // load-on-startup: the parent's manager, which has neither, must not silently stand in for it
        Map<String, Object> childProperties = new LinkedHashMap<>();
        childProperties.put("plux.namespaces[0].namespace", SERVICES);
        childProperties.put("plux.namespaces[0].plugin-type", ServicePlugin.class.getName());
        childProperties.put("plux.namespaces[0].load-on-startup", "true");
        childProperties.put("plux.namespaces[0].exclude", "s3");
        try (ConfigurableApplicationContext child = runChild(childProperties,
                "plux.namespaces[0].namespace=" + SERVICES,
                "plux.namespaces[0].plugin-type=" + ServicePlugin.class.getName())) {
            ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
            PluginManager<ServicePlugin> injected = child.getBean(ChildApplication.class).services;
            assertThat(injected).isNotSameAs(parent.getBean(PluginManagers.class).get(SERVICES));
            assertThat(child.getBean(PluginManagers.class).get(SERVICES)).isSameAs(injected);
            assertThat(injected.isLoaded("sqs")).isTrue();
            assertThatThrownBy(() -> injected.load("s3")).isInstanceOf(PluginDisabled.class);
            assertThat(parent.getBean(PluginManagers.class).get(SERVICES).isLoaded("sqs")).isFalse();
        }
    }

    @Test
    void aChildWithItsOwnContextExclusionsGetsItsOwnManager() {
        // plux.exclude shapes every manager of a context: the parent's would ignore the child's
        try (ConfigurableApplicationContext child = runChild(Map.of("plux.exclude[0].name", "s3"),
                PARENT_PROPERTIES)) {
            ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
            PluginManager<ServicePlugin> injected = child.getBean(ChildApplication.class).services;
            assertThat(injected).isNotSameAs(parent.getBean(PluginManagers.class).get(SERVICES));
            assertThatThrownBy(() -> injected.load("s3")).isInstanceOf(PluginDisabled.class);
            assertThat(parent.getBean(PluginManagers.class).get(SERVICES).isLoaded("s3")).isTrue();
        }
    }

    @Test
    void closingTheChildDestroysItsOwnPluginsOnlyAndTheParentsManagerKeepsItsPlugins() {
        // the child lists the parent's namespaces (so they are the parent's) and one of its own
        Map<String, Object> childProperties = new LinkedHashMap<>();
        childProperties.put("plux.namespaces[0].namespace", SERVICES);
        childProperties.put("plux.namespaces[0].plugin-type", ServicePlugin.class.getName());
        childProperties.put("plux.namespaces[1]", "test.spring.destroy.a");
        childProperties.put("plux.namespaces[2]", "test.spring.destroy.b");
        try (ConfigurableApplicationContext parent = builder(DestroyLogApplication.class,
                "plux.namespaces[0].namespace=" + SERVICES, "plux.namespaces[0].plugin-type="
                        + ServicePlugin.class.getName(), "plux.namespaces[1]=test.spring.destroy.a")
            .run()) {
            DestroyLog log = parent.getBean(DestroyLog.class);
            PluginManager<?> parentManager = parent.getBean(PluginManagers.class).get("test.spring.destroy.a");
            ConfigurableApplicationContext child = new SpringApplicationBuilder(ChildApplication.class)
                .web(WebApplicationType.NONE)
                .parent(parent)
                .initializers((context) -> context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("child", childProperties)))
                .run();
            PluginManagers childManagers = child.getBean(PluginManagers.class);
            assertThat(childManagers.get("test.spring.destroy.a")).isSameAs(parentManager);
            childManagers.get("test.spring.destroy.a").load("pre-destroy");
            childManagers.get("test.spring.destroy.b").load("disposable");

            child.close();
            assertThat(log.events()).containsExactly("disposable");
            assertThat(parentManager.isLoaded("pre-destroy")).isTrue();
            assertThat(parentManager.load("closeable")).isNotNull();

            parent.close();
            assertThat(log.events()).containsExactly("disposable", "closeable", "pre-destroy", "log destroyed");
        }
    }

    /**
     * Runs a child context over a parent with the given properties; the child also has a property source of its own,
     * first in its environment (a child's {@code SpringApplicationBuilder.properties} would set the parent's too).
     */
    private static ConfigurableApplicationContext runChild(Map<String, Object> childProperties,
            String... parentProperties) {
        return builder(ParentApplication.class, parentProperties).child(ChildApplication.class)
            .web(WebApplicationType.NONE)
            .initializers((context) -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("child", childProperties)))
            .run();
    }

    private static SpringApplicationBuilder builder(Class<?> source, String... properties) {
        return new SpringApplicationBuilder(source).web(WebApplicationType.NONE).properties(properties);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ParentApplication {

        final List<String> initialized = new CopyOnWriteArrayList<>();

        @EventListener
        void onInitialized(PluginInitializedEvent event) {
            this.initialized.add(event.namespace() + ":" + event.pluginName());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class DestroyLogApplication {

        @Bean
        DestroyLog destroyLog() {
            return new DestroyLog();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ChildApplication {

        final PluginManager<ServicePlugin> services;

        ChildApplication(PluginManager<ServicePlugin> services) {
            this.services = services;
        }
    }
}
