/**
 * Failure analysis of plux startup failures.
 */
@NullMarked
package dev.plux.spring.boot.diagnostics;

import org.jspecify.annotations.NullMarked;
