package dev.plux.core;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Turns an {@link EntryPoint} into a {@link PluginSpec}.
 *
 * <ul>
 * <li>{@code com.x.Foo}: a concrete class implementing {@link Plugin}, loaded without running its static
 * initializer; its factory is a {@link ClassPluginFactory}.</li>
 * <li>{@code com.x.Foo:member}: a public static field of type {@link PluginSpec} or {@link PluginFactory}, a
 * public static no-argument method returning a {@link Plugin} or {@link PluginSpec}, or a public static method
 * annotated {@link PluginFunction}. Resolving it initializes {@code com.x.Foo}, as importing a module does in
 * Python plux.</li>
 * </ul>
 * A {@link PluginSpec} read from a member must carry the entry point's namespace and name. In a named module (JPMS),
 * a member whose package is not exported (or opened) to plux-core fails resolution with a message naming the
 * {@code exports} to add.
 */
public class PluginSpecResolver {

    /** The most characters of a text from a file that a message quotes. */
    private static final int MAX_QUOTED = 200;

    /**
     * Creates a resolver.
     */
    public PluginSpecResolver() {
    }

    /**
     * Resolves an entry point.
     *
     * @param entryPoint the entry point
     * @param classLoader the class loader to find its class in
     * @return the spec, whose {@link PluginSpec#value()} is the entry point's value stripped of surrounding
     *         whitespace (also for a spec read from a member, whatever value that spec held)
     * @throws Exception a {@link PluginException} naming the entry point when the value does not name a
     *         plugin; a {@link ClassNotFoundException} or {@link LinkageError} from class loading; what a
     *         static initializer or factory method threw
     */
    public PluginSpec resolve(EntryPoint entryPoint, ClassLoader classLoader) throws Exception {
        String value = entryPoint.value().strip();
        int colon = value.indexOf(':');
        String className = (colon < 0) ? value : value.substring(0, colon);
        String member = (colon < 0) ? null : value.substring(colon + 1);
        // Java identifiers admit "ignorable" control characters; a class name from a file must not carry them
        // into a ClassNotFoundException message unescaped
        if (value.chars().anyMatch(Character::isISOControl) || !isBinaryName(className)
                || (member != null && !isIdentifier(member, 0, member.length()))) {
            throw failure(entryPoint, "it is not a binary class name or class:member", null);
        }
        if (member == null) {
            return resolveClass(entryPoint, className, classLoader);
        }
        return resolveMember(entryPoint, className, member, classLoader);
    }

