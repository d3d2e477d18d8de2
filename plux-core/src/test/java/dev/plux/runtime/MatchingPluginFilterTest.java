package dev.plux.runtime;

import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchingPluginFilterTest {

    private static final PluginSpec SHOULD_LOAD = PluginSpec.of("test.plugins.dummy", "shouldload",
            TestPlugins.Noop.class);

    private static final PluginSpec SHOULD_ALSO_LOAD = PluginSpec.of("test.plugins.dummy", "shouldalsoload",
            TestPlugins.Other.class);

    @AfterEach
    void clearGlobalFilter() {
        MatchingPluginFilter.global().clear();
    }

    @Test
    void excludesNothingWhenEmpty() {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        assertThat(filter.isEmpty()).isTrue();
        assertThat(filter.excludes(SHOULD_LOAD)).isFalse();
    }

    @Test
    void excludesByNamespaceGlob() {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion("test.plugins.*", null, null);
        assertThat(filter.excludes(SHOULD_LOAD)).isTrue();
        assertThat(filter.excludes(SHOULD_ALSO_LOAD)).isTrue();
    }

    @Test
    void doesNotExcludeANonMatchingNamespace() {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion("test.plugins.dummy.*", null, null);
        assertThat(filter.excludes(SHOULD_LOAD)).isFalse();
    }

    @Test
    void excludesByNameGlob() {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion(null, "*also*", null);
        assertThat(filter.excludes(SHOULD_LOAD)).isFalse();
        assertThat(filter.excludes(SHOULD_ALSO_LOAD)).isTrue();
    }

    @Test
    void excludesByValueGlob() {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion(null, null, TestPlugins.class.getName() + "$*");
        assertThat(filter.excludes(SHOULD_LOAD)).isTrue();
        assertThat(filter.excludes(PluginSpec.of("x", "y", TestPlugins.Outer.Inner.class))).isTrue();
    }

    @Test
    void requiresEveryGivenPartOfAnExclusionToMatch() {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion("test.*", "*also*", null);
        assertThat(filter.excludes(SHOULD_LOAD)).isFalse();
        assertThat(filter.excludes(SHOULD_ALSO_LOAD)).isTrue();
        assertThat(filter.excludes(PluginSpec.of("other", "shouldalsoload", TestPlugins.Noop.class))).isFalse();
    }

    @Test
    void excludesWhenAnyExclusionMatchesAndClearRemovesAll() {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion(null, "nomatch", null);
        filter.addExclusion(null, "shouldload", null);
        assertThat(filter.excludes(SHOULD_LOAD)).isTrue();
        filter.clear();
        assertThat(filter.isEmpty()).isTrue();
        assertThat(filter.excludes(SHOULD_LOAD)).isFalse();
    }

    @Test
    void globalFilterIsOneSharedInstance() {
        assertThat(MatchingPluginFilter.global()).isSameAs(MatchingPluginFilter.global());
        MatchingPluginFilter.global().addExclusion("test.plugins.*", null, null);
        PluginManager<?> manager = PluginManager.builder("test.plugins.dummy")
            .finder(() -> java.util.List.of(SHOULD_LOAD, SHOULD_ALSO_LOAD))
            .build();
        assertThat(manager.loadAll()).isEmpty();
        assertThat(manager.isLoaded("shouldload")).isFalse();
        assertThat(manager.getContainer("shouldload").isDisabled()).isTrue();
    }
}
