package dev.plux.processor;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode("[ns]\n".getBytes(StandardCharsets.UTF_16)))
            .withMessageContaining("UTF-16");
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode(new byte[] { 'a', (byte) 0xC3, '(' }))
            .withMessageContaining("not UTF-8");
        assertThatIOException().isThrownBy(() -> EntryPointsFile.decode(new byte[EntryPointsFile.MAX_BYTES + 1]))
            .withMessageContaining("16 MiB");
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
