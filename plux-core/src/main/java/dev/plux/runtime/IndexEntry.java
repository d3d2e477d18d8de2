package dev.plux.runtime;

import dev.plux.core.EntryPoint;

import org.jspecify.annotations.Nullable;

/**
 * One entry line of an index file, with where it was and, for a malformed line, what is wrong with it.
 *
 * @param entryPoint the entry point; for a line without {@code =} its name is the whole trimmed line
 * @param line the line number in the file, from 1
 * @param malformed what is wrong with the line, or {@code null} when it is well-formed
 * @param declared whether the line has a usable name: it then becomes a plugin of its namespace (which fails to
 *        resolve when {@link #malformed()} is set); a line without one is only reported
 */
record IndexEntry(EntryPoint entryPoint, int line, @Nullable String malformed, boolean declared) {

    String location() {
        return IndexFileNames.describe(this.entryPoint.source()) + ":" + this.line;
    }
}
