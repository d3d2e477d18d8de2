package dev.plux.spring.boot.diagnostics;

import java.lang.reflect.WildcardType;
import java.util.List;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluxNamespace;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ResolvableType;

/**
 * What the two injection analyzers share: whether a failed injection point asks for a {@link PluginManager}, the
 * plugin type and {@code @PluxNamespace} it asks for, and the lines that explain how plux registers managers.
 */
final class PluginManagerInjection {

    static final String HOW_MANAGERS_ARE_REGISTERED = "plux registers one PluginManager<T> bean per item of"
            + " plux.namespaces; T is the item's plugin-type (default dev.plux.core.Plugin), and the bean carries"
            + " the qualifier @PluxNamespace(\"<namespace>\").";

    private final ResolvableType required;

    private final @Nullable String qualifier;

    private final @Nullable String beanQualifier;

    private PluginManagerInjection(ResolvableType required, @Nullable String qualifier,
            @Nullable String beanQualifier) {
        this.required = required;
        this.qualifier = qualifier;
        this.beanQualifier = beanQualifier;
    }

    /** The injection that failed, when it asked for a {@code PluginManager}; else {@code null}. */
    static @Nullable PluginManagerInjection of(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        ResolvableType type = cause.getResolvableType();
        if (type == null || type.resolve() != PluginManager.class) {
            return null;
        }
        InjectionPoint point = injectionPoint(rootFailure);
        PluxNamespace namespace = (point != null) ? point.getAnnotation(PluxNamespace.class) : null;
        Qualifier qualifier = (point != null) ? point.getAnnotation(Qualifier.class) : null;
        return new PluginManagerInjection(type, (namespace != null) ? namespace.value() : null,
                (qualifier != null && !qualifier.value().isEmpty()) ? qualifier.value() : null);
    }

    /** The injection point of the failed injection, if Spring names one. */
    private static @Nullable InjectionPoint injectionPoint(Throwable rootFailure) {
        for (Throwable current = rootFailure; current != null; current = current.getCause()) {
            if (current instanceof UnsatisfiedDependencyException unsatisfied
                    && unsatisfied.getInjectionPoint() != null) {
                return unsatisfied.getInjectionPoint();
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    /** The plugin type the injection point asks for ({@code ServicePlugin} of {@code PluginManager<ServicePlugin>}). */
    ResolvableType pluginType() {
        return this.required.getGeneric(0);
    }

    /**
     * The required type as a message shows it: {@code PluginManager<com.example.ServicePlugin>}, a bounded wildcard
     * as declared ({@code PluginManager<? extends com.example.ServicePlugin>}).
     */
    String requiredType() {
        return declaredType()
                + ((this.qualifier != null) ? " with @PluxNamespace(\"" + this.qualifier + "\")" : "")
                + ((this.beanQualifier != null) ? " with @Qualifier(\"" + this.beanQualifier + "\")" : "");
    }

    /** The required type without qualifiers, a bounded wildcard as declared (it resolves to its bound). */
    String declaredType() {
        ResolvableType pluginType = pluginType();
        String name = (pluginType.getType() instanceof WildcardType wildcard && pluginType.resolve() != null)
                ? wildcard.getTypeName() : ConfiguredNamespaces.typeName(pluginType);
        return "PluginManager<" + name + ">";
    }

    /** The {@code @PluxNamespace} value on the injection point, or {@code null}. */
    @Nullable String qualifier() {
        return this.qualifier;
    }

    /**
     * The value of Spring's {@code @Qualifier} on the injection point, or {@code null}: plux's beans match it by
     * their bean name only (their qualifier is {@code @PluxNamespace}), so a namespace given there matches none.
     */
    @Nullable String beanQualifier() {
        return this.beanQualifier;
    }

    /** The configured manager of the injection point's {@code @PluxNamespace}, if one has that namespace. */
    ConfiguredNamespaces.@Nullable Manager qualified(List<ConfiguredNamespaces.Manager> managers) {
        if (this.qualifier == null) {
            return null;
        }
        return managers.stream().filter((manager) -> this.qualifier.equals(manager.namespace())).findFirst()
            .orElse(null);
    }
}
