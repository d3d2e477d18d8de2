package dev.plux.runtime;

import java.net.URL;
import java.util.Optional;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;

/**
 * The container of one plugin in one manager.
 *
 * <p>Its fields change only on the thread that owns it in {@link LoadCycles} (resolving or loading it) and are read
 * without a lock: {@link #state} is written last, so a reader that sees {@code LOADED} also sees the plugin.
 * {@link #ownership} belongs to {@link LoadCycles} and is guarded by its lock. Kept small (a declared plugin costs
 * one of these): one failure field whose meaning the state gives, the index entry shared with the index.
 */
final class ManagedPlugin<P extends Plugin> implements PluginContainer<P> {

    /** The {@link IndexEntry} that declared the plugin, or the {@link EntryPoint} made for a finder's plugin. */
    private final Object origin;

    volatile PluginState state;

    /** Set by resolution, once; for a finder's plugin from the start. */
    volatile @Nullable PluginSpec spec;

    /** Whether resolution ran to its end ({@code onResolveAfter} or {@code onResolveException} included). */
    volatile boolean resolutionDone;


    volatile @Nullable P plugin;

    volatile @Nullable Object loadValue;

    /** The recorded failure: resolve, init or load failure as {@link #state} says; written before the state. */
    volatile @Nullable Throwable failure;

    volatile @Nullable String disabledReason;

    /** Who resolves or loads this plugin now; guarded by the lock of {@link LoadCycles}. */
    LoadCycles.@Nullable Ownership ownership;

    private volatile @Nullable Distribution distribution;

    /** Written after {@link #distribution}, so a reader that sees it set also sees the distribution. */
    private volatile boolean distributionKnown;

    /** A plugin declared by an index line; resolved when first needed. */
    ManagedPlugin(IndexEntry entry) {
        this.origin = entry;
        this.state = PluginState.DECLARED;
    }

    /** A plugin of a custom finder: resolved already. */
    ManagedPlugin(PluginSpec spec) {
        this.origin = new EntryPoint(spec.namespace(), spec.name(), spec.value(), null);
        this.spec = spec;
        this.state = PluginState.RESOLVED;
    }

    @Override
    public String name() {
        return entryPoint().name();
    }

    /** {@code namespace:name}, escaped, for messages. */
    String describe() {
        EntryPoint entryPoint = entryPoint();
        return Failures.plugin(entryPoint.namespace(), entryPoint.name());
    }

    @Override
    public EntryPoint entryPoint() {
        return (this.origin instanceof IndexEntry entry) ? entry.entryPoint() : (EntryPoint) this.origin;
    }

    /** The index line that declared the plugin, or {@code null} for a plugin of a custom finder. */
    @Nullable IndexEntry indexEntry() {
        return (this.origin instanceof IndexEntry entry) ? entry : null;
    }

    @Override
    public @Nullable PluginSpec pluginSpec() {
        return this.spec;
    }

    @Override
    public @Nullable Throwable resolveError() {
        return failureIf(PluginState.RESOLVE_FAILED);
    }

    private @Nullable Throwable failureIf(PluginState failed) {
        return (this.state == failed) ? this.failure : null;
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
        return failureIf(PluginState.INIT_FAILED);
    }

    @Override
    public @Nullable Throwable loadError() {
        return failureIf(PluginState.LOAD_FAILED);
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
            URL indexFile = entryPoint().source();
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
        EntryPoint entryPoint = entryPoint();
        return new PluginSpec(entryPoint.namespace(), entryPoint.name(), () -> {
            throw new IllegalStateException("not resolved");
        }, entryPoint.value());
    }

    @Override
    public String toString() {
        return "PluginContainer[" + describe() + ", " + this.state + "]";
    }
}
