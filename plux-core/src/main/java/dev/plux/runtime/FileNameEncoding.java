package dev.plux.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Whether the JDK can open a file by its name. {@code JarFile} and a class loader's jars and directories open a file
 * by a name string, which the JDK encodes in the JVM's file name encoding ({@code sun.jnu.encoding}, set by the
 * locale). A file in a plugin directory whose name's bytes are not valid in that encoding (a Latin-1 name on a UTF-8
 * system; any non-ASCII name under the POSIX locale, {@code LANG=C}, where the encoding is ASCII) is listed, and read
 * through its {@link Path}, but its name string names another file: such a bundle is refused with the reason, before
 * a "no such file" about the file just listed, or a class loader that sees nothing in it.
 */
final class FileNameEncoding {

    private FileNameEncoding() {
    }

    /**
     * Refuses a path the JDK cannot open by name.
     *
     * @param path a bundle, or a jar in a directory bundle's {@code lib/}
     * @throws IOException saying why, with the name's bytes percent-encoded and what to do
     */
    static void check(Path path) throws IOException {
        if (namesItself(path)) {
            return;
        }
        String encoding = System.getProperty("sun.jnu.encoding", "unknown");
        boolean utf8 = StandardCharsets.UTF_8.aliases().contains(encoding) || "UTF-8".equalsIgnoreCase(encoding);
        throw new IOException("its path is not valid in the JVM's file name encoding (sun.jnu.encoding=" + encoding
                + ", which the locale sets), so the JDK cannot open it by name; its bytes, percent-encoded: "
                + path.toUri() + "; "
                + (utf8 ? "give the file, or the directory above it so named, a UTF-8 name (its bytes are in another"
                        + " encoding, such as Latin-1)"
                        : "start the JVM under a UTF-8 locale (such as LANG=C.UTF-8), or give it an ASCII name"));
    }

    /**
     * The {@link File} of a path, which the JDK opens by name, once {@linkplain #check(Path) checked}.
     *
     * @param path a jar
     * @return its file
     * @throws IOException if the JDK cannot open it by name
     */
    static File file(Path path) throws IOException {
        check(path);
        return path.toFile();
    }

    private static boolean namesItself(Path path) {
        try {
            return path.getFileSystem().getPath(path.toString()).equals(path);
        }
        catch (InvalidPathException ex) {
            // a character the encoding has no bytes for
            return false;
        }
    }
}
