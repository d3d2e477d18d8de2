package dev.plux.spring.boot.autoconfigure;

import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ContextExclusionsTests {

    @Test
    void theMatchingItemNamesItsPropertyAndGlobs() {
        ContextExclusions exclusions = new ContextExclusions();
        exclusions.add(0, "other.*", null, null);
        exclusions.add(1, "test.*", "*also*", null);

        PluginSpec excluded = PluginSpec.of("test.ns", "me-also", Named.class);
        assertThat(exclusions.excludes(excluded)).isTrue();
        assertThat(exclusions.describeExclusion(excluded)).isEqualTo("plux.exclude[1] (namespace 'test.*', name"
                + " '*also*')");
        assertThat(exclusions.excludes(PluginSpec.of("test.ns", "me", Named.class))).isFalse();
    }

    @Test
    void anItemWithoutGlobsExcludesEverything() {
        ContextExclusions exclusions = new ContextExclusions();
        exclusions.add(0, null, null, null);

        PluginSpec spec = PluginSpec.of("any", "thing", Named.class);
        assertThat(exclusions.excludes(spec)).isTrue();
        assertThat(exclusions.describeExclusion(spec)).isEqualTo("plux.exclude[0] (every plugin)");
    }

    @Test
    void anEmptyGlobMeansAnyAsAnUnsetOneDoes() {
        ContextExclusions exclusions = new ContextExclusions();
        exclusions.add(0, "", "*also*", "");

        PluginSpec spec = PluginSpec.of("test.ns", "me-also", Named.class);
        assertThat(exclusions.excludes(spec)).isTrue();
        assertThat(exclusions.describeExclusion(spec)).isEqualTo("plux.exclude[0] (name '*also*')");
    }

    @Test
    void malformedGlobIsRejectedAndNothingIsAdded() {
        ContextExclusions exclusions = new ContextExclusions();
        assertThatThrownBy(() -> exclusions.add(0, "[z-a]", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(exclusions.isEmpty()).isTrue();
    }

    /** A stand-in plugin class: only names are matched. */
    public static class Named implements Plugin {
    }
}
