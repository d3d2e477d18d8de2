package dev.plux.runtime;

import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The entry lines of one namespace, kept compactly until a manager asks for them: the stripped lines joined in
 * one string, plus where each starts, its file and its line number. An index holds every namespace of every
 * file, most of which nobody asks for; keeping parsed records (entry point, name and value strings, URL) for
 * each costs several times the file's size for the life of the class loader.
 */
final class IndexLines {

    private final String namespace;

    private StringBuilder builder = new StringBuilder();

    private String text = "";

    private int[] starts = new int[4];

    private int[] files = new int[4];

    private int[] lines = new int[4];

    private int size;

    /** Files with at least one line: lines arrive file by file, so a new file is one unlike the last line's. */
    private int fileCount;

    private boolean frozen;

    /**
     * Lines whose bad value a finder has warned of (guarded by this object): once per reading of the files, as
     * the reading warns of its other problems, though the entries are parsed again when an index is handed out
     * anew. Made on the first warning: most namespaces have no bad value.
     */
    private @Nullable BitSet warned;

    IndexLines(String namespace) {
        this.namespace = namespace;
    }

    String namespace() {
        return this.namespace;
    }

    void add(int file, int line, String text) {
        if (this.size == this.starts.length) {
            int capacity = this.size * 2;
            this.starts = Arrays.copyOf(this.starts, capacity);
            this.files = Arrays.copyOf(this.files, capacity);
            this.lines = Arrays.copyOf(this.lines, capacity);
        }
        if (this.size == 0 || this.files[this.size - 1] != file) {
            this.fileCount++;
        }
        this.starts[this.size] = this.builder.length();
        this.files[this.size] = file;
        this.lines[this.size] = line;
        this.size++;
        this.builder.append(text);
    }

    /** Ends adding: one string and arrays of the exact size. */
    IndexLines freeze() {
        this.frozen = true;
        this.text = this.builder.toString();
        this.builder = new StringBuilder(0);
        this.starts = Arrays.copyOf(this.starts, this.size);
        this.files = Arrays.copyOf(this.files, this.size);
        this.lines = Arrays.copyOf(this.lines, this.size);
        return this;
    }

    int size() {
        return this.size;
    }

    String text(int i) {
        // before freeze() the lines are still in the builder
        CharSequence lines = this.frozen ? this.text : this.builder;
        int end = (i + 1 < this.size) ? this.starts[i + 1] : lines.length();
        return lines.subSequence(this.starts[i], end).toString();
    }

    int file(int i) {
        return this.files[i];
    }

    int line(int i) {
        return this.lines[i];
    }

    /** Parses the lines again into entries, with their files' URLs. */
    List<IndexEntry> entries(List<URL> fileUrls) {
        List<IndexEntry> entries = new ArrayList<>(this.size);
        for (int i = 0; i < this.size; i++) {
            entries.add(IndexFile.entry(this.namespace, text(i), fileUrls.get(this.files[i]), this.lines[i]));
        }
        return List.copyOf(entries);
    }

    /**
     * Claims the one warning about line {@code i}.
     *
     * @param i the line's position in this namespace
     * @return whether no warning about it was claimed before
     */
    synchronized boolean firstWarning(int i) {
        if (this.warned == null) {
            this.warned = new BitSet(this.size);
        }
        if (this.warned.get(i)) {
            return false;
        }
        this.warned.set(i);
        return true;
    }

    int fileCount() {
        return this.fileCount;
    }
}
