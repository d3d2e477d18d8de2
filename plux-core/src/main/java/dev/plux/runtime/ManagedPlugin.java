package dev.plux.runtime;

import java.net.URL;
import java.nio.file.Path;
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
 * {@link #ownership} belongs to {@link LoadCycles} and is guarded by its lock. Kept small, since every declared
 * plugin costs one: one {@link #outcome} field whose meaning the state gives, no cached distribution, and of the
 * index line only what it needs (the index's own record is not kept).
 */
final class ManagedPlugin<P extends Plugin> implements PluginContainer<P> {

    private final EntryPoint entryPoint;

    /** The line of the index file that declared the plugin; 0 for a plugin of a custom finder. */
    private final int line;

    /** What is wrong with the index line (the plugin then fails to resolve), or {@code null}. */
    private final @Nullable String malformed;

    /** The plugin-directory bundle whose index declared the plugin, or {@code null} for the class path's. */
    private final @Nullable Bundle bundle;

    volatile PluginState state;

    /** Set by resolution, once; for a finder's plugin from the start. */
    volatile @Nullable PluginSpec spec;

    /** Whether resolution ran to its end ({@code onResolveAfter} or {@code onResolveException} included). */
    volatile boolean resolutionDone;

    /**
     * Whether the plugin's final state is settled: its owner let go after every listener and interceptor of the
     * attempt ran. A final state alone is not: a listener told of a failure may still turn it into
     * {@code DISABLED}, and a caller must not answer from the failure meanwhile.
     */
    volatile boolean settled;

    /**
     * Whether the listeners of its init or load failure are running: one of them may still disable it, so the
     * recorded failure is not the final answer yet. Written and read by the owning thread only (others wait for
     * {@link #settled}).
     */
    boolean failureUndecided;

    /**
     * The thread whose attempt recorded the plugin's failure, for the message of a later load: the failure may depend
     * on that thread (a reactive client's {@code block()} refused on an event loop), and a caller on another thread
     * must not take it for its own. {@code null} unless a load attempt failed. Written before {@link #settled} and
     * before the owner lets go, so a caller that sees the plugin settled, or waited for it, sees it too.
     */
    volatile @Nullable AttemptThread failedOn;

    volatile @Nullable P plugin;

    /**
     * What the final state carries, written before the state: {@code LOADED} the load value, {@code DISABLED} the
     * reason (a {@link DisabledAfterFailure} when it replaced a failure), {@code RESOLVE_FAILED},
     * {@code INIT_FAILED}, {@code LOAD_FAILED} the failure. One field for three.
     */
    volatile @Nullable Object outcome;

    /** Who resolves or loads this plugin now; guarded by the lock of {@link LoadCycles}. */
    LoadCycles.@Nullable Ownership ownership;

    /** A plugin declared by an index line; resolved when first needed. */
    ManagedPlugin(IndexEntry entry) {
        this(entry, null);
    }

    /** A plugin declared by an index line of a bundle (or of the class path, when {@code null}). */
    ManagedPlugin(IndexEntry entry, @Nullable Bundle bundle) {
        this.entryPoint = entry.entryPoint();
        this.line = entry.line();
        this.malformed = entry.malformed();
        this.bundle = bundle;
        this.state = PluginState.DECLARED;
    }

    /** A plugin of a custom finder: resolved already. */
    ManagedPlugin(PluginSpec spec) {
        this.entryPoint = new EntryPoint(spec.namespace(), spec.name(), spec.value(), null);
        this.line = 0;
        this.malformed = null;
        this.bundle = null;
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
        return this.entryPoint;
    }

    /** Whether an index line declared the plugin (else a custom finder found it, resolved). */
    boolean fromIndex() {
        return this.line > 0;
    }

    /** {@code file:line} of the index line that declared the plugin; {@code "?"} for a finder's plugin. */
    String location() {
        return fromIndex() ? IndexFileNames.describe(this.entryPoint.source()) + ":" + this.line : "?";
    }

    /** What is wrong with the index line, or {@code null}. */
    @Nullable String malformed() {
        return this.malformed;
    }

    /** The bundle that declared the plugin, or {@code null} for one of the class path or a finder. */
    @Nullable Bundle declaringBundle() {
        return this.bundle;
    }

    @Override
    public Optional<Path> bundle() {
        Bundle origin = this.bundle;
        return (origin != null) ? Optional.of(origin.path()) : Optional.empty();
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
        return (this.state == failed) ? failure() : null;
    }

    /**
     * The recorded failure of a failed plugin, else {@code null}; also the failure a listener's disabling replaced,
     * for a reader that read the failed state just before.
     */
    @Nullable Throwable failure() {
        Object recorded = this.outcome;
        if (recorded instanceof DisabledAfterFailure disabled) {
            return disabled.failure();
        }
        return (recorded instanceof Throwable failure) ? failure : null;
    }

    /**
     * Records the plugin as disabled. A failure this replaces (a listener of it threw {@code PluginDisabled}) stays
     * in the outcome: a reader on another thread may have read {@code INIT_FAILED} or {@code LOAD_FAILED} just
     * before and read the outcome next, and {@link #initError()} must not be {@code null} beside that state.
     */
    void recordDisabled(@Nullable String reason) {
        Throwable replaced = failure();
        this.outcome = (replaced != null) ? new DisabledAfterFailure(reason, replaced) : reason;
        this.state = PluginState.DISABLED;
    }

    @Override
    public @Nullable P plugin() {
        return this.plugin;
    }

    @Override
    public @Nullable Object loadValue() {
        return (this.state == PluginState.LOADED) ? this.outcome : null;
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
        if (this.state != PluginState.DISABLED) {
            return null;
        }
        Object recorded = this.outcome;
        if (recorded instanceof DisabledAfterFailure disabled) {
            return disabled.reason();
        }
        return (recorded instanceof String reason) ? reason : null;
    }

    @Override
    public PluginState state() {
        return this.state;
    }

    @Override
    public Optional<Distribution> distribution() {
        Bundle origin = this.bundle;
        if (origin != null) {
            return Optional.of(origin.distribution());
        }
        // not kept here: Distributions caches per location, and a declared plugin stays small
        PluginSpec known = this.spec;
        URL indexFile = this.entryPoint.source();
        if (known == null && indexFile == null) {
            return Optional.empty();
        }
        // with an index file Distributions reads only its location: a stand-in spec will do before resolution
        return Distributions.of((known != null) ? known : declaredSpec(), indexFile);
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

    /** The outcome of a plugin disabled by a listener of its failure: the reason, and the failure it replaced. */
    private record DisabledAfterFailure(@Nullable String reason, Throwable failure) {
    }
}
