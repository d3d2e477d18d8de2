package dev.plux.processor;

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
import ch.qos.logback.classic.Logger;
import dev.plux.core.Plugin;
import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A seeded random fuzz of the processor's reader of a previous (or hand-written) index against the runtime's: for
 * each of a thousand files mixing valid lines with malformations (byte order marks, CRLF and lone CR, invalid
 * UTF-8, NUL bytes, long lines, broken and repeated headers, empty values, odd names, comment characters, colons
 * and extras in values), read with a time bound, the processor refuses the file exactly when the runtime does, and
 * otherwise keeps as entries (well-formed or not) exactly the names and values a runtime manager declares, in
 * order. The golden corpus pins the meaning of chosen files; this looks for files where the two readers part. A
 * failure names the seed and the file, which {@link #file(long, int)} makes again on its own.
 */
@Timeout(60)
class EntryPointsFileFuzzTest {

    private static final long SEED = 20261207L;

    private static final int FILES = 600;

    private static final List<String> NAMESPACES = List.of("fuzz.a", "fuzz.b", "fuzz.tail");

    private static final String[] LINES = { "[fuzz.a]", "[fuzz.b]", "[fuzz.tail]", "a = x.A", "  b\t=  x.B  ",
            "c=x.C:member", "# a comment", "; a comment", "", "   ", "[fuzz.a", "[", "[]", "[ fuzz.b ]",
            "[fuzz.a] trailing", "[fuzz\u0001a]", "[fuzz.\u202ea]", "no equals here", "empty =", "=", "= x.A",
            "my name = x.A", "\u00e4rger = x.\u00c4", "ctl\u0007 = x.A", "sep\u2028 = x.A", "bidi\u202e = x.A",
            "zw\u200b = x.A", "d = x.D # comment", "e = x.E ; comment", "f = a.B#c", "h = a.B:c:d",
            "i = a.B:c [extra]", "j = x.J [extra]", "k = x.K:", "o = f = g", "p = x.\u0007Bell", "q = x.E\u2028F",
            "r = x.\udb40\udc01", "a = x.Again", "emoji\ud83d\ude00 = x.Y", "\u00a0nbsp\u00a0=\u00a0x.N",
            "\ufeffbom = x.B", "#" + "h".repeat(300), "\u0085c1 = x.C" };

    private static final byte[][] INVALID = { { (byte) 0xFF }, { (byte) 0xC3, 'a' }, { (byte) 0xED, (byte) 0xA0,
            (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF }, { 0 } };

    @TempDir
    Path directory;

    private ExecutorService reader;

    private Level level;

    @BeforeEach
    void start() {
        this.reader = Executors.newSingleThreadExecutor((task) -> {
            Thread thread = new Thread(task, "entry-points-fuzz");
            thread.setDaemon(true);
            return thread;
        });
        // the runtime warns of every broken line it meets: thousands, all expected
        Logger plux = (Logger) LoggerFactory.getLogger("dev.plux");
        this.level = plux.getLevel();
        plux.setLevel(Level.OFF);
    }

    @AfterEach
    void stop() {
        this.reader.shutdownNow();
        ((Logger) LoggerFactory.getLogger("dev.plux")).setLevel(this.level);
    }

    @Test
    void theProcessorKeepsExactlyTheEntriesTheRuntimeDeclaresInEveryFuzzedFile() throws Exception {
        Path classes = this.directory.resolve("classes");
        Path index = classes.resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(index.getParent());
        for (int i = 0; i < FILES; i++) {
            byte[] bytes = file(SEED, i);
            Files.write(index, bytes);
            Future<?> check = this.reader.submit(() -> {
                compare(bytes, classes);
                return null;
            });
            try {
                check.get(2, TimeUnit.SECONDS);
            }
            catch (TimeoutException ex) {
                check.cancel(true);
                fail("reading " + describe(i, bytes) + " took over 2 s");
            }
            catch (ExecutionException ex) {
                throw new AssertionError(describe(i, bytes) + ": " + ex.getCause().getMessage(), ex.getCause());
            }
        }
    }

    private static void compare(byte[] bytes, Path classes) throws IOException {
        List<EntryPointsFile.Line> lines;
        try {
            lines = EntryPointsFile.lines(EntryPointsFile.decode(bytes));
        }
        catch (IOException refused) {
            lines = null;
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                EntryPointsFileFuzzTest.class.getClassLoader())) {
            for (String namespace : NAMESPACES) {
                List<String> declared = PluginManager.<Plugin>builder(namespace)
                    .classLoader(loader)
                    .build()
                    .listContainers()
                    .stream()
                    .map(EntryPointsFileFuzzTest::entry)
                    .toList();
                List<String> kept = new ArrayList<>();
                if (lines != null) {
                    for (EntryPointsFile.Line line : lines) {
                        if (line.namespace().equals(namespace) && (line.kind() == EntryPointsFile.Kind.ENTRY
                                || line.kind() == EntryPointsFile.Kind.MALFORMED)) {
                            kept.add(line.name() + " = " + line.value());
                        }
                    }
                }
                assertThat(kept).as("[%s] as the processor reads it (%s), and as the runtime declares it",
                        namespace, (lines == null) ? "refused" : "read").isEqualTo(declared);
            }
        }
    }

    private static String entry(PluginContainer<Plugin> container) {
        return container.name() + " = " + container.entryPoint().value();
    }

    /** Fuzzed file {@code i} of a seed; each file has its own generator, so that a failing one is made again alone. */
    static byte[] file(long seed, int i) {
        Random random = new Random(seed * 1_000_003L + i);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(20) == 0) {
            out.writeBytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        }
        int lines = (random.nextInt(100) == 0) ? 3000 : random.nextInt(30);
        for (int line = 0; line < lines; line++) {
            int kind = random.nextInt(100);
            if (kind < 88) {
                out.writeBytes(LINES[random.nextInt(LINES.length)].getBytes(StandardCharsets.UTF_8));
            }
            else if (kind < 95) {
                String filler = "Z".repeat((random.nextInt(50) == 0) ? (1 << 20) : 200 + random.nextInt(1200));
                String text = switch (random.nextInt(3)) {
                    case 0 -> filler + " = x.A";
                    case 1 -> "long = " + filler;
                    default -> "[" + filler + "]";
                };
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
            else if (kind < 97) {
                out.writeBytes(INVALID[random.nextInt(INVALID.length)]);
            }
            else {
                for (int c = random.nextInt(40); c > 0; c--) {
                    int codePoint = random.nextInt(0x3000);
                    if (codePoint != '\n' && codePoint != '\r' && codePoint != 0
                            && (codePoint < 0xD800 || codePoint > 0xDFFF)) {
                        out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            out.writeBytes(switch (random.nextInt(10)) {
                case 0 -> new byte[] { '\r', '\n' };
                case 1 -> new byte[] { '\r' };
                default -> new byte[] { '\n' };
            });
        }
        return out.toByteArray();
    }

    private static String describe(int i, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        text.substring(0, Math.min(text.length(), 600)).codePoints().forEach((c) -> {
            if (c >= ' ' && c <= '~') {
                shown.appendCodePoint(c);
            }
            else {
                shown.append(String.format("\\u%04x", c));
            }
        });
        return "fuzzed index file " + i + " of seed " + SEED + " (EntryPointsFileFuzzTest.file(" + SEED + "L, " + i
                + "), " + bytes.length + " bytes: '" + shown + ((text.length() > 600) ? "...'" : "'") + ")";
    }
}
