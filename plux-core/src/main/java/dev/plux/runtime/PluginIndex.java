package dev.plux.runtime;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every index file visible to one class loader, read and parsed into lines by namespace; the entries of a namespace
 * are parsed when first asked for. {@link PluginIndexCache} keeps one per loader.
 */
final class PluginIndex {

    private static final Logger logger = LoggerFactory.getLogger(PluginIndex.class);

    /** How many warnings about its lines one file may log; then one more says how many were left out. */
    static final int MAX_LINE_WARNINGS = 10;

    private final List<URL> files;

    private final Map<String, IndexLines> byNamespace;

    /**
     * The index files found but refused or unreadable (each logged as an error when read), as text: a manager whose
     * namespace no file read declares says they were there, not that there was none.
     */
    private final List<String> skipped;

    /**
     * Namespaces whose sections have no entries in any file, each with the first file (its position in
     * {@link #files}) that has such a section: a manager of one says the section is empty, not missing.
     */
    private final Map<String, Integer> emptySections;

    /**
     * Entries of the namespaces asked for so far, so that every manager of a namespace shares one set of
     * {@code EntryPoint}s and strings: a declared plugin then costs a manager only its container. Lives as long as
     * this index object, which managers hold while they are used and the cache holds only weakly.
     */
    private final Map<String, List<IndexEntry>> parsed = new ConcurrentHashMap<>();

    PluginIndex(List<URL> files, Map<String, IndexLines> byNamespace, Map<String, Integer> emptySections,
            List<String> skipped) {
        this.files = files;
        this.byNamespace = byNamespace;
        this.emptySections = emptySections;
        this.skipped = skipped;
    }

    /**
     * Reads the index files a class loader sees, without the cache.
     *
     * @param classLoader the loader
     * @return the index
     */
    static PluginIndex read(ClassLoader classLoader) {
        List<URL> files = new ArrayList<>();
        try {
            Enumeration<URL> resources = classLoader.getResources(IndexFile.LOCATION);
            while (resources.hasMoreElements()) {
                files.add(resources.nextElement());
            }
        }
        catch (IOException | RuntimeException ex) {
            logger.warn("cannot list the {} files of {}; the plugins of the files not listed are not visible",
                    IndexFile.LOCATION, classLoader, ex);
        }
        PluginIndex index = read(files);
        logger.debug("read {} plugin index files with {} namespaces from {}", index.files.size(),
                index.byNamespace.size(), classLoader);
        return index;
    }

    /**
     * Reads an explicit list of index files, in order, without the cache (for example the index files of plugin
     * bundles). Files that cannot be read or are refused are logged and left out.
     *
     * @param files the index files
     * @return the index
     */
    static PluginIndex read(List<URL> files) {
        return read(files, IndexFile::text);
    }

    /**
     * Reads an explicit list of index files whose text comes from elsewhere (a jar bundle's, from the jar it has
     * open), with the same checks, order, duplicates and warnings as {@link #read(List)}. A file listed again —
     * the same URL, or another URL of the same local file ({@link LocalFiles#identity}) — is read only where it
     * comes first: its entries are no duplicates of themselves.
     *
     * @param files the index files
     * @param source gives the checked, decoded text of each file
     * @return the index
     */
    static PluginIndex read(List<URL> files, TextSource source) {
        List<URL> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, IndexLines> byNamespace = new LinkedHashMap<>();
        // while reading only: the first declaration of each name, to drop and report later ones
        Map<String, Map<String, Integer>> firstByName = new HashMap<>();
        // the first file with a header of each namespace, for those that end up with no entry
        Map<String, Integer> headers = new HashMap<>();
        // the same file reached again (a child loader listing its parent's jars too, a link): read once
        Set<Object> seen = new HashSet<>();
        for (URL file : files) {
            String text;
            try {
                // inside the file's try: telling the file may fail as reading it may (a stream handler's code, file
                // attributes), and that costs this file only
                if (files.size() > 1 && !seen.add(LocalFiles.identity(file, IndexFile.LOCATION))) {
                    logger.debug("plux index file {} is a file read already; it is read once", file);
                    continue;
                }
                text = source.text(file);
            }
            catch (IndexFile.RefusedException ex) {
                logger.error("plux index file {} is skipped: {}", IndexFileNames.describe(file), ex.getMessage());
                skipped.add(IndexFileNames.describe(file));
                continue;
            }
            catch (IOException | RuntimeException ex) {
                logger.error("cannot read plux index file {}; it is skipped", IndexFileNames.describe(file), ex);
                skipped.add(IndexFileNames.describe(file));
                continue;
            }
            int fileIndex = kept.size();
            kept.add(file);
            LineWarnings warnings = new LineWarnings(file);
            IndexFile.parse(text, new IndexFile.Sink() {

                @Override
                public void entry(String namespace, int line, String lineText) {
                    // the map key is the one namespace string all files share
                    IndexLines lines = byNamespace.computeIfAbsent(namespace, IndexLines::new);
                    String name = IndexFile.declaredName(lineText);
                    if (name == null) {
                        // never declared, so never resolved and never logged by a manager: a parse problem, warned
                        // here (within the file's cap); the manager reports it to its listeners
                        warnings.warn(line, () -> malformed(lines.namespace(), lineText, file, line));
                    }
                    else {
                        Integer first = firstByName.computeIfAbsent(lines.namespace(), (key) -> new HashMap<>())
                            .putIfAbsent(name, lines.size());
                        if (first != null) {
                            warnings.warn(line, () -> duplicate(lines, first, kept,
                                    IndexFile.entry(lines.namespace(), lineText, file, line)));
                            return;
                        }
                    }
                    lines.add(fileIndex, line, lineText);
                }

                @Override
                public void section(String namespace, int line) {
                    headers.putIfAbsent(namespace, fileIndex);
                }

                @Override
                public void ignored(int line, IndexFile.Ignored reason, String lineText) {
                    warnings.warn(line, () -> reason.message(lineText));
                }
            });
            warnings.finish();
        }
        byNamespace.values().forEach(IndexLines::freeze);
        headers.keySet().removeAll(byNamespace.keySet());
        return new PluginIndex(List.copyOf(kept), Collections.unmodifiableMap(byNamespace), Map.copyOf(headers),
                List.copyOf(skipped));
    }

