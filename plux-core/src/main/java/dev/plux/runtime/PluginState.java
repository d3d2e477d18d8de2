package dev.plux.runtime;

/**
 * Where a plugin is in its life inside one manager.
 */
public enum PluginState {

    /** Known to the manager; not created yet. */
    RESOLVED,

    /** Created by its factory; not loaded yet. */
    INITIALIZED,

    /** Loaded: {@code load} returned. */
    LOADED,

    /** Disabled by a filter, its load condition, or a {@code PluginDisabled} thrown on the way. */
    DISABLED,

    /** Its factory failed; the failure is kept and every later load throws it. */
    INIT_FAILED,

    /** Its {@code load} failed; the failure is kept and every later load throws it. */
    LOAD_FAILED
}
