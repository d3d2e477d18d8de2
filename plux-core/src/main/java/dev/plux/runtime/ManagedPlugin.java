package dev.plux.runtime;

import java.net.URL;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;

/**
 * The container of one plugin in one manager.
 *
 * <p>Its fields change only on the thread that owns it in {@link LoadCycles} (resolving or loading it) and are read
 * without a lock: {@link #state} is written last, so a reader that sees {@code LOADED} also sees the plugin.
 * {@link #owner} and {@link #released} belong to {@link LoadCycles} and are guarded by its lock.
 */
final class ManagedPlugin<P extends Plugin> implements PluginContainer<P> {

    private final EntryPoint entryPoint;

    /** The index line that declared the plugin; {@code null} for a plugin of a custom finder. */
    private final @Nullable IndexEntry entry;

    volatile PluginState state;

    /** Set by resolution, once; for a finder's plugin from the start. */
    volatile @Nullable PluginSpec spec;

    /** Whether resolution ran to its end ({@code onResolveAfter} or {@code onResolveException} included). */
    volatile boolean resolutionDone;

    volatile @Nullable Throwable resolveError;

    volatile @Nullable P plugin;

    volatile @Nullable Object loadValue;

    volatile @Nullable Throwable initError;

    volatile @Nullable Throwable loadError;

    volatile @Nullable String disabledReason;

    /** The thread resolving or loading this plugin; guarded by the lock of {@link LoadCycles}. */
    LoadCycles.@Nullable Loader owner;

    /** Opens when {@link #owner} lets go; guarded by the lock of {@link LoadCycles}. */
    @Nullable CountDownLatch released;

    private volatile @Nullable Distribution distribution;

    /** Written after {@link #distribution}, so a reader that sees it set also sees the distribution. */
    private volatile boolean distributionKnown;

    /** A plugin declared by an index line; resolved when first needed. */
    ManagedPlugin(IndexEntry entry) {
        this.entryPoint = entry.entryPoint();
        this.entry = entry;
        this.state = PluginState.DECLARED;
    }

    /** A plugin of a custom finder: resolved already. */
    ManagedPlugin(PluginSpec spec) {
        this.entryPoint = new EntryPoint(spec.namespace(), spec.name(), spec.value(), null);
        this.entry = null;
        this.spec = spec;
        this.state = PluginState.RESOLVED;
    }

    @Override
    public String name() {
        return this.entryPoint.name();
    }

    /** {@code namespace:name}, escaped, for messages. */
    String describe() {
        return Failures.plugin(this.entryPoint.namespace(), this.entryPoint.name());
    }

    @Override
    public EntryPoint entryPoint() {
        return this.entryPoint;
    }

    /** The index line that declared the plugin, or {@code null} for a plugin of a custom finder. */
    @Nullable IndexEntry indexEntry() {
        return this.entry;
    }

    @Override
    public @Nullable PluginSpec pluginSpec() {
        return this.spec;
    }

    @Override
    public @Nullable Throwable resolveError() {
        return this.resolveError;
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
            PluginSpec known = this.spec;
            URL indexFile = this.entryPoint.source();
            if (known == null && indexFile == null) {
                return Optional.empty();
            }
            // with an index file Distributions reads only its location: a stand-in spec will do before resolution
            Optional<Distribution> found = Distributions.of((known != null) ? known : declaredSpec(), indexFile);
            // racing threads compute the same value; Distributions caches the reading per location
            this.distribution = found.orElse(null);
            this.distributionKnown = true;
        }
        return Optional.ofNullable(this.distribution);
    }

    /** A spec whose factory is never called, naming the plugin without looking its class up. */
    private PluginSpec declaredSpec() {
        return new PluginSpec(this.entryPoint.namespace(), this.entryPoint.name(), () -> {
            throw new IllegalStateException("not resolved");
        }, this.entryPoint.value());
    }

    @Override
    public String toString() {
        return "PluginContainer[" + describe() + ", " + this.state + "]";
    }
}
