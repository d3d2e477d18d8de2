package dev.plux.runtime;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.EntryPoint;
import dev.plux.core.PluginFunction;
import dev.plux.core.PluginName;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Warns of an index line that names a {@link PluginName} class or factory member under another name (or another
 * namespace than the annotation gives) than the annotation: a hand-written line, or one left from before the
 * annotation changed. {@link FunctionLineCheck} does the same for {@link PluginFunction} methods.
 *
 * <p>The line names the plugin (a manager declares its plugins from the lines before any class is looked up), so
 * the line's namespace and name stay, and the mismatch is only told. It is told once per manager, when the plugin
 * is resolved: the first moment the class or member is at hand. A namespace the class inherits from a
 * {@code @PluginNamespace} is not compared (only one the annotation gives), nor is a spec read from a member.
 */
final class PluginNameLineCheck {

    private static final Logger logger = LifecycleEvents.logger;

    private PluginNameLineCheck() {
    }

    /**
     * Logs a warning if the class or factory member the index line names is annotated with another name. Never
     * throws but a {@link VirtualMachineError}: the check must not cost a plugin that resolved its resolution.
     */
    static void check(ManagedPlugin<?> container, PluginSpec spec, ClassLoader classLoader) {
        if (!container.fromIndex()) {
            return;
        }
        try {
            warnIfDisagrees(container, spec, classLoader);
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            // an annotation that cannot be read (a missing type in it) is no reason to fail a resolved plugin
            logger.debug("cannot compare index line {} of plugin {} with its @PluginName: {}", container.location(),
                    container.describe(), Failures.describe(ex), Failures.toLog(ex));
        }
    }

    private static void warnIfDisagrees(ManagedPlugin<?> container, PluginSpec spec, ClassLoader classLoader)
            throws ClassNotFoundException {
        EntryPoint entryPoint = container.entryPoint();
        String value = entryPoint.value().strip();
        int colon = value.indexOf(':');
        AnnotatedElement element;
        String target;
        if (colon < 0) {
            if (!(spec.factory() instanceof ClassPluginFactory factory)) {
                return;
            }
            element = factory.pluginClass();
            target = "class " + factory.pluginClass().getName();
        }
        else {
            // loaded and initialized by the resolution already
            Class<?> holder = Class.forName(value.substring(0, colon), false, classLoader);
            String member = value.substring(colon + 1);
            element = member(holder, member);
            if (element == null) {
                return;
            }
            target = holder.getName() + "." + member + ((element instanceof Method) ? "()" : "");
        }
        PluginName annotation = element.getAnnotation(PluginName.class);
        if (annotation == null || (annotation.value().equals(entryPoint.name())
                && (annotation.namespace().isEmpty() || annotation.namespace().equals(entryPoint.namespace())))) {
            return;
        }
        String namespace = annotation.namespace().isEmpty() ? ""
                : ", namespace = \"" + Escaping.quote(annotation.namespace()) + "\"";
        logger.warn("{}: index line {} = {} points at {}, annotated @PluginName(value = \"{}\"{}); the plugin is {}, "
                + "as the line says (a hand-written or stale line: correct it, or rebuild the index with "
                + "plux-processor)", container.location(), container.describe(), Escaping.quote(value), target,
                Escaping.quote(annotation.value()), namespace, container.describe());
    }

    /**
     * The member the resolver took for the line, in its order: a public static field, else (unless a
     * {@link PluginFunction} method of that name comes first, which {@link FunctionLineCheck} checks) a public
     * static no-argument method; {@code null} when none.
     */
    private static @Nullable AnnotatedElement member(Class<?> holder, String name) {
        try {
            Field field = holder.getField(name);
            if (Modifier.isStatic(field.getModifiers())) {
                return field;
            }
        }
        catch (NoSuchFieldException ex) {
            // a method, then
        }
        Method factory = null;
        for (Method method : holder.getMethods()) {
            if (!method.getName().equals(name) || !Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (method.isAnnotationPresent(PluginFunction.class)) {
                return null;
            }
            if (method.getParameterCount() == 0) {
                factory = method;
            }
        }
        return factory;
    }
}
