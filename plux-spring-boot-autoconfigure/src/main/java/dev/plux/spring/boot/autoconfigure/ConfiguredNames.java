package dev.plux.spring.boot.autoconfigure;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.PropertySourceInfo;

/**
 * Every {@code plux.*} name the property sources hold, with its ancestors, read in one pass over their names, so
 * that binding skips the properties nobody set. Boot's binder tries each property of each namespace item in each
 * source (eight per item, most of them unset), a large part of plux's startup cost with many namespaces.
 * Names compare as Boot compares them (relaxed: {@code loadOnStartup}, {@code load-on-startup} and the
 * environment variable form are one name; in the process environment, as Boot looks names up there,
 * {@code LOAD_ON_STARTUP} too).
 */
final class ConfiguredNames {

    private static final ConfigurationPropertyName PLUX = ConfigurationPropertyName.of("plux");

    private final Set<ConfigurationPropertyName> namesAndAncestors;

    /** Whether the process environment sets a name, which may stand for a dashed one with underscores for dashes. */
    private final boolean fromEnvironment;

    private ConfiguredNames(Set<ConfigurationPropertyName> namesAndAncestors, boolean fromEnvironment) {
        this.namesAndAncestors = namesAndAncestors;
        this.fromEnvironment = fromEnvironment;
    }

    /**
     * The names the sources hold under {@code plux}, or {@code null} when a source cannot list its names (then
     * any name may be set, and nothing can be skipped).
     *
     * @param sources the sources
     * @return the names, or {@code null}
     */
    static @Nullable ConfiguredNames of(List<ConfigurationPropertySource> sources) {
        return of(sources, (name, source) -> {
        });
    }

    /**
     * The names the sources hold under {@code plux}, handing each name under {@code plux} with its source to
     * {@code eachName} in the same pass (the unknown-key check reads the same names).
     *
     * @param sources the sources
     * @param eachName called with every name under {@code plux} of every source that can list its names (and holds
     *        it: see {@link #isPrefixed})
     * @return the names, or {@code null} when a source cannot list its names
     */
    static @Nullable ConfiguredNames of(List<ConfigurationPropertySource> sources,
            BiConsumer<ConfigurationPropertyName, ConfigurationPropertySource> eachName) {
        Set<ConfigurationPropertyName> names = new HashSet<>();
        boolean listable = true;
        boolean fromEnvironment = false;
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                listable = false;
                continue;
            }
            boolean environment = PluxPropertySources.isSystemEnvironment(source);
            boolean prefixed = isPrefixed(source);
            for (ConfigurationPropertyName name : iterable) {
                if (prefixed && (PLUX.isAncestorOf(name) || PLUX.equals(name))
                        && source.getConfigurationProperty(name) == null) {
                    // not the source's own: see isPrefixed
                    continue;
                }
                if (PLUX.isAncestorOf(name)) {
                    fromEnvironment |= environment;
                    eachName.accept(name, source);
                    // the name and each ancestor up to plux; stop at one seen already (its ancestors were added)
                    ConfigurationPropertyName current = name;
                    while (!PLUX.equals(current) && names.add(current)) {
                        current = current.getParent();
                    }
                    names.add(PLUX);
                }
                else if (PLUX.equals(name)) {
                    names.add(PLUX);
                }
            }
        }
        return listable ? new ConfiguredNames(names, fromEnvironment) : null;
    }

    /**
     * Whether Boot reads the source with a prefix ({@code SpringApplication.setEnvironmentPrefix("myapp")}: only
     * {@code MYAPP_PLUX_*} is bound). Such a source lists the names without the prefix, and also, under their own
     * names, those that lack it ({@code PLUX_NAMESPACES_0_...} of another application), which Boot never binds: a
     * name is its own only if the source holds it. The lookup is paid for the {@code plux} names of such a source
     * alone.
     */
    private static boolean isPrefixed(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof PropertySourceInfo info && info.getPrefix() != null;
    }

    /**
     * Whether the name, or a name below it, is set.
     *
     * @param name the name
     * @return whether it is set
     */
    boolean isSetOrAncestor(ConfigurationPropertyName name) {
        if (this.namesAndAncestors.contains(name)) {
            return true;
        }
        // PLUX_STARTUP_PROGRESS_INTERVAL reads as plux.startup.progress.interval, which Boot binds to
        // plux.startup.progress-interval: skipping that would drop the variable silently
        ConfigurationPropertyName separated = this.fromEnvironment ? PluxPropertySources.withDashesAsSeparators(name)
                : null;
        return separated != null && this.namesAndAncestors.contains(separated);
    }

    /**
     * A bind handler that skips every property neither set nor above a set one: it keeps its default.
     *
     * @return the handler
     */
    BindHandler skippingUnset() {
        return new AbstractBindHandler() {

            @Override
            public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target,
                    BindContext context) {
                return isSetOrAncestor(name) ? target : null;
            }
        };
    }
}
