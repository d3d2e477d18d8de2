package dev.plux.processor;

import java.io.IOException;
import java.io.StringReader;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
    void renderedIndexReadsBackWithItsHandWrittenMarks() throws IOException {
        SortedMap<String, SortedMap<String, IndexEntry>> index = new TreeMap<>();
        index.computeIfAbsent("ns", (key) -> new TreeMap<>())
            .put("generated", new IndexEntry("ns", "generated", "com.example.G", null, false));
        index.computeIfAbsent("ns", (key) -> new TreeMap<>())
            .put("manual", new IndexEntry("ns", "manual", "com.example.M", null, true, 12));
        index.computeIfAbsent("ns", (key) -> new TreeMap<>())
            .put("older", new IndexEntry("ns", "older", "com.example.O", null, true));

        String text = EntryPointsFile.render(index);

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
