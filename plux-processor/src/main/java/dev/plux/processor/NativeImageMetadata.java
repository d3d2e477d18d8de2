package dev.plux.processor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

import org.jspecify.annotations.Nullable;

/**
 * GraalVM native-image metadata for what an index names, for applications that use plux-core without Spring (the
 * Spring layer registers the same as {@code RuntimeHints}): {@code resource-config.json} including the index
 * resource, and {@code reflect-config.json} with each entry's class (its public constructors) or member (the
 * public static field, or the public static methods of that name, and a {@code @PluginFunction}'s
 * {@code shouldLoad} method). Written to {@code META-INF/native-image/<group>/<artifact>/}, the directory
 * native-image reads from every jar, when the processor option {@value #OPTION} names it. An entry whose class is
 * not on the compile class path (a hand-written line) gets no metadata; the processor already warns about it.
 *
 * <p>A member is registered on the class that declares it, which for {@code Sub:make} may be a superclass or, for
 * a field, an interface: native-image's {@code "methods"} and {@code "fields"} list members declared by the class
 * they are written under. The class an entry names is registered for the runtime's lookups through it: always for
 * {@code Class.forName}; for a member that is not a static field, with {@code "queryAllPublicMethods"}, as the runtime
 * calls {@code getMethods()} (a bulk query, which native-image answers only when registered), and with
 * {@code "allPublicFields"}, as it first asks {@code getField(member)}, and native-image answers that there is no
 * such field only when the field or the bulk query is registered.
 */
final class NativeImageMetadata {

    /** The processor option: {@code -Aplux.nativeImage=<group>/<artifact>}. */
    static final String OPTION = "plux.nativeImage";

    private static final Pattern COORDINATES = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    private final Elements elements;

    private final Types types;

    private final RuntimeMembers runtimeMembers;

    NativeImageMetadata(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
        this.runtimeMembers = new RuntimeMembers(elements, types);
    }

    /**
     * Whether the option's value names a metadata directory, as {@code group/artifact}.
     *
     * @param coordinates the option's value
     * @return whether it can be used
     */
    static boolean isValid(String coordinates) {
        return COORDINATES.matcher(coordinates).matches() && !coordinates.contains("..");
    }

    /**
     * Writes both files for the entries of the index.
     *
     * @param filer the compiler's filer
     * @param moduleAndPackage {@code ""}, or {@code "module/"} for a module's class output in a multi-module
     *        compilation
     * @param coordinates {@code group/artifact}
     * @param entries every entry of the written index
     * @throws IOException if a file cannot be written
     */
    void write(Filer filer, String moduleAndPackage, String coordinates, Collection<IndexEntry> entries)
            throws IOException {
        String directory = "META-INF/native-image/" + coordinates + "/";
        write(filer, moduleAndPackage, directory + "resource-config.json",
                "{\n  \"resources\": {\n    \"includes\": [\n      { \"pattern\": \"\\\\Q" + EntryPointsFile.LOCATION
                        + "\\\\E\" }\n    ]\n  }\n}\n");
        write(filer, moduleAndPackage, directory + "reflect-config.json", reflectConfig(entries));
    }

