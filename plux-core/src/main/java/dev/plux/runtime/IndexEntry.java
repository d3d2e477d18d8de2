package dev.plux.runtime;

import dev.plux.core.EntryPoint;

import org.jspecify.annotations.Nullable;

/**
 * One entry line of an index file, with where it was and, for a malformed line, what is wrong with it.
 */
record IndexEntry(EntryPoint entryPoint, int line, @Nullable String malformed) {

    String location() {
        return IndexFile.describe(this.entryPoint.source()) + ":" + this.line;
    }
}