    /** Dotted identifiers, checked in one loop: no name, however long, makes the check recurse. */
    private static boolean isBinaryName(String name) {
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            int end = (dot < 0) ? name.length() : dot;
            if (!isIdentifier(name, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    private static boolean isIdentifier(String text, int start, int end) {
        if (start >= end || !Character.isJavaIdentifierStart(text.codePointAt(start))) {
            return false;
        }
        for (int i = start; i < end; i += Character.charCount(text.codePointAt(i))) {
            if (!Character.isJavaIdentifierPart(text.codePointAt(i))) {
                return false;
            }
        }
        return true;
    }

    private PluginSpec resolveClass(EntryPoint entryPoint, String className, ClassLoader classLoader)
            throws ClassNotFoundException {
        // initialize=false: naming a plugin must not run its static initializer (plux resolves lazily too)
        Class<?> type = Class.forName(className, false, classLoader);
        if (!Plugin.class.isAssignableFrom(type)) {
            // a loader with its own plux-core (a module layer's copy) makes a plugin that implements another Plugin
            String copy = CoreCopy.ofPluginClass(type);
            throw failure(entryPoint, (copy != null) ? copy
                    : "class " + className + " does not implement " + Plugin.class.getName(), null);
        }
        int modifiers = type.getModifiers();
        if (type.isInterface()) {
            throw failure(entryPoint, "interface " + className + " is an interface; name a concrete class implementing"
                    + " it", null);
        }
        if (Modifier.isAbstract(modifiers)) {
            throw failure(entryPoint, "class " + className + " is abstract; name a concrete plugin class", null);
        }
        if (!Modifier.isPublic(modifiers)) {
            throw failure(entryPoint, "class " + className + " is not public; make it public (plux creates plugins"
                    + " from another package)", null);
        }
        @SuppressWarnings("unchecked")
        Class<? extends Plugin> pluginClass = (Class<? extends Plugin>) type;
        return new PluginSpec(entryPoint.namespace(), entryPoint.name(), new ClassPluginFactory(pluginClass),
                entryPoint.value().strip());
    }

    private PluginSpec resolveMember(EntryPoint entryPoint, String className, String member,
            ClassLoader classLoader) throws Exception {
        Class<?> holder = Class.forName(className, false, classLoader);
        try {
            return resolveMember(entryPoint, Class.forName(className, true, classLoader), member);
        }
        catch (PluginException | LinkageError ex) {
            // a loader with its own plux-core (a module layer's copy): the member's types are that copy's, and the
            // failure (no member of type PluginFactory, an IllegalAccessError) says nothing of the cause
            String copy = CoreCopy.of(holder);
            if (copy != null) {
                throw failure(entryPoint, copy, ex);
            }
            throw ex;
        }
    }

    private PluginSpec resolveMember(EntryPoint entryPoint, Class<?> holder, String member) throws Exception {
        String className = holder.getName();
        Field field = publicStaticField(holder, member);
        if (field != null) {
            checkAccess(entryPoint, field);
            return fromField(entryPoint, field);
        }
        List<Method> methods = publicStaticMethods(holder, member);
        for (Method method : methods) {
            if (method.isAnnotationPresent(PluginFunction.class)) {
                checkAccess(entryPoint, method);
                return functionSpec(entryPoint, method);
            }
        }
        for (Method method : methods) {
            if (method.getParameterCount() == 0) {
                checkAccess(entryPoint, method);
                return fromMethod(entryPoint, method);
            }
        }
        throw failure(entryPoint, className + " has no public static field " + member
                + " of type PluginSpec or PluginFactory, no public static no-argument method " + member
                + "() returning a Plugin or PluginSpec, and no public static @PluginFunction method " + member
                + UnusableMembers.describe(holder, member), null);
    }

    /**
     * A member plux-core may not call fails resolution, naming the export to add or the class to make public;
     * otherwise a factory method or function would resolve and fail only when created or called, with the JDK's bare
     * {@code IllegalAccessException}.
     */
    private static <M extends AccessibleObject & Member> void checkAccess(EntryPoint entryPoint, M member) {
        Class<?> declaringClass = member.getDeclaringClass();
        String denial = ModuleAccess.denial(declaringClass);
        if (denial != null) {
            throw failure(entryPoint, denial, null);
        }
        // a public member of a class that is not (a hand-written line; the processor reports it at compile time):
        // else it would resolve and fail when created with the JDK's bare IllegalAccessException
        if (!member.canAccess(null)) {
            throw failure(entryPoint, declaringClass.getName() + "." + member.getName() + " is declared in class "
                    + declaringClass.getName() + ", which is not public: plux cannot call or read it from another"
                    + " package; make " + declaringClass.getName() + " public", null);
        }
    }

    private static @Nullable Field publicStaticField(Class<?> holder, String name) {
        try {
            Field field = holder.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? field : null;
        }
        catch (NoSuchFieldException ex) {
            return null;
        }
    }

    private static List<Method> publicStaticMethods(Class<?> holder, String name) {
        List<Method> found = new ArrayList<>();
        for (Method method : holder.getMethods()) {
            if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())) {
                found.add(method);
            }
        }
        return found;
    }

    private PluginSpec fromField(EntryPoint entryPoint, Field field) throws Exception {
        Object content = field.get(null);
        if (content instanceof PluginSpec spec) {
            return checked(entryPoint, spec);
        }
        if (content instanceof PluginFactory factory) {
            return new PluginSpec(entryPoint.namespace(), entryPoint.name(), factory, entryPoint.value().strip());
        }
        throw failure(entryPoint, "field " + field.getDeclaringClass().getName() + "." + field.getName() + " holds "
                + ((content == null) ? "null" : "a " + content.getClass().getName())
                + ", not a PluginSpec or PluginFactory", null);
    }

    private PluginSpec fromMethod(EntryPoint entryPoint, Method method) throws Exception {
        Class<?> returnType = method.getReturnType();
        if (PluginSpec.class.isAssignableFrom(returnType)) {
            Object content;
            try {
                content = method.invoke(null);
            }
            catch (InvocationTargetException ex) {
                throw Reflection.unwrap(ex);
            }
            if (content == null) {
                throw failure(entryPoint, "method " + describe(method) + " returned null", null);
            }
            return checked(entryPoint, (PluginSpec) content);
        }
        if (Plugin.class.isAssignableFrom(returnType)) {
            return new PluginSpec(entryPoint.namespace(), entryPoint.name(), new MethodPluginFactory(method),
                    entryPoint.value().strip());
        }
        throw failure(entryPoint, "method " + describe(method) + " returns " + returnType.getName()
                + ", not a Plugin or PluginSpec", null);
    }

    private PluginSpec functionSpec(EntryPoint entryPoint, Method method) {
        // validates the shouldLoad method now, so a typo fails resolution rather than every load
        new FunctionPlugin(entryPoint.namespace(), entryPoint.name(), method);
        return new PluginSpec(entryPoint.namespace(), entryPoint.name(),
                new FunctionPluginFactory(entryPoint.namespace(), entryPoint.name(), method),
                entryPoint.value().strip());
    }

    private PluginSpec checked(EntryPoint entryPoint, PluginSpec spec) {
        if (!spec.namespace().equals(entryPoint.namespace()) || !spec.name().equals(entryPoint.name())) {
            // quoted: the declared name is text from the file, and may be longer than a message quotes
            throw failure(entryPoint, "the PluginSpec it holds is " + quote(spec.namespace()) + ":"
                    + quote(spec.name()) + ", but the entry point declares " + quote(entryPoint.namespace()) + ":"
                    + quote(entryPoint.name()), null);
        }
        return new PluginSpec(spec.namespace(), spec.name(), spec.factory(), entryPoint.value().strip());
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "()";
    }

    private static PluginException failure(EntryPoint entryPoint, String reason, @Nullable Throwable cause) {
        return new PluginException("cannot resolve plugin " + quote(entryPoint.namespace()) + ":"
                + quote(entryPoint.name()) + " = " + quote(entryPoint.value()) + ": " + reason,
                entryPoint.namespace(), entryPoint.name(), cause);
    }

    /**
     * At most {@value #MAX_QUOTED} characters of a text from a file, then how many were left out (SPEC: the index
     * file's limits), {@linkplain #escape escaped}; a surrogate pair is never split. {@link NoSuchPluginException}
     * quotes the name it was asked for with it too (a request's input may be of any length).
     */
    static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return escape(text);
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
        return escape(text.substring(0, end)) + "...[" + (text.length() - end) + " more characters]";
    }

