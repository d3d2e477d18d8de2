package dev.plux.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.plux.TestFiles;
import dev.plux.core.EntryPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

@Timeout(20)
class IndexFileTest {

    private static final URL SOURCE = TestFiles.url(Path.of("/plugins/entry_points.txt"));

    @TempDir
    Path directory;

    @Test
    void readsEntriesOfEachSectionInFileOrder() {
        List<IndexEntry> entries = parse("""
                [my.plugins.cli]
                my = com.example.cli.MyCliPlugin
                other = com.example.cli.Other
                [localstack.plugins.services]
                s3 = com.example.services.ServicePlugins:s3
                """).entries;
        assertThat(entries).extracting(IndexEntry::entryPoint)
            .containsExactly(new EntryPoint("my.plugins.cli", "my", "com.example.cli.MyCliPlugin", SOURCE),
                    new EntryPoint("my.plugins.cli", "other", "com.example.cli.Other", SOURCE),
                    new EntryPoint("localstack.plugins.services", "s3", "com.example.services.ServicePlugins:s3",
                            SOURCE));
        assertThat(entries).extracting(IndexEntry::line).containsExactly(2, 3, 5);
        assertThat(entries).extracting(IndexEntry::malformed).containsOnlyNulls();
        assertThat(entries).allMatch(IndexEntry::declared);
    }

    @Test
    void whitespaceAroundEqualsAndSectionNamesIsFree() {
        List<IndexEntry> entries = parse("[ ns ]\n  a=com.x.A\nb   =\t com.x.B  \n\tc =com.x.C\n").entries;
        assertThat(entries).extracting((e) -> e.entryPoint().namespace(), (e) -> e.entryPoint().name(),
                (e) -> e.entryPoint().value())
            .containsExactly(tuple("ns", "a", "com.x.A"), tuple("ns", "b", "com.x.B"), tuple("ns", "c", "com.x.C"));
    }

    @Test
    void commentsAndBlankLinesAreIgnoredButCounted() {
        List<IndexEntry> entries = parse("# a comment\n; another\n\n[ns]\n  # indented\na = com.x.A\n\nb = com.x.B\n")
            .entries;
        assertThat(entries).extracting((e) -> e.entryPoint().name()).containsExactly("a", "b");
        assertThat(entries).extracting(IndexEntry::line).containsExactly(6, 8);
    }

    @Test
    void crlfAndLoneCarriageReturnsEndLines() {
        List<IndexEntry> entries = parse("[ns]\r\na = com.x.A\r\nb = com.x.B\rc = com.x.C").entries;
        assertThat(entries).extracting((e) -> e.entryPoint().value(), IndexEntry::line)
            .containsExactly(tuple("com.x.A", 2), tuple("com.x.B", 3), tuple("com.x.C", 4));
    }

    @Test
    void byteOrderMarkAtFileStartIsSkippedButNowhereElse() {
        Parsed parsed = parse("\uFEFF[ns]\na = com.x.A\n\uFEFFb = com.x.B\n");
        assertThat(parsed.entries).extracting(IndexEntry::entryPoint, IndexEntry::declared)
            .containsExactly(tuple(new EntryPoint("ns", "a", "com.x.A", SOURCE), true),
                    tuple(new EntryPoint("ns", "\uFEFFb", "com.x.B", SOURCE), false));
    }

    @Test
    void lineWithoutEqualsIsNotDeclaredAndNamedByTheWholeLine() {
        IndexEntry entry = single("[ns]\n   com.x.NoEquals   \n");
        assertThat(entry.entryPoint()).isEqualTo(new EntryPoint("ns", "com.x.NoEquals", "", SOURCE));
        assertThat(entry.malformed()).isEqualTo("expected 'name = value'");
        assertThat(entry.declared()).isFalse();
        assertThat(entry.line()).isEqualTo(2);
    }

    @Test
    void emptyNameIsNotDeclared() {
        IndexEntry entry = single("[ns]\n = com.x.A\n");
        assertThat(entry.entryPoint()).isEqualTo(new EntryPoint("ns", "", "com.x.A", SOURCE));
        assertThat(entry.malformed()).isEqualTo("the name before '=' is empty");
        assertThat(entry.declared()).isFalse();
    }

    @Test
    void emptyValueIsDeclaredButMalformed() {
        IndexEntry entry = single("[ns]\na =   \n");
        assertThat(entry.entryPoint()).isEqualTo(new EntryPoint("ns", "a", "", SOURCE));
        assertThat(entry.malformed()).isEqualTo("the value after '=' is empty");
        assertThat(entry.declared()).isTrue();
    }

