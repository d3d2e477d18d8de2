package dev.plux.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.TestPlugins;
import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import dev.plux.core.PluginLifecycleListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A seeded random fuzz of the index reader: a few thousand files mixing valid lines with the malformations SPEC
 * names (byte order marks, CRLF and lone CR, invalid UTF-8, NUL bytes, megabyte lines, thousands of lines, broken
 * and repeated headers, empty values, odd names, comment characters, colons and extras in values). Each file is
 * read with a time bound next to a clean one, and must give: its own later entries and the clean file's entries
 * intact, the right line numbers, one error when (and only when) it is not UTF-8, at most eleven warnings, no log
 * message or exception message with an unescaped control or format character or more than 200 characters of a
 * line, and no exception but {@link PluginException} from a manager. A failure names the seed and the file, which
 * {@link #file(long, int)} makes again on its own.
 */
@Timeout(60)
class IndexFuzzTest {

    private static final long SEED = 20261207L;

    private static final int FILES = 2000;

    /** A manager is built over every n-th file (the index alone is read for the others). */
    private static final int MANAGER_EVERY = 10;

    private static final String NOOP = TestPlugins.Noop.class.getName();

    /** The filler of long lines: more than 200 of it in a row in a message is a quote that was not cut. */
    private static final char FILLER = 'Z';

    private static final String UNCUT = String.valueOf(FILLER).repeat(Escaping.MAX_QUOTED + 1);

    private static final String[] VALID = { "[fuzz.a]", "[fuzz.b]", "a = " + NOOP, "  b\t=  " + NOOP + "  ",
            "c=" + NOOP, "# a comment", "; a comment", "", "   " };

    private static final String[] MALFORMED = { "[fuzz.a", "[", "[]", "[ ]", "[fuzz.a] trailing", "[x]y]",
            "[fuzz\u0001a]", "[fuzz.\u202ea]", "no equals here", "empty =", "=", "= " + NOOP, "my name = " + NOOP,
            "\u00e4rger = " + NOOP, "\u4e2d\u6587 = " + NOOP, "ctl\u0007 = " + NOOP, "esc\u001b[31m = " + NOOP,
            "sep\u2028 = " + NOOP, "bidi\u202e = " + NOOP, "zw\u200b = " + NOOP, "d = " + NOOP + " # comment",
            "e = " + NOOP + " ; comment", "f = a.B#c", "g = a.B;c", "h = a.B:c:d", "i = a.B:c [extra]",
            "j = " + NOOP + " [extra]", "k = " + NOOP + ":", "l = :member", "m = a..B", "n = a.B:c d", "o = f = g",
            "p = com.x.\u0007Bell", "q = com.x.E\u2028F", "r = com.x.\udb40\udc01", "a = " + NOOP, "emoji\ud83d\ude00 = x.Y",
            "\u00a0nbsp\u00a0=\u00a0" + NOOP, "tail = com.x.Shadow" };

    /** Byte sequences that no UTF-8 decoder accepts. */
    private static final byte[][] INVALID = { { (byte) 0xFF }, { (byte) 0xC3, 'a' }, { (byte) 0xE2, (byte) 0x82 },
            { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0x80 },
            { (byte) 0xFE, (byte) 0xFF } };

    @TempDir
    Path directory;

    private ExecutorService parser;

    private Path clean;

    @BeforeEach
    void start() throws IOException {
        this.parser = Executors.newSingleThreadExecutor((task) -> {
            Thread thread = new Thread(task, "index-fuzz");
            thread.setDaemon(true);
            return thread;
        });
        this.clean = TestFiles.indexDirectory(this.directory.resolve("clean"),
                "[fuzz.tail]\nsentinel = " + NOOP + "\n[fuzz.a]\nsentinel = " + NOOP + "\n");
    }

    @AfterEach
    void stop() {
        this.parser.shutdownNow();
    }

    @Test
    void everyFuzzedIndexFileIsReadWithinItsBoundsAndLosesNothingElse() throws Exception {
        // one directory, rewritten for each file: the files are what is fuzzed, not the file system
        Path classes = this.directory.resolve("fuzzed");
        Files.createDirectories(classes.resolve(TestFiles.INDEX).getParent());
        for (int i = 0; i < FILES; i++) {
            Fuzzed fuzzed = file(SEED, i);
            Files.write(classes.resolve(TestFiles.INDEX), fuzzed.bytes());
            boolean manager = (i % MANAGER_EVERY == 0);
            Future<?> check = this.parser.submit(() -> {
                check(fuzzed, classes, manager);
                return null;
            });
            try {
                check.get(2, TimeUnit.SECONDS);
            }
            catch (TimeoutException ex) {
                check.cancel(true);
                fail("reading " + describe(SEED, i, fuzzed) + " took over 2 s");
            }
            catch (ExecutionException ex) {
                throw new AssertionError(describe(SEED, i, fuzzed) + ": " + ex.getCause().getMessage(), ex.getCause());
            }
        }
    }

    @Test
    void theSameSeedMakesTheSameFiles() {
        assertThat(file(SEED, 7).bytes()).isEqualTo(file(SEED, 7).bytes());
        assertThat(file(SEED, 7).bytes()).isNotEqualTo(file(SEED, 8).bytes());
    }

    private void check(Fuzzed fuzzed, Path classes, boolean manager) throws IOException {
        URL file = TestFiles.url(classes.resolve(TestFiles.INDEX));
        try (LogCapture log = LogCapture.of("dev.plux")) {
            PluginIndex index = PluginIndex.read(List.of(file, TestFiles.url(this.clean.resolve(TestFiles.INDEX))));
            assertThat(names(index, "fuzz.tail")).as("the clean file's entries").contains("sentinel");
            List<ILoggingEvent> errors = log.events().stream().filter((e) -> e.getLevel() == Level.ERROR).toList();
            if (fuzzed.notUtf8()) {
                assertThat(errors).as("errors").singleElement()
                    .satisfies((e) -> assertThat(e.getFormattedMessage()).contains(classes.getFileName().toString()));
                assertThat(index.files()).as("files read").hasSize(1);
            }
            else {
                assertThat(errors).as("errors").isEmpty();
                List<IndexEntry> tail = index.entries("fuzz.tail");
                assertThat(tail).as("the fuzzed file's last section")
                    .filteredOn((entry) -> entry.entryPoint().name().equals("tail"))
                    .singleElement()
                    .satisfies((entry) -> {
                        assertThat(entry.line()).as("line").isEqualTo(fuzzed.tailLine());
                        assertThat(entry.entryPoint().value()).isEqualTo(NOOP);
                    });
            }
            List<String> warnings = log.warnings();
            assertThat(warnings).as("warnings").hasSizeLessThanOrEqualTo(11)
                .allSatisfy((message) -> assertThat(message).contains(classes.getFileName() + "/" + TestFiles.INDEX));
            if (manager) {
                useManagers(classes);
            }
            log.events().forEach(IndexFuzzTest::assertQuotedSafely);
        }
    }

    /** Managers over the fuzzed and the clean file: nothing but a PluginException reaches the caller. */
    private void useManagers(Path classes) throws IOException {
        List<Throwable> reported = new ArrayList<>();
        PluginLifecycleListener listener = new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                reported.add(exception);
            }
        };
        try (URLClassLoader loader = TestFiles.classLoader(classes, this.clean)) {
            for (String namespace : List.of("fuzz.a", "fuzz.b", "fuzz.tail")) {
                PluginManager<Plugin> plugins = PluginManager.<Plugin>builder(namespace)
                    .classLoader(loader)
                    .listener(listener)
                    .build();
                plugins.listContainers();
                plugins.loadAll();
                for (String name : plugins.listNames()) {
                    try {
                        plugins.load(name);
                    }
                    catch (PluginException ex) {
                        reported.add(ex);
                    }
                }
                if (!namespace.equals("fuzz.b")) {
                    assertThat(plugins.load("sentinel")).as("the clean file's plugin")
                        .isInstanceOf(TestPlugins.Noop.class);
                }
            }
        }
        for (Throwable exception : reported) {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                assertSafe("exception " + t.getClass().getName(), String.valueOf(t.getMessage()));
            }
        }
    }

    private static List<String> names(PluginIndex index, String namespace) {
        return index.entries(namespace).stream().map((entry) -> entry.entryPoint().name()).toList();
    }

    private static void assertQuotedSafely(ILoggingEvent event) {
        assertSafe("log message", event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            assertSafe("logged " + t.getClassName(), String.valueOf(t.getMessage()));
        }
    }

    private static void assertSafe(String what, String message) {
        assertThat(message).as(what + " quotes at most " + Escaping.MAX_QUOTED + " characters of a line")
            .doesNotContain(UNCUT);
        assertThat(message.codePoints().filter(Escaping::isUnsafe).findFirst())
            .as(what + " holds no unescaped control or format character: " + Escaping.quote(message))
            .isEmpty();
    }

    /**
     * Fuzzed file {@code i} of a seed: each file has its own generator, so that a failing one is made again alone.
     * It ends with a valid {@code [fuzz.tail]} section whose {@code tail} entry must survive whatever came before.
     */
    static Fuzzed file(long seed, int i) {
        Random random = new Random(seed * 1_000_003L + i);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> mutations = new ArrayList<>();
        boolean notUtf8 = false;
        if (random.nextInt(20) == 0) {
            out.writeBytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
            mutations.add("byte order mark");
        }
        int lines = (random.nextInt(100) == 0) ? 20_000 : random.nextInt(40);
        if (lines > 1000) {
            mutations.add(lines + " lines");
        }
        for (int line = 0; line < lines; line++) {
            int kind = random.nextInt(100);
            if (kind < 45) {
                write(out, VALID[random.nextInt(VALID.length)]);
            }
            else if (kind < 85) {
                String text = MALFORMED[random.nextInt(MALFORMED.length)];
                write(out, text);
                mutations.add("line " + (line + 1) + " " + Escaping.quote(text));
            }
            else if (kind < 90) {
                int length = (random.nextInt(40) == 0 && lines < 1000) ? (1 << 20) : 200 + random.nextInt(2000);
                String filler = String.valueOf(FILLER).repeat(length);
                String text = switch (random.nextInt(4)) {
                    case 0 -> filler + " = " + NOOP;
                    case 1 -> "long = " + filler;
                    case 2 -> "[" + filler + "]";
                    default -> filler;
                };
                write(out, text);
                mutations.add("line " + (line + 1) + " of " + text.length() + " characters");
            }
            else if (kind < 95) {
                write(out, junk(random));
                mutations.add("line " + (line + 1) + " random characters");
            }
            else if (kind < 98) {
                out.writeBytes(INVALID[random.nextInt(INVALID.length)]);
                notUtf8 = true;
                mutations.add("invalid UTF-8 on line " + (line + 1));
            }
            else {
                out.write(0);
                notUtf8 = true;
                mutations.add("NUL on line " + (line + 1));
            }
            write(out, switch (random.nextInt(10)) {
                case 0 -> "\r\n";
                case 1 -> "\r";
                default -> "\n";
            });
        }
        if (random.nextInt(50) == 0) {
            // a UTF-16 file: its byte order mark comes first
            byte[] body = out.toByteArray();
            out.reset();
            out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFE });
            out.writeBytes(body);
            notUtf8 = true;
            mutations.add("UTF-16 byte order mark");
        }
        write(out, "\n[fuzz.tail]\ntail = " + NOOP + "\n");
        byte[] bytes = out.toByteArray();
        return new Fuzzed(bytes, notUtf8, lineOf(bytes, "tail = "), List.copyOf(mutations));
    }

    /** Printable, control, separator and format characters and surrogate pairs, with '=' and '[' among them. */
    private static String junk(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                text.append((char) (' ' + random.nextInt(95)));
            }
            else if (kind < 7) {
                text.append("=[]:#;.$ ".charAt(random.nextInt(9)));
            }
            else if (kind < 8) {
                // C0 and C1 controls but not a line end, which would make another line
                char c = (char) (random.nextBoolean() ? random.nextInt(32) : 0x7F + random.nextInt(33));
                text.append((c == '\n' || c == '\r' || c == 0) ? '\t' : c);
            }
            else if (kind < 9) {
                text.append("\u2028\u2029\u202e\u200b\ufeff\u00a0\u0085".charAt(random.nextInt(7)));
            }
            else {
                text.appendCodePoint(0x100 + random.nextInt(0x10FFFF - 0x100));
            }
        }
        // a lone surrogate would be written as '?': keep the text what it says
        return text.toString().codePoints().filter((c) -> c < 0xD800 || c > 0xDFFF)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The line number of the last line starting with {@code prefix}, counting CRLF, CR and LF as one line end. */
    private static int lineOf(byte[] bytes, String prefix) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int start = text.lastIndexOf("\n" + prefix) + 1;
        int line = 1;
        for (int i = 0; i < start; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private static String describe(long seed, int i, Fuzzed fuzzed) {
        String text = new String(fuzzed.bytes(), StandardCharsets.UTF_8);
        List<String> mutations = fuzzed.mutations();
        String listed = (mutations.size() <= 20) ? mutations.toString()
                : mutations.subList(0, 20) + " and " + (mutations.size() - 20) + " more";
        return "fuzzed index file " + i + " of seed " + seed + " (IndexFuzzTest.file(" + seed + "L, " + i
                + "); mutations " + listed + "; " + fuzzed.bytes().length + " bytes: '" + Escaping.quote(text) + "')";
    }

    /** A fuzzed file: its bytes, whether it is not UTF-8, the line of its {@code tail} entry, what was done. */
    record Fuzzed(byte[] bytes, boolean notUtf8, int tailLine, List<String> mutations) {
    }
}