    /**
     * Entry points come from files: control characters, line and paragraph separators and format characters
     * (bidi overrides) must not forge log lines or reorder terminal output. {@link NoSuchPluginException} escapes
     * the name it was asked for with it too (an application may pass a request's input to {@code load}).
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach((codePoint) -> {
            int type = Character.getType(codePoint);
            if (Character.isISOControl(codePoint) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT) {
                // by char, as the index reader's and the processor's messages: U+E0001 as "\\ue0001" would read as
                // U+E000 then '1'
                for (char half : Character.toChars(codePoint)) {
                    escaped.append(String.format("\\u%04x", (int) half));
                }
            }
            else {
                escaped.appendCodePoint(codePoint);
            }
        });
        return escaped.toString();
    }

    /** Calls a public static no-argument method that returns a plugin. */
    private record MethodPluginFactory(Method method) implements PluginFactory {

        @Override
        public Plugin create() throws Exception {
            Object plugin;
            try {
                plugin = this.method.invoke(null);
            }
            catch (InvocationTargetException ex) {
                throw Reflection.unwrap(ex);
            }
            if (plugin == null) {
                // the same advice as the manager gives for a PluginFactory returning null (LoadLifecycle)
                throw new PluginException("method " + describe(this.method) + " returned null; a factory must return"
                        + " a plugin (to leave it out, throw PluginDisabled or return one whose shouldLoad() is"
                        + " false)", null, null);
            }
            return (Plugin) plugin;
        }
    }

    /** Wraps a {@link PluginFunction} method. */
    private record FunctionPluginFactory(String namespace, String name, Method method) implements PluginFactory {

        @Override
        public Plugin create() {
            return new FunctionPlugin(this.namespace, this.name, this.method);
        }
    }
}
