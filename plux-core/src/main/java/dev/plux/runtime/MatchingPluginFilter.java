package dev.plux.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;

/**
 * Excludes plugins whose namespace, name and value match shell-style globs ({@code *}, {@code ?},
 * {@code [seq]}, {@code [!seq]}), as plux's {@code MatchingPluginFilter}.
 *
 * <p>Each exclusion AND-s the fields it sets; a {@code null} field matches anything. A plugin is excluded when
 * any exclusion matches it. {@link #global()} is consulted by every manager in the process:
 * <pre>{@code
 * MatchingPluginFilter.global().addExclusion("localstack.plugins.*", "*legacy*", null);
 * }</pre>
 * Safe for concurrent use.
 */
public class MatchingPluginFilter implements PluginFilter {

    private static final MatchingPluginFilter GLOBAL = new MatchingPluginFilter();

    private final List<Exclusion> exclusions = new CopyOnWriteArrayList<>();

    /**
     * Creates an empty filter that excludes nothing.
     */
    public MatchingPluginFilter() {
    }

    /**
     * The process-wide filter every {@link PluginManager} consults.
     *
     * @return the global filter
     */
    public static MatchingPluginFilter global() {
        return GLOBAL;
    }

    /**
     * Adds an exclusion.
     *
     * @param namespace glob for the namespace, or {@code null} or empty for any
     * @param name glob for the plugin name, or {@code null} or empty for any
     * @param value glob for the entry point value ({@link PluginSpec#value()}), or {@code null} or empty for any
     * @throws IllegalArgumentException if a glob is malformed (an unclosed {@code [})
     */
    public void addExclusion(@Nullable String namespace, @Nullable String name, @Nullable String value) {
        this.exclusions.add(new Exclusion(compile(namespace), compile(name), compile(value)));
    }

    /**
     * Removes every exclusion.
     */
    public void clear() {
        this.exclusions.clear();
    }

    /**
     * Whether there are no exclusions.
     *
     * @return {@code true} when this filter excludes nothing
     */
    public boolean isEmpty() {
        return this.exclusions.isEmpty();
    }

    @Override
    public boolean excludes(PluginSpec spec) {
        for (Exclusion exclusion : this.exclusions) {
            if (exclusion.matches(spec)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Names the exclusion that matches the plugin, for its disabled reason:
     * {@code MatchingPluginFilter exclusion [namespace=test.*, name=*legacy*, value=*]} (a field without a glob
     * shows as {@code *}); the {@linkplain #global() global} filter calls itself
     * {@code MatchingPluginFilter.global()}.
     *
     * @param spec the plugin this filter excluded
     * @return the matching exclusion, or {@link #toString()} if none matches (any more)
     */
    @Override
    public String describeExclusion(PluginSpec spec) {
        for (Exclusion exclusion : this.exclusions) {
            if (exclusion.matches(spec)) {
                return name() + " exclusion " + exclusion;
            }
        }
        return toString();
    }

    private String name() {
        return (this == GLOBAL) ? "MatchingPluginFilter.global()" : "MatchingPluginFilter";
    }

    private static @Nullable Glob compile(@Nullable String pattern) {
        // empty means any, as in plux (a falsy matcher field): an empty YAML value or environment variable must not
        // turn an exclusion into one that matches nothing
        return (pattern != null && !pattern.isEmpty()) ? Glob.compile(pattern) : null;
    }

    @Override
    public String toString() {
        return name() + " " + this.exclusions;
    }

    private record Exclusion(@Nullable Glob namespace, @Nullable Glob name, @Nullable Glob value) {

        boolean matches(PluginSpec spec) {
            return matches(this.namespace, spec.namespace()) && matches(this.name, spec.name())
                    && matches(this.value, spec.value());
        }

        private static boolean matches(@Nullable Glob glob, String text) {
            return glob == null || glob.matches(text);
        }

        @Override
        public String toString() {
            return "[namespace=" + glob(this.namespace) + ", name=" + glob(this.name) + ", value=" + glob(this.value)
                    + "]";
        }

        private static String glob(@Nullable Glob glob) {
            return (glob != null) ? glob.toString() : "*";
        }
    }
}
