package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.MatchingPluginFilter;
import dev.plux.runtime.PluginFilter;
import org.jspecify.annotations.Nullable;

/**
 * The per-namespace {@code include} / {@code exclude} name globs of one manager: a plugin is disabled when
 * includes are set and none matches, or when an exclude matches.
 */
final class NameGlobFilter implements PluginFilter {

    private final String namespace;

    private final @Nullable MatchingPluginFilter include;

    private final @Nullable MatchingPluginFilter exclude;

    NameGlobFilter(String namespace, @Nullable MatchingPluginFilter include, @Nullable MatchingPluginFilter exclude) {
        this.namespace = namespace;
        this.include = include;
        this.exclude = exclude;
    }

    @Override
    public boolean excludes(PluginSpec spec) {
        // the include filter "excludes" exactly the names it lists, so a non-match means "not included"
        if (this.include != null && !this.include.excludes(spec)) {
            return true;
        }
        return this.exclude != null && this.exclude.excludes(spec);
    }

    @Override
    public String toString() {
        return "NameGlobFilter[" + this.namespace + ", include=" + this.include + ", exclude=" + this.exclude + "]";
    }
}
