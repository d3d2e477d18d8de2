/**
 * Build-time discovery: {@link dev.plux.build.PluginIndexProcessor} writes {@code META-INF/plux/entry_points.txt}
 * from {@code @PluginName} and {@code @PluginFunction} elements.
 */
@NullMarked
package dev.plux.build;

import org.jspecify.annotations.NullMarked;
