package dev.plux.runtime;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.plux.LogCapture;
import dev.plux.TestFiles;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What a plugin directory may hold that is not a well-made bundle: a jar cut short or of random bytes, a jar whose
 * index data is corrupt or whose index is a directory, a jar of twenty thousand entries, a {@code lib/} holding
 * other files, link loops, a link to a bundle elsewhere, {@code pom.properties} without a version or full of
 * garbage. Each is skipped or read with one message naming it, and the good bundle beside it still works.
 * (Unreadable files cannot be made for root, who runs these tests; {@code UnlistableDirectory} stands in for an
 * unlistable directory in {@link PluginDirectoriesTest}.)
 */
@Timeout(60)
class MalformedBundlesTest {

    @TempDir
    Path work;

    private Path plugins;

    private Duration recheckInterval;

    @BeforeEach
    void goodBundle() {
        this.recheckInterval = BundleCache.recheckInterval(Duration.ZERO);
        this.plugins = this.work.resolve("plugins");
        TestBundles.jar(this.plugins.resolve("good.jar"), TestBundles.index(this.work.resolve("good"),
                "[ns]\ngood = a.Good\n"), null);
    }

    @AfterEach
    void restoreTheRecheckInterval() {
        BundleCache.recheckInterval(this.recheckInterval);
    }

    @Test
    void aJarCutShortAndAJarOfRandomBytesAreEachSkippedWithOneErrorNamingThem() throws Exception {
        Path whole = TestBundles.jar(this.work.resolve("whole.jar"), TestBundles.index(this.work.resolve("cut"),
                "[ns]\ncut = a.Cut\n"), null);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(this.plugins.resolve("cut.jar"), Arrays.copyOf(bytes, bytes.length / 2));
        byte[] random = new byte[64 * 1024];
        new Random(7).nextBytes(random);
        Path noise = Files.write(this.plugins.resolve("noise.jar"), random);

        try (LogCapture log = LogCapture.of("dev.plux")) {
            assertThat(bundles()).extracting(Bundle::path).containsExactly(this.plugins.resolve("good.jar"));
            assertThat(bundles()).singleElement().satisfies((bundle) -> assertThat(names(bundle)).contains("good"));

            assertThat(log.errors()).hasSize(2)
                .anySatisfy((message) -> assertThat(message).contains(cut.toString()))
                .anySatisfy((message) -> assertThat(message).contains(noise.toString()));
        }
    }

    /**
     * A name whose bytes are not valid in the JVM's file name encoding (sun.jnu.encoding: a Latin-1 name on a UTF-8
     * system; any non-ASCII name under LANG=C, where it is ASCII) is listed, but the JDK opens jars and class
     * directories by a name string, which names another file: the jar was skipped for a NoSuchFileException of the
     * file just listed, and a directory bundle was opened and its index not read ("Error decoding percent encoded
     * characters"), after which the namespace's warning blamed the plugins' build.
     */
    @Test
    void aBundleWhoseNameTheFileNameEncodingCannotHoldIsSkippedSayingWhy() throws Exception {
        Path latin1 = TestBundles.index(this.work.resolve("latin1"), "[ns]\nlatin = a.Latin\n");
        // 0xFC (u-umlaut in Latin-1) is neither UTF-8 nor ASCII; a URI keeps the byte (Path.of(URI) on Unix)
        Path jar = Path.of(URI.create(this.plugins.toUri() + "latin%FC.jar"));
        Path directory = Path.of(URI.create(this.plugins.toUri() + "dir%FC"));
        Path libJar = Path.of(URI.create(this.plugins.toUri() + "lib-bundle/lib/latin%FC.jar"));
        // JUnit's assumptions: AssertJ's generate proxy classes, seconds on a first use
        Assumptions.assumeTrue(File.separatorChar == '/', "a Unix file system, whose names are bytes, not strings");
        try {
            Files.copy(TestBundles.jar(this.work.resolve("latin1.jar"), latin1, null), jar);
            Files.createDirectories(directory.resolve("classes/META-INF/plux"));
            Files.createDirectories(libJar.getParent());
            Files.copy(jar, libJar);
        }
        catch (IOException ex) {
            Assumptions.abort("a file system that takes only UTF-8 names (APFS): " + ex);
        }
        Files.copy(latin1.resolve(IndexFile.LOCATION), directory.resolve("classes").resolve(IndexFile.LOCATION));

        try (LogCapture log = LogCapture.of("dev.plux")) {
            assertThat(bundles()).extracting(Bundle::path).containsExactly(this.plugins.resolve("good.jar"));

            assertThat(log.errors()).hasSize(3)
                .allSatisfy((message) -> assertThat(message).startsWith("cannot open plugin bundle")
                    .contains("is not valid in the JVM's file name encoding (sun.jnu.encoding="))
                .anySatisfy((message) -> assertThat(message).contains("plugins/latin%FC.jar"))
                .anySatisfy((message) -> assertThat(message).contains("dir%FC"))
                // a directory bundle named in ASCII whose lib/ holds such a jar: refused, the jar named
                .anySatisfy((message) -> assertThat(message).contains("lib-bundle/lib/latin%FC.jar"));
        }
    }

