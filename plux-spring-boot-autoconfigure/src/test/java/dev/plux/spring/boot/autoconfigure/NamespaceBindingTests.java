package dev.plux.spring.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.plux.core.PluginSpec;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Namespace items are bound through {@link PluxProperties.Namespace}'s constructor (Boot's value-object binding):
 * it must take every key, and every key must arrive. The keys under {@code plux} are bound one by one: each must
 * arrive, and a key {@link PluxProperties} gains must be added to that binding.
 */
@Timeout(30)
class NamespaceBindingTests {

    @Test
    void theBindingConstructorTakesEverySettableProperty() {
        List<String> parameters = Arrays.stream(PluxSettingsBinding.NAMESPACE_CONSTRUCTOR.getParameters())
            .map(Parameter::getName)
            .toList();
        List<String> properties = Arrays.stream(BeanUtils.getPropertyDescriptors(PluxProperties.Namespace.class))
            .filter((descriptor) -> descriptor.getWriteMethod() != null)
            .map(PropertyDescriptor::getName)
            .toList();
        assertThat(parameters).containsExactlyInAnyOrderElementsOf(properties);
    }

    @Test
    void everyKeyOfAnObjectItemIsBound() {
        MockEnvironment environment = new MockEnvironment().withProperty("plux.namespaces[0].namespace", "test.all")
            .withProperty("plux.namespaces[0].bean-name", "allPlugins")
            .withProperty("plux.namespaces[0].plugin-type", ServicePlugin.class.getName())
            .withProperty("plux.namespaces[0].load-on-startup", "true")
            .withProperty("plux.namespaces[0].fail-fast", "true")
            .withProperty("plux.namespaces[0].startup-timeout", "5s")
            .withProperty("plux.namespaces[0].include", "s3,sq*")
            .withProperty("plux.namespaces[0].exclude", "*legacy*")
            .withProperty("plux.namespaces[1]", "test.plain");
        PluxSettings settings = PluxSettings.bind(environment, getClass().getClassLoader());
        ManagerSettings all = settings.manager("test.all");
        assertThat(all).isNotNull();
        assertThat(all.beanName()).isEqualTo("allPlugins");
        assertThat(all.pluginType()).isEqualTo(ServicePlugin.class);
        assertThat(all.loadOnStartup()).isTrue();
        assertThat(all.failFast()).isTrue();
        assertThat(all.startupTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(all.include()).extracting(NameGlob::text).containsExactly("s3", "sq*");
        assertThat(all.exclude()).extracting(NameGlob::text).containsExactly("*legacy*");
        ManagerSettings plain = settings.manager("test.plain");
        assertThat(plain).isNotNull();
        assertThat(plain.loadOnStartup()).isFalse();
        assertThat(plain.include()).isNull();
    }

    @Test
    void everyKeyUnderPluxIsBound() {
        MockEnvironment environment = new MockEnvironment().withProperty("plux.autowire", "false")
            .withProperty("plux.namespaces[0]", "test.one")
            .withProperty("plux.exclude[0].name", "legacy*")
            .withProperty("plux.plugin-directories[0]", "plugins")
            .withProperty("plux.startup.parallelism", "3")
            .withProperty("plux.startup.progress-interval", "2s");
        PluxSettings settings = PluxSettings.bind(environment, getClass().getClassLoader());
        assertThat(settings.autowire()).isFalse();
        assertThat(settings.namespaces()).containsExactly("test.one");
        assertThat(settings.exclusions().excludes(new PluginSpec("test.one", "legacy-s3", () -> null))).isTrue();
        assertThat(settings.exclusions().excludes(new PluginSpec("test.one", "s3", () -> null))).isFalse();
        assertThat(settings.pluginDirectories()).containsExactly(Path.of("plugins").toAbsolutePath().normalize());
        assertThat(settings.startup()).isEqualTo(new StartupSettings(3, Duration.ofSeconds(2)));
    }

    @Test
    void everyKeyInEitherEnvironmentVariableFormIsBoundAsBootBindsIt() {
        // Boot maps plux.namespaces[0].load-on-startup to LOADONSTARTUP and also to the legacy LOAD_ON_STARTUP
        Map<String, Object> dashesRemoved = Map.ofEntries(Map.entry("PLUX_AUTOWIRE", "false"),
                Map.entry("PLUX_NAMESPACES_0_NAMESPACE", "test.all"), Map.entry("PLUX_NAMESPACES_0_BEANNAME", "all"),
                Map.entry("PLUX_NAMESPACES_0_PLUGINTYPE", ServicePlugin.class.getName()),
                Map.entry("PLUX_NAMESPACES_0_LOADONSTARTUP", "true"), Map.entry("PLUX_NAMESPACES_0_FAILFAST", "true"),
                Map.entry("PLUX_NAMESPACES_0_STARTUPTIMEOUT", "5s"), Map.entry("PLUX_NAMESPACES_0_INCLUDE_0", "s3"),
                Map.entry("PLUX_NAMESPACES_0_EXCLUDE", "*legacy*"), Map.entry("PLUX_EXCLUDE_0_NAME", "sqs"),
                Map.entry("PLUX_PLUGINDIRECTORIES_0", "plugins"), Map.entry("PLUX_STARTUP_PARALLELISM", "3"),
                Map.entry("PLUX_STARTUP_PROGRESSINTERVAL", "2s"));
        Map<String, Object> underscoresForDashes = Map.ofEntries(Map.entry("PLUX_AUTOWIRE", "false"),
                Map.entry("PLUX_NAMESPACES_0_NAMESPACE", "test.all"), Map.entry("PLUX_NAMESPACES_0_BEAN_NAME", "all"),
                Map.entry("PLUX_NAMESPACES_0_PLUGIN_TYPE", ServicePlugin.class.getName()),
                Map.entry("PLUX_NAMESPACES_0_LOAD_ON_STARTUP", "true"), Map.entry("PLUX_NAMESPACES_0_FAIL_FAST", "true"),
                Map.entry("PLUX_NAMESPACES_0_STARTUP_TIMEOUT", "5s"), Map.entry("PLUX_NAMESPACES_0_INCLUDE_0", "s3"),
                Map.entry("PLUX_NAMESPACES_0_EXCLUDE", "*legacy*"), Map.entry("PLUX_EXCLUDE_0_NAME", "sqs"),
                Map.entry("PLUX_PLUGIN_DIRECTORIES_0", "plugins"), Map.entry("PLUX_STARTUP_PARALLELISM", "3"),
                Map.entry("PLUX_STARTUP_PROGRESS_INTERVAL", "2s"));
        for (Map<String, Object> variables : List.of(dashesRemoved, underscoresForDashes)) {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            variables));
            PluxProperties boots = Binder.get(environment).bind("plux", PluxProperties.class).get();
            PluxSettings settings = PluxSettings.bind(environment, getClass().getClassLoader());
            assertThat(describe(settings)).as("%s", variables.keySet())
                .isEqualTo(describe(PluxSettings.of(boots, getClass().getClassLoader())))
                .contains("startupTimeout=PT5S", "PT2S", "parallelism=3", "name 'sqs'", "plugins");
            ManagerSettings all = settings.manager("test.all");
            assertThat(all).isNotNull();
            assertThat(all.beanName()).isEqualTo("all");
            assertThat(all.pluginType()).isEqualTo(ServicePlugin.class);
            assertThat(all.loadOnStartup()).isTrue();
            assertThat(all.failFast()).isTrue();
        }
    }

    /** Everything the settings hold, in a form two of them can be compared in. */
    private static String describe(PluxSettings settings) {
        return settings.autowire() + " " + settings.managers() + " " + settings.exclusions() + " "
                + settings.pluginDirectories() + " " + settings.startup();
    }

    @Test
    void theKeysBoundOneByOneAreEveryPropertyOfPluxProperties() {
        // PluxSettingsBinding binds each of these on its own: a property added to PluxProperties must be added there,
        // and to everyKeyUnderPluxIsBound (plux.enabled is read by the auto-configuration's condition)
        List<String> properties = Arrays.stream(BeanUtils.getPropertyDescriptors(PluxProperties.class))
            .filter((descriptor) -> descriptor.getReadMethod() != null && descriptor.getPropertyType() != Class.class)
            .map(PropertyDescriptor::getName)
            .toList();
        assertThat(properties).containsExactlyInAnyOrder("enabled", "autowire", "namespaces", "exclude",
                "pluginDirectories", "startup");
    }
}
