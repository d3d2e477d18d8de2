package dev.plux.processor;

import java.util.Set;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import org.jspecify.annotations.Nullable;

/**
 * What becomes of an entry of the previous index in an incremental compilation. A hand-written entry always stays (a
 * warning names it when the runtime will not resolve it, {@link HandWrittenLines}); an entry written for an annotation
 * stays while its class still exists and was not compiled in this run, which produced its entries afresh.
 *
 * <p>A kept class entry takes the namespace its class inherits now: javac recompiles a changed supertype without the
 * classes that implement it (an IDE, Maven without incremental compilation), so a {@code @PluginNamespace} changed on
 * an interface would otherwise leave its plugins in the old namespace, where no manager of the new one finds them.
 */
final class KeptEntries {

    private final Elements elements;

    private final Types types;

    private final PluginDiscovery discovery;

    private final HandWrittenLines.Source handWritten;

    /** The binary names of the types compiled in this run. */
    private final Set<String> compiledTypes;

    KeptEntries(Elements elements, Types types, PluginDiscovery discovery, HandWrittenLines.Source handWritten,
            Set<String> compiledTypes) {
        this.elements = elements;
        this.types = types;
        this.discovery = discovery;
        this.handWritten = handWritten;
        this.compiledTypes = compiledTypes;
    }

    /**
     * The entry as this build lists it, or {@code null} when it is dropped: its class was compiled in this run (its
     * annotations said what it is now), no longer exists, or no longer inherits a namespace (an error, as in a full
     * build).
     */
    @Nullable IndexEntry current(IndexEntry entry) {
        if (entry.handWritten()) {
            // a hand-written line is never dropped (SPEC 0.2): a typo must not vanish from the jar silently
            new HandWrittenLines(this.elements, this.types, this.discovery, this.handWritten).check(entry);
            return entry;
        }
        if (this.compiledTypes.contains(entry.className())) {
            return null;
        }
        TypeElement type = BinaryNames.typeElement(entry.className(), this.elements);
        if (type == null) {
            return null;
        }
        return (entry.member() == null) ? withCurrentNamespace(entry, type) : entry;
    }

    private @Nullable IndexEntry withCurrentNamespace(IndexEntry entry, TypeElement type) {
        AnnotationMirror annotation = AnnotationLookup.annotation(type, PluginDiscovery.PLUGIN_NAME);
        if (annotation == null || LaterRounds.isIncomplete(type, annotation)
                || !AnnotationLookup.stringValue(this.elements, annotation, "value").equals(entry.name())
                || !AnnotationLookup.stringValue(this.elements, annotation, "namespace").isEmpty()) {
            // not an inherited namespace (or not the class this entry was written for), or a supertype missing from
            // this compile class path that may give it: the class file, unchanged by this run, says what it said then
            return entry;
        }
        String what = "@PluginName(\"" + Quoting.quote(entry.name()) + "\") class " + type.getQualifiedName()
                + " (kept from the previous build's index)";
        String namespace = this.discovery.inheritedNamespace(type);
        if (namespace == null) {
            // javac gives no position for a class it did not compile: the message names the class instead
            this.discovery.error(what + " has no namespace any more: its supertypes as compiled now no longer give"
                    + " it the namespace '" + Quoting.quote(entry.namespace()) + "'; set @PluginName(value = \""
                    + Quoting.quote(entry.name()) + "\", namespace = \"...\") or put @PluginNamespace(\"...\") on one"
                    + " of its supertypes", type);
            return null;
        }
        String problem = Names.problemWithNamespace(namespace);
        if (problem != null) {
            this.discovery.error(what + ": invalid namespace '" + Quoting.quote(namespace) + "': " + problem, type);
            return null;
        }
        return namespace.equals(entry.namespace()) ? entry
                : new IndexEntry(namespace, entry.name(), entry.value(), null, false);
    }
}
