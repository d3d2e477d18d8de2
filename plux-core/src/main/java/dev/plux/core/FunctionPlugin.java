package dev.plux.core;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * A public static method exposed as a plugin, usually through {@link PluginFunction}. Loading it does
 * nothing; {@link #invoke(Object...)} calls the method.
 *
 * <pre>{@code
 * FunctionPlugin configure = (FunctionPlugin) manager.load("configureLogging");
 * configure.invoke();
 * }</pre>
 */
public class FunctionPlugin implements Plugin {

    private final String namespace;

    private final String name;

    private final Method method;

    private final @Nullable Method condition;

    /**
     * Creates the plugin.
     *
     * @param namespace the namespace
     * @param name the plugin's name
     * @param method a public static method; if annotated {@link PluginFunction} with a {@code shouldLoad}
     *        method name, that method becomes {@link #shouldLoad()}
     * @throws IllegalArgumentException if the method is not public and static, or the condition method is
     *         missing or not a public static no-argument {@code boolean} method
     */
    public FunctionPlugin(String namespace, String name, Method method) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.method = Objects.requireNonNull(method, "method");
        if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())) {
            throw new IllegalArgumentException("function plugin " + namespace + ":" + name + ": method "
                    + describe(method) + " must be public and static");
        }
        this.condition = conditionOf(method);
    }

    private static @Nullable Method conditionOf(Method method) {
        PluginFunction annotation = method.getAnnotation(PluginFunction.class);
        if (annotation == null || annotation.shouldLoad().isEmpty()) {
            return null;
        }
        String conditionName = annotation.shouldLoad();
        try {
            Method condition = method.getDeclaringClass().getMethod(conditionName);
            if (Modifier.isStatic(condition.getModifiers()) && condition.getReturnType() == boolean.class
                    && condition.getDeclaringClass() == method.getDeclaringClass()) {
                return condition;
            }
        }
        catch (NoSuchMethodException ex) {
            // reported below
        }
        throw new IllegalArgumentException("@PluginFunction(shouldLoad = \"" + conditionName + "\") on "
                + describe(method) + ": " + method.getDeclaringClass().getName()
                + " has no public static no-argument boolean method " + conditionName + "()");
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "()";
    }

    /**
     * The namespace.
     *
     * @return the namespace
     */
    public String namespace() {
        return this.namespace;
    }

    /**
     * The plugin's name.
     *
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The method this plugin calls.
     *
     * @return the method
     */
    public Method method() {
        return this.method;
    }

    /**
     * Calls the method with the arguments, as a Java call would: for a varargs method the trailing arguments are
     * gathered into its array (an array passed alone in that place is taken as the array itself), so
     * {@code invoke("-", "a", "b")} calls {@code join(String separator, String... parts)} as
     * {@code join("-", "a", "b")} does.
     *
     * @param args the method's arguments; {@code invoke()} passes none, {@code invoke((Object) null)} one
     *        {@code null}
     * @return what the method returned ({@code null} for {@code void})
     * @throws NullPointerException if {@code args} is a null array ({@code invoke((Object[]) null)}, or
     *         {@code invoke(null)}), which {@link Method#invoke} would take for "no arguments"; the method is then
     *         not called
     * @throws IllegalArgumentException when the arguments do not fit the method (their number, their types, or a
     *         {@code null} for a primitive parameter), naming this plugin, the method's signature and the types of
     *         the arguments given; the method is then not called
     * @throws Exception what the method threw (an {@code IllegalArgumentException} it throws included, as it is),
     *         or a {@link PluginException} naming this plugin when plux-core may not call it (its package is not
     *         exported to plux-core's module)
     */
    public @Nullable Object invoke(Object... args) throws Exception {
        // invoke(null) compiles, with a warning, and may be meant as one null argument: not taken for none
        Objects.requireNonNull(args, () -> "function plugin " + this.namespace + ":" + this.name
                + ": invoke(...) was given a null array; invoke() passes no arguments, invoke((Object) null) one "
                + "null argument");
        try {
            return this.method.invoke(null, varargs(this.method, args));
        }
        catch (IllegalAccessException ex) {
            throw inaccessible(this.method, ex);
        }
        catch (IllegalArgumentException ex) {
            // thrown by the reflective call itself (what the method throws comes wrapped, below): the arguments
            // do not fit, and the JDK's message ("argument type mismatch") names neither the plugin nor them
            throw new IllegalArgumentException("function plugin " + this.namespace + ":" + this.name
                    + " cannot be called as " + signature(this.method) + " with arguments " + types(args) + ": "
                    + ex.getMessage(), ex);
        }
        catch (InvocationTargetException ex) {
            throw Reflection.unwrap(ex);
        }
    }

    /** {@code com.x.Holder.join(java.lang.String, java.lang.String...)}. */
    private static String signature(Method method) {
        StringJoiner parameters = new StringJoiner(", ", "(", ")");
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            boolean varargs = method.isVarArgs() && i == types.length - 1;
            parameters.add(varargs ? types[i].getComponentType().getTypeName() + "..." : types[i].getTypeName());
        }
        return method.getDeclaringClass().getName() + "." + method.getName() + parameters;
    }

    /** The runtime types of the arguments as given, {@code null} for a null one: {@code (java.lang.Integer, null)}. */
    private static String types(@Nullable Object[] args) {
        StringJoiner types = new StringJoiner(", ", "(", ")");
        for (Object arg : args) {
            types.add((arg != null) ? arg.getClass().getTypeName() : "null");
        }
        return types.toString();
    }

    /**
     * The arguments {@link Method#invoke} needs for arguments written as in a Java call: the trailing ones of a
     * varargs method in one array of its component type (unboxed for a primitive one).
     */
    private static Object[] varargs(Method method, Object[] args) {
        if (!method.isVarArgs()) {
            return args;
        }
        int fixed = method.getParameterCount() - 1;
        if (args.length < fixed) {
            return args;
        }
        Class<?> arrayType = method.getParameterTypes()[fixed];
        if (args.length == fixed + 1 && (args[fixed] == null || arrayType.isInstance(args[fixed]))) {
            // the array itself, as javac passes an argument of the array type
            return args;
        }
        Object array = Array.newInstance(arrayType.getComponentType(), args.length - fixed);
        for (int i = fixed; i < args.length; i++) {
            Array.set(array, i - fixed, args[i]);
        }
        // a new Object[]: args may be an array of a subtype (a String[] passed on as invoke(argv)), which cannot
        // hold the gathered array
        Object[] adapted = new Object[fixed + 1];
        System.arraycopy(args, 0, adapted, 0, fixed);
        adapted[fixed] = array;
        return adapted;
    }

    /**
     * The annotation's {@code shouldLoad} method, when one is named; else {@code true}.
     *
     * @return whether to load the plugin
     * @throws RuntimeException what the condition method threw (an unchecked exception as it is, a checked one
     *         wrapped in a {@link PluginException}), or a {@link PluginException} when plux-core may not call it
     *         (its package is not exported to plux-core's module)
     */
    @Override
    public boolean shouldLoad() {
        if (this.condition == null) {
            return true;
        }
        try {
            return (Boolean) this.condition.invoke(null);
        }
        catch (IllegalAccessException ex) {
            throw inaccessible(this.condition, ex);
        }
        catch (InvocationTargetException ex) {
            Exception cause = Reflection.unwrap(ex);
            throw (cause instanceof RuntimeException runtime) ? runtime
                    : new PluginException("load condition " + describe(this.condition) + " failed", this.namespace,
                            this.name, cause);
        }
    }

    /** Names this plugin and, for a package not exported to plux-core, the line to add to module-info.java. */
    private PluginException inaccessible(Method target, IllegalAccessException ex) {
        String denial = ModuleAccess.denial(target.getDeclaringClass());
        return new PluginException("function plugin " + this.namespace + ":" + this.name + " cannot call "
                + describe(target) + ": " + ((denial != null) ? denial : ex.getMessage()), this.namespace, this.name,
                ex);
    }

    @Override
    public String toString() {
        return "FunctionPlugin[" + this.namespace + ":" + this.name + " = " + describe(this.method) + "]";
    }
}