    @Test
    void aJarWhoseIndexDataIsCorruptHasNoEntriesAndOneErrorNamingItsIndex() throws Exception {
        Path jar = TestBundles.jar(this.plugins.resolve("corrupt.jar"), TestBundles.index(this.work.resolve("c"),
                "[ns]\n" + "corrupt = a.Corrupt\n".repeat(50)), null);
        corruptEntryData(jar, IndexFile.LOCATION);

        try (LogCapture log = LogCapture.of("dev.plux")) {
            List<Bundle> bundles = bundles();

            assertThat(bundles).extracting(Bundle::path).contains(this.plugins.resolve("good.jar"));
            assertThat(bundles).flatExtracting(MalformedBundlesTest::names).containsExactly("good");
            assertThat(log.errors()).singleElement().asString().contains(jar.toString(), IndexFile.LOCATION);
        }
    }

    @Test
    void aJarWhoseIndexIsADirectoryHasNoEntriesAndOneErrorSayingSo() throws Exception {
        Path jar = this.plugins.resolve("directory.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(IndexFile.LOCATION + "/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry(IndexFile.LOCATION + "/inside.txt"));
            out.write("[ns]\ninside = a.Inside\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        try (LogCapture log = LogCapture.of("dev.plux")) {
            List<Bundle> bundles = bundles();

            assertThat(bundles).flatExtracting(MalformedBundlesTest::names).containsExactly("good");
            assertThat(log.errors()).singleElement().asString().contains(jar.toString(), "directory");
        }
    }

    @Test
    void aJarOfTwentyThousandEntriesIsOpenedWithItsIndexAndOneWithoutAnIndexIsWarnedOnce() throws Exception {
        Path big = this.plugins.resolve("big.jar");
        Path bigWithoutIndex = this.plugins.resolve("big-no-index.jar");
        writeManyEntries(big, "[ns]\nbig = a.Big\n");
        writeManyEntries(bigWithoutIndex, null);

        try (LogCapture log = LogCapture.of("dev.plux")) {
            List<Bundle> bundles = bundles();

            assertThat(bundles).flatExtracting(MalformedBundlesTest::names).containsExactlyInAnyOrder("big", "good");
            assertThat(log.errors()).isEmpty();
            assertThat(log.warnings()).singleElement().asString().contains(bigWithoutIndex.toString());
        }
    }

    @Test
    void aLibDirectoryHoldingOtherFilesReadsItsJarsOnlyWithoutAWord() throws Exception {
        Path bundle = this.plugins.resolve("d");
        TestBundles.jar(bundle.resolve("lib/real.jar"), TestBundles.index(this.work.resolve("real"),
                "[ns]\nreal = a.Real\n"), null);
        TestBundles.write(bundle.resolve("lib/README.txt"), "not a jar");
        TestBundles.write(bundle.resolve("lib/notes.zip"), "not a zip either");
        TestBundles.write(bundle.resolve("lib/jar"), "a file named jar");

        try (LogCapture log = LogCapture.of("dev.plux")) {
            assertThat(bundles()).flatExtracting(MalformedBundlesTest::names).containsExactlyInAnyOrder("real", "good");
            assertThat(log.events()).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
        }
    }

    @Test
    void aJarLinkToItselfIsSkippedWithOneErrorNamingIt() throws Exception {
        Path loop = this.plugins.resolve("loop.jar");
        link(loop, loop.getFileName());

        try (LogCapture log = LogCapture.of("dev.plux")) {
            assertThat(bundles()).flatExtracting(MalformedBundlesTest::names).containsExactly("good");
            assertThat(bundles()).hasSize(1);

            assertThat(log.errors()).singleElement().asString().contains(loop.toString());
        }
    }

