package dev.plux.runtime;

/**
 * Where a plugin is in its life inside one manager.
 *
 * <pre>
 * DECLARED ──resolve──▶ RESOLVED ──init──▶ INITIALIZED ──load──▶ LOADED
 *    │                     │                   │
 *    └──▶ RESOLVE_FAILED   ├──▶ DISABLED ◀─────┤
 *                          └──▶ INIT_FAILED    └──▶ LOAD_FAILED
 * </pre>
 * {@code LOADED}, {@code DISABLED} and the three failed states are final.
 */
public enum PluginState {

    /** Named by an index file; its class has not been looked up yet. */
    DECLARED,

    /** Its entry point was resolved to a spec; not created yet. */
    RESOLVED,

    /** Its entry point could not be resolved; the failure is kept and every later load throws it. */
    RESOLVE_FAILED,

    /** Created by its factory; not loaded yet. */
    INITIALIZED,

    /** Loaded: {@code load} returned. */
    LOADED,

    /** Disabled by a filter, its load condition, or a {@code PluginDisabled} thrown on the way. */
    DISABLED,

    /**
     * It failed before it was created: a filter threw, its factory failed or returned {@code null}, or it made an
     * object that is not of the manager's plugin type. The failure is kept and every later load throws it.
     */
    INIT_FAILED,

    /** Its {@code shouldLoad} or {@code load} failed; the failure is kept and every later load throws it. */
    LOAD_FAILED
}
