package dev.plux.processor;

import javax.lang.model.element.Element;

import org.jspecify.annotations.Nullable;

/**
 * One {@code name = value} line of the index, with where it came from.
 *
 * @param namespace the section it is listed in
 * @param name the plugin name, unique in its namespace
 * @param value {@code binary.ClassName} or {@code binary.ClassName:member}
 * @param element the annotated element of this compilation; {@code null} for an entry kept from an earlier index
 * @param handWritten whether the entry came from a hand-written index (never dropped, see SPEC)
 * @param line the 1-based line of the hand-written index that declared it; 0 when unknown or not hand-written
 */
record IndexEntry(String namespace, String name, String value, @Nullable Element element, boolean handWritten,
        int line) {

    /** An entry without a known hand-written line. */
    IndexEntry(String namespace, String name, String value, @Nullable Element element, boolean handWritten) {
        this(namespace, name, value, element, handWritten, 0);
    }

    /** The binary name of the class the value points at (the part before {@code :}). */
    String className() {
        int colon = this.value.indexOf(':');
        return (colon < 0) ? this.value : this.value.substring(0, colon);
    }

    /** The member the value points at (the part after {@code :}); {@code null} for a class plugin. */
    @Nullable String member() {
        int colon = this.value.indexOf(':');
        return (colon < 0) ? null : this.value.substring(colon + 1);
    }

    /** How a message names this entry: the element, or the index it was kept from. */
    String describe() {
        return describe(new HandWrittenLines.Source(null, ""));
    }

    /**
     * How a message names this entry: the element, or the index it was kept from; a hand-written entry by the file
     * it came from when that was found ({@link ResourceCopy#handWrittenSource}).
     */
    String describe(HandWrittenLines.Source handWritten) {
        String value = Quoting.quote(this.value);
        Object file = (handWritten.file() != null) ? handWritten.file() : EntryPointsFile.LOCATION;
        String origin = (this.element != null) ? "declared by " + value
                : (this.handWritten ? "from a hand-written " + file
                        + ((this.line > 0) ? " line " + this.line : "") + ": " + value
                        : "kept from the previous build's index: " + value);
        return "'" + Quoting.quote(this.name) + "' in namespace '" + Quoting.quote(this.namespace)
                + "' (" + origin + ")";
    }
}
