package dev.plux.spring.boot.autoconfigure;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.MatchingPluginFilter;

/**
 * One {@code include} or {@code exclude} name glob of a configured namespace, compiled once when the settings are
 * validated and matched through plux's own glob semantics.
 *
 * @param text the glob as configured
 * @param filter a filter that excludes exactly the names the glob matches
 */
record NameGlob(String text, MatchingPluginFilter filter) {

    /**
     * Compiles a glob.
     *
     * @param text the glob
     * @return the compiled glob
     * @throws IllegalArgumentException if the glob is malformed
     */
    static NameGlob compile(String text) {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion(null, text, null);
        return new NameGlob(text, filter);
    }

    boolean matches(PluginSpec spec) {
        return this.filter.excludes(spec);
    }

    @Override
    public String toString() {
        return this.text;
    }
}
