package dev.plux.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;

/**
 * Finds a type that a bundle's plugin class carries its own copy of while an interface (or superclass) of the
 * application that the plugin implements uses the type in an abstract method's signature: what a fat jar of a
 * plugin holds when the library behind its plugin interface's methods was not {@code provided}. The plugin cannot
 * implement that method with its copy. The JVM fails it with a {@code LinkageError} (loader constraint violation)
 * at a moment that depends on which class loader loaded the type first and on the plugin's bytecode: when the
 * plugin is created, when it is called, or in the application's own code when it first loads the type, which then
 * names the bundle's loader but no plugin. Checked before the plugin class is linked, so that it fails the same
 * way every time, named, and leaves the application's own copy usable.
 */
final class SignatureCopies {

    private SignatureCopies() {
    }

    /**
     * Fails when the plugin class's bundle carries its own copy of a type in the signature of an abstract method of
     * an application type the class extends or implements.
     *
     * @param container the plugin
     * @param spec its spec
     * @param pluginClass the class that will be instantiated (checked only when the bundle's loader defined it)
     * @param bundle the bundle's class loader
     * @throws PluginException naming the copy, the method, the bundle and what to remove
     */
    static void check(ManagedPlugin<?> container, PluginSpec spec, Class<?> pluginClass, ClassLoader bundle) {
        if (pluginClass.getClassLoader() != bundle) {
            // a bundle's index may name a class of the application: that class never sees the bundle's copies
            return;
        }
        Class<?> applicationSuperclass = pluginClass.getSuperclass();
        while (applicationSuperclass != null && applicationSuperclass.getClassLoader() == bundle) {
            applicationSuperclass = applicationSuperclass.getSuperclass();
        }
        Deque<Class<?>> pending = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        pending.add(pluginClass);
        while (!pending.isEmpty()) {
            Class<?> current = pending.remove();
            if (!seen.add(current)) {
                continue;
            }
            // the bundle's own classes are not asked for their methods: that would link the plugin class, and
            // linking is what records the loader constraints this check is to come before
            if (isApplicationType(current, bundle)) {
                String found = copyIn(current, bundle, pluginClass, applicationSuperclass, container.bundle()
                    .map((path) -> " (bundle " + path + ")")
                    .orElse(""));
                if (found != null) {
                    throw new PluginException("plugin " + container.describe() + " cannot implement "
                            + current.getName() + ": " + found, spec.namespace(), spec.name());
                }
            }
            if (current.getSuperclass() != null) {
                pending.add(current.getSuperclass());
            }
            pending.addAll(List.of(current.getInterfaces()));
        }
    }

    private static boolean isApplicationType(Class<?> type, ClassLoader bundle) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && loader != bundle && loader != ClassLoader.getPlatformClassLoader()
                && type != Plugin.class && type != Object.class;
    }

    /**
     * What the message says of the first copy in the abstract methods of an application type that the plugin's
     * bundle classes must implement, or null.
     */
    private static @Nullable String copyIn(Class<?> type, ClassLoader bundle, Class<?> pluginClass,
            @Nullable Class<?> applicationSuperclass, String bundlePath) {
        Method[] methods;
        try {
            methods = type.getDeclaredMethods();
        }
        catch (LinkageError ex) {
            // reflection resolves every type of every declared method: one of an optional library that is absent
            // (a method nobody calls) fails it, which the JVM itself never minds; such a type is left unchecked
            return null;
        }
        for (Method method : methods) {
            if (!Modifier.isAbstract(method.getModifiers())
                    || (isImplemented(applicationSuperclass, method.getName(), method.getParameterTypes())
                            && !mayDeclare(pluginClass, bundle, method))) {
                continue;
            }
            List<Class<?>> used = new ArrayList<>(List.of(method.getParameterTypes()));
            used.add(method.getReturnType());
            for (Class<?> signatureType : used) {
                Class<?> element = signatureType;
                while (element.isArray()) {
                    element = element.getComponentType();
                }
                if (isCopied(element, bundle)) {
                    String name = element.getName();
                    String parameters = List.of(method.getParameterTypes()).stream().map(Class::getTypeName)
                        .collect(Collectors.joining(", "));
                    return "its bundle carries its own copy of " + name + ", of class loader "
                            + Failures.loaderName(bundle) + bundlePath + ", and " + type.getName() + "."
                            + method.getName() + "(" + parameters + ") uses the application's " + name + " (of class loader "
                            + Failures.loaderName(element.getClassLoader()) + "), another class with the same name,"
                            + " so the JVM fails the plugin or the application with a LinkageError (loader"
                            + " constraint violation) once both are in use; remove " + name + " (or the library"
                            + " holding it) from the plugin's bundle or jar (when the plugin is built as a fat jar,"
                            + " give that library scope 'provided')";
                }
            }
        }
        return null;
    }

    /**
     * Whether an application class the plugin extends implements the method already (an adapter of the plugin
     * interface): the bundle's classes need not, and a copy they use only inside never meets the application's.
     * Only application classes are asked, which does not link the plugin's.
     */
    private static boolean isImplemented(@Nullable Class<?> applicationSuperclass, String name,
            Class<?>[] parameters) {
        for (Class<?> type = applicationSuperclass; type != null; type = type.getSuperclass()) {
            try {
                Method declared = type.getDeclaredMethod(name, parameters);
                if (!Modifier.isStatic(declared.getModifiers()) && !Modifier.isPrivate(declared.getModifiers())) {
                    return !Modifier.isAbstract(declared.getModifiers());
                }
            }
            catch (NoSuchMethodException ex) {
                // declared further up, if at all
            }
            catch (LinkageError ex) {
                // its methods cannot be listed (an absent optional library): nothing known, check the method
                return false;
            }
        }
        return false;
    }

    /**
     * Whether a class of the bundle in the plugin's superclass chain may declare the method (and so override the
     * application's implementation): its class file holds the method's name and descriptor. Read from the class
     * files, since reflection on the bundle's classes would link them; one that cannot be read may.
     */
    private static boolean mayDeclare(Class<?> pluginClass, ClassLoader bundle, Method method) {
        byte[] name = method.getName().getBytes(StandardCharsets.UTF_8);
        byte[] descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes())
            .toMethodDescriptorString()
            .getBytes(StandardCharsets.UTF_8);
        for (Class<?> type = pluginClass; type != null && type.getClassLoader() == bundle;
                type = type.getSuperclass()) {
            byte[] bytes;
            try (InputStream in = bundle.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
                if (in == null) {
                    return true;
                }
                bytes = in.readAllBytes();
            }
            catch (IOException ex) {
                return true;
            }
            if (contains(bytes, name) && contains(bytes, descriptor)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isCopied(Class<?> type, ClassLoader bundle) {
        if (type.isPrimitive() || type.getClassLoader() == null
                || type.getClassLoader() == ClassLoader.getPlatformClassLoader()) {
            return false;
        }
        try {
            return bundle.loadClass(type.getName()) != type;
        }
        catch (ClassNotFoundException ex) {
            // the bundle's parent has it, so this does not happen; nothing to say if it does
            return false;
        }
        catch (LinkageError ex) {
            // a constraint recorded earlier (a plugin of this bundle linked before) refuses the bundle's copy
            return true;
        }
    }
}
