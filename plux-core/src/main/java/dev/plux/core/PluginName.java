package dev.plux.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a plugin discoverable: the plux processor writes an index entry for it.
 *
 * <p>On a concrete {@link Plugin} class, the namespace is inherited from a {@link PluginNamespace} on a
 * supertype unless given here. On a public static method (returning a {@link Plugin} or {@link PluginSpec})
 * or a public static {@link PluginFactory} field, the namespace must be given here:
 * <pre>{@code
 * public final class ServicePlugins {
 *     @PluginName(value = "s3", namespace = "localstack.plugins.services")
 *     public static Plugin s3() { return new S3Plugin(); }
 * }
 * }</pre>
 * An abstract class, or one without this annotation, is not discovered.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.FIELD })
public @interface PluginName {

    /**
     * The plugin's name, unique in its namespace.
     *
     * @return the name
     */
    String value();

    /**
     * The namespace; empty means "inherited from a {@link PluginNamespace} on a supertype".
     *
     * @return the namespace, or an empty string
     */
    String namespace() default "";
}
