package dev.plux.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Says where a class is missing when a plugin's code fails with a {@link NoClassDefFoundError} or
 * {@link ClassNotFoundException}: the JVM names only the class (as {@code acme/lib/Json}), but the user must learn
 * that it is a library the plugin was built against and that its jar, its bundle or the class path does not carry.
 */
final class MissingClasses {

    /** The chains a plugin's code throws are short; a longer (or looping) one is not searched further. */
    private static final int MAX_DEPTH = 32;

    /** The JVM's message for a class whose static initializer failed before: present, not missing. */
    private static final String NOT_INITIALIZED = "Could not initialize class";

    private MissingClasses() {
    }

    /**
     * {@code "; class X, which the plugin's code uses, is …"}, or {@code ""} when no class is missing in the failure's
     * cause chain.
     *
     * @param failure the plugin's init or load failure
     * @param bundle the plugin's bundle (a jar or directory of a plugin directory), {@code null} for the class path's
     * @return the hint to append to the failure's description
     */
    static String hint(Throwable failure, @Nullable Bundle bundle) {
        String missing = missingClass(failure);
        if (missing == null) {
            return "";
        }
        String what = "; class " + Escaping.quote(missing) + ", which the plugin's code uses, ";
        if (bundle == null) {
            return what + "is not on the class path (a library missing from the application's dependencies?)";
        }
        Path path = bundle.path();
        String where = Escaping.escape(path.toString());
        Bundle carrier = otherBundleWith(missing, bundle);
        if (carrier != null) {
            // what a PF4J user expects to work (a plugin depending on another): say why it does not, and what does
            return what + "is not in its bundle " + where + " but in bundle "
                    + Escaping.escape(carrier.path().toString()) + ", whose classes other bundles do not see (each"
                    + " bundle has a class loader of its own, whose parent is the application's): put the library"
                    + " into the plugin's own bundle too (a shaded jar, or its jar in the lib/ of a directory bundle),"
                    + " or onto the application's class path if the plugins must share its classes";
        }
        if (Files.isDirectory(path)) {
            return what + "is neither in its bundle " + where + " nor on the application's class path: put the"
                    + " library's jar into " + Escaping.escape(path.resolve("lib").toString());
        }
        return what + "is neither in its bundle " + where + " nor on the application's class path: put the library"
                + " into the plugin's jar (a shaded jar), or make the plugin a directory bundle with the library's jar"
                + " in its lib/ (see plugin directories in the plux-core README)";
    }

    /**
     * As {@link #hint}, for a failure to resolve an entry: {@code ""} when the missing class is the entry's own (the
     * failure names it already, and no library is missing), the hint when it is another the JVM needed to define the
     * plugin's class (its superclass or interface, in another bundle or a library that is not there).
     *
     * @param failure the resolution failure
     * @param bundle the plugin's bundle, {@code null} for the class path's
     * @param value the entry's value ({@code binary.ClassName} or {@code binary.ClassName:member})
     * @return the hint to append to the failure's description
     */
    static String hintAtResolution(Throwable failure, @Nullable Bundle bundle, String value) {
        String missing = missingClass(failure);
        int colon = value.indexOf(':');
        String own = ((colon >= 0) ? value.substring(0, colon) : value).trim();
        return (missing == null || missing.equals(own)) ? "" : hint(failure, bundle);
    }

    /**
     * Another bundle open under the same parent loader (of this manager's plugin directories, or another manager's)
     * whose own jars or classes carry the class, or {@code null}. Read only on a failure that names a missing class.
     */
    private static @Nullable Bundle otherBundleWith(String className, Bundle bundle) {
        ClassLoader parent = bundle.classLoader().getParent();
        if (parent == null) {
            return null;
        }
        String resource = className.replace('.', '/') + ".class";
        for (Bundle other : BundleCache.liveBundles(parent)) {
            // findResource: the bundle's own files only, not its parent's
            if (other != bundle && other.classLoader().findResource(resource) != null) {
                return other;
            }
        }
        return null;
    }

    /** The binary name of the first class the chain says is missing, or {@code null}. */
    private static @Nullable String missingClass(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        while (current != null && seen.add(current) && seen.size() <= MAX_DEPTH) {
            String message = Failures.message(current);
            if (current instanceof NoClassDefFoundError && message != null && !message.startsWith(NOT_INITIALIZED)) {
                return message.replace('/', '.');
            }
            if (current instanceof ClassNotFoundException && message != null) {
                return message;
            }
            current = current.getCause();
        }
        return null;
    }
}
