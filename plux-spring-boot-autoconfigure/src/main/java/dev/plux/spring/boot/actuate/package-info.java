/**
 * Actuator support for plux: the {@code plux} endpoint and health indicator.
 */
@NullMarked
package dev.plux.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
