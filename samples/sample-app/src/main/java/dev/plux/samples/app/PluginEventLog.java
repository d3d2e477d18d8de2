package dev.plux.samples.app;

import dev.plux.spring.event.PluginDisabledEvent;
import dev.plux.spring.event.PluginLoadFailedEvent;
import dev.plux.spring.event.PluginLoadedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to plugin lifecycle events with ordinary {@code @EventListener}s.
 */
@Component
class PluginEventLog {

    private static final Logger logger = LoggerFactory.getLogger(PluginEventLog.class);

    @EventListener
    void loaded(PluginLoadedEvent event) {
        // load() may return a value (the event's loadResult); the sample's plugins return none, so "-> null" would
        // only puzzle a reader of the log
        Object result = event.loadResult();
        if (result != null) {
            logger.info("loaded plugin {}:{} -> {}", event.namespace(), event.pluginName(), result);
        }
        else {
            logger.info("loaded plugin {}:{}", event.namespace(), event.pluginName());
        }
    }

    @EventListener
    void disabled(PluginDisabledEvent event) {
        logger.info("disabled plugin {}:{} ({})", event.namespace(), event.pluginName(), event.reason());
    }

    @EventListener
    void failed(PluginLoadFailedEvent event) {
        logger.info("plugin {}:{} failed to load: {}", event.namespace(), event.pluginName(),
                event.exception().getMessage());
    }
}
