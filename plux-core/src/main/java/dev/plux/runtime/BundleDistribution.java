package dev.plux.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The distribution of a bundle, which every plugin of the bundle reports: for a jar, its Maven
 * {@code pom.properties}, else its manifest, else its file name; for a directory bundle the same read from its
 * {@code classes/} directory, else the directory's name. The location is the bundle's jar or directory.
 */
final class BundleDistribution {

    private static final String MAVEN = "META-INF/maven/";

    private static final String POM = "pom.properties";

    private BundleDistribution() {
    }

    /** Reads an open jar bundle (the jar is opened anyway to check that it is one). */
    static Distribution ofJar(JarFile jar, URL location, String fileName) throws IOException {
        JarEntry pom = null;
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            // the first in name order, so a shaded jar always reports the same artifact
            if (name.startsWith(MAVEN) && name.endsWith("/" + POM) && (pom == null || name.compareTo(pom.getName()) < 0)) {
                pom = entry;
            }
        }
        if (pom != null) {
            try (InputStream in = jar.getInputStream(pom)) {
                Distribution distribution = fromPom(in, location);
                if (distribution != null) {
                    return distribution;
                }
            }
        }
        Distribution distribution = fromManifest(jar.getManifest(), location);
        return (distribution != null) ? distribution : new Distribution(fileName, null, location);
    }

    /** Reads a directory bundle from its {@code classes/} directory, if it has one. */
    static Distribution ofDirectory(Path bundle, URL location) throws IOException {
        Path classes = bundle.resolve("classes");
        if (Files.isDirectory(classes)) {
            Path maven = classes.resolve(MAVEN);
            if (Files.isDirectory(maven)) {
                Optional<Path> pom;
                try (Stream<Path> files = Files.walk(maven)) {
                    pom = files.filter((file) -> file.getFileName().toString().equals(POM))
                        .min(Comparator.comparing((file) -> maven.relativize(file).toString().replace('\\', '/')));
                }
                if (pom.isPresent()) {
                    try (InputStream in = Files.newInputStream(pom.get())) {
                        Distribution distribution = fromPom(in, location);
                        if (distribution != null) {
                            return distribution;
                        }
                    }
                }
            }
            Path manifestFile = classes.resolve(JarFile.MANIFEST_NAME);
            if (Files.isRegularFile(manifestFile)) {
                try (InputStream in = Files.newInputStream(manifestFile)) {
                    Distribution distribution = fromManifest(new Manifest(in), location);
                    if (distribution != null) {
                        return distribution;
                    }
                }
            }
        }
        return new Distribution(bundle.getFileName().toString(), null, location);
    }

    private static @Nullable Distribution fromPom(InputStream in, URL location) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        String artifactId = blankToNull(properties.getProperty("artifactId"));
        return (artifactId != null) ? new Distribution(artifactId, blankToNull(properties.getProperty("version")),
                location) : null;
    }

    private static @Nullable Distribution fromManifest(@Nullable Manifest manifest, URL location) {
        if (manifest == null) {
            return null;
        }
        Attributes attributes = manifest.getMainAttributes();
        String title = blankToNull(attributes.getValue(Attributes.Name.IMPLEMENTATION_TITLE));
        return (title != null) ? new Distribution(title,
                blankToNull(attributes.getValue(Attributes.Name.IMPLEMENTATION_VERSION)), location) : null;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }
}
