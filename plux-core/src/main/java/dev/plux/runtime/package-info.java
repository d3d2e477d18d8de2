/**
 * What runs plugins: {@link dev.plux.runtime.PluginManager}, its containers and filters, and the reading of
 * the {@code META-INF/plux/entry_points.txt} index.
 */
@NullMarked
package dev.plux.runtime;

import org.jspecify.annotations.NullMarked;
