/**
 * Spring Boot auto-configuration of plux: {@link dev.plux.spring.boot.autoconfigure.PluxProperties} (the
 * {@code plux.*} metadata), {@link dev.plux.spring.boot.autoconfigure.PluxSettings} (bound once, validated) and
 * the auto-configurations that register a {@code PluginManager} bean per namespace, as definitions Spring AOT
 * writes out as code, with native-image hints for the plugins they name.
 */
@NullMarked
package dev.plux.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
