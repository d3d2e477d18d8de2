/**
 * JMH benchmarks of plux discovery, loading and Spring Boot startup, against {@code ServiceLoader} and
 * {@code SpringFactoriesLoader}.
 */
@NullMarked
package dev.plux.benchmarks;

import org.jspecify.annotations.NullMarked;
