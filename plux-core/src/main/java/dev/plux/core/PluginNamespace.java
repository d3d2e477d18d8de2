package dev.plux.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The namespace of a plugin type and of every subtype: the plux processor walks superclasses and interfaces
 * to find it.
 *
 * <pre>{@code
 * @PluginNamespace("my.plugins.cli")
 * public interface CliPlugin extends Plugin { }
 *
 * @PluginName("my")            // listed as  [my.plugins.cli]  my = com.example.MyCliPlugin
 * public class MyCliPlugin implements CliPlugin { }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PluginNamespace {

    /**
     * The namespace.
     *
     * @return the namespace, for example {@code "my.plugins.cli"}
     */
    String value();
}
