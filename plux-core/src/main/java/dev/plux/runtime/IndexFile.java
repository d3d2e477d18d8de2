package dev.plux.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.plux.core.EntryPoint;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses one {@code META-INF/plux/entry_points.txt}: {@code [namespace]} sections of {@code name = value} lines,
 * {@code #} and {@code ;} comments, blank lines, CRLF, a byte order mark.
 */
final class IndexFile {

    /** Where every jar and classes directory keeps its index. */
    static final String LOCATION = "META-INF/plux/entry_points.txt";

    private static final Logger logger = LoggerFactory.getLogger(IndexFile.class);

    private IndexFile() {
    }

    static List<IndexEntry> read(URL source) throws IOException {
        URLConnection connection = source.openConnection();
        // a cached JarFile would keep jars open (and locked on Windows) after their class loader is closed
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream()) {
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), source);
        }
    }

    static List<IndexEntry> parse(BufferedReader reader, @Nullable URL source) throws IOException {
        List<IndexEntry> entries = new ArrayList<>();
        String section = null;
        String text;
        int lineNumber = 0;
        while ((text = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            String line = text.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = sectionName(line, source, lineNumber);
                continue;
            }
            int equals = line.indexOf('=');
            String name = (equals < 0) ? line : line.substring(0, equals).strip();
            String value = (equals < 0) ? "" : line.substring(equals + 1).strip();
            if (section == null) {
                logger.warn("{}:{}: ignoring line '{}' outside any [namespace] section", describe(source), lineNumber,
                        Escaping.escape(line));
                continue;
            }
            EntryPoint entryPoint = new EntryPoint(section, name, value, source);
            String problem = problem(equals, name, value);
            boolean declared = equals >= 0 && !name.isEmpty() && !hasControlCharacter(name);
            entries.add(new IndexEntry(entryPoint, lineNumber, problem, declared));
        }
        return entries;
    }

    private static @Nullable String sectionName(String line, @Nullable URL source, int lineNumber) {
        String name = line.endsWith("]") ? line.substring(1, line.length() - 1).strip() : "";
        if (name.isEmpty() || hasControlCharacter(name)) {
            // entries below a broken header would otherwise land in the previous namespace
            logger.warn("{}:{}: malformed section header '{}'; the lines below it up to the next section are ignored",
                    describe(source), lineNumber, Escaping.escape(line));
            return null;
        }
        return name;
    }

    private static @Nullable String problem(int equals, String name, String value) {
        if (equals < 0) {
            return "expected 'name = value'";
        }
        if (name.isEmpty()) {
            return "the name before '=' is empty";
        }
        if (value.isEmpty()) {
            return "the value after '=' is empty";
        }
        if (hasControlCharacter(name) || hasControlCharacter(value)) {
            return "the line contains control characters";
        }
        return null;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    static String describe(@Nullable URL source) {
        return (source != null) ? source.toExternalForm() : "<code>";
    }
}
