package dev.plux.runtime;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.plux.core.EntryPoint;

import org.jspecify.annotations.Nullable;

/**
 * Reads one {@code META-INF/plux/entry_points.txt}: {@code [namespace]} sections of {@code name = value} lines,
 * {@code #} and {@code ;} comments, blank lines, CRLF, a UTF-8 byte order mark. The meaning of every line is
 * pinned by the golden corpus in the tests ({@code index-corpus}), which the processor's reader passes too.
 *
 * <p>The file must be UTF-8 text of at most {@link #MAX_BYTES}; a directory, a larger file, UTF-16 or invalid
 * bytes make {@link #read} refuse the whole file. Parsing is a loop over lines: no input can make it recurse.
 */
final class IndexFile {

    /** Where every jar and classes directory keeps its index. */
    static final String LOCATION = "META-INF/plux/entry_points.txt";

    /** The largest index file read (16 MiB); no build writes one anywhere near this. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    /** The longest namespace or plugin name. */
    static final int MAX_NAME_LENGTH = 255;

    /** The longest value ({@code binary.ClassName:member}). */
    static final int MAX_VALUE_LENGTH = 1024;

    /** Why a line without '=' is not an entry. */
    private static final String NO_EQUALS = "expected 'name = value'";

    /** What the parser finds in a file, line by line. */
    interface Sink {

        /**
         * A line inside a valid section that is neither blank nor a comment.
         *
         * @param namespace the section's name
         * @param line the line number, from 1
         * @param text the line without surrounding whitespace
         */
        void entry(String namespace, int line, String text);

        /**
         * A valid section header, before the entries below it (a section may have none).
         *
         * @param namespace the section's name
         * @param line the line number, from 1
         */
        default void section(String namespace, int line) {
        }

        /**
         * A line that is not part of any entry and deserves a warning.
         *
         * @param line the line number, from 1
         * @param reason why it is ignored
         * @param text the line without surrounding whitespace
         */
        void ignored(int line, Ignored reason, String text);
    }

    /** Why a line is not read as an entry. */
    enum Ignored {

        /** A line before the first section header. */
        OUTSIDE_SECTION("ignoring line '%s' outside any [namespace] section"),

        /** A line starting with {@code [} that is no valid header; the lines below it wait for the next one. */
        MALFORMED_HEADER("malformed section header '%s' (a namespace in [ ] of at most " + MAX_NAME_LENGTH
                + " characters, without control or format characters); the lines below it up to the next section "
                + "are ignored");

        private final String format;

        Ignored(String format) {
            this.format = format;
        }

        /** The warning for a line, quoting it. */
        String message(String text) {
            return String.format(this.format, Escaping.quote(text));
        }
    }

    /** The whole file was refused; the message names the reason (the caller names the file). */
    static final class RefusedException extends IOException {

        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private IndexFile() {
    }

    /**
     * Reads and parses one index file.
     *
     * @param source the file
     * @param sink receives its lines
     * @throws RefusedException if the file is a directory, too large or not UTF-8
     * @throws IOException if it cannot be read
     */
    static void read(URL source, Sink sink) throws IOException {
        parse(text(source), sink);
    }