    @Test
    void namesUpTo255CharactersAreDeclaredLongerOnesAreNot() {
        String longest = "n".repeat(255);
        assertThat(single("[ns]\n" + longest + " = com.x.A\n")).extracting(IndexEntry::declared, IndexEntry::malformed)
            .containsExactly(true, null);
        assertThat(single("[ns]\n" + longest + "n = com.x.A\n")).extracting(IndexEntry::declared,
                IndexEntry::malformed).containsExactly(false, "the name is longer than 255 characters");
    }

    @Test
    void valuesUpTo1024CharactersAreWellFormedLongerOnesAreMalformedButDeclared() {
        String longest = "c".repeat(1024);
        assertThat(single("[ns]\na = " + longest + "\n").malformed()).isNull();
        assertThat(single("[ns]\na = " + longest + "c\n")).extracting(IndexEntry::declared, IndexEntry::malformed)
            .containsExactly(true, "the value is longer than 1024 characters");
    }

    @Test
    void namespacesUpTo255CharactersAreValidLongerHeadersAreMalformed() {
        String longest = "s".repeat(255);
        assertThat(parse("[" + longest + "]\na = com.x.A\n").entries).singleElement()
            .extracting((e) -> e.entryPoint().namespace())
            .isEqualTo(longest);
        Parsed parsed = parse("[" + longest + "s]\na = com.x.A\n");
        assertThat(parsed.entries).isEmpty();
        assertThat(parsed.ignored).containsExactly(tuple(1, IndexFile.Ignored.MALFORMED_HEADER));
    }

    @Test
    void controlAndFormatCharactersInANameMakeItUndeclaredInAValueMalformed() {
        List<IndexEntry> entries = parse("""
                [ns]
                a = com.x.\u0007Bell
                b\u001b[31m = com.x.B
                c\u2028d = com.x.C
                e = com.x.\u202eE
                f\u200b = com.x.F
                g = com.x.G\u2029H
                """).entries;
        assertThat(entries).extracting((e) -> e.entryPoint().name(), IndexEntry::declared, IndexEntry::malformed)
            .containsExactly(tuple("a", true, "the value contains control or format characters"),
                    tuple("b\u001b[31m", false, "the name contains control or format characters"),
                    tuple("c\u2028d", false, "the name contains control or format characters"),
                    tuple("e", true, "the value contains control or format characters"),
                    tuple("f\u200b", false, "the name contains control or format characters"),
                    tuple("g", true, "the value contains control or format characters"));
    }

    @Test
    void aTwentyThousandSegmentDottedNameIsMalformedWithoutRecursion() {
        String name = "a.".repeat(20_000) + "Plugin";
        Parsed parsed = parse("[ns]\nhuge = " + name + "\n[" + name + "]\nb = c\n");
        assertThat(parsed.entries).singleElement()
            .extracting(IndexEntry::declared, IndexEntry::malformed)
            .containsExactly(true, "the value is longer than 1024 characters");
        assertThat(parsed.ignored).containsExactly(tuple(3, IndexFile.Ignored.MALFORMED_HEADER));
    }

    @Test
    void linesOutsideAnySectionAreReportedAndNotEntries() {
        Parsed parsed = parse("orphan = com.x.Orphan\n[ns]\na = com.x.A\n");
        assertThat(parsed.entries).extracting((e) -> e.entryPoint().name()).containsExactly("a");
        assertThat(parsed.ignored).containsExactly(tuple(1, IndexFile.Ignored.OUTSIDE_SECTION));
    }

    @Test
    void linesBelowAMalformedSectionHeaderAreIgnoredUntilTheNextValidHeader() {
        Parsed parsed = parse("""
                [good]
                a = com.x.A
                [unclosed
                b = com.x.B
                []
                c = com.x.C
                [again]
                d = com.x.D
                [bad\u202ename]
                e = com.x.E
                """);
        assertThat(parsed.entries).extracting((e) -> e.entryPoint().namespace(), (e) -> e.entryPoint().name())
            .containsExactly(tuple("good", "a"), tuple("again", "d"));
        // one report per broken header; the lines below it are covered by that report
        assertThat(parsed.ignored).containsExactly(tuple(3, IndexFile.Ignored.MALFORMED_HEADER),
                tuple(5, IndexFile.Ignored.MALFORMED_HEADER), tuple(9, IndexFile.Ignored.MALFORMED_HEADER));
    }

    @Test
    void ignoredLineMessagesQuoteAtMost200EscapedCharacters() {
        String message = IndexFile.Ignored.OUTSIDE_SECTION.message("\u001b" + "x".repeat(5000));
        assertThat(message).contains("'\\u001b" + "x".repeat(199) + "...[4801 more characters]'")
            .doesNotContain("\u001b")
            .hasSizeLessThan(300);
    }

