package dev.plux.core;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Why a {@code Class:member} entry found no member to use when the class does declare one of that name: a private
 * factory method, an instance {@code @PluginFunction}, a static method that takes arguments. Resolution looks only at
 * public static members (as reflection's {@code getField} and {@code getMethods} see them), so without this the
 * message says "has no method m" of a method the user can see in the source.
 */
final class UnusableMembers {

    /** How many members of the name a message describes; overloads beyond are not worth the length. */
    private static final int DESCRIBED = 3;

    private UnusableMembers() {
    }

    /**
     * The members named {@code name} declared by {@code holder} or its superclasses but {@code Object}, each with
     * what keeps it from being used, as {@code "; but method C.m() is private: make it public static"}; empty when
     * there are none.
     */
    static String describe(Class<?> holder, String name) {
        List<String> reasons = new ArrayList<>();
        try {
            // not Object's: its methods are no member the user can change (a static hashCode() cannot even hide one)
            for (Class<?> type = holder; type != null && type != Object.class && reasons.size() < DESCRIBED;
                    type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals(name) && !field.isSynthetic()) {
                        reasons.add("field " + type.getName() + "." + name + visibility(field));
                    }
                }
                for (Method method : type.getDeclaredMethods()) {
                    String problem = problem(method);
                    if (method.getName().equals(name) && !method.isSynthetic() && !method.isBridge()
                            && problem != null) {
                        reasons.add("method " + signature(type, method) + problem);
                    }
                }
            }
        }
        catch (LinkageError | SecurityException ex) {
            // a member's type missing from the class path: the plain message is all that can be said
            return "";
        }
        return reasons.isEmpty() ? "" : "; but " + reasons.stream().limit(DESCRIBED).collect(Collectors.joining("; "));
    }

    /** What keeps a method from being used, or {@code null} when nothing does (resolution would have taken it). */
    private static @Nullable String problem(Method method) {
        String visibility = visibility(method);
        if (!visibility.isEmpty()) {
            return visibility;
        }
        if (method.getParameterCount() > 0) {
            return " takes arguments: a factory method takes none (a method called with arguments is a"
                    + " @PluginFunction)";
        }
        return null;
    }

    private static String visibility(Member member) {
        boolean isPublic = Modifier.isPublic(member.getModifiers());
        boolean isStatic = Modifier.isStatic(member.getModifiers());
        if (isPublic && isStatic) {
            return "";
        }
        String missing = (!isPublic && !isStatic) ? "neither public nor static"
                : (!isPublic ? "not public" : "not static");
        return " is " + missing + ": make it public static";
    }

    private static String signature(Class<?> type, Method method) {
        return type.getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
            .map(Class::getTypeName)
            .collect(Collectors.joining(", ", "(", ")"));
    }
}
