package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.plux.core.PluginSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * A plugin the context created ({@link CreatedPlugins}) is not a bean of it: what Spring does for beans only, and
 * silently not for a plugin, is warned of when the plugin is created (once, as a plugin is created once), naming the
 * plugin, so that an author who expected it learns why it never happens.
 */
final class NotABean {

    private static final Logger logger = LoggerFactory.getLogger(NotABean.class);

    private NotABean() {
    }

    /**
     * Warns of {@code @EventListener} methods (or methods with an annotation meta-annotated with it, such as
     * {@code @TransactionalEventListener}): Spring's {@code EventListenerMethodProcessor} registers those of the
     * bean definitions only, once the singletons exist.
     *
     * @param pluginClass the class plux created
     * @param spec the plugin's spec, for the message
     */
    static void warnOfEventListeners(Class<?> pluginClass, PluginSpec spec) {
        if (!AnnotationUtils.isCandidateClass(pluginClass, EventListener.class)) {
            return;
        }
        Map<Method, EventListener> listeners = MethodIntrospector.selectMethods(pluginClass,
                (MethodIntrospector.MetadataLookup<EventListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, EventListener.class));
        if (listeners.isEmpty()) {
            return;
        }
        List<String> methods = listeners.keySet()
            .stream()
            .map(Method::getName)
            .sorted()
            .distinct()
            .collect(Collectors.toList());
        logger.warn("plux namespace {}: plugin {} ({}) has @EventListener methods that Spring never calls: {}. Spring"
                + " registers the listener methods of beans only, and a plugin is not a bean of the context; listen"
                + " in a bean and call the plugin from there, or, for plux's lifecycle events, register a"
                + " PluginLifecycleListener bean", spec.namespace(), spec.name(), pluginClass.getName(), methods);
    }
}
