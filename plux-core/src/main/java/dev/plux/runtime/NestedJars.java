package dev.plux.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import org.jspecify.annotations.Nullable;

/**
 * Reads the name and version of a library inside a Spring Boot executable jar ({@code BOOT-INF/lib/x.jar}) from
 * the application's jar file itself. Opening such a location through its URL needs the launcher's stream
 * handlers, and without them a {@code jar:file:<app>!/BOOT-INF/lib/x.jar!/} URL opens the application jar, whose
 * metadata is not the library's.
 */
final class NestedJars {

    // a pom.properties is a few lines: more is not one, and is not worth the heap
    private static final int MAX_POM_BYTES = 64 * 1024;

    private NestedJars() {
    }

    /**
     * The jar file and entry a nested jar's location names: the launcher's {@code nested:<jar>/!<entry>} (Spring
     * Boot 3.2 and later) or the older {@code file:<jar>!/<entry>}, either also as a jar root
     * ({@code jar:…!/}, as a code source names it).
     *
     * @param location a location's URL text
     * @return the jar and entry, or {@code null} when the location is not a jar nested in a jar file
     */
    static @Nullable Nested of(String location) {
        String text = location;
        if (text.startsWith("jar:") && text.endsWith("!/")) {
            text = text.substring(4, text.length() - 2);
        }
        try {
            if (text.startsWith("nested:")) {
                // the launcher escapes every '!' of the path, so "/!" is its separator; the rest is percent-encoded
                int separator = text.lastIndexOf("/!");
                if (separator < 0) {
                    return null;
                }
                String entry = decode(text.substring(separator + 2));
                Path jar = Paths.get(decode(text.substring("nested:".length(), separator)));
                return nestedJar(jar, entry);
            }
            if (text.startsWith("file:")) {
                // as the JDK's jar URLs are parsed: the first "!/" ends the outer jar
                int separator = text.indexOf("!/");
                if (separator < 0) {
                    return null;
                }
                Path jar = Paths.get(new URL(text.substring(0, separator)).toURI());
                return nestedJar(jar, text.substring(separator + 2));
            }
        }
        catch (IOException | URISyntaxException | RuntimeException ex) {
            return null;
        }
        return null;
    }

    private static @Nullable Nested nestedJar(Path jar, String entry) {
        // a directory entry (BOOT-INF/classes/) or a jar nested deeper is not a library of the jar
        if (entry.isEmpty() || entry.endsWith("/") || entry.contains("!/")) {
            return null;
        }
        return new Nested(jar, entry);
    }

    private static String decode(String text) {
        // percent escapes only: a '+' of a URI path is a plus
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Reads the nested jar's Maven {@code pom.properties} (see {@link PomChoice}), else its manifest's title
     * and version. The nested jar is read as a stream, once per location (the caller caches it).
     *
     * @param nested the jar and entry
     * @param location the location the distribution reports
     * @return the distribution, or {@code null} when the nested jar names none
     * @throws IOException if the jar or the entry cannot be read
     */
    static @Nullable Distribution read(Nested nested, URL location) throws IOException {
        try (JarFile outer = new JarFile(nested.jar().toFile(), false)) {
            JarEntry library = outer.getJarEntry(nested.entry());
            if (library == null) {
                throw new NoSuchFileException(nested.jar() + "!/" + nested.entry());
            }
            try (JarInputStream in = new JarInputStream(outer.getInputStream(library), false)) {
                byte[] pom = null;
                String entryName = nested.entry();
                PomChoice choice = new PomChoice(entryName.substring(entryName.lastIndexOf('/') + 1));
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (choice.offer(entry.getName())) {
                        pom = in.readNBytes(MAX_POM_BYTES);
                    }
                }
                if (pom != null) {
                    Distribution distribution = Distributions.fromPom(new ByteArrayInputStream(pom), location);
                    if (distribution != null) {
                        return distribution;
                    }
                }
                return Distributions.fromManifestTitle(in.getManifest(), location);
            }
        }
    }

    /** A jar file and the name of a jar entry in it. */
    record Nested(Path jar, String entry) {
    }
}
