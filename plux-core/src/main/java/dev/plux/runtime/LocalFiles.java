package dev.plux.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.jspecify.annotations.Nullable;

/**
 * The local file behind a URL a class loader hands out, where that is certain, so that it can be read without a
 * {@code URLConnection}. Anything else — a nested jar, a remote or custom protocol, a URL with a query or
 * fragment, one that does not parse — gives {@code null}, and the caller reads through the URL.
 */
final class LocalFiles {

    private LocalFiles() {
    }

    /**
     * The local jar of {@code jar:file:<jar>!/<entry>}.
     *
     * @param url the URL
     * @param entry the entry the URL must name, exactly
     * @return the jar, or {@code null}
     */
    static @Nullable Path jarOf(URL url, String entry) {
        if (!"jar".equals(url.getProtocol())) {
            return null;
        }
        String spec = url.getFile();
        String suffix = "!/" + entry;
        if (!spec.endsWith(suffix)) {
            return null;
        }
        String jar = spec.substring(0, spec.length() - suffix.length());
        // a second separator is a jar inside a jar, which only its own protocol handler can open
        if (!jar.startsWith("file:") || jar.contains("!/")) {
            return null;
        }
        return path(jar);
    }

    /**
     * The local file of a {@code file:} URL.
     *
     * @param url the URL
     * @return the file, or {@code null}
     */
    static @Nullable Path fileOf(URL url) {
        if (!"file".equals(url.getProtocol()) || url.getQuery() != null || url.getRef() != null) {
            return null;
        }
        return path(url.toExternalForm());
    }

    /**
     * What two URLs of one file have in common: for a local jar ({@code jar:file:…!/entry}) or a local file, the
     * file itself — its file key (device and inode), else its real path — so that a symbolic or hard link, a
     * {@code ./} in the path or another spelling of it is the same file; for any other URL its text.
     *
     * @param url the URL
     * @param entry the entry a jar URL must name to count as a local jar
     * @return a value equal for URLs of the same file
     */
    static Object identity(URL url, String entry) {
        Path jar = jarOf(url, entry);
        if (jar != null) {
            return new Identity(true, fileKey(jar));
        }
        Path file = fileOf(url);
        if (file != null) {
            return new Identity(false, fileKey(file));
        }
        return url.toExternalForm();
    }

    private static Object fileKey(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return (key != null) ? key : path.toRealPath();
        }
        catch (IOException | RuntimeException ex) {
            // gone or unreadable: reading it fails too, and the path it has is the best name for it
            return path.toAbsolutePath().normalize();
        }
    }

    /** A local file, inside a jar or not. */
    private record Identity(boolean inJar, Object file) {
    }

    private static @Nullable Path path(String fileUri) {
        try {
            URI uri = new URI(fileUri);
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            return Path.of(uri);
        }
        catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException | SecurityException ex) {
            // IllegalArgumentException covers InvalidPathException and a file: URI with an authority (a UNC host)
            return null;
        }
    }
}