    @Test
    void readsAUtf8FileThroughItsUrl() throws IOException {
        Path file = this.directory.resolve("entry_points.txt");
        Files.writeString(file, "[ns]\na = com.x.\u00c4rger\n", StandardCharsets.UTF_8);
        assertThat(IndexFile.text(TestFiles.url(file))).isEqualTo("[ns]\na = com.x.\u00c4rger\n");
    }

    @Test
    void utf16FilesAreRefusedWithOrWithoutByteOrderMark() throws IOException {
        // the byte order mark is named: "UTF-16" alone would also match the NUL byte message
        assertRefused("[ns]\na = com.x.A\n".getBytes(StandardCharsets.UTF_16), "it starts with a UTF-16 byte order mark");
        assertRefused("[ns]\na = com.x.A\n".getBytes(StandardCharsets.UTF_16LE), "NUL byte at offset 1");
        assertRefused("[ns]\na = com.x.A\n".getBytes(StandardCharsets.UTF_16BE), "NUL byte at offset 0");
    }

    @Test
    void aLittleEndianUtf16FileWithItsByteOrderMarkIsRefusedAsUtf16() throws IOException {
        // what Windows editors save as "Unicode": FF FE, then UTF-16LE
        byte[] text = "[ns]\na = com.x.A\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[text.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(text, 0, bytes, 2, text.length);
        assertRefused(bytes, "it is UTF-16 (it starts with a UTF-16 byte order mark)");
        // only the whole mark is one: a lone FE or FF first is invalid UTF-8
        assertRefused(new byte[] { (byte) 0xFF, 'a' }, "not UTF-8: invalid bytes at offset 0");
        assertRefused(new byte[] { (byte) 0xFE, 'a' }, "not UTF-8: invalid bytes at offset 0");
    }