    @Test
    void linkLoopsInsideADirectoryBundleAreNoEndlessWalk() throws Exception {
        Path bundle = this.plugins.resolve("d");
        Path classes = TestBundles.index(bundle.resolve("classes"), "[ns]\nlooped = a.Looped\n");
        link(classes.resolve("META-INF/self"), classes);
        link(classes.resolve("up"), bundle);
        TestBundles.jar(bundle.resolve("lib/real.jar"), TestBundles.index(this.work.resolve("real"), "[x]\n"), null);
        link(bundle.resolve("lib/again"), bundle.resolve("lib"));

        try (LogCapture log = LogCapture.of("dev.plux")) {
            // twice: the second use checks whether the bundle changed, walking classes/ again
            for (int i = 0; i < 2; i++) {
                assertThat(bundles()).flatExtracting(MalformedBundlesTest::names)
                    .containsExactlyInAnyOrder("looped", "good");
            }
            assertThat(log.events()).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
        }
    }

    @Test
    void aLinkToADirectoryBundleElsewhereIsOneBundleAtItsRealPath() throws Exception {
        Path elsewhere = this.work.resolve("elsewhere/acme");
        TestBundles.index(elsewhere.resolve("classes"), "[ns]\nacme = a.Acme\n");
        link(this.plugins.resolve("acme"), elsewhere);
        link(this.plugins.resolve("acme-again"), elsewhere);

        assertThat(bundles()).extracting(Bundle::path).containsExactly(elsewhere.toRealPath(),
                this.plugins.resolve("good.jar"));
        assertThat(bundles()).flatExtracting(MalformedBundlesTest::names).containsExactly("acme", "good");
    }

    @Test
    void aPomWithoutAVersionOrOfGarbageStillNamesOrKeepsTheBundle() throws Exception {
        Path noVersion = TestBundles.index(this.work.resolve("no-version"), "[ns]\nnoversion = a.N\n");
        TestBundles.write(noVersion.resolve("META-INF/maven/g/noversion/pom.properties"), "artifactId=noversion\n");
        TestBundles.jar(this.plugins.resolve("noversion-1.jar"), noVersion, null);
        Path garbage = TestBundles.index(this.plugins.resolve("garbage/classes"), "[ns]\ngarbage = a.G\n");
        byte[] random = new byte[4096];
        new Random(11).nextBytes(random);
        Files.write(Files.createDirectories(garbage.resolve("META-INF/maven/g/garbage")).resolve("pom.properties"),
                random);

        try (LogCapture log = LogCapture.of("dev.plux")) {
            List<Bundle> bundles = bundles();

            assertThat(bundles).extracting(Bundle::distribution)
                .extracting(Distribution::name, Distribution::version)
                .contains(org.assertj.core.api.Assertions.tuple("noversion", null));
            assertThat(bundles).flatExtracting(MalformedBundlesTest::names)
                .containsExactlyInAnyOrder("garbage", "noversion", "good");
            assertThat(log.errors()).isEmpty();
        }
    }

    @Test
    void fileNamesWithControlAndFormatCharactersAreEscapedInEveryMessageAboutThem() throws Exception {
        Path odd = this.work.resolve("plugins\u001b[31m");
        Path garbage = TestBundles.write(odd.resolve("bad\nERROR forged.jar"), "not a zip file");
        // where the platform cannot name a file with a format character or U+0085 (LANG=C), a control character
        TestBundles.jar(odd.resolve(TestFiles.fileName("no-index\u202e.jar", "no-index\u007f.jar")),
                Files.createDirectories(this.work.resolve("empty")), null);
        TestBundles.jar(odd.resolve("sub\u0007/inside.jar"), this.work.resolve("empty"), null);
        TestBundles.write(odd.resolve(TestFiles.fileName("zipped\u0085.zip", "zipped\u001f.zip")), "a zip");
        Path missing = this.work.resolve(TestFiles.fileName("missing\u2028", "missing\r"));

        try (LogCapture log = LogCapture.of("dev.plux")) {
            new PluginDirectories(List.of(odd, missing), getClass().getClassLoader()).bundles();

            List<String> messages = log.events()
                .stream()
                .filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
            assertThat(messages).as("an error and four warnings").hasSize(5)
                .anySatisfy((message) -> assertThat(message).contains(Escaping.escape(garbage.toString())))
                .allSatisfy((message) -> assertThat(message.codePoints().filter(Escaping::isUnsafe).findFirst())
                    .as(message)
                    .isEmpty());
        }
    }