    /**
     * The file's text, checked and decoded; reads at most {@link #MAX_BYTES} + 1 bytes.
     *
     * <p>An index inside a local jar ({@code jar:file:…!/META-INF/plux/entry_points.txt}, what a
     * {@code URLClassLoader} or the application class loader returns) and a local file are read without a
     * {@code URLConnection}: a {@link ZipFile} over a jar the class loader has open shares the jar's already-read
     * directory, where a {@code JarURLConnection} without caches builds a verifying {@code JarFile} per file. Any
     * other URL (a nested jar, a custom protocol) is read through its connection.
     */
    static String text(URL source) throws IOException {
        Path jar = LocalFiles.jarOf(source, LOCATION);
        if (jar != null) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(LOCATION);
                if (entry != null) {
                    return text(zip, entry);
                }
            }
            // gone since the class loader listed it. Said here, not left to a JarURLConnection: on newer JDKs (25) its
            // message no longer names the entry or the jar ("JAR entry not found in jar file")
            throw new FileNotFoundException("no " + LOCATION + " in " + jar);
        }
        Path file = LocalFiles.fileOf(source);
        if (file != null) {
            return text(file);
        }
        URLConnection connection = source.openConnection();
        // a cached JarFile would keep jars open (and locked on Windows) after their class loader is closed
        connection.setUseCaches(false);
        byte[] bytes;
        try (InputStream in = connection.getInputStream()) {
            if (connection instanceof JarURLConnection jarConnection && jarConnection.getJarEntry() != null
                    && jarConnection.getJarEntry().isDirectory()) {
                throw directory();
            }
            bytes = readAtMost(in, MAX_BYTES + 1, connection.getContentLengthLong());
        }
        return checked(bytes);
    }

    /**
     * The text of an index file inside an open jar, with the checks of {@link #text(URL)}.
     *
     * @param zip the open jar
     * @param entry the index file's entry
     * @return the checked, decoded text
     * @throws IOException if it cannot be read, or {@link RefusedException} if it is refused
     */
    static String text(ZipFile zip, ZipEntry entry) throws IOException {
        if (entry.isDirectory()) {
            throw directory();
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return checked(readAtMost(in, MAX_BYTES + 1, entry.getSize()));
        }
    }

    private static String text(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            // a file: URL of a directory reads as a listing of its files, which must not become plugins
            throw directory();
        }
        if (!attributes.isRegularFile()) {
            // opening a named pipe waits for a writer: the application would never start
            throw new RefusedException("it is not a regular file (a named pipe, socket or device)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return checked(readAtMost(in, MAX_BYTES + 1, attributes.size()));
        }
    }

    private static RefusedException directory() {
        return new RefusedException("it is a directory, not a file");
    }

    private static String checked(byte[] bytes) throws RefusedException {
        if (bytes.length > MAX_BYTES) {
            throw new RefusedException("it is larger than 16 MiB (" + MAX_BYTES + " bytes)");
        }
        return decode(bytes);
    }

    /**
     * Reads up to {@code limit} bytes into a buffer sized by the announced length: an index is usually a few
     * hundred bytes, and {@code readNBytes} would zero and copy 8 KiB for each.
     */
    private static byte[] readAtMost(InputStream in, int limit, long announced) throws IOException {
        byte[] buffer = new byte[(announced >= 0 && announced < limit) ? (int) announced + 1 : 1024];
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (size == limit) {
                    return buffer;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, 2L * size));
            }
            int read = in.read(buffer, size, buffer.length - size);
            if (read < 0) {
                return (size == buffer.length) ? buffer : Arrays.copyOf(buffer, size);
            }
            size += read;
        }
    }

    /** Strict UTF-8: a replacement character would turn a broken file into odd plugin names. */
    static String decode(byte[] bytes) throws RefusedException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new RefusedException("it is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new RefusedException("it holds a NUL byte at offset " + i
                        + " (UTF-16 or binary data); save it as UTF-8 text");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more chars than it has bytes
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new RefusedException("it is not UTF-8: invalid bytes at offset " + in.position());
        }
        return out.flip().toString();
    }

    /**
     * Parses a file's text. Lines end at {@code \n}, {@code \r\n} or {@code \r}; a byte order mark at the start
     * is skipped; surrounding whitespace of every line is free.
     *
     * @param text the text
     * @param sink receives the lines
     */
    static void parse(String text, Sink sink) {
        int length = text.length();
        int position = (length > 0 && text.charAt(0) == '\uFEFF') ? 1 : 0;
        int lineNumber = 0;
        String section = null;
        boolean belowBrokenHeader = false;
        while (position < length) {
            int end = position;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            lineNumber++;
            String line = text.substring(position, end).strip();
            position = (end + 1 < length && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n') ? end + 2
                    : end + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = sectionName(line);
                belowBrokenHeader = (section == null);
                if (section == null) {
                    sink.ignored(lineNumber, Ignored.MALFORMED_HEADER, line);
                }
                else {
                    sink.section(section, lineNumber);
                }
            }
            else if (section != null) {
                sink.entry(section, lineNumber, line);
            }
            else if (!belowBrokenHeader) {
                sink.ignored(lineNumber, Ignored.OUTSIDE_SECTION, line);
            }
        }
    }

    private static @Nullable String sectionName(String line) {
        if (!line.endsWith("]") || line.length() < 2) {
            return null;
        }
        String name = line.substring(1, line.length() - 1).strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || Escaping.containsUnsafe(name)) {
            return null;
        }
        return name;
    }

    /**
     * Whether an entry comes from a line without '=': its name is then the whole line.
     *
     * @param entry an entry of {@link #entry}
     * @return whether its line has no '='
     */
    static boolean hasNoEquals(IndexEntry entry) {
        return !entry.declared() && NO_EQUALS.equals(entry.malformed());
    }

    /**
     * The entry an entry line declares.
     *
     * @param namespace the line's section
     * @param text the line, stripped
     * @param source the file, or {@code null}
     * @param line the line number
     * @return the entry, malformed or not
     */
    static IndexEntry entry(String namespace, String text, @Nullable URL source, int line) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            return new IndexEntry(new EntryPoint(namespace, text, "", source), line, NO_EQUALS, false);
        }
        String name = text.substring(0, equals).strip();
        String value = text.substring(equals + 1).strip();
        EntryPoint entryPoint = new EntryPoint(namespace, name, value, source);
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            return new IndexEntry(entryPoint, line, nameProblem, false);
        }
        return new IndexEntry(entryPoint, line, valueProblem(value), true);
    }

    /**
     * The name an entry line declares, or {@code null} when it has no usable name.
     *
     * @param text the line, stripped
     * @return the name
     */
    static @Nullable String declaredName(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            return null;
        }
        String name = text.substring(0, equals).strip();
        return (nameProblem(name) == null) ? name : null;
    }

    private static @Nullable String nameProblem(String name) {
        if (name.isEmpty()) {
            return "the name before '=' is empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "the name is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (Escaping.containsUnsafe(name)) {
            return "the name contains control or format characters";
        }
        return null;
    }

    private static @Nullable String valueProblem(String value) {
        if (value.isEmpty()) {
            return "the value after '=' is empty";
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return "the value is longer than " + MAX_VALUE_LENGTH + " characters";
        }
        if (Escaping.containsUnsafe(value)) {
            return "the value contains control or format characters";
        }
        return null;
    }
}
