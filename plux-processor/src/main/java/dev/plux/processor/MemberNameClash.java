package dev.plux.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

import org.jspecify.annotations.Nullable;

/**
 * An entry names a member by its simple name ({@code Owner:member}), and the runtime takes, among the public static
 * members of that name that reflection finds ({@link RuntimeMembers}): a field first, then a {@code @PluginFunction}
 * method, then the no-argument method. A method is an error when another member of its name comes first or ties with
 * it; overloads with arguments are not, and a field always wins. Message text only: {@link PluginDiscovery} reports
 * it on the member.
 */
final class MemberNameClash {

    private final RuntimeMembers runtimeMembers;

    MemberNameClash(RuntimeMembers runtimeMembers) {
        this.runtimeMembers = runtimeMembers;
    }

    /**
     * What to tell the user when the runtime would not take {@code member} for its entry.
     *
     * @param owner the class that declares the member
     * @param member the annotated member
     * @param what how the messages name the member
     * @return the error message, or {@code null} when the runtime takes this member
     */
    @Nullable String of(TypeElement owner, Element member, String what) {
        if (member.getKind() != ElementKind.METHOD) {
            return null;
        }
        String name = member.getSimpleName().toString();
        String advice = "; the index names a member by its name alone: give this member a name of its own";
        VariableElement field = this.runtimeMembers.publicField(owner, name);
        if (field != null && field.getModifiers().contains(Modifier.STATIC)) {
            // the field comes first with or without the overloads: removing @JvmOverloads would not help
            return what + ": " + owner.getQualifiedName() + " has a public static field named '" + name
                    + "', which the runtime takes before this method" + advice;
        }
        if (KotlinShapes.hasJvmOverloads(member)) {
            advice = "; in Kotlin, remove @JvmOverloads: the overloads it adds carry the annotation too, and the"
                    + " index names a member by its name alone";
        }
        if (this.runtimeMembers.publicStaticMethods(owner, name)
            .stream()
            .anyMatch((other) -> !other.equals(member)
                    && AnnotationLookup.annotation(other, PluginDiscovery.PLUGIN_FUNCTION) != null)) {
            String other = (AnnotationLookup.annotation(member, PluginDiscovery.PLUGIN_FUNCTION) != null)
                    ? "another public static @PluginFunction method named '" + name + "', and the runtime could take"
                            + " either"
                    : "a public static @PluginFunction method named '" + name + "', which the runtime takes before"
                            + " this method";
            return what + ": " + owner.getQualifiedName() + " has " + other + advice;
        }
        return null;
    }
}
