package dev.plux.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
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
     * @param bundle the plugin's bundle (a jar or directory of a plugin directory), empty for the class path's
     * @return the hint to append to the failure's description
     */
    static String hint(Throwable failure, Optional<Path> bundle) {
        String missing = missingClass(failure);
        if (missing == null) {
            return "";
        }
        String what = "; class " + Escaping.quote(missing) + ", which the plugin's code uses, ";
        if (bundle.isEmpty()) {
            return what + "is not on the class path (a library missing from the application's dependencies?)";
        }
        Path path = bundle.get();
        String where = Escaping.escape(path.toString());
        if (Files.isDirectory(path)) {
            return what + "is neither in its bundle " + where + " nor on the application's class path: put the"
                    + " library's jar into " + Escaping.escape(path.resolve("lib").toString());
        }
        return what + "is neither in its bundle " + where + " nor on the application's class path: put the library"
                + " into the plugin's jar (a shaded jar), or make the plugin a directory bundle with the library's jar"
                + " in its lib/ (see plugin directories in the plux-core README)";
    }

    /** The binary name of the first class the chain says is missing, or {@code null}. */
    private static @Nullable String missingClass(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        while (current != null && seen.add(current) && seen.size() <= MAX_DEPTH) {
            String message = current.getMessage();
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
