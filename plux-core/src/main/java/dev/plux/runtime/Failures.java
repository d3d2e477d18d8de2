package dev.plux.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.plux.core.PluginException;

import org.jspecify.annotations.Nullable;

/** What the manager may record as a plugin failure, what it must let through, and how it names a failure. */
final class Failures {

    /** Enough for any real chain of wrappers; a longer (or looping) chain stops there. */
    private static final int MAX_DEPTH = 32;

    private Failures() {
    }

    /**
     * The copy of the plugin type an object that is not of it implements: a supertype of its class with the plugin
     * type's name but another class, from another class loader — a plugin (most often a bundle of a plugin
     * directory, which looks classes up in itself first) that carries its own copy of the plugin type.
     *
     * @param type the class of the object the factory made
     * @param pluginType the manager's plugin type
     * @return that supertype, or {@code null} when no supertype has the plugin type's name
     */
    static @Nullable Class<?> copyOf(Class<?> type, Class<?> pluginType) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> current = pending.remove();
            if (!seen.add(current)) {
                continue;
            }
            if (current != pluginType && current.getName().equals(pluginType.getName())) {
                return current;
            }
            if (current.getSuperclass() != null) {
                pending.add(current.getSuperclass());
            }
            pending.addAll(List.of(current.getInterfaces()));
        }
        return null;
    }

    /**
     * What a message adds about a {@linkplain #copyOf copy} of the plugin type.
     *
     * @param copy the copy, or {@code null}
     * @param pluginType the manager's plugin type
     * @return {@code "; ..."} naming the copy's class loader and what to do, or {@code ""} without a copy
     */
    static String anotherCopyOf(@Nullable Class<?> copy, Class<?> pluginType) {
        if (copy == null) {
            return "";
        }
        return "; it implements another " + pluginType.getName() + ", of class loader "
                + loaderName(copy.getClassLoader()) + " (the manager's is of "
                + loaderName(pluginType.getClassLoader()) + "): a plugin must not carry its own copy of"
                + " the plugin type; remove " + pluginType.getName() + " from the plugin's bundle or jar";
    }

    /** A class loader's name for a message: its name, else what it says of itself. */
    static String loaderName(@Nullable ClassLoader loader) {
        if (loader == null) {
            return "the bootstrap class loader";
        }
        return (loader.getName() != null) ? loader.getName() : String.valueOf(loader);
    }

    /**
     * Rethrows errors the JVM cannot recover from. A plugin's {@code ExceptionInInitializerError} or
     * {@code NoClassDefFoundError} is its own failure; an {@code OutOfMemoryError} belongs to the whole process.
     */
    static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    /**
     * Sets the thread's interrupt again when a plugin's failure is an {@link InterruptedException} (also wrapped,
     * as a reflective call wraps it): recording it as the plugin's failure consumes the exception, but the
     * interrupt was meant for the thread, whose caller must still see it (and stop).
     */
    static void keepInterrupt(Throwable failure) {
        if (isInterruption(failure)) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a failure is an {@link InterruptedException} of the thread that threw it: itself, or under the
     * wrappers {@link #rootCause} looks through. Not one that another thread's task reported through a future
     * ({@link ExecutionException}, {@link CompletionException}): that interrupt was the task thread's, and not one
     * recorded for another plugin (under a {@link PluginException}), which was handled where it happened.
     */
    static boolean isInterruption(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        while (seen.add(current) && seen.size() <= MAX_DEPTH) {
            if (current instanceof InterruptedException) {
                return true;
            }
            if (current instanceof ExecutionException || current instanceof CompletionException) {
                return false;
            }
            Throwable inner = wrapped(current);
            if (inner == null) {
                return false;
            }
            current = inner;
        }
        return false;
    }

    /**
     * The failure a user needs to see: unwraps {@link ExceptionInInitializerError},
     * {@link InvocationTargetException}, {@link UndeclaredThrowableException} and wrappers that add nothing (no
     * message, or a message that is just their cause's {@code toString()}, as {@code new RuntimeException(cause)}
     * makes). Iterative: no chain, however long or looping, makes it recurse.
     */
    static Throwable rootCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        while (seen.add(current) && seen.size() <= MAX_DEPTH) {
            Throwable inner = wrapped(current);
            if (inner == null) {
                return current;
            }
            current = inner;
        }
        return current;
    }

    private static @Nullable Throwable wrapped(Throwable failure) {
        if (failure instanceof ExceptionInInitializerError init) {
            return init.getException();
        }
        if (failure instanceof InvocationTargetException invocation) {
            return invocation.getTargetException();
        }
        if (failure instanceof UndeclaredThrowableException undeclared) {
            return undeclared.getUndeclaredThrowable();
        }
        Throwable cause = failure.getCause();
        if (cause == null || failure instanceof PluginException) {
            // a PluginException's message says what plux knows (file, line, plugin): keep it
            return null;
        }
        String message = message(failure);
        return (message == null || message.equals(text(cause))) ? cause : null;
    }

    /**
     * Its message, or what reading it threw: an exception may build its message from state it does not have, and
     * naming the plugin's failure must not fail in turn.
     */
    static @Nullable String message(Throwable failure) {
        try {
            return failure.getMessage();
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            return "(its getMessage() threw " + ex.getClass().getName() + ")";
        }
    }

    /** Its {@code toString()}, or its type and what {@code toString()} threw. */
    private static String text(Throwable failure) {
        try {
            return failure.toString();
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            return failure.getClass().getName() + " (its toString() threw " + ex.getClass().getName() + ")";
        }
    }

    /**
     * Whether a logging backend can print the failure: Logback reads every message of the chain, a plain stack trace
     * every {@code toString()}; one that throws would make the log call throw, on the path that records the failure.
     */
    private static boolean printable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty() && seen.size() <= MAX_DEPTH) {
            Throwable current = pending.remove();
            if (!seen.add(current)) {
                continue;
            }
            try {
                current.getMessage();
                current.toString();
            }
            catch (VirtualMachineError ex) {
                throw ex;
            }
            catch (Throwable ex) {
                return false;
            }
            if (current.getCause() != null) {
                pending.add(current.getCause());
            }
            pending.addAll(List.of(current.getSuppressed()));
        }
        return true;
    }

    /**
     * What a {@code NoClassDefFoundError: Could not initialize class} leaves out: the class's static initializer
     * failed at an earlier use (another manager, another context over the same class loader); JDK 18 and later, and
     * recent JDK 17 updates (seen on 17.0.15), keep what it threw, as text, in an {@link ExceptionInInitializerError}
     * cause. Without that cause there is nothing to add.
     */
    private static @Nullable String failedEarlier(Throwable root) {
        if (root instanceof NoClassDefFoundError && root.getCause() instanceof ExceptionInInitializerError earlier
                && earlier.getException() == null) {
            String message = message(earlier);
            if (message != null) {
                // the JVM's text: "Exception java.lang.IllegalStateException: boom [in thread "main"]"
                return message.startsWith("Exception ") ? message.substring("Exception ".length()) : message;
            }
        }
        return null;
    }

    /**
     * The root cause's type and message, escaped, for a message: {@code java.lang.IllegalStateException: boom}.
     * A {@link PluginException} is described by its message alone.
     */
    static String describe(Throwable failure) {
        Throwable root = rootCause(failure);
        String message = message(root);
        if (root instanceof PluginException && message != null) {
            return Escaping.escape(message);
        }
        String type = root.getClass().getName();
        String earlier = failedEarlier(root);
        return Escaping.escape(((message != null) ? type + ": " + message : type)
                + ((earlier != null) ? "; its static initializer failed earlier: " + earlier : ""));
    }

    /**
     * The failure as a log call's throwable, or {@code null} when it would add nothing to a line that
     * {@link #describe}s it: no stack frames, no cause, nothing suppressed. Such a failure is made without frames on
     * purpose (the Spring starter's refusal of a creation while the context stops, once per plugin at shutdown) or
     * by the JVM's fast throw; a second log line would only repeat its type and message.
     *
     * @param failure the failure the line describes
     * @return it, or {@code null} to log the line alone
     */
    static @Nullable Throwable toLog(@Nullable Throwable failure) {
        if (failure == null || !printable(failure)) {
            // the line describes it already; a backend printing it would throw on the path that records it
            return null;
        }
        return (failure.getStackTrace().length == 0 && failure.getCause() == null
                && failure.getSuppressed().length == 0) ? null : failure;
    }

    /**
     * As {@link #describe}, but the message is {@linkplain Escaping#quote quoted}: at most 200 characters, for a
     * failure whose message repeats text from an index file (a class loader naming a class it did not find).
     *
     * @param failure the failure
     * @return the type and message of its root cause
     */
    static String describeQuoted(Throwable failure) {
        Throwable root = rootCause(failure);
        String message = message(root);
        String type = root.getClass().getName();
        String earlier = failedEarlier(root);
        return ((message != null) ? Escaping.escape(type) + ": " + Escaping.quote(message) : Escaping.escape(type))
                + ((earlier != null) ? "; its static initializer failed earlier: " + Escaping.quote(earlier) : "");
    }

    /** {@code namespace:name}, {@linkplain Escaping#quote quoted}: both may come from an index file. */
    static String plugin(String namespace, String name) {
        return Escaping.quote(namespace) + ":" + Escaping.quote(name);
    }
}
