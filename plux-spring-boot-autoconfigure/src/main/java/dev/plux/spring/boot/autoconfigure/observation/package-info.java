/**
 * Micrometer integration of plux: the {@code plux.plugin.load} observation and the {@code plux.plugins} gauge.
 */
@NullMarked
package dev.plux.spring.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
