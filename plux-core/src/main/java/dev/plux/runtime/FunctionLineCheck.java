package dev.plux.runtime;

import java.lang.reflect.Method;

import dev.plux.core.EntryPoint;
import dev.plux.core.FunctionPlugin;
import dev.plux.core.Plugin;
import dev.plux.core.PluginFunction;

import org.slf4j.Logger;

/**
 * Warns of an index line that names a {@link PluginFunction} method under another namespace or name than the
 * annotation gives it: a hand-written line, or one left from before the annotation changed.
 *
 * <p>plux names a function plugin after its decorator. Here the index line names it: a manager declares its plugins
 * from the lines before any class is looked up, so the line's namespace and name stay, and the mismatch is only
 * told. It is told once per manager, when the plugin is created: the first moment the method is at hand.
 */
final class FunctionLineCheck {

    private static final Logger logger = LifecycleEvents.logger;

    private FunctionLineCheck() {
    }

    /** Logs a warning if the plugin is a function plugin whose annotation disagrees with the line naming it. */
    static void check(ManagedPlugin<?> container, Plugin plugin) {
        if (!container.fromIndex() || !(plugin instanceof FunctionPlugin function)) {
            return;
        }
        Method method = function.method();
        PluginFunction annotation = method.getAnnotation(PluginFunction.class);
        EntryPoint entryPoint = container.entryPoint();
        String value = entryPoint.value().strip();
        // only a line naming the method itself: a factory member may build a FunctionPlugin under any name it likes
        if (annotation == null || !value.endsWith(":" + method.getName())) {
            return;
        }
        String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
        if (annotation.namespace().equals(entryPoint.namespace()) && name.equals(entryPoint.name())) {
            return;
        }
        logger.warn("{}: index line {} = {} points at {}.{}(), annotated @PluginFunction(namespace = \"{}\", "
                + "name = \"{}\"); the plugin is {}, as the line says (a hand-written or stale line: correct it, or "
                + "rebuild the index with plux-processor)", container.location(), container.describe(),
                Escaping.quote(value), method.getDeclaringClass().getName(), method.getName(),
                Escaping.quote(annotation.namespace()), Escaping.quote(name), container.describe());
    }
}
