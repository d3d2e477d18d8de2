package dev.plux.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.boot.autoconfigure.fixtures.S3ServicePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NameGlobFilterTests {

    private static final String FORMATS = "test.spring.formats";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class));

    @Test
    void exclusionNamesThePropertyAndTheMatchingGlob() {
        NameGlobFilter filter = new NameGlobFilter("plux.namespaces[0]", null, globs("*legacy*", "old-*"));

        assertThat(filter.excludes(spec("legacy-yaml"))).isTrue();
        assertThat(filter.describeExclusion(spec("legacy-yaml"))).isEqualTo("plux.namespaces[0].exclude '*legacy*'");
        assertThat(filter.describeExclusion(spec("old-csv"))).isEqualTo("plux.namespaces[0].exclude 'old-*'");
        assertThat(filter.excludes(spec("csv"))).isFalse();
    }

    @Test
    void aNameNoIncludeMatchesIsNotInTheIncludeList() {
        NameGlobFilter filter = new NameGlobFilter("plux.namespaces[1]", globs("csv", "json"), globs("csv"));

        assertThat(filter.excludes(spec("xml"))).isTrue();
        assertThat(filter.describeExclusion(spec("xml"))).isEqualTo("not in plux.namespaces[1].include [csv, json]");
        assertThat(filter.excludes(spec("json"))).isFalse();
        // included but excluded as well: the exclude is the reason
        assertThat(filter.describeExclusion(spec("csv"))).isEqualTo("plux.namespaces[1].exclude 'csv'");
    }

    @Test
    void malformedGlobIsRejected() {
        assertThatThrownBy(() -> NameGlob.compile("[z-a]"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void includeGlobThatMatchesNoDeclaredPluginIsWarnedOnce(CapturedOutput output) {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + FORMATS, "plux.namespaces[0].include=csv,jsn,xml*")
            .run((context) -> {
                PluginManager<?> formats = context.getBean(PluginManager.class);
                assertThat(formats.load("csv")).isInstanceOf(S3ServicePlugin.class);
                assertThatThrownBy(() -> formats.load("json")).hasMessageContaining("is disabled, reason: A plugin"
                        + " filter disabled this plugin before it was initialized: not in plux.namespaces[0].include"
                        + " [csv, jsn, xml*]");
                formats.loadAll();
            });

        String warning = "plux namespace test.spring.formats: plux.namespaces[0].include glob 'jsn' matches no"
                + " declared plugin (declared: csv, json, xml-1, legacy-yaml); plugins that no include glob matches"
                + " are disabled";
        assertThat(output).containsOnlyOnce(warning);
    }

    @Test
    void includeGlobsThatAllMatchAreNotWarned(CapturedOutput output) {
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + FORMATS, "plux.namespaces[0].include=csv,json")
            .run((context) -> context.getBean(PluginManager.class).loadAll());

        assertThat(output).doesNotContain("matches no declared plugin");
    }

    @Test
    void misspelledNamespaceIsWarnedWithTheClosestDeclaredOne(CapturedOutput output) {
        this.contextRunner.withPropertyValues("plux.namespaces[0]=test.spring.formts")
            .run((context) -> assertThat(context.getBean(PluginManager.class).listNames()).isEmpty());

        assertThat(output).containsOnlyOnce("plux namespace 'test.spring.formts': no index file declares it (")
            .contains("Likely cause: a typo: did you mean 'test.spring.formats', the closest declared namespace?");
    }

    private static PluginSpec spec(String name) {
        return PluginSpec.of("ns", name, Named.class);
    }

    /** A stand-in plugin class: only names are matched. */
    public static class Named implements Plugin {
    }

    private static List<NameGlob> globs(String... globs) {
        return Stream.of(globs).map(NameGlob::compile).toList();
    }
}
