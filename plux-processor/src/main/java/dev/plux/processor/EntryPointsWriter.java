package dev.plux.processor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/plux/entry_points.txt} to the class output: {@link EntryPointsFile#HEADER}, then sections
 * and entries in sorted order, so that the same sources give the same bytes; entries and lines taken over from a
 * hand-written index follow {@link EntryPointsFile#HAND_WRITTEN_MARKER}, which {@link EntryPointsFile} reads back on
 * the next incremental run.
 */
final class EntryPointsWriter {

    private EntryPointsWriter() {
    }

    /**
     * Writes the index, replacing the one in the class output ({@code moduleAndPackage} {@code ""}, or
     * {@code "module/"} for a module's in a multi-module compilation).
     */
    static void write(Filer filer, String moduleAndPackage, SortedMap<String, SortedMap<String, IndexEntry>> index,
            List<EntryPointsFile.Line> notEntries) throws IOException {
        FileObject resource = filer.createResource(StandardLocation.CLASS_OUTPUT, moduleAndPackage,
                EntryPointsFile.LOCATION);
        try (OutputStream out = resource.openOutputStream()) {
            out.write(render(index, notEntries).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The file's text for entries alone. */
    static String render(SortedMap<String, SortedMap<String, IndexEntry>> index) {
        return render(index, List.of());
    }

    /**
     * The file's text: header, then sections and entries in sorted order, {@code \n} line ends. The hand-written
     * lines that are no entries ({@link EntryPointsFile#notEntries}) are written as they were, each after its
     * marker, where the runtime reads them as it would have in the hand-written file: a line outside any section
     * before the first section, a line without a usable name or repeating a name in its section after the entries, a
     * malformed header and the lines below it at the end.
     */
    static String render(SortedMap<String, SortedMap<String, IndexEntry>> index,
            List<EntryPointsFile.Line> notEntries) {
        StringBuilder text = new StringBuilder(EntryPointsFile.HEADER).append('\n');
        text.append("# Sources: @PluginName / @PluginFunction elements, and any hand-written index of the project.\n");
        SortedMap<String, List<EntryPointsFile.Line>> undeclared = new TreeMap<>();
        List<EntryPointsFile.Line> brokenSections = new ArrayList<>();
        for (EntryPointsFile.Line line : notEntries) {
            switch (line.kind()) {
                case OUTSIDE_SECTION -> appendMarked(text, line.handWrittenLine()).append(line.text()).append('\n');
                case UNDECLARED, DUPLICATE -> undeclared.computeIfAbsent(line.namespace(), (key) -> new ArrayList<>())
                    .add(line);
                default -> brokenSections.add(line);
            }
        }
        SortedSet<String> sections = new TreeSet<>(index.keySet());
        sections.addAll(undeclared.keySet());
        for (String section : sections) {
            SortedMap<String, IndexEntry> entries = index.getOrDefault(section, new TreeMap<>());
            List<EntryPointsFile.Line> lines = undeclared.getOrDefault(section, List.of());
            if (entries.isEmpty() && lines.isEmpty()) {
                continue;
            }
            text.append('\n').append('[').append(section).append(']').append('\n');
            for (IndexEntry entry : entries.values()) {
                if (entry.handWritten()) {
                    appendMarked(text, entry.line());
                }
                text.append(entry.name()).append(" = ").append(entry.value()).append('\n');
            }
            for (EntryPointsFile.Line line : lines) {
                appendMarked(text, line.handWrittenLine()).append(line.text()).append('\n');
            }
        }
        if (!brokenSections.isEmpty()) {
            text.append('\n');
            for (EntryPointsFile.Line line : brokenSections) {
                appendMarked(text, line.handWrittenLine()).append(line.text()).append('\n');
            }
        }
        return text.toString();
    }

    private static StringBuilder appendMarked(StringBuilder text, int handWrittenLine) {
        text.append(EntryPointsFile.HAND_WRITTEN_MARKER);
        if (handWrittenLine > 0) {
            // the hand-written file's own line, so a warning on a later build still points into it
            text.append(" line ").append(handWrittenLine);
        }
        return text.append('\n');
    }
}