    @Test
    void invalidUtf8IsRefusedNamingTheOffset() throws IOException {
        assertRefused(new byte[] { '[', 'n', ']', '\n', 'a', '=', (byte) 0xC3, '(' }, "not UTF-8: invalid bytes at offset 6");
        // an overlong encoding of '/' and an encoded surrogate are not UTF-8 either
        assertRefused(new byte[] { 'a', (byte) 0xC0, (byte) 0xAF }, "not UTF-8");
        assertRefused(new byte[] { 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, "not UTF-8");
        // a sequence cut off at the end of the file
        assertRefused(new byte[] { 'a', (byte) 0xE2, (byte) 0x80 }, "not UTF-8");
    }

    @Test
    void aDirectoryAtTheIndexPathIsRefused() throws IOException {
        Path index = Files.createDirectories(this.directory.resolve("classes").resolve(TestFiles.INDEX));
        // the listing of this directory would read as a line of the index
        Files.createFile(index.resolve("zz = good.Plugin"));
        assertThatExceptionOfType(IndexFile.RefusedException.class).isThrownBy(() -> IndexFile.text(TestFiles.url(index)))
            .withMessageContaining("directory");
    }

    @Test
    void aDirectoryEntryInAJarAtTheIndexPathIsRefused() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("dir.jar"), null,
                Map.of(TestFiles.INDEX + "/", "", TestFiles.INDEX + "/zz = good.Plugin", ""));
        URL url = new URL("jar:" + TestFiles.url(jar) + "!/" + TestFiles.INDEX);
        assertThatExceptionOfType(IndexFile.RefusedException.class).isThrownBy(() -> IndexFile.text(url))
            .withMessageContaining("directory");
    }

    @Test
    void readsTheIndexOfALocalJarAndSeesTheJarRewrittenAfterwards() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("p.jar"), null, Map.of(TestFiles.INDEX, "[ns]\na = x.A\n"));
        URL url = new URL("jar:" + TestFiles.url(jar) + "!/" + TestFiles.INDEX);
        assertThat(IndexFile.text(url)).isEqualTo("[ns]\na = x.A\n");
        // nothing of the jar is kept open or cached: a replaced jar is read anew
        TestFiles.jar(jar, null, Map.of(TestFiles.INDEX, "[ns]\nb = x.B\n"));
        assertThat(IndexFile.text(url)).isEqualTo("[ns]\nb = x.B\n");
    }

    @Test
    void aLocalJarOpenInAClassLoaderIsReadThroughTheSameChecks() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("p.jar"), null,
                Map.of(TestFiles.INDEX, "[ns]\na = x.A\n", "other/" + TestFiles.INDEX, "\uFEFF[ns]"));
        try (java.net.URLClassLoader loader = TestFiles.classLoader(jar)) {
            URL url = loader.getResource(TestFiles.INDEX);
            assertThat(LocalFiles.jarOf(url, IndexFile.LOCATION)).isEqualTo(jar);
            assertThat(IndexFile.text(url)).isEqualTo("[ns]\na = x.A\n");
            // the class loader's jar is still usable after the index was read
            assertThat(loader.getResource("other/" + TestFiles.INDEX)).isNotNull();
            assertThat(IndexFile.text(url)).isEqualTo("[ns]\na = x.A\n");
        }
    }

    @Test
    void aJarUrlThatIsNoUriIsReadThroughItsConnection() throws IOException {
        Path jar = TestFiles.jar(Files.createDirectories(this.directory.resolve("with space")).resolve("p.jar"), null,
                Map.of(TestFiles.INDEX, "[ns]\na = x.A\n"));
        // an unencoded space, as new File(...).toURL() would write it: not a URI, so not read as a local jar ('%' and
        // '#', in a temporary directory's path too, encoded all the same: a '#' would end the URL's path)
        String path = jar.toAbsolutePath().toString().replace('\\', '/').replace("%", "%25").replace("#", "%23");
        URL url = new URL("jar:file:" + path + "!/" + TestFiles.INDEX);
        assertThat(LocalFiles.jarOf(url, IndexFile.LOCATION)).isNull();
        assertThat(IndexFile.text(url)).isEqualTo("[ns]\na = x.A\n");
    }

    @Test
    void aLocalJarWithoutTheIndexOrNoJarAtAllFailsToReadNamingIt() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("empty.jar"), null, Map.of("a.txt", "a"));
        URL missingEntry = new URL("jar:" + TestFiles.url(jar) + "!/" + TestFiles.INDEX);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> IndexFile.text(missingEntry))
            .withMessageContaining(TestFiles.INDEX);
        URL missingJar = new URL("jar:" + TestFiles.url(this.directory.resolve("gone.jar")) + "!/" + TestFiles.INDEX);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> IndexFile.text(missingJar))
            .withMessageContaining("gone.jar");
    }

    @Test
    void aFileOver16MebibytesIsRefusedAfterReadingAtMostOneByteMore() throws IOException {
        AtomicLong served = new AtomicLong();
        URL endless = new URL(null, "endless:/entry_points.txt", new URLStreamHandler() {

            @Override
            protected URLConnection openConnection(URL url) {
                return new URLConnection(url) {

                    @Override
                    public void connect() {
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new InputStream() {

                            @Override
                            public int read() {
                                served.incrementAndGet();
                                return 'x';
                            }

                            @Override
                            public int read(byte[] bytes, int offset, int length) {
                                served.addAndGet(length);
                                java.util.Arrays.fill(bytes, offset, offset + length, (byte) 'x');
                                return length;
                            }
                        };
                    }
                };
            }
        });
        assertThatExceptionOfType(IndexFile.RefusedException.class).isThrownBy(() -> IndexFile.text(endless))
            .withMessageContaining("larger than 16 MiB");
        assertThat(served.get()).isEqualTo(IndexFile.MAX_BYTES + 1L);
    }

    @Test
    void aFileOfExactly16MebibytesIsRead() throws IOException {
        Path file = this.directory.resolve("entry_points.txt");
        byte[] bytes = new byte[IndexFile.MAX_BYTES];
        java.util.Arrays.fill(bytes, (byte) '#');
        Files.write(file, bytes);
        assertThat(IndexFile.text(TestFiles.url(file))).hasSize(IndexFile.MAX_BYTES);
    }

    @Test
    void entryLocationNamesFileAndLine() {
        assertThat(single("[ns]\n\na = com.x.A\n").location()).isEqualTo(SOURCE.toExternalForm() + ":3");
        assertThat(IndexFile.entry("ns", "a = b", null, 2).location()).isEqualTo("<code>:2");
    }

    private void assertRefused(byte[] bytes, String reason) throws IOException {
        Path file = Files.write(this.directory.resolve("refused.txt"), bytes);
        assertThatExceptionOfType(IndexFile.RefusedException.class).isThrownBy(() -> IndexFile.text(TestFiles.url(file)))
            .withMessageContaining(reason);
    }

    private static IndexEntry single(String text) {
        List<IndexEntry> entries = parse(text).entries;
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    static Parsed parse(String text) {
        Parsed parsed = new Parsed();
        IndexFile.parse(text, parsed);
        return parsed;
    }

    /** What the parser reported. */
    static final class Parsed implements IndexFile.Sink {

        final List<IndexEntry> entries = new ArrayList<>();

        final List<org.assertj.core.groups.Tuple> ignored = new ArrayList<>();

        @Override
        public void entry(String namespace, int line, String text) {
            this.entries.add(IndexFile.entry(namespace, text, SOURCE, line));
        }

        @Override
        public void ignored(int line, IndexFile.Ignored reason, String text) {
            this.ignored.add(tuple(line, reason));
        }
    }
}