    private static void write(Filer filer, String moduleAndPackage, String location, String text)
            throws IOException {
        FileObject resource = filer.createResource(StandardLocation.CLASS_OUTPUT, moduleAndPackage, location);
        try (OutputStream out = resource.openOutputStream()) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The reflection entries, by class name, each class once, in name order: the same index gives the same file. */
    String reflectConfig(Collection<IndexEntry> entries) {
        Map<String, Reflected> byClass = new TreeMap<>();
        for (IndexEntry entry : entries) {
            TypeElement type = typeOf(entry.className());
            if (type == null) {
                continue;
            }
            Reflected reflected = byClass.computeIfAbsent(entry.className(), (name) -> new Reflected());
            int colon = entry.value().indexOf(':');
            if (colon < 0) {
                reflected.publicConstructors = true;
            }
            else {
                addMember(type, entry.value().substring(colon + 1), reflected, byClass);
            }
        }
        StringBuilder json = new StringBuilder("[\n");
        List<String> objects = new ArrayList<>();
        byClass.forEach((name, reflected) -> objects.add(reflected.toJson(name)));
        json.append(String.join(",\n", objects)).append("\n]\n");
        return json.toString();
    }

    /** What the runtime's resolver looks up for {@code holder:member}, each member under its declaring class. */
    private void addMember(TypeElement holder, String member, Reflected reflected, Map<String, Reflected> byClass) {
        VariableElement field = this.runtimeMembers.publicField(holder, member);
        if (field != null && field.getModifiers().contains(Modifier.STATIC)) {
            // the runtime takes the field and looks no further
            declaring(field, byClass).fields.add(member);
            return;
        }
        reflected.publicFields = true;
        reflected.queryPublicMethods = true;
        for (ExecutableElement method : this.runtimeMembers.publicStaticMethods(holder, member)) {
            Reflected declaring = declaring(method, byClass);
            declaring.methods.add(signature(method));
            String condition = shouldLoad(method);
            if (condition != null) {
                // the runtime takes a shouldLoad method only from the function's own class
                ElementFilter.methodsIn(DeclaringTypes.of(method).getEnclosedElements())
                    .stream()
                    .filter((candidate) -> candidate.getSimpleName().contentEquals(condition)
                            && candidate.getParameters().isEmpty() && isPublicStatic(candidate))
                    .forEach((candidate) -> declaring.methods.add(signature(candidate)));
            }
        }
    }

    private Reflected declaring(Element member, Map<String, Reflected> byClass) {
        String name = this.elements.getBinaryName((TypeElement) member.getEnclosingElement()).toString();
        return byClass.computeIfAbsent(name, (key) -> new Reflected());
    }

    private static boolean isPublicStatic(Element element) {
        return element.getModifiers().contains(Modifier.PUBLIC) && element.getModifiers().contains(Modifier.STATIC);
    }

    private static @Nullable String shouldLoad(ExecutableElement method) {
        for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) annotation.getAnnotationType().asElement();
            if (!annotationType.getQualifiedName().contentEquals(PluginDiscovery.PLUGIN_FUNCTION)) {
                continue;
            }
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> value : annotation
                .getElementValues()
                .entrySet()) {
                if (value.getKey().getSimpleName().contentEquals("shouldLoad")) {
                    String condition = String.valueOf(value.getValue().getValue());
                    return condition.isEmpty() ? null : condition;
                }
            }
        }
        return null;
    }

    /** A method as native-image names it: its name and the binary names of its parameter types. */
    private String signature(ExecutableElement method) {
        List<String> parameters = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            parameters.add("\"" + typeName(parameter.asType()) + "\"");
        }
        return "{ \"name\": \"" + method.getSimpleName() + "\", \"parameterTypes\": [" + String.join(", ", parameters)
                + "] }";
    }

    private String typeName(TypeMirror type) {
        TypeMirror erased = this.types.erasure(type);
        if (erased instanceof ArrayType array) {
            return typeName(array.getComponentType()) + "[]";
        }
        if (erased instanceof DeclaredType declared) {
            return this.elements.getBinaryName((TypeElement) declared.asElement()).toString();
        }
        return erased.toString();
    }

    /** The type of a binary name; {@code $} may separate a nested class or be part of a name. */
    private @Nullable TypeElement typeOf(String binaryName) {
        return BinaryNames.typeElement(binaryName, this.elements);
    }

    /** What one class needs. */
    private static final class Reflected {

        boolean publicConstructors;

        boolean publicFields;

        boolean queryPublicMethods;

        final SortedSet<String> fields = new TreeSet<>();

        final SortedSet<String> methods = new TreeSet<>();

        String toJson(String name) {
            List<String> members = new ArrayList<>();
            members.add("\"name\": \"" + name + "\"");
            if (this.publicConstructors) {
                members.add("\"allPublicConstructors\": true");
            }
            if (this.publicFields) {
                members.add("\"allPublicFields\": true");
            }
            if (this.queryPublicMethods) {
                members.add("\"queryAllPublicMethods\": true");
            }
            if (!this.fields.isEmpty()) {
                List<String> fields = this.fields.stream().map((field) -> "{ \"name\": \"" + field + "\" }").toList();
                members.add("\"fields\": [ " + String.join(", ", fields) + " ]");
            }
            if (!this.methods.isEmpty()) {
                members.add("\"methods\": [ " + String.join(", ", this.methods) + " ]");
            }
            return "  { " + String.join(", ", members) + " }";
        }
    }
}
