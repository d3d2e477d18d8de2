package dev.plux.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a public static method as a plugin (a {@link FunctionPlugin}), like plux's {@code @plugin} decorator
 * on a function.
 *
 * <pre>{@code
 * public final class Configurators {
 *     @PluginFunction(namespace = "localstack.configurators", shouldLoad = "isEnabled")
 *     public static void configureLogging() { ... }
 *
 *     public static boolean isEnabled() { return true; }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PluginFunction {

    /**
     * The namespace of the plugin.
     *
     * @return the namespace
     */
    String namespace();

    /**
     * The plugin's name; empty means the method's name.
     *
     * @return the name, or an empty string
     */
    String name() default "";

    /**
     * The name of a public static no-argument {@code boolean} method of the same class that becomes the
     * plugin's {@link Plugin#shouldLoad()}; empty means always load.
     *
     * @return a method name, or an empty string
     */
    String shouldLoad() default "";
}
