package dev.plux.processor;

import java.nio.file.Path;

import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import org.jspecify.annotations.Nullable;

/**
 * Warns about the hand-written lines of an index that the runtime will not resolve. Such a line is kept whatever it
 * says (SPEC 0.2: a typo must not vanish from the jar silently), so each warning names the line in the hand-written
 * file, what the runtime will do with it, and what is likely wrong: a class not on the class path, a nested class
 * written with its canonical name, a class that is no plugin ({@link ClassEntryCheck}), a member the runtime does not
 * find or cannot use ({@link RuntimeMembers}).
 */
final class HandWrittenLines {

    private final Elements elements;

    private final Types types;

    private final PluginDiscovery discovery;

    /** How the warnings name the hand-written file ({@link ResourceCopy#handWrittenSource}). */
    private final Source source;

    HandWrittenLines(Elements elements, Types types, PluginDiscovery discovery, Source source) {
        this.elements = elements;
        this.types = types;
        this.discovery = discovery;
        this.source = source;
    }

    /** Warns about a hand-written entry when the runtime will not resolve it. */
    void check(IndexEntry entry) {
        String className = entry.className();
        TypeElement type = BinaryNames.typeElement(className, this.elements);
        String member = entry.member();
        TypeElement canonical = (type == null && isBinaryName(className)) ? this.elements.getTypeElement(className)
                : null;
        if (canonical != null) {
            // Outer.Inner: what Java source calls the class, but Class.forName wants Outer$Inner
            String binaryName = this.elements.getBinaryName(canonical).toString();
            this.discovery.warning(handWrittenLine(entry) + Quoting.quote(className) + " is the canonical name of a"
                    + " nested class; the runtime loads classes by their binary name: write " + binaryName
                    + ((member != null) ? ":" + Quoting.quote(member) : "") + "; " + keptButFails(entry));
        }
        else if (type == null) {
            this.discovery.warning(unknownHandWrittenClass(entry));
        }
        else if (member == null) {
            String problem = ClassEntryCheck.problem(type, this.elements, this.types);
            if (problem != null) {
                this.discovery.warning(handWrittenLine(entry) + problem + "; " + keptButFails(entry));
            }
        }
        else {
            RuntimeMembers.Problem problem = new RuntimeMembers(this.elements, this.types).problem(type, member);
            if (problem != null) {
                this.discovery.warning(handWrittenLine(entry) + problem.reason() + "; " + keptButFails(entry)
                        + (problem.nothingOfThatName() ? " (a typo in the member name?)" : ""));
            }
        }
    }

    /**
     * The warning for a hand-written line that is no entry, kept as written.
     *
     * @param source how to name the hand-written file ({@link ResourceCopy#handWrittenSource})
     */
    static String notAnEntry(EntryPointsFile.Line line, Source source) {
        String what = switch (line.kind()) {
            case OUTSIDE_SECTION -> "the line is outside any [namespace] section";
            case MALFORMED_HEADER -> "malformed section header (a namespace in [ ] of at most "
                    + EntryPointsFile.MAX_NAME_LENGTH + " characters, without control or format characters)";
            case BELOW_MALFORMED_HEADER -> "the line is below a malformed section header";
            default -> "the line has no usable plugin name (expected 'name = value', a name of at most "
                    + EntryPointsFile.MAX_NAME_LENGTH + " characters without control or format characters)";
        };
        String runtime = (line.kind() == EntryPointsFile.Kind.UNDECLARED)
                ? "reports it as a malformed entry of namespace '" + line.namespace() + "' and declares no plugin"
                : "ignores it";
        return handWrittenLine(source, line.handWrittenLine()) + what + "; the line '" + Quoting.quote(line.text())
                + "' is kept in the index as written, and the runtime " + runtime;
    }

    private String unknownHandWrittenClass(IndexEntry entry) {
        if (!isBinaryName(entry.className())) {
            return handWrittenLine(entry) + "'" + Quoting.quote(entry.value()) + "' is not a class name"
                    + " (binary.ClassName or binary.ClassName:member); " + keptButFails(entry);
        }
        return handWrittenLine(entry) + "class " + Quoting.quote(entry.className()) + " is not on the compile class"
                + " path; " + keptButFails(entry) + " unless the class is there then (a typo in the class name?)";
    }

    private String handWrittenLine(IndexEntry entry) {
        return handWrittenLine(this.source, entry.line());
    }

    private static String handWrittenLine(Source source, int line) {
        return "hand-written " + source.describe(line) + ": ";
    }

    /**
     * Where the hand-written index is, as far as the processor can tell ({@link ResourceCopy#handWrittenSource}).
     *
     * @param file the file among the project's resources, or {@code null} when it was not found there
     * @param convention the resource directory the build's convention gives the class output, such as
     *        {@code src/test/resources}
     */
    record Source(@Nullable Path file, String convention) {

        /**
         * {@code /p/src/main/resources/META-INF/plux/entry_points.txt line 4}, or, without the file,
         * {@code META-INF/plux/entry_points.txt line 4 (under src/main/resources by convention)}.
         */
        String describe(int line) {
            String lineText = (line > 0) ? " line " + line : "";
            return (this.file != null) ? this.file + lineText
                    : EntryPointsFile.LOCATION + lineText + " (under " + this.convention + " by convention)";
        }
    }

    private static String keptButFails(IndexEntry entry) {
        String name = Quoting.quote(entry.name());
        return "the line '" + name + " = " + Quoting.quote(entry.value()) + "' is kept in the index, but plugin '"
                + name + "' in namespace '" + Quoting.quote(entry.namespace()) + "' will fail to resolve at run time";
    }

    /** Whether the text has the shape of a binary class name: dot-separated Java identifiers. */
    private static boolean isBinaryName(String text) {
        for (String part : text.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                return false;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
