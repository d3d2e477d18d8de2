/**
 * Spring Boot auto-configuration of plux: {@link dev.plux.spring.boot.autoconfigure.PluxProperties} and the
 * auto-configurations that register a {@code PluginManager} bean per namespace.
 */
@NullMarked
package dev.plux.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
