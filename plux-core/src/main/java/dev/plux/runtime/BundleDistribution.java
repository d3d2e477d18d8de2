package dev.plux.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distribution of a bundle, which every plugin of the bundle reports: for a jar, its Maven
 * {@code pom.properties} (of its own artifact when it is shaded, see {@link PomChoice}), else its manifest, else its
 * file name; for a directory bundle the same read from its {@code classes/} directory (its own artifact chosen by the
 * directory's name), else the directory's name. The location is the bundle's jar or directory.
 */
final class BundleDistribution {

    private static final Logger logger = LoggerFactory.getLogger(BundleDistribution.class);

    private BundleDistribution() {
    }

    /**
     * Reads an open jar bundle (the jar is opened anyway to check that it is one). Metadata is a nicety: a
     * malformed {@code pom.properties} or manifest gives the file name, never a skipped bundle.
     */
    static Distribution ofJar(JarFile jar, URL location, String fileName) {
        try {
            Distribution distribution = fromJarMetadata(jar, location, fileName);
            if (distribution != null) {
                return distribution;
            }
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("cannot read the distribution metadata of plugin bundle {}; naming it by its file", location,
                    ex);
        }
        return new Distribution(fileName, null, location);
    }

    private static @Nullable Distribution fromJarMetadata(JarFile jar, URL location, String fileName)
            throws IOException {
        JarEntry pom = null;
        PomChoice choice = new PomChoice(fileName);
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
            JarEntry entry = entries.nextElement();
            if (choice.offer(entry.getName())) {
                pom = entry;
            }
        }
        if (pom != null) {
            try (InputStream in = jar.getInputStream(pom)) {
                Distribution distribution = Distributions.fromPom(in, location);
                if (distribution != null) {
                    return distribution;
                }
            }
        }
        return Distributions.fromManifestTitle(jar.getManifest(), location);
    }

    /** Reads a directory bundle from its {@code classes/} directory, if it has one; as for a jar, never fails. */
    static Distribution ofDirectory(Path bundle, URL location) {
        Path classes = bundle.resolve("classes");
        try {
            Distribution distribution = Files.isDirectory(classes)
                    ? Distributions.fromDirectoryMetadata(classes, location, bundle.getFileName().toString())
                    : null;
            if (distribution != null) {
                return distribution;
            }
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("cannot read the distribution metadata of plugin bundle {}; naming it by its directory",
                    location, ex);
        }
        return new Distribution(bundle.getFileName().toString(), null, location);
    }
}
