package dev.plux.runtime;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Says which jar failed its signature when a plugin's class could not be loaded from a signed jar changed after it
 * was signed: the JDK's {@link SecurityException} names an entry ({@code SHA-256 digest error for acme/P.class}) or a
 * class, never the jar, which may be any {@code lib/} jar of a directory bundle or any jar of the class path.
 */
final class SignedJars {

    /** The chains a plugin's code throws are short; a longer (or looping) one is not searched further. */
    private static final int MAX_DEPTH = 32;

    /** How the JDK's class loaders say that a class's signers differ from its package's other classes'. */
    private static final String SIGNER_CLASS = "class \"";

    private SignedJars() {
    }

    /**
     * {@code "; /opt/app/plugins/b/lib/x.jar, a signed jar of bundle /opt/app/plugins/b, was changed after it was
     * signed …"}, or {@code ""} when the failure's cause chain holds no {@link SecurityException} of a signature
     * that does not match.
     *
     * @param failure a resolution, init or load failure
     * @param bundle the plugin's bundle, {@code null} for the class path's
     * @param loader the class loader the plugin's classes come from (the bundle's, or the manager's)
     * @return the hint to append to the failure's description
     */
    static String hint(Throwable failure, @Nullable Bundle bundle, @Nullable ClassLoader loader) {
        SecurityException security = securityException(failure);
        if (security == null) {
            return "";
        }
        Path jar = jarOf(security.getMessage(), bundle, loader);
        String of = (bundle == null) ? "" : (bundle.path().equals(jar) ? "" : " of bundle " + bundle.path());
        String what = (jar != null) ? jar + ", a signed jar" + of + "," : "a signed jar" + of;
        return "; " + Escaping.escape(what) + " was changed after it was signed (its contents no longer match its"
                + " signature, so the JVM refuses its classes): rebuild the jar, or sign it again";
    }

    private static @Nullable SecurityException securityException(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        while (current != null && seen.add(current) && seen.size() <= MAX_DEPTH) {
            if (current instanceof SecurityException security && isSignatureFailure(security.getMessage())) {
                return security;
            }
            current = current.getCause();
        }
        return null;
    }

    /**
     * Whether the JDK's message is one of a signature that does not match (a plugin's own code may throw a
     * {@link SecurityException} of its own, which says nothing about jars).
     */
    private static boolean isSignatureFailure(@Nullable String message) {
        return message != null && (message.contains(" digest error for ") || message.contains("signature file digest")
                || (message.startsWith(SIGNER_CLASS) && message.contains("signer information")));
    }

    /** The local jar holding the entry or class the JDK's message names, or {@code null} when it cannot be told. */
    private static @Nullable Path jarOf(@Nullable String message, @Nullable Bundle bundle,
            @Nullable ClassLoader loader) {
        String entry = entryOf(message);
        if (entry == null) {
            return null;
        }
        try {
            // a bundle's own files only: the parent's jars are not the bundle's
            URL url = (bundle != null) ? bundle.classLoader().findResource(entry)
                    : (loader != null) ? loader.getResource(entry) : null;
            if (url == null || !"jar".equals(url.getProtocol())) {
                return null;
            }
            String text = url.toExternalForm();
            int separator = text.indexOf("!/");
            if (separator < 0 || !text.startsWith("jar:file:")) {
                return null;
            }
            return Path.of(new URI(text.substring("jar:".length(), separator)));
        }
        catch (Exception ex) {
            // only a hint: the failure itself is reported either way
            return null;
        }
    }

    /**
     * The entry the JDK's message names: {@code SHA-256 digest error for acme/P.class}, {@code invalid SHA-256
     * signature file digest for acme/P.class}, or {@code class "acme.P"'s signer information does not match signer
     * information of other classes in the same package}.
     */
    static @Nullable String entryOf(@Nullable String message) {
        if (message == null) {
            return null;
        }
        if (message.startsWith(SIGNER_CLASS)) {
            int end = message.indexOf('"', SIGNER_CLASS.length());
            return (end > SIGNER_CLASS.length())
                    ? message.substring(SIGNER_CLASS.length(), end).replace('.', '/') + ".class" : null;
        }
        int at = message.lastIndexOf(" for ");
        if (at < 0) {
            return null;
        }
        String entry = message.substring(at + " for ".length()).trim();
        return (entry.isEmpty() || entry.indexOf(' ') >= 0) ? null : entry;
    }
}
