package dev.plux.spring.boot.diagnostics;

import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;

/**
 * The innermost cause of a failure and, when a bean was missing, the injection point that needed it: what a user
 * has to fix, below the framework's wrappers ({@code BeanCreationException}, {@code PluginException}, ...).
 */
final class RootCause {

    /**
     * How plux's instantiator ({@code BeanTypeCopies}) begins its explanation of a bundle's copy of a bean's type,
     * followed by the type's name and a space; keep the two in step.
     */
    private static final String COPY_EXPLAINED = "its bundle carries its own copy of ";

    /** The JDK's and Spring's packages: their frames create and call the plugin, they are not what failed. */
    private static final String[] FRAMEWORK_PACKAGES = { "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
        "org.springframework." };

    private RootCause() {
    }

    /** The innermost cause; a cause cycle ends at the last new throwable. */
    static Throwable of(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current.getCause() != null && seen.put(current, Boolean.TRUE) == null) {
            current = current.getCause();
        }
        return current;
    }

    /** {@code type: message}, or the type alone when the message is empty. */
    static String describe(Throwable failure) {
        String message;
        try {
            message = failure.getMessage();
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            // a message built from state that is not there: the report still names the failure by its type
            message = null;
        }
        return failure.getClass().getName() + ((message != null && !message.isBlank()) ? ": " + message : "");
    }

    /**
     * Where the plugin's code threw the root cause, e.g. {@code com.example.MyPlugin.<init>(MyPlugin.java:9)}: the
     * first frame, above plux's own (which called into the plugin), of a class that is not the JDK's or Spring's,
     * so that a report names the file and line to fix without the reader searching the log for the stack trace.
     * {@code null} when no plugin code ran (Spring failed to create the plugin) or the trace is empty.
     */
    static @Nullable String thrownAt(Throwable root) {
        for (StackTraceElement frame : root.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("dev.plux.")) {
                // below this frame is the code that asked plux for the plugin, not the plugin
                return null;
            }
            if (!isFramework(type)) {
                return frame.toString();
            }
        }
        return null;
    }

    private static boolean isFramework(String type) {
        for (String prefix : FRAMEWORK_PACKAGES) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a missing bean was needed for, e.g. {@code Parameter 0 of constructor in com.example.MyPlugin required a
     * bean of type 'com.example.Service' that could not be found}; {@code null} unless the failure is one.
     */
    static @Nullable String missingBean(Throwable failure) {
        UnsatisfiedDependencyException unsatisfied = find(failure, UnsatisfiedDependencyException.class);
        NoSuchBeanDefinitionException missing = find(failure, NoSuchBeanDefinitionException.class);
        if (missing == null || missing.getNumberOfBeansFound() != 0) {
            return null;
        }
        String what = (missing.getResolvableType() != null) ? "a bean of type '" + missing.getResolvableType() + "'"
                : "a bean named '" + missing.getBeanName() + "'";
        InjectionPoint point = (unsatisfied != null) ? unsatisfied.getInjectionPoint() : null;
        return ((point != null) ? injectionPoint(point) : "The plugin") + " required " + what
                + " that could not be found";
    }

    /**
     * The type of a missing bean that the plugin's bundle carries its own copy of (a bundle of a plugin directory
     * looks classes up in itself first), e.g. {@code com.example.Clock}: the application may have such beans, of its
     * own {@code Clock}, another class, so defining the bean does not help; removing the copy does. {@code null}
     * unless the failure is a missing bean of such a type.
     *
     * <p>Told by the explanation that plux's instantiator put around the failure, which compared the type with the
     * context's bean class loader; not guessed here from the type's loader and its parent: a child-first loader of
     * the application's own classes (devtools' restart class loader) has a parent with the same classes, and a
     * missing bean of such a type is just missing.
     */
    static @Nullable String copiedBeanType(Throwable failure) {
        NoSuchBeanDefinitionException missing = find(failure, NoSuchBeanDefinitionException.class);
        Class<?> type = (missing != null) ? missing.getBeanType() : null;
        if (type == null) {
            return null;
        }
        String explained = COPY_EXPLAINED + type.getName() + " ";
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable current = failure; current != null && current != missing
                && seen.put(current, Boolean.TRUE) == null; current = current.getCause()) {
            if (current instanceof BeanCreationException && current.getMessage() != null
                    && current.getMessage().contains(explained)) {
                return type.getName();
            }
        }
        return null;
    }

    private static String injectionPoint(InjectionPoint point) {
        if (point.getField() != null) {
            return "Field " + point.getField().getName() + " in " + point.getField().getDeclaringClass().getName();
        }
        var parameter = point.getMethodParameter();
        if (parameter == null) {
            return "The plugin";
        }
        String owner = parameter.getDeclaringClass().getName();
        return (parameter.getConstructor() != null)
                ? "Parameter " + parameter.getParameterIndex() + " of constructor in " + owner
                : "Parameter " + parameter.getParameterIndex() + " of method "
                        + parameter.getExecutable().getName() + " in " + owner;
    }

    /** The first throwable of a type in a failure's cause chain; {@code null} when there is none. */
    static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable current = failure; current != null && seen.put(current, Boolean.TRUE) == null;
                current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }
}
