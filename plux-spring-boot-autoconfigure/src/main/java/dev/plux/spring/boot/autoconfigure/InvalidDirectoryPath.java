package dev.plux.spring.boot.autoconfigure;

import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;

import org.jspecify.annotations.Nullable;

/**
 * Why an item of {@code plux.plugin-directories} is not a path. The JDK's own reason for a name its file name
 * encoding cannot hold ({@code sun.jnu.encoding}, set by the locale: ASCII under {@code LANG=C}, as on many CI
 * runners and containers) is "Malformed input or input contains unmappable characters", which says nothing of the
 * locale; plux-core says the same of such a bundle file, with what to do.
 */
final class InvalidDirectoryPath {

    private InvalidDirectoryPath() {
    }

    /**
     * The reason, for this JVM's file name encoding.
     *
     * @param directory the item as configured
     * @param ex what {@code Path.of} threw
     * @return the text after "is not a valid path: "
     */
    static String reason(String directory, InvalidPathException ex) {
        return reason(directory, ex, fileNameEncoding());
    }

    /**
     * The reason, for a file name encoding.
     *
     * @param directory the item as configured
     * @param ex what {@code Path.of} threw
     * @param fileNameEncoding the JVM's file name encoding, or {@code null} when it is not known
     * @return the JDK's reason and, when the encoding cannot hold the item, the locale's part and what to do
     */
    static String reason(String directory, InvalidPathException ex, @Nullable Charset fileNameEncoding) {
        String reason = String.valueOf(ex.getMessage());
        if (fileNameEncoding == null || !fileNameEncoding.canEncode() || fileNameEncoding.newEncoder()
            .canEncode(directory)) {
            return reason;
        }
        return reason + " (the JVM's file name encoding, " + fileNameEncoding.name()
                + ", which the locale sets, cannot hold it: start the JVM under a UTF-8 locale, such as"
                + " LANG=C.UTF-8, or use a path of ASCII characters)";
    }

    private static @Nullable Charset fileNameEncoding() {
        String name = System.getProperty("sun.jnu.encoding");
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        }
        catch (IllegalArgumentException ex) {
            // an unknown or unsupported charset name: the JDK's reason alone
            return null;
        }
    }
}
