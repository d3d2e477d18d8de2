package dev.plux.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

import org.jspecify.annotations.Nullable;

/**
 * The namespace a {@code @PluginName} class without one of its own inherits: the nearest {@code @PluginNamespace} in
 * its hierarchy, types from jars already compiled included.
 */
final class InheritedNamespaces {

    private final Elements elements;

    private final Messager messager;

    InheritedNamespaces(Elements elements, Messager messager) {
        this.elements = elements;
        this.messager = messager;
    }

    /**
     * The nearest {@code @PluginNamespace}: the type itself, then its supertypes breadth first (the superclass
     * before the interfaces, in declaration order). Two different ones at the same distance are a warning: which
     * one applies would then hang on the order of the {@code implements} clause.
     */
    @Nullable String of(TypeElement type) {
        ArrayDeque<TypeElement> level = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        level.add(type);
        while (!level.isEmpty()) {
            Map<String, String> found = new LinkedHashMap<>();
            ArrayDeque<TypeElement> next = new ArrayDeque<>();
            for (TypeElement current : level) {
                if (!seen.add(current.getQualifiedName().toString())) {
                    continue;
                }
                AnnotationMirror annotation = AnnotationLookup.annotation(current, PluginDiscovery.PLUGIN_NAMESPACE);
                if (annotation != null) {
                    found.putIfAbsent(AnnotationLookup.stringValue(this.elements, annotation, "value"),
                            current.getQualifiedName().toString());
                    continue;
                }
                addSupertype(next, current.getSuperclass());
                current.getInterfaces().forEach((supertype) -> addSupertype(next, supertype));
            }
            if (!found.isEmpty()) {
                String namespace = found.keySet().iterator().next();
                if (found.size() > 1) {
                    List<String> sources = new ArrayList<>();
                    found.forEach((value, from) -> sources.add("'" + Quoting.quote(value) + "' from " + from));
                    this.messager.printMessage(Kind.WARNING, "class " + type.getQualifiedName() + " inherits"
                            + " different @PluginNamespace values from supertypes at the same distance ("
                            + String.join(", ", sources) + "); it goes to '" + Quoting.quote(namespace)
                            + "', the first in declaration order: set @PluginName(namespace = \"...\") to choose",
                            type);
                }
                return namespace;
            }
            level = next;
        }
        return null;
    }

    private static void addSupertype(ArrayDeque<TypeElement> queue, TypeMirror supertype) {
        if (supertype.getKind() == TypeKind.DECLARED
                && ((DeclaredType) supertype).asElement() instanceof TypeElement element) {
            queue.addLast(element);
        }
    }
}
