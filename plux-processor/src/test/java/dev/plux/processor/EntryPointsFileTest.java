package dev.plux.processor;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

@Timeout(20)
class EntryPointsFileTest {

    @Test
    void everyEntryOfAFileWithoutTheGeneratedHeaderIsHandWritten() throws IOException {
        var entries = EntryPointsFile.parse(new StringReader("""
                \uFEFF# mine
                [ns]
                a = com.example.A
                ; comment
                  b=com.example.B:member
                broken line
                [other]
                c = com.example.C
                """));

        assertThat(entries).containsExactly(new IndexEntry("ns", "a", "com.example.A", null, true, 3),
                new IndexEntry("ns", "b", "com.example.B:member", null, true, 5),
                new IndexEntry("other", "c", "com.example.C", null, true, 8));
        assertThat(entries.get(1).className()).isEqualTo("com.example.B");
    }

    @Test
    void linesBelowABrokenHeaderAreNotTakenIntoThePreviousSection() throws IOException {
        var entries = EntryPointsFile.parse(new StringReader("""
                [ns]
                a = com.example.A
                [broken
                b = com.example.B
                [other]
                c = com.example.C
                """));

        assertThat(entries).extracting(IndexEntry::name).containsExactly("a", "c");
    }

    @Test
    void entriesWithoutAUsableNameAreLeftOutAndDuplicatesAreKeptForTheCallerToReport() throws IOException {
        var entries = EntryPointsFile.parse(new StringReader("[ns]\na = com.example.A\nb =\n = com.example.C\n"
                + "d\u202e = com.example.D\ne = " + "x".repeat(1025) + "\na = com.example.Again\n"));

        // a hand-written line with a usable name is never dropped, a bad value included (SPEC 0.2): the runtime
        // declares it and reports it as RESOLVE_FAILED
        assertThat(entries).extracting(IndexEntry::value)
            .containsExactly("com.example.A", "", "x".repeat(1025), "com.example.Again");
    }

    @Test
    void aMalformedEntryOfTheGeneratedPartIsLeftOut() throws IOException {
        var entries = EntryPointsFile.parse(new StringReader(EntryPointsFile.HEADER + "\n[ns]\na = com.example.A\n"
                + "b =\n"));

        assertThat(entries).extracting(IndexEntry::name).containsExactly("a");
    }

    @Test
    void anIndexThatIsNotUtf8OrOver16MebibytesIsRefusedWithTheReason() {
        // the byte order mark is named: "UTF-16" alone would also match the NUL byte message
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode("[ns]\n".getBytes(StandardCharsets.UTF_16)))
            .withMessageContaining("it starts with a UTF-16 byte order mark");
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode(new byte[] { 'a', (byte) 0xC3, '(' }))
            .withMessageContaining("not UTF-8");
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode(new byte[EntryPointsFile.MAX_BYTES + 1]))
            .withMessageContaining("16 MiB");
    }

    @Test
    void aLittleEndianUtf16IndexWithItsByteOrderMarkIsRefusedAsUtf16() {
        // what Windows editors save as "Unicode": FF FE, then UTF-16LE; the runtime refuses it the same way
        byte[] text = "[ns]\na = com.example.A\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[text.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(text, 0, bytes, 2, text.length);
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode(bytes))
            .withMessageContaining("it starts with a UTF-16 byte order mark");
        // only the whole mark is one: a lone FE or FF first is invalid UTF-8
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode(new byte[] { (byte) 0xFF, 'a' }))
            .withMessageContaining("not UTF-8: invalid bytes at offset 0 (line 1)");
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode(new byte[] { (byte) 0xFE, 'a' }))
            .withMessageContaining("not UTF-8: invalid bytes at offset 0 (line 1)");
    }

    @Test
    void anIndexOfExactly16MebibytesIsRead() throws IOException {
        // SPEC: a file over 16 MiB is refused, so the runtime reads one of exactly 16 MiB, and so must the processor
        byte[] bytes = new byte[EntryPointsFile.MAX_BYTES];
        Arrays.fill(bytes, (byte) '#');
        assertThat(EntryPointsFile.decode(bytes)).hasSize(EntryPointsFile.MAX_BYTES);
    }

    @Test
    void theLineOfInvalidBytesIsCountedInTheMessage() {
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode(new byte[] { '[', 'n', ']', '\n', '#', '\n',
            'a', '=', (byte) 0xC3, '(' }))
            .withMessageContaining("invalid bytes at offset 8 (line 3)");
    }

    @Test
    void renderedIndexReadsBackWithItsHandWrittenMarks() throws IOException {
        SortedMap<String, SortedMap<String, IndexEntry>> index = new TreeMap<>();
        index.computeIfAbsent("ns", (key) -> new TreeMap<>())
            .put("generated", new IndexEntry("ns", "generated", "com.example.G", null, false));
        index.computeIfAbsent("ns", (key) -> new TreeMap<>())
            .put("manual", new IndexEntry("ns", "manual", "com.example.M", null, true, 12));
        index.computeIfAbsent("ns", (key) -> new TreeMap<>())
            .put("older", new IndexEntry("ns", "older", "com.example.O", null, true));

        String text = EntryPointsWriter.render(index);

        assertThat(text).startsWith(EntryPointsFile.HEADER + "\n")
            .contains(EntryPointsFile.HAND_WRITTEN_MARKER + " line 12\nmanual = com.example.M\n")
            .contains(EntryPointsFile.HAND_WRITTEN_MARKER + "\nolder = com.example.O\n");
        // the hand-written line survives the round trip, so a later build's warning still points into that file
        assertThat(EntryPointsFile.parse(new StringReader(text))).containsExactly(
                new IndexEntry("ns", "generated", "com.example.G", null, false),
                new IndexEntry("ns", "manual", "com.example.M", null, true, 12),
                new IndexEntry("ns", "older", "com.example.O", null, true));
    }
}
