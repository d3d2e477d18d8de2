package dev.plux.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Says that a plugin's bundle was deleted or changed under the running application when a plugin fails on a class
 * or file of it. A manager reads a bundle's index when it opens the bundle, and its class loader reads classes only
 * when they are first needed: a jar deleted or replaced in between (an operator redeploying while the application
 * runs) fails with a {@link ClassNotFoundException} of a class the index names in that very jar, or a
 * {@link NoClassDefFoundError} that {@link MissingClasses} would blame on a library missing from the bundle.
 *
 * <p>Checked only when a plugin failed, never on a successful resolution or load.
 */
final class ChangedBundles {

    /** The chains a plugin's code throws are short; a longer (or looping) one is not searched further. */
    private static final int MAX_DEPTH = 32;

    private static final long RECHECK_NANOS = Duration.ofSeconds(1).toNanos();

    /** By bundle, weakly: a bundle lives as long as its class loader, and this must not keep it. */
    private static final Map<Bundle, Check> checks = Collections.synchronizedMap(new WeakHashMap<>());

    private ChangedBundles() {
    }

    /**
     * {@code "; its bundle /opt/app/plugins/acme.jar was deleted after this JVM opened it …"} (or {@code changed
     * since}), or {@code ""} when the bundle is unchanged, or the failure is not one a changed bundle causes (a
     * class or a file that could not be read).
     *
     * @param failure a resolution, init or load failure
     * @param bundle the plugin's bundle, {@code null} for a plugin of the class path
     * @return the hint to append to the failure's description
     */
    static String hint(Throwable failure, @Nullable Bundle bundle) {
        if (bundle == null || !isReadFailure(failure)) {
            return "";
        }
        if (!changed(bundle)) {
            return "";
        }
        String path = Escaping.escape(bundle.path().toString());
        if (!Files.exists(bundle.path())) {
            return "; its bundle " + path + " was deleted after this JVM opened it (its plugins were declared from the"
                    + " index read then): put it back, or restart the application to run without it";
        }
        return "; its bundle " + path + " changed since this JVM opened it (a jar replaced or a directory rebuilt"
                + " under the running application; its plugins were declared from the index read then, and its class"
                + " loader may read old and new files): restart the application to use the new files";
    }

    /**
     * Whether the bundle's files differ from when it was opened. Answered again at most once a second per bundle:
     * stamping a directory bundle walks its {@code classes/}, and a bundle with many broken entries fails each of
     * them in turn ({@code loadAll()}).
     */
    private static boolean changed(Bundle bundle) {
        List<String> opened = bundle.openedStamp();
        if (opened == null) {
            return false;
        }
        long now = System.nanoTime();
        Check last = checks.get(bundle);
        if (last != null && now - last.at() < RECHECK_NANOS) {
            return last.changed();
        }
        boolean changed = !opened.equals(BundleCache.stamp(bundle.path()));
        checks.put(bundle, new Check(now, changed));
        return changed;
    }

    /** The last answer of {@link #changed} for a bundle, and when it was found. */
    private record Check(long at, boolean changed) {
    }

    /** Whether the chain holds a class that could not be found or linked, or a file that could not be read. */
    private static boolean isReadFailure(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        while (current != null && seen.add(current) && seen.size() <= MAX_DEPTH) {
            // not a static initializer's failure: the plugin's code threw it, whatever became of the files
            if (current instanceof ClassNotFoundException || current instanceof IOException
                    || (current instanceof LinkageError && !(current instanceof ExceptionInInitializerError))) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }
}
