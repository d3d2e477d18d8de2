/**
 * Auto-configuration of the plux endpoint and health indicator.
 */
@NullMarked
package dev.plux.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
