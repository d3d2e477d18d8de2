package dev.plux.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes plugin index files into classes directories and jars under a temporary directory, and opens
 * fresh class loaders over them (the index cache is per class loader).
 */
final class TempIndex {

    private TempIndex() {
    }

    /** Writes {@code content} as the index file of a new classes directory {@code dir} under {@code root}. */
    static Path directory(Path root, String dir, String content) {
        try {
            Path classes = root.resolve(dir);
            Path file = classes.resolve(IndexFile.LOCATION);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return classes;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes a jar with the given entries (path to content) and an optional manifest. */
    static Path jar(Path root, String fileName, Map<String, String> entries, Map<String, String> manifestAttributes) {
        Path jar = root.resolve(fileName);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifestAttributes.forEach((key, value) -> manifest.getMainAttributes().putValue(key, value));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return jar;
    }

    /** A jar holding just an index file. */
    static Path indexJar(Path root, String fileName, String content) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(IndexFile.LOCATION, content);
        return jar(root, fileName, entries, Map.of());
    }

    /** A fresh class loader over the given directories and jars, delegating to the test class loader. */
    static URLClassLoader loader(Path... locations) {
        URL[] urls = new URL[locations.length];
        for (int i = 0; i < locations.length; i++) {
            try {
                urls[i] = locations[i].toUri().toURL();
            }
            catch (MalformedURLException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return new URLClassLoader(urls, TempIndex.class.getClassLoader());
    }
}
