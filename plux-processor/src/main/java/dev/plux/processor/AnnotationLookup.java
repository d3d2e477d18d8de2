package dev.plux.processor;

import java.util.Map;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

import org.jspecify.annotations.Nullable;

/**
 * Reads annotations by their qualified name, so the processor needs none of plux-core's annotation classes on its
 * own class path (and the same code reads annotations of classes compiled from Kotlin through kapt's stubs).
 */
final class AnnotationLookup {

    private AnnotationLookup() {
    }

    /** The annotation of that qualified name directly present on an element, or {@code null}. */
    static @Nullable AnnotationMirror annotation(Element element, String annotationName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element type = mirror.getAnnotationType().asElement();
            if (type instanceof TypeElement typeElement
                    && typeElement.getQualifiedName().contentEquals(annotationName)) {
                return mirror;
            }
        }
        return null;
    }

    /** A {@code String} attribute of an annotation, its default included; {@code ""} when it has none. */
    static String stringValue(Elements elements, AnnotationMirror annotation, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> value : elements
            .getElementValuesWithDefaults(annotation)
            .entrySet()) {
            if (value.getKey().getSimpleName().contentEquals(attribute)
                    && value.getValue().getValue() instanceof String s) {
                return s;
            }
        }
        return "";
    }
}
