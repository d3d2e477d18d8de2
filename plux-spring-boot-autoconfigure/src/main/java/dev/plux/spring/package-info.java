/**
 * plux in a Spring application: the {@link dev.plux.spring.PluginManagers} registry, the
 * {@link dev.plux.spring.PluxNamespace} qualifier and the {@link dev.plux.spring.PluginManagerCustomizer} hook.
 */
@NullMarked
package dev.plux.spring;

import org.jspecify.annotations.NullMarked;
