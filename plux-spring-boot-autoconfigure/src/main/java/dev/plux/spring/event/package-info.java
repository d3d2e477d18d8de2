/**
 * plux lifecycle callbacks as Spring {@link org.springframework.context.ApplicationEvent}s, published by every
 * {@code PluginManager} bean; listen with {@code @EventListener}.
 */
@NullMarked
package dev.plux.spring.event;

import org.jspecify.annotations.NullMarked;
