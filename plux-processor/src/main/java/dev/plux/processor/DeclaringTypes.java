package dev.plux.processor;

import java.util.Objects;

import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The type declaring a member the processor checks.
 */
final class DeclaringTypes {

    private DeclaringTypes() {
    }

    /**
     * The type declaring a method, constructor or field: its enclosing element, which javac always gives for one
     * (only a module has none), though the model's API allows {@code null}.
     *
     * @param member a method, constructor or field
     * @return the class, interface, enum or record declaring it
     */
    static TypeElement of(Element member) {
        return (TypeElement) Objects.requireNonNull(member.getEnclosingElement(),
                () -> member + " has no enclosing type");
    }

}
