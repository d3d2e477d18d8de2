/**
 * Build-time discovery: {@link dev.plux.processor.PluginIndexProcessor} writes {@code META-INF/plux/entry_points.txt}
 * from {@code @PluginName} and {@code @PluginFunction} elements.
 */
@NullMarked
package dev.plux.processor;

import org.jspecify.annotations.NullMarked;
