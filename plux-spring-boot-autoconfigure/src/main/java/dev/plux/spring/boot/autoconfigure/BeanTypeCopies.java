package dev.plux.spring.boot.autoconfigure;

import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.util.ClassUtils;

/**
 * Explains a plugin of a plugin directory that cannot get a bean because its bundle carries its own copy of the
 * bean's type. A bundle looks classes up in itself first, so its copy of {@code com.acme.Clock} is another class than
 * the application's, and none of the application's beans qualifies: Spring says only "No qualifying bean of type
 * 'com.acme.Clock'", which sends the user after a bean that exists.
 */
final class BeanTypeCopies {

    /** Enough for any real chain of wrappers; a longer (or looping) chain stops there. */
    private static final int MAX_DEPTH = 32;

    private BeanTypeCopies() {
    }

    /**
     * The failure, or a {@link BeanCreationException} of the plugin around it that says which type the plugin's
     * bundle carries a copy of and what to do, when a missing bean in its cause chain is of such a type. The cause
     * stays the failure, so the root cause is still Spring's {@code NoSuchBeanDefinitionException}.
     *
     * @param failure what creating the plugin threw
     * @param pluginClass the plugin's class
     * @param application the context's bean class loader, whose classes are the application's; {@code null} for the
     * default class loader
     * @return the failure, or the explaining exception
     */
    static Exception explain(Exception failure, Class<?> pluginClass, @Nullable ClassLoader application) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current != null && seen.put(current, Boolean.TRUE) == null && seen.size() <= MAX_DEPTH) {
            if (current instanceof NoSuchBeanDefinitionException missing && missing.getBeanType() != null) {
                Class<?> type = missing.getBeanType();
                Class<?> original = shadowed(type, application);
                if (original != null) {
                    // the failure analyzers recognize this wording (RootCause.COPY_EXPLAINED): keep the two in step
                    return new BeanCreationException(pluginClass.getName(), "its bundle carries its own copy of "
                            + type.getName() + " (of class loader " + loaderName(type.getClassLoader())
                            + "), another class than the application's (of class loader "
                            + loaderName(original.getClassLoader()) + "), so no bean of the application qualifies;"
                            + " remove " + type.getName() + " (or the library holding it) from the plugin's bundle or"
                            + " jar, so that the plugin uses the application's", failure);
                }
            }
            current = current.getCause();
        }
        return failure;
    }

    /**
     * The application's class of the same name, when it is another class: the one a bundle's copy hides from the
     * plugin. {@code null} when there is none or it is the same. Asked of the application's loader, not of the parent
     * of {@code type}'s: a child-first loader of the application's own classes (devtools' restart class loader) has a
     * parent with the same classes, and a missing bean of such a type is just missing.
     */
    private static @Nullable Class<?> shadowed(Class<?> type, @Nullable ClassLoader application) {
        ClassLoader loader = (application != null) ? application : ClassUtils.getDefaultClassLoader();
        if (loader == null || type.getClassLoader() == null) {
            return null;
        }
        try {
            Class<?> original = Class.forName(type.getName(), false, loader);
            return (original != type) ? original : null;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
    }

    private static String loaderName(@Nullable ClassLoader loader) {
        if (loader == null) {
            return "the bootstrap class loader";
        }
        return (loader.getName() != null) ? loader.getName() : String.valueOf(loader);
    }
}
