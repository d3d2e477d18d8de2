package dev.plux.runtime;

import java.net.URL;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;

/**
 * The container of one plugin in one manager. Its fields are written only by the thread holding {@link #lock}
 * and read without it: {@link #state} is written last, so a reader that sees {@code LOADED} also sees the plugin.
 */
final class ManagedPlugin<P extends Plugin> implements PluginContainer<P> {

    final ReentrantLock lock = new ReentrantLock();

    private final PluginSpec spec;

    private final @Nullable URL indexFile;

    volatile PluginState state = PluginState.RESOLVED;

    volatile @Nullable P plugin;

    volatile @Nullable Object loadValue;

    volatile @Nullable Throwable initError;

    volatile @Nullable Throwable loadError;

    volatile @Nullable String disabledReason;

    /** Set while the lifecycle runs, to catch a plugin or listener that loads the same plugin again. */
    boolean loading;

    private volatile @Nullable Distribution distribution;

    /** Written after {@link #distribution}, so a reader that sees it set also sees the distribution. */
    private volatile boolean distributionKnown;

    ManagedPlugin(PluginSpec spec, @Nullable URL indexFile) {
        this.spec = spec;
        this.indexFile = indexFile;
    }

    @Override
    public String name() {
        return this.spec.name();
    }

    @Override
    public EntryPoint entryPoint() {
        return new EntryPoint(this.spec.namespace(), this.spec.name(), this.spec.value(), this.indexFile);
    }

    @Override
    public PluginSpec pluginSpec() {
        return this.spec;
    }

    @Override
    public @Nullable Throwable resolveError() {
        return null;
    }

    @Override
    public @Nullable P plugin() {
        return this.plugin;
    }

    @Override
    public @Nullable Object loadValue() {
        return this.loadValue;
    }

    @Override
    public boolean isInit() {
        return this.plugin != null;
    }

    @Override
    public boolean isLoaded() {
        return this.state == PluginState.LOADED;
    }

    @Override
    public @Nullable Throwable initError() {
        return this.initError;
    }

    @Override
    public @Nullable Throwable loadError() {
        return this.loadError;
    }

    @Override
    public boolean isDisabled() {
        return this.state == PluginState.DISABLED;
    }

    @Override
    public @Nullable String disabledReason() {
        return this.disabledReason;
    }

    @Override
    public PluginState state() {
        return this.state;
    }

    @Override
    public Optional<Distribution> distribution() {
        if (!this.distributionKnown) {
            // racing threads compute the same value; Distributions caches the reading per location
            this.distribution = Distributions.of(this.spec, this.indexFile).orElse(null);
            this.distributionKnown = true;
        }
        return Optional.ofNullable(this.distribution);
    }

    /** The index file that declared the plugin, or {@code null} for one found in code. */
    @Nullable URL indexFile() {
        return this.indexFile;
    }

    @Override
    public String toString() {
        return "PluginContainer[" + this.spec.namespace() + ":" + this.spec.name() + ", " + this.state + "]";
    }
}
