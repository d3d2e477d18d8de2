/**
 * The sample Spring Boot application of plux.
 */
@NullMarked
package dev.plux.samples.app;

import org.jspecify.annotations.NullMarked;
