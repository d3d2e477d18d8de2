package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class PluxPropertySourcesTests {

    private final StandardEnvironment environment = new StandardEnvironment();

    @Test
    void keepsTheSourcesWithPluxKeysAndThoseThatCannotListTheirsInOrder() {
        var sources = this.environment.getPropertySources();
        sources.addFirst(new MapPropertySource("other", Map.of("spring.main.banner-mode", "off")));
        // the process environment's form, mapped to plux.namespaces[0].namespace
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("PLUX_NAMESPACES_0_NAMESPACE", "a.b")));
        sources.addFirst(new AnyNamePropertySource("any", Map.of()));
        sources.addFirst(new MapPropertySource("plain", Map.of("plux", "a.b")));
        ConfigurationPropertySources.attach(this.environment);
        List<ConfigurationPropertySource> kept = PluxPropertySources.of(this.environment);
        assertThat(kept).extracting((source) -> ((PropertySource<?>) source.getUnderlyingSource()).getName())
            .containsExactly("plain", "any", StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    }

    @Test
    void bindsFromASourceThatCannotListItsNamesAndKeepsPrecedence() {
        var sources = this.environment.getPropertySources();
        sources.addFirst(new MapPropertySource("low", Map.of("plux.startup.parallelism", "2",
                "plux.namespaces[0].namespace", "from.low")));
        sources.addFirst(new AnyNamePropertySource("high", Map.of("plux.startup.parallelism", "4")));
        ConfigurationPropertySources.attach(this.environment);
        PluxSettings settings = PluxSettings.bind(this.environment, getClass().getClassLoader());
        assertThat(settings.startup().parallelism()).isEqualTo(4);
        assertThat(settings.managers()).extracting(ManagerSettings::namespace).containsExactly("from.low");
    }

    @Test
    void aListIsFromTheFirstSourceThatSetsItWholeOrByItems() {
        ConfigurationPropertyName namespaces = ConfigurationPropertyName.of("plux.namespaces");
        ConfigurationPropertySource none = source("none", Map.of("plux.startup.parallelism", "2"));
        ConfigurationPropertySource whole = source("whole", Map.of("plux.namespaces", "a,b"));
        ConfigurationPropertySource items = source("items", Map.of("plux.namespaces[0].namespace", "c"));
        assertThat(PluxPropertySources.listSource(List.of(none, whole, items), namespaces)).isEqualTo(1);
        assertThat(PluxPropertySources.listSource(List.of(none, items, whole), namespaces)).isEqualTo(1);
        assertThat(PluxPropertySources.listSource(List.of(none), namespaces)).isEqualTo(-1);
        // a source that cannot list its names sets the list when it answers for the list, its first item or a
        // property of that item, the names Boot asks it for
        ConfigurationPropertySource firstItem = ConfigurationPropertySource.from(new AnyNamePropertySource("first",
                Map.of("plux.namespaces[0].namespace", "d")));
        assertThat(PluxPropertySources.listSource(List.of(none, firstItem, items), namespaces)).isEqualTo(1);
        ConfigurationPropertySource firstString = ConfigurationPropertySource.from(new AnyNamePropertySource("string",
                Map.of("plux.namespaces[0]", "e")));
        assertThat(PluxPropertySources.listSource(List.of(none, firstString, items), namespaces)).isEqualTo(1);
        // Boot binds an item's list by items too: such an item is bound from that source, and fails validation there
        ConfigurationPropertySource firstInclude = ConfigurationPropertySource.from(new AnyNamePropertySource(
                "include", Map.of("plux.namespaces[0].include[0]", "a*")));
        assertThat(PluxPropertySources.listSource(List.of(none, firstInclude, items), namespaces)).isEqualTo(1);
    }

    @Test
    void aSourceThatCannotListItsNamesAndAnswersNoneOfTheListsDoesNotSetIt() {
        // JNDI's, which Spring adds to every web application deployed to a servlet container (Tomcat's java:comp/env)
        ConfigurationPropertySource jndi = ConfigurationPropertySource.from(new AnyNamePropertySource("jndi",
                Map.of("spring.datasource.url", "jdbc:x")));
        ConfigurationPropertySource items = source("items", Map.of("plux.plugin-directories[0]", "plugins"));
        assertThat(PluxPropertySources.listSource(List.of(jndi, items),
                ConfigurationPropertyName.of("plux.plugin-directories"))).isEqualTo(1);
        assertThat(PluxPropertySources.listSource(List.of(jndi, items), ConfigurationPropertyName.of("plux.namespaces")))
            .isEqualTo(-1);
    }

    @Test
    void aPluginDirectoryIsNamedWithWhereItWasSetBehindASourceThatCannotListItsNames() {
        // the WAR trial (Tomcat 11): 'set by plux.plugin-directories[0]=plugins' without the file, as the JNDI source
        // was taken for the one the list came from
        ConfigurationPropertySource jndi = ConfigurationPropertySource.from(new AnyNamePropertySource("jndi", Map.of()));
        ConfigurationPropertySource yaml = ConfigurationPropertySource.from(new OriginTrackedMapPropertySource(
                "application.yml", Map.of("plux.plugin-directories[0]", OriginTrackedValue.of("plugins",
                        new TextResourceOrigin(new ClassPathResource("application.yml"),
                                new TextResourceOrigin.Location(3, 6))))));
        assertThat(PluginDirectoryOrigin.of(0, "plugins", List.of(jndi, yaml)))
            .isEqualTo("plux.plugin-directories[0]=plugins, at class path resource [application.yml] - 4:7");
    }

    private static ConfigurationPropertySource source(String name, Map<String, Object> properties) {
        return ConfigurationPropertySource.from(new MapPropertySource(name, properties));
    }

    @Test
    void withoutAnyPluxKeyTheSettingsAreTheDefaults() {
        this.environment.getPropertySources().addFirst(new MapPropertySource("other", Map.of("spring.x", "y")));
        ConfigurationPropertySources.attach(this.environment);
        assertThat(PluxPropertySources.of(this.environment)).isEmpty();
        PluxSettings settings = PluxSettings.bind(this.environment, getClass().getClassLoader());
        PluxProperties defaults = new PluxProperties();
        assertThat(settings.managers()).isEmpty();
        assertThat(settings.startup().parallelism()).isEqualTo(defaults.getStartup().getParallelism());
        assertThat(settings.startup().progressInterval()).isEqualTo(defaults.getStartup().getProgressInterval());
        // SPEC, Spring Boot layer 0.2: plux.startup.parallelism defaults to 1 (one plugin at a time) and
        // plux.startup.progress-interval to 10s; the tests' StartupSettings.DEFAULTS stands for the same
        assertThat(settings.startup()).isEqualTo(new StartupSettings(1, Duration.ofSeconds(10)))
            .isEqualTo(StartupSettings.DEFAULTS);
    }

    /** A source that cannot list its names, as a custom or remote one may: it must not be left out. */
    private static final class AnyNamePropertySource extends PropertySource<Map<String, Object>> {

        AnyNamePropertySource(String name, Map<String, Object> values) {
            super(name, values);
        }

        @Override
        public Object getProperty(String name) {
            return getSource().get(name);
        }

        @Override
        public String toString() {
            return getName();
        }
    }
}
