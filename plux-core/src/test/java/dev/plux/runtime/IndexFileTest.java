package dev.plux.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import dev.plux.core.EntryPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexFileTest {

    private static List<IndexEntry> parse(String text) throws IOException {
        return IndexFile.parse(new BufferedReader(new StringReader(text)), null);
    }

    @Test
    void readsEntriesOfEachSectionInOrder() throws IOException {
        List<IndexEntry> entries = parse("[a.b]\nx = com.X\ny=com.Y\n[c]\nz = com.Z:member\n");
        assertThat(entries).extracting(IndexEntry::entryPoint)
            .containsExactly(new EntryPoint("a.b", "x", "com.X", null), new EntryPoint("a.b", "y", "com.Y", null),
                    new EntryPoint("c", "z", "com.Z:member", null));
        assertThat(entries).extracting(IndexEntry::malformed).containsOnlyNulls();
        assertThat(entries).extracting(IndexEntry::line).containsExactly(2, 3, 5);
    }

    @Test
    void skipsCommentsAndBlankLines() throws IOException {
        List<IndexEntry> entries = parse("# comment\n; other comment\n\n   \n[ns]\n  # indented\nx = com.X\n");
        assertThat(entries).extracting((entry) -> entry.entryPoint().name()).containsExactly("x");
    }

    @Test
    void acceptsCrlfStrayWhitespaceAndLeadingBom() throws IOException {
        List<IndexEntry> entries = parse("\uFEFF[ns]\r\n  \t x   =   com.X \t\r\n[ other ]\r\ny=com.Y\r\n");
        assertThat(entries).extracting(IndexEntry::entryPoint)
            .containsExactly(new EntryPoint("ns", "x", "com.X", null), new EntryPoint("other", "y", "com.Y", null));
    }

    @Test
    void marksLineWithoutEqualsAsMalformed() throws IOException {
        assertThat(parse("[ns]\njust-a-name\n")).singleElement()
            .satisfies((entry) -> assertThat(entry.malformed()).isEqualTo("expected 'name = value'"));
    }

    @Test
    void marksEmptyNameAsMalformed() throws IOException {
        assertThat(parse("[ns]\n = com.X\n")).singleElement()
            .satisfies((entry) -> assertThat(entry.malformed()).contains("name before '=' is empty"));
    }

    @Test
    void marksEmptyValueAsMalformed() throws IOException {
        assertThat(parse("[ns]\nx = \n")).singleElement()
            .satisfies((entry) -> assertThat(entry.malformed()).contains("value after '=' is empty"));
    }

    @Test
    void marksControlCharactersAsMalformed() throws IOException {
        assertThat(parse("[ns]\nx\u0007 = com.X\n")).singleElement()
            .satisfies((entry) -> assertThat(entry.malformed()).contains("control characters"));
    }

    @Test
    void ignoresLinesOutsideAnySection() throws IOException {
        assertThat(parse("x = com.X\n[ns]\ny = com.Y\n")).extracting((entry) -> entry.entryPoint().name())
            .containsExactly("y");
    }

    @Test
    void ignoresLinesBelowMalformedSectionHeaderInsteadOfAddingThemToThePreviousSection() throws IOException {
        List<IndexEntry> entries = parse("[ns]\na = com.A\n[broken\nb = com.B\n[]\nc = com.C\n[ok]\nd = com.D\n");
        assertThat(entries).extracting((entry) -> entry.entryPoint().namespace() + ":" + entry.entryPoint().name())
            .containsExactly("ns:a", "ok:d");
    }

    @Test
    void keepsTheFirstEqualsAsSeparator() throws IOException {
        assertThat(parse("[ns]\nx = a=b\n")).singleElement()
            .satisfies((entry) -> assertThat(entry.entryPoint().value()).isEqualTo("a=b"));
    }

    @Test
    void escapesControlCharactersInMessages() {
        assertThat(Escaping.escape("a\nb\u0000")).isEqualTo("a\\u000ab\\u0000");
        assertThat(Escaping.escape("plain")).isEqualTo("plain");
    }
}
