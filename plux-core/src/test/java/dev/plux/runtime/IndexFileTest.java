package dev.plux.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.core.EntryPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class IndexFileTest {

    private static final URL SOURCE = TestFiles.url(Path.of("/plugins/entry_points.txt"));

    @Test
    void readsEntriesOfEachSectionInFileOrder() throws IOException {
        List<IndexEntry> entries = parse("""
                [my.plugins.cli]
                my = com.example.cli.MyCliPlugin
                other = com.example.cli.Other
                [localstack.plugins.services]
                s3 = com.example.services.ServicePlugins:s3
                """);
        assertThat(entries).extracting(IndexEntry::entryPoint)
            .containsExactly(new EntryPoint("my.plugins.cli", "my", "com.example.cli.MyCliPlugin", SOURCE),
                    new EntryPoint("my.plugins.cli", "other", "com.example.cli.Other", SOURCE),
                    new EntryPoint("localstack.plugins.services", "s3", "com.example.services.ServicePlugins:s3",
                            SOURCE));
        assertThat(entries).extracting(IndexEntry::line).containsExactly(2, 3, 5);
        assertThat(entries).extracting(IndexEntry::malformed).containsOnlyNulls();
    }

    @Test
    void whitespaceAroundEqualsAndSectionNamesIsFree() throws IOException {
        List<IndexEntry> entries = parse("[ ns ]\n  a=com.x.A\nb   =\t com.x.B  \n\tc =com.x.C\n");
        assertThat(entries).extracting((e) -> e.entryPoint().namespace(), (e) -> e.entryPoint().name(),
                (e) -> e.entryPoint().value())
            .containsExactly(tuple("ns", "a", "com.x.A"), tuple("ns", "b", "com.x.B"), tuple("ns", "c", "com.x.C"));
        assertThat(entries).extracting(IndexEntry::malformed).containsOnlyNulls();
    }

    @Test
    void commentsAndBlankLinesAreIgnoredButCounted() throws IOException {
        List<IndexEntry> entries = parse("""
                # a comment
                ; another comment

                [ns]
                  # indented comment
                a = com.x.A

                ; between entries
                b = com.x.B
                """);
        assertThat(entries).extracting((e) -> e.entryPoint().name()).containsExactly("a", "b");
        assertThat(entries).extracting(IndexEntry::line).containsExactly(6, 9);
    }

    @Test
    void crlfLineEndingsAreAccepted() throws IOException {
        List<IndexEntry> entries = parse("[ns]\r\na = com.x.A\r\nb = com.x.B\r\n");
        assertThat(entries).extracting((e) -> e.entryPoint().value()).containsExactly("com.x.A", "com.x.B");
        assertThat(entries).extracting(IndexEntry::malformed).containsOnlyNulls();
    }

    @Test
    void byteOrderMarkAtFileStartIsSkipped() throws IOException {
        List<IndexEntry> entries = parse("\uFEFF[ns]\na = com.x.A\n");
        assertThat(entries).singleElement()
            .extracting(IndexEntry::entryPoint)
            .isEqualTo(new EntryPoint("ns", "a", "com.x.A", SOURCE));
    }

    @Test
    void lineWithoutEqualsIsMalformedWithTheWholeLineAsName() throws IOException {
        List<IndexEntry> entries = parse("[ns]\n   com.x.NoEquals   \n");
        assertThat(entries).singleElement().satisfies((entry) -> {
            assertThat(entry.entryPoint()).isEqualTo(new EntryPoint("ns", "com.x.NoEquals", "", SOURCE));
            assertThat(entry.malformed()).isEqualTo("expected 'name = value'");
            assertThat(entry.line()).isEqualTo(2);
        });
    }

    @Test
    void emptyNameIsMalformed() throws IOException {
        List<IndexEntry> entries = parse("[ns]\n = com.x.A\n");
        assertThat(entries).singleElement().satisfies((entry) -> {
            assertThat(entry.entryPoint()).isEqualTo(new EntryPoint("ns", "", "com.x.A", SOURCE));
            assertThat(entry.malformed()).isEqualTo("the name before '=' is empty");
        });
    }

    @Test
    void emptyValueIsMalformed() throws IOException {
        List<IndexEntry> entries = parse("[ns]\na =   \n");
        assertThat(entries).singleElement().satisfies((entry) -> {
            assertThat(entry.entryPoint()).isEqualTo(new EntryPoint("ns", "a", "", SOURCE));
            assertThat(entry.malformed()).isEqualTo("the value after '=' is empty");
        });
    }

    @Test
    void malformedLinesDoNotHideTheValidOnes() throws IOException {
        List<IndexEntry> entries = parse("[ns]\nbroken\na = com.x.A\n");
        assertThat(entries).extracting((e) -> e.entryPoint().name(), IndexEntry::malformed)
            .containsExactly(tuple("broken", "expected 'name = value'"), tuple("a", null));
    }

    @Test
    void lineOutsideAnySectionIsLoggedAndNotReturned() throws IOException {
        try (LogCapture log = LogCapture.of(IndexFile.class)) {
            List<IndexEntry> entries = parse("orphan = com.x.Orphan\n[ns]\na = com.x.A\n");
            assertThat(entries).extracting((e) -> e.entryPoint().name()).containsExactly("a");
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(SOURCE.toExternalForm() + ":1", "orphan = com.x.Orphan", "outside any [namespace] section");
        }
    }

    @Test
    void linesBelowAMalformedSectionHeaderAreIgnoredUntilTheNextSection() throws IOException {
        try (LogCapture log = LogCapture.of(IndexFile.class)) {
            List<IndexEntry> entries = parse("""
                    [good]
                    a = com.x.A
                    [unclosed
                    b = com.x.B
                    []
                    c = com.x.C
                    [again]
                    d = com.x.D
                    """);
            assertThat(entries).extracting((e) -> e.entryPoint().namespace(), (e) -> e.entryPoint().name())
                .containsExactly(tuple("good", "a"), tuple("again", "d"));
            assertThat(log.warnings()).anySatisfy(
                    (message) -> assertThat(message).contains(":3", "malformed section header '[unclosed'"))
                .anySatisfy((message) -> assertThat(message).contains(":5", "malformed section header '[]'"));
        }
    }

    @Test
    void controlCharactersInAnEntryMakeItMalformed() throws IOException {
        List<IndexEntry> entries = parse("[ns]\na = com.x.\u0007Bell\nb\u001b[31m = com.x.B\n");
        assertThat(entries).extracting(IndexEntry::malformed)
            .containsExactly("the line contains control characters", "the line contains control characters");
    }

    @Test
    void controlCharactersAreEscapedInLogMessages() throws IOException {
        try (LogCapture log = LogCapture.of(IndexFile.class)) {
            parse("evil\u001b[2J = x\n[bad\u0000name]\n");
            assertThat(log.warnings()).hasSize(2)
                .allSatisfy((message) -> assertThat(message).doesNotContain("\u001b", "\u0000"))
                .anySatisfy((message) -> assertThat(message).contains("evil\\u001b[2J"))
                .anySatisfy((message) -> assertThat(message).contains("[bad\\u0000name]"));
        }
    }

    @Test
    void readsAFileThroughItsUrl(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("entry_points.txt");
        Files.writeString(file, "[ns]\na = com.x.\u00c4rger\n", StandardCharsets.UTF_8);
        URL url = TestFiles.url(file);
        assertThat(IndexFile.read(url)).singleElement()
            .extracting(IndexEntry::entryPoint)
            .isEqualTo(new EntryPoint("ns", "a", "com.x.\u00c4rger", url));
    }

    @Test
    void entryLocationNamesFileAndLine() throws IOException {
        assertThat(parse("[ns]\n\na = com.x.A\n")).singleElement()
            .extracting(IndexEntry::location)
            .isEqualTo(SOURCE.toExternalForm() + ":3");
    }

    @Test
    void entriesMadeWithoutAFileAreDescribedAsCode() throws IOException {
        List<IndexEntry> entries = IndexFile.parse(new BufferedReader(new StringReader("[ns]\na = com.x.A\n")), null);
        assertThat(entries).singleElement().extracting(IndexEntry::location).isEqualTo("<code>:2");
    }

    private static List<IndexEntry> parse(String text) throws IOException {
        return IndexFile.parse(new BufferedReader(new StringReader(text)), SOURCE);
    }
}
