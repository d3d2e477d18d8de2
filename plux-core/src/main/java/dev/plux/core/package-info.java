/**
 * The plux vocabulary a plugin author sees: {@link dev.plux.core.Plugin}, {@link dev.plux.core.PluginSpec},
 * the annotations that put a plugin in the index, the lifecycle listener and the exceptions.
 */
@NullMarked
package dev.plux.core;

import org.jspecify.annotations.NullMarked;
