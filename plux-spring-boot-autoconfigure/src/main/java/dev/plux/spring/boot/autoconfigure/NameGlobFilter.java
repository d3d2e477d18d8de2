package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginFilter;
import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code include} / {@code exclude} name globs of one configured namespace: a plugin is disabled when
 * includes are set and none matches, or when an exclude matches. Its disabled reason names the property and the
 * glob ({@code plux.namespaces[0].exclude '*legacy*'}, {@code not in plux.namespaces[0].include [csv, json]}), and
 * when the manager is first used for a load, one warning names each include glob that matches no declared plugin
 * (a typo there silently disables the plugin it meant).
 */
final class NameGlobFilter implements PluginFilter {

    private static final Logger logger = LoggerFactory.getLogger(NameGlobFilter.class);

    private final String property;

    private final @Nullable List<NameGlob> include;

    private final List<NameGlob> excludes;

    private final AtomicBoolean includesChecked = new AtomicBoolean();

    private volatile @Nullable PluginManager<?> manager;

    /**
     * Creates the filter.
     *
     * @param property the namespace's configuration item, such as {@code plux.namespaces[0]}
     * @param include the include globs, or {@code null} when unset (every name is included)
     * @param exclude the exclude globs, or {@code null} when unset
     */
    NameGlobFilter(String property, @Nullable List<NameGlob> include, @Nullable List<NameGlob> exclude) {
        this.property = property;
        this.include = (include != null) ? List.copyOf(include) : null;
        this.excludes = (exclude != null) ? List.copyOf(exclude) : List.of();
    }

    /** The manager this filter belongs to, whose declared names the include globs are checked against. */
    void bind(PluginManager<?> manager) {
        this.manager = manager;
    }

    @Override
    public boolean excludes(PluginSpec spec) {
        checkIncludesOnce();
        return !included(spec) || excludedBy(spec) != null;
    }

    @Override
    public String describeExclusion(PluginSpec spec) {
        if (!included(spec)) {
            return "not in " + this.property + ".include " + this.include;
        }
        NameGlob exclude = excludedBy(spec);
        return (exclude != null) ? this.property + ".exclude '" + exclude.text() + "'" : toString();
    }

    private boolean included(PluginSpec spec) {
        return this.include == null || this.include.stream().anyMatch((glob) -> glob.matches(spec));
    }

    private @Nullable NameGlob excludedBy(PluginSpec spec) {
        return this.excludes.stream().filter((glob) -> glob.matches(spec)).findFirst().orElse(null);
    }

    /** Warns once about include globs that match no declared plugin of the manager. */
    private void checkIncludesOnce() {
        PluginManager<?> manager = this.manager;
        if (this.include == null || manager == null || !this.includesChecked.compareAndSet(false, true)) {
            return;
        }
        List<String> names;
        try {
            names = manager.listNames();
        }
        catch (RuntimeException ex) {
            // a failing custom finder: nothing to check against, and the load reports the failure itself
            logger.debug("cannot check {}.include against the declared plugins", this.property, ex);
            return;
        }
        List<String> dead = new ArrayList<>();
        for (NameGlob glob : this.include) {
            if (names.stream().noneMatch((name) -> glob.matches(new PluginSpec(manager.namespace(), name,
                    NameGlobFilter::unused)))) {
                dead.add(glob.text());
            }
        }
        if (!dead.isEmpty()) {
            logger.warn("plux namespace {}: {}.include {} {} no declared plugin (declared: {}); plugins that no"
                    + " include glob matches are disabled", manager.namespace(), this.property,
                    (dead.size() == 1) ? "glob '" + dead.get(0) + "'" : "globs " + dead,
                    (dead.size() == 1) ? "matches" : "match", NameSample.of(names));
        }
    }

    private static dev.plux.core.Plugin unused() {
        throw new UnsupportedOperationException("only the name is matched");
    }

    @Override
    public String toString() {
        return "NameGlobFilter[" + this.property + ", include=" + this.include + ", exclude=" + this.excludes + "]";
    }
}