    private static String malformed(String namespace, String lineText, URL file, int line) {
        return "malformed entry in namespace " + Escaping.quote(namespace) + ", not declared: "
                + IndexFile.entry(namespace, lineText, file, line).malformed() + ": '" + Escaping.quote(lineText) + "'";
    }

    /** What ends every duplicate warning: the first entry wins, so only the user knows which one was meant. */
    static final String DUPLICATE_ADVICE = "; names are unique in a namespace: rename one of the two (its @PluginName"
            + " or index line), or remove the jar or directory you do not want";

    private static String duplicate(IndexLines lines, int firstIndex, List<URL> files, IndexEntry entry) {
        IndexEntry first = IndexFile.entry(lines.namespace(), lines.text(firstIndex),
                files.get(lines.file(firstIndex)), lines.line(firstIndex));
        return "duplicate plugin " + Escaping.quote(lines.namespace()) + ":" + Escaping.quote(entry.entryPoint().name())
                + ": keeping " + Escaping.quote(first.entryPoint().value()) + " from " + first.location()
                + ", ignoring " + Escaping.quote(entry.entryPoint().value()) + " from " + entry.location()
                + DUPLICATE_ADVICE;
    }

    /** The lines of each namespace, by namespace (for the cache, which keeps them without the URLs). */
    Map<String, IndexLines> byNamespace() {
        return this.byNamespace;
    }

    /** The namespaces with only empty sections, and the first file of each (for the cache, as above). */
    Map<String, Integer> emptySections() {
        return this.emptySections;
    }

    /**
     * The files read, in class-path order.
     *
     * @return the files
     */
    List<URL> files() {
        return this.files;
    }

    /**
     * The index files found but skipped (refused or unreadable), as messages name them ({@link IndexFileNames#describe}),
     * in class-path order.
     *
     * @return the skipped files
     */
    List<String> skipped() {
        return this.skipped;
    }

    /**
     * The first file with a {@code [namespace]} section, when every such section is empty (a header without
     * entries).
     *
     * @param namespace the namespace
     * @return the file, or {@code null} when the namespace has entries or no section
     */
    @Nullable URL emptySection(String namespace) {
        Integer file = this.emptySections.get(namespace);
        return (file != null) ? this.files.get(file) : null;
    }

    /**
     * The entries of a namespace in class-path order, the first of each name only, malformed ones included (they
     * are reported when the namespace is used). Parsed on the first call for a namespace and shared afterwards;
     * namespaces nobody asks for stay as compact lines.
     *
     * @param namespace the namespace
     * @return the entries
     */
    List<IndexEntry> entries(String namespace) {
        IndexLines lines = this.byNamespace.get(namespace);
        if (lines == null) {
            return List.of();
        }
        return this.parsed.computeIfAbsent(namespace, name -> lines.entries(this.files));
    }

    /**
     * Claims the one warning about an entry of {@link #entries(String)}: kept with the lines, so that it is given
     * once per reading of the files, by whichever finder comes first.
     *
     * @param namespace the namespace
     * @param i the entry's position in its entries
     * @return whether no warning about it was claimed before
     */
    boolean firstWarning(String namespace, int i) {
        IndexLines lines = this.byNamespace.get(namespace);
        return lines != null && lines.firstWarning(i);
    }

    /** How many index files declare at least one entry of the namespace. */
    int fileCount(String namespace) {
        IndexLines lines = this.byNamespace.get(namespace);
        return (lines != null) ? lines.fileCount() : 0;
    }

    List<String> namespaces() {
        return List.copyOf(this.byNamespace.keySet());
    }

    /** Where {@link #read(List, TextSource)} gets the text of a file. */
    @FunctionalInterface
    interface TextSource {

        /**
         * The file's text, checked and decoded as {@link IndexFile#text(URL)} does.
         *
         * @param file the file
         * @return its text
         * @throws IOException if it cannot be read, or {@link IndexFile.RefusedException} if it is refused
         */
        String text(URL file) throws IOException;
    }

    /** Counts the warnings about one file's lines and logs the first {@link #MAX_LINE_WARNINGS}. */
    private static final class LineWarnings {

        private final URL file;

        private int count;

        LineWarnings(URL file) {
            this.file = file;
        }

        void warn(int line, Supplier<String> message) {
            this.count++;
            if (this.count <= MAX_LINE_WARNINGS) {
                logger.warn("{}:{}: {}", IndexFileNames.describe(this.file), line, message.get());
            }
        }

        void finish() {
            if (this.count > MAX_LINE_WARNINGS) {
                logger.warn("{}: {} more warnings about lines of this file were not logged",
                        IndexFileNames.describe(this.file), this.count - MAX_LINE_WARNINGS);
            }
        }
    }

}
