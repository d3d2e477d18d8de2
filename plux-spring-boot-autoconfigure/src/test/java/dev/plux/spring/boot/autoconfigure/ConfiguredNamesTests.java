package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertySourceInfo;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ConfiguredNamesTests {

    @Test
    void aSetNameAndEachOfItsAncestorsAreSetInEveryRelaxedForm() {
        ConfiguredNames names = ConfiguredNames.of(List.of(ConfigurationPropertySource.from(new MapPropertySource("p",
                Map.of("plux.namespaces[0].loadOnStartup", "true", "spring.main.banner-mode", "off")))));
        assertThat(names).isNotNull();
        assertThat(names.isSetOrAncestor(name("plux.namespaces[0].load-on-startup"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.namespaces[0]"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.namespaces"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.namespaces[0].include"))).isFalse();
        assertThat(names.isSetOrAncestor(name("plux.namespaces[1]"))).isFalse();
        assertThat(names.isSetOrAncestor(name("plux.startup"))).isFalse();
        assertThat(names.isSetOrAncestor(name("spring.main"))).isFalse();
    }

    @Test
    void environmentVariablesAreReadInTheirMappedForm() {
        ConfiguredNames names = ConfiguredNames.of(List.of(ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource("systemEnvironment", Map.of("PLUX_STARTUP_PARALLELISM", "4")))));
        assertThat(names).isNotNull();
        assertThat(names.isSetOrAncestor(name("plux.startup.parallelism"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.startup.progress-interval"))).isFalse();
    }

    @Test
    void environmentVariablesWithUnderscoresForTheDashesOfAKeyAreSetAsBootBindsThem() {
        // Boot looks plux.startup.progress-interval up as PLUX_STARTUP_PROGRESSINTERVAL and PLUX_STARTUP_PROGRESS_INTERVAL
        ConfiguredNames names = ConfiguredNames.of(List.of(ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource("systemEnvironment", Map.of("PLUX_STARTUP_PROGRESS_INTERVAL", "3s",
                        "PLUX_PLUGIN_DIRECTORIES_0", "plugins", "PLUX_NAMESPACES_0_LOAD_ON_STARTUP", "true")))));
        assertThat(names).isNotNull();
        assertThat(names.isSetOrAncestor(name("plux.startup.progress-interval"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.plugin-directories"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.plugin-directories[0]"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.namespaces[0].load-on-startup"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.startup.parallelism"))).isFalse();
        assertThat(names.isSetOrAncestor(name("plux.namespaces[0].fail-fast"))).isFalse();
    }

    @Test
    void onlyTheEnvironmentIsReadWithUnderscoresForDashes() {
        // Boot maps dashes to underscores only in the system environment: elsewhere this is another name
        ConfiguredNames names = ConfiguredNames.of(List.of(ConfigurationPropertySource.from(new MapPropertySource("p",
                Map.of("plux.startup.progress.interval", "3s")))));
        assertThat(names).isNotNull();
        assertThat(names.isSetOrAncestor(name("plux.startup.progress-interval"))).isFalse();
    }

    @Test
    void aSourceThatCannotListItsNamesLeavesNothingToSkip() {
        PropertySource<Object> any = unlistable();
        assertThat(ConfiguredNames.of(List.of(ConfigurationPropertySource.from(any)))).isNull();
    }

    @Test
    void eachNameUnderPluxIsHandedOnInTheSamePassEvenWhenAnotherSourceCannotListItsNames() {
        PropertySource<Object> any = unlistable();
        List<String> seen = new ArrayList<>();
        ConfiguredNames names = ConfiguredNames.of(List.of(ConfigurationPropertySource.from(any),
                ConfigurationPropertySource.from(new MapPropertySource("p", new TreeMap<>(Map.of(
                        "plux.namespaces[0].plugin-typ", "x", "plux.enabled", "true", "spring.main.banner-mode", "off"))))),
                (name, source) -> seen.add(name + "@" + ((PropertySource<?>) source.getUnderlyingSource()).getName()));
        assertThat(names).isNull();
        assertThat(seen).containsExactly("plux.enabled@p", "plux.namespaces[0].plugin-typ@p");
    }

    @Test
    void aPrefixedEnvironmentHandsOnOnlyTheVariablesWithThePrefix() {
        // SpringApplication.setEnvironmentPrefix("myapp"): Boot binds MYAPP_PLUX_*, never PLUX_*
        List<String> seen = new ArrayList<>();
        List<PropertySource<?>> environment = List.of(new PrefixedEnvironment(Map.of("MYAPP_PLUX_NAMESPACES_0_NAMESPACE",
                "a.b", "PLUX_NAMESPACES_0_PLUGINTYP", "x", "PLUX_STARTUP_PARALLELISM", "3")));
        // as Boot adapts the environment's sources: with the prefix
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.from(environment).forEach(sources::add);
        ConfiguredNames names = ConfiguredNames.of(sources, (name, source) -> seen.add(name.toString()));
        assertThat(names).isNotNull();
        assertThat(seen).containsExactly("plux.namespaces[0].namespace");
        assertThat(names.isSetOrAncestor(name("plux.namespaces[0].namespace"))).isTrue();
        assertThat(names.isSetOrAncestor(name("plux.startup"))).isFalse();
    }

    /** The process environment as Boot reads it with an environment prefix (a {@link PropertySourceInfo}). */
    private static final class PrefixedEnvironment extends SystemEnvironmentPropertySource
            implements PropertySourceInfo {

        PrefixedEnvironment(Map<String, Object> variables) {
            super("systemEnvironment", variables);
        }

        @Override
        public String getPrefix() {
            return "myapp";
        }
    }

    /** A source that answers any name but cannot list its names. */
    private static PropertySource<Object> unlistable() {
        return new PropertySource<>("any", new Object()) {

            @Override
            public Object getProperty(String name) {
                return null;
            }
        };
    }

    private static ConfigurationPropertyName name(String name) {
        return ConfigurationPropertyName.of(name);
    }
}