    /**
     * The README promises such names escaped in every message about them: the DEBUG lines a later reader logs about a
     * bundle that could not be opened before, a directory that still does not exist, and the directories' summary
     * printed them raw.
     */
    @Test
    void fileNamesWithControlAndFormatCharactersAreEscapedAtDebugTooWhenMetAgain() throws Exception {
        Path odd = this.work.resolve("plugins\u001b[31m");
        TestBundles.write(odd.resolve("bad\nDEBUG forged.jar"), "not a zip file");
        Path missing = this.work.resolve(TestFiles.fileName("missing\u2028", "missing\r"));
        Logger plux = (Logger) LoggerFactory.getLogger("dev.plux");
        Level level = plux.getLevel();
        plux.setLevel(Level.DEBUG);
        try (LogCapture log = LogCapture.of("dev.plux")) {
            new PluginDirectories(List.of(odd, missing), getClass().getClassLoader()).bundles();
            // a second reader (another manager) meets them again: said at DEBUG only
            new PluginDirectories(List.of(odd, missing), getClass().getClassLoader()).bundles();

            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy((message) -> assertThat(message).startsWith("skipping plugin bundle"))
                .anySatisfy((message) -> assertThat(message).contains("still does not exist"))
                .allSatisfy((message) -> assertThat(message.codePoints().filter(Escaping::isUnsafe).findFirst())
                    .as(message)
                    .isEmpty());
        }
        finally {
            plux.setLevel(level);
        }
    }

    @Test
    void theDebugLineOfAnOpenedBundleQuotesItsPomEscapedAndCut() throws Exception {
        Path classes = TestBundles.index(this.plugins.resolve("acme/classes"), "[ns]\nacme = a.Acme\n");
        // Properties.load turns \\u001b into ESC
        TestBundles.write(classes.resolve("META-INF/maven/g/acme/pom.properties"),
                "artifactId=acme\\u001b[2J\nversion=" + "Z".repeat(5000) + "\n");
        Logger logger = (Logger) LoggerFactory.getLogger(BundleCache.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try (LogCapture log = LogCapture.of(BundleCache.class)) {
            assertThat(bundles()).extracting(Bundle::distribution).extracting(Distribution::name)
                .contains("acme\u001b[2J");

            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn((message) -> message.startsWith("opened plugin bundle") && message.contains("acme"))
                .singleElement()
                .satisfies((message) -> assertThat(message).contains("acme\\u001b[2J")
                    .doesNotContain("\u001b")
                    .doesNotContain("Z".repeat(Escaping.MAX_QUOTED + 1)));
        }
        finally {
            logger.setLevel(level);
        }
    }

    @Test
    void theDebugLineOfAnOpenedBundleWithoutAVersionSaysSoRatherThanQuotingNull() throws Exception {
        TestBundles.index(this.plugins.resolve("plain/classes"), "[ns]\nplain = a.Plain\n");
        Logger logger = (Logger) LoggerFactory.getLogger(BundleCache.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try (LogCapture log = LogCapture.of(BundleCache.class)) {
            assertThat(bundles()).extracting(Bundle::distribution).extracting(Distribution::version).containsOnlyNulls();

            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn((message) -> message.startsWith("opened plugin bundle") && message.contains("plain"))
                .singleElement()
                .satisfies((message) -> assertThat(message).endsWith("(distribution 'plain', no version)")
                    .doesNotContain("null"));
        }
        finally {
            logger.setLevel(level);
        }
    }

    private List<Bundle> bundles() {
        return new PluginDirectories(List.of(this.plugins), getClass().getClassLoader()).bundles();
    }

    private static List<String> names(Bundle bundle) {
        return bundle.namespaces().stream()
            .flatMap((namespace) -> bundle.entries(namespace).stream())
            .map((entry) -> entry.entryPoint().name())
            .toList();
    }

    private static void link(Path link, Path target) {
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
        }
        catch (UnsupportedOperationException | IOException ex) {
            assumeThat(false).as("symbolic links are not supported here: " + ex).isTrue();
        }
    }

    /** Overwrites the compressed bytes of a jar's entry, leaving its headers and the central directory intact. */
    private static void corruptEntryData(Path jar, String entry) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + name.length < bytes.length; i++) {
            // a local file header: PK\3\4, then the name at offset 30
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4
                    && Arrays.equals(bytes, i + 30, i + 30 + name.length, name, 0, name.length)) {
                int extra = (bytes[i + 28] & 0xFF) | ((bytes[i + 29] & 0xFF) << 8);
                int data = i + 30 + name.length + extra;
                Arrays.fill(bytes, data, Math.min(bytes.length, data + 8), (byte) 0xFF);
                Files.write(jar, bytes);
                return;
            }
        }
        throw new IllegalStateException("no local header of " + entry + " in " + jar);
    }

    private static void writeManyEntries(Path jar, @Nullable String index) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (int i = 0; i < 20_000; i++) {
                out.putNextEntry(new JarEntry("data/" + (i / 1000) + "/entry-" + i + ".txt"));
                out.write(i & 0x7F);
                out.closeEntry();
            }
            if (index != null) {
                out.putNextEntry(new JarEntry(IndexFile.LOCATION));
                out.write(index.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
