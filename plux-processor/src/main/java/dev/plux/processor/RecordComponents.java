package dev.plux.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

import org.jspecify.annotations.Nullable;

/**
 * The record component behind an annotated field or accessor. javac copies an annotation written on a record
 * component to the component's private field and to its accessor wherever the annotation's target allows (JLS
 * 8.10.3); {@code @PluginName} allows both, so one annotation would otherwise be reported twice, once on each.
 */
final class RecordComponents {

    private RecordComponents() {
    }

    /**
     * The component whose annotation {@code element} carries: the element is the component's field, or its accessor
     * while the field carries the same annotation (an accessor written and annotated by hand is not a copy).
     *
     * @param element an element annotated with {@code annotationName}
     * @param annotationName the annotation's qualified name
     * @return the component, or {@code null} when the element is not a copy of a component's annotation
     */
    static @Nullable RecordComponentElement componentOf(Element element, String annotationName) {
        if (!(element.getEnclosingElement() instanceof TypeElement record) || record.getKind() != ElementKind.RECORD) {
            return null;
        }
        for (RecordComponentElement component : ElementFilter.recordComponentsIn(record.getEnclosedElements())) {
            if (element.getKind() == ElementKind.FIELD && isFieldOf(element, component)) {
                return component;
            }
            if (element.equals(component.getAccessor()) && ElementFilter.fieldsIn(record.getEnclosedElements())
                .stream()
                .anyMatch((field) -> isFieldOf(field, component)
                        && AnnotationLookup.annotation(field, annotationName) != null)) {
                return component;
            }
        }
        return null;
    }

    /** A record's only instance fields are its components' (a record cannot declare others). */
    private static boolean isFieldOf(Element field, RecordComponentElement component) {
        return field instanceof VariableElement && !field.getModifiers().contains(Modifier.STATIC)
                && field.getSimpleName().contentEquals(component.getSimpleName());
    }
}
