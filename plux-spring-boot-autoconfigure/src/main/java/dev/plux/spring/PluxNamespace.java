package dev.plux.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Selects the {@code PluginManager} bean of a plux namespace at an injection point.
 *
 * <pre>{@code
 * ServiceRegistry(@PluxNamespace("localstack.plugins.services") PluginManager<ServicePlugin> services) { ... }
 * }</pre>
 * Needed only when the generic type alone does not pick one manager (two namespaces with the same plugin type).
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
        ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface PluxNamespace {

    /**
     * The namespace, as configured in {@code plux.namespaces}.
     *
     * @return the namespace
     */
    String value();
}
