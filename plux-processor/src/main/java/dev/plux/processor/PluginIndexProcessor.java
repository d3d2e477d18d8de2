package dev.plux.processor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

import org.jspecify.annotations.Nullable;

/**
 * Writes {@code META-INF/plux/entry_points.txt} for the {@code @PluginName} and {@code @PluginFunction} elements of
 * a compilation, so the plux runtime finds the plugins without scanning the class path.
 *
 * <p>Put it on the annotation processor path (or add plux-processor as a {@code provided} dependency), annotate:
 * <pre>{@code
 * @PluginNamespace("my.plugins.cli")
 * public interface CliPlugin extends Plugin { }
 *
 * @PluginName("my")
 * public class MyCliPlugin implements CliPlugin { }
 * }</pre>
 * and the build writes
 * <pre>
 * [my.plugins.cli]
 * my = com.example.MyCliPlugin
 * </pre>
 *
 * <p>The annotated elements of every round are read in the last one, when every processor of the build has run
 * (what Lombok adds to a class, or another processor generates for it, is there whichever processor comes first), and
 * the index is written once, sorted by namespace then name. Misuse is reported as a compile error on the element. An
 * element that depends on a type or constant another processor never generates is left out: javac's own "cannot find
 * symbol" is the only error. On an incremental compilation the previous index in the class output is merged: an
 * entry is kept when its class still exists and was not recompiled. Entries of a hand-written index (which Maven
 * copies into the class output before compiling) are never dropped: one whose class is not on the compile class path
 * is kept and reported as a compile warning naming the file, the line and the class; one that clashes with an
 * annotated plugin of the same namespace and name is a compile error. A copy of a generated index found among the
 * project's resources is a compile warning naming it. plux-processor's README tells the rest.
 */
public class PluginIndexProcessor extends AbstractProcessor {

    private final Map<String, List<IndexEntry>> discovered = new LinkedHashMap<>();

    private final Set<String> compiledTypes = new HashSet<>();

    /** The named modules of this compilation's types, by name: in a multi-module compilation each gets an index. */
    private final Set<String> compiledModules = new TreeSet<>();

    /** A few top-level types of this compilation, whose source files tell where its resources are. */
    private final List<TypeElement> someTopLevelTypes = new ArrayList<>();

    /** How many top-level types are kept to find their source root (the first one usually answers). */
    private static final int MAX_TOP_LEVEL_TYPES = 16;

    /**
     * The annotated elements of every round, read in the last one: by then every processor of the build has run, so
     * what another processor changed in a class (Lombok's constructors and static members) or generated for it is
     * there, whatever the order of the processors.
     */
    private final LaterRounds laterRounds = new LaterRounds();

    private @Nullable PluginDiscovery discovery;

    /** Creates the processor; the compiler does this through {@link java.util.ServiceLoader}. */
    public PluginIndexProcessor() {
    }

    /**
     * The annotations this processor reads: {@code dev.plux.core.PluginName}, {@code PluginNamespace} and
     * {@code PluginFunction}.
     *
     * @return their qualified names
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(PluginDiscovery.PLUGIN_NAME, PluginDiscovery.PLUGIN_NAMESPACE, PluginDiscovery.PLUGIN_FUNCTION);
    }

    /**
     * The options this processor reads: {@code -Aplux.nativeImage=<group>/<artifact>} also writes GraalVM
     * native-image metadata for the index (plux-processor's README, "Native images without Spring").
     *
     * @return the option names
     */
    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(NativeImageMetadata.OPTION);
    }

    /**
     * The processor only reads declarations, so it supports every source version of the compiler it runs in.
     *
     * @return {@link SourceVersion#latestSupported()}
     */
    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * Prepares discovery for this compilation.
     *
     * @param processingEnv the compiler's environment
     */
    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        this.discovery = new PluginDiscovery(processingEnv);
    }

    /**
     * Collects the entries of this round; in the last round, merges them with the previous index and writes it.
     *
     * @param annotations the plux annotations present in this round
     * @param roundEnv the round
     * @return {@code false}: other processors may claim the same annotations
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        PluginDiscovery discovery = this.discovery;
        if (discovery == null) {
            throw new IllegalStateException("init(ProcessingEnvironment) was not called");
        }
        Elements elements = this.processingEnv.getElementUtils();
        for (TypeElement root : ElementFilter.typesIn(roundEnv.getRootElements())) {
            addCompiledTypes(root, elements);
            ModuleElement module = elements.getModuleOf(root);
            if (module != null && !module.isUnnamed()) {
                this.compiledModules.add(module.getQualifiedName().toString());
            }
            if (this.someTopLevelTypes.size() < MAX_TOP_LEVEL_TYPES && root.getEnclosingElement() != null
                    && root.getEnclosingElement().getKind() == ElementKind.PACKAGE) {
                this.someTopLevelTypes.add(root);
            }
        }
        for (TypeElement annotation : annotations) {
            String annotationName = annotation.getQualifiedName().toString();
            if (!annotationName.equals(PluginDiscovery.PLUGIN_NAME)
                    && !annotationName.equals(PluginDiscovery.PLUGIN_FUNCTION)) {
                // @PluginNamespace is read from the hierarchy of each @PluginName class
                continue;
            }
            for (Element element : roundEnv.getElementsAnnotatedWith(annotation)) {
                // not read now: a processor after this one in the same round may still change the class (Lombok
                // adds a constructor, or makes a method static, in the tree javac enters anew for the next round)
                this.laterRounds.putAside(element, annotationName, elements);
            }
        }
        if (roundEnv.processingOver()) {
            for (LaterRounds.Found found : this.laterRounds.takeWaiting(elements)) {
                read(discovery, found.element(), found.annotation());
            }
            writeIndex(discovery, elements);
        }
        return false;
    }

    /**
     * Reads a {@code @PluginName} or {@code @PluginFunction} element as the last round sees it. An element that
     * depends on a type or constant that still does not exist is left out: javac reports the missing symbol itself.
     */
    private void read(PluginDiscovery discovery, Element element, String annotationName) {
        AnnotationMirror annotation = AnnotationLookup.annotation(element, annotationName);
        if (annotation == null) {
            return;
        }
        if (LaterRounds.isIncomplete(element, annotation)) {
            return;
        }
        Optional<IndexEntry> entry = annotationName.equals(PluginDiscovery.PLUGIN_NAME)
                ? discovery.pluginName(element) : discovery.pluginFunction(element);
        entry.ifPresent(this::add);
    }

    private void add(IndexEntry entry) {
        this.discovered.computeIfAbsent(entry.namespace() + "\u0000" + entry.name(), (key) -> new ArrayList<>())
            .add(entry);
    }

    private void addCompiledTypes(TypeElement type, Elements elements) {
        this.compiledTypes.add(elements.getBinaryName(type).toString());
        for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
            addCompiledTypes(nested, elements);
        }
    }

    private void writeIndex(PluginDiscovery discovery, Elements elements) {
        if (!ModuleOutputs.isMultiModule(this.processingEnv.getFiler())) {
            writeIndex(discovery, elements, "", this.discovered.values());
            return;
        }
        // javac --module-source-path: one class output per module, each module's jar with the index of its plugins
        Map<String, List<List<IndexEntry>>> byModule = new TreeMap<>();
        this.compiledModules.forEach((module) -> byModule.put(module, new ArrayList<>()));
        for (List<IndexEntry> sameName : this.discovered.values()) {
            // one name in two modules is one entry in each of two jars, not a duplicate in one
            Map<String, List<IndexEntry>> split = new TreeMap<>();
            for (IndexEntry entry : sameName) {
                split.computeIfAbsent(ModuleOutputs.moduleOf(entry, elements), (module) -> new ArrayList<>())
                    .add(entry);
            }
            split.forEach((module, entries) -> byModule.computeIfAbsent(module, (key) -> new ArrayList<>())
                .add(entries));
        }
        byModule.forEach((module, entries) -> writeIndex(discovery, elements, module + "/", entries));
    }

    /**
     * Merges the discovered entries with the previous index of one class output and writes it there.
     *
     * @param moduleAndPackage the Filer's module prefix of the class output: {@code ""} in a single-module (or
     *        class-path) compilation, {@code "module/"} in a multi-module one
     * @param discovered the entries, grouped by namespace and name
     */
    private void writeIndex(PluginDiscovery discovery, Elements elements, String moduleAndPackage,
            Collection<List<IndexEntry>> discovered) {
        SortedMap<String, SortedMap<String, IndexEntry>> index = new TreeMap<>();
        for (List<IndexEntry> sameName : discovered) {
            IndexEntry first = sameName.get(0);
            if (sameName.size() > 1) {
                for (IndexEntry entry : sameName) {
                    List<String> others = sameName.stream()
                        .filter((other) -> other != entry)
                        .map(IndexEntry::value)
                        .toList();
                    discovery.error("duplicate plugin " + entry.describe() + ": the name is also used by "
                            + String.join(", ", others) + "; plugin names must be unique in a namespace",
                            entry.element());
                }
            }
            put(index, first);
        }
        HandWrittenLines.Source handWritten = ResourceCopy.handWrittenSource(this.processingEnv.getFiler(),
                this.someTopLevelTypes, elements);
        EntryPointsFile.@Nullable Previous previous;
        try {
            previous = EntryPointsFile.readPrevious(this.processingEnv.getFiler(), moduleAndPackage);
        }
        catch (IOException ex) {
            // the processor writes UTF-8: a file it cannot read is the user's, which a clean build copies again
            discovery.error((handWritten.file() != null)
                    ? "cannot read the hand-written " + handWritten.file() + ", which the build copies into the class"
                            + " output: " + ex.getMessage()
                    : "cannot read the previous " + EntryPointsFile.LOCATION + " from the class output: " + ex
                            + "; clean the build output and rebuild", null);
            return;
        }
        Path handWrittenFile = (previous == null && moduleAndPackage.isEmpty())
                ? ResourceCopy.mavenHandWrittenIndex(this.processingEnv.getFiler()) : null;
        if (handWrittenFile != null) {
            // Maven deleted its copy in the class output (an incremental build removes what the last compilation
            // created, the index among them): read what it copied
            try {
                previous = EntryPointsFile.read(handWrittenFile);
            }
            catch (IOException ex) {
                discovery.error("cannot read the hand-written " + handWrittenFile + ": " + ex.getMessage(), null);
                return;
            }
        }
        if (previous != null && !previous.generated() && moduleAndPackage.isEmpty()) {
            // the build copied a hand-written index over the generated one, and may compile only changed sources
            addUncompiledPlugins(discovery, elements, index);
        }
        for (Path copy : ResourceCopy.find(this.processingEnv.getFiler(), this.someTopLevelTypes, elements)) {
            discovery.warning(ResourceCopy.warning(copy));
        }
        List<EntryPointsFile.Line> notEntries = new ArrayList<>((previous != null) ? previous.notEntries()
                : List.of());
        for (EntryPointsFile.Line line : notEntries) {
            discovery.warning(HandWrittenLines.notAnEntry(line, handWritten));
        }
        KeptEntries keptEntries = new KeptEntries(elements, this.processingEnv.getTypeUtils(), discovery, handWritten,
                this.compiledTypes);
        for (IndexEntry previousEntry : (previous != null) ? previous.entries() : List.<IndexEntry>of()) {
            IndexEntry kept = keptEntries.current(previousEntry);
            if (kept == null) {
                continue;
            }
            IndexEntry current = index.getOrDefault(kept.namespace(), new TreeMap<>()).get(kept.name());
            if (current == null) {
                put(index, kept);
            }
            else if (current.element() == null) {
                // two entries of the previous index (a hand-written file may repeat a name): the runtime takes the
                // first; the later line stays below it, where the runtime ignores it as it would have in the
                // hand-written file, and so the next build reads it back and warns again
                discovery.warning("ignoring duplicate plugin " + kept.describe(handWritten) + " in "
                        + EntryPointsFile.LOCATION + ": the name is already used by " + current.describe(handWritten));
                if (kept.handWritten()) {
                    notEntries.add(EntryPointsFile.Line.duplicate(kept));
                }
            }
            else if (!current.value().equals(kept.value())) {
                discovery.error("duplicate plugin " + current.describe() + ": the name is already used by "
                        + kept.describe(handWritten) + "; rename one of them, or remove the other entry"
                        + (kept.handWritten() ? " from the hand-written index" : " and rebuild cleanly"),
                        current.element());
            }
            else if (kept.handWritten()) {
                // the hand-written line says what the annotation says: listed once, but still as hand-written, so
                // that it stays when the annotation goes (the next build reads this index back, not the resource)
                put(index, new IndexEntry(current.namespace(), current.name(), current.value(), current.element(),
                        true, kept.line()));
            }
        }
        if (discovery.hasErrors()) {
            return;
        }
        if (index.isEmpty() && previous == null) {
            // e.g. an API module with only @PluginNamespace types: no index rather than an empty one
            return;
        }
        try {
            EntryPointsWriter.write(this.processingEnv.getFiler(), moduleAndPackage, index, notEntries);
        }
        catch (IOException ex) {
            discovery.error("cannot write " + EntryPointsFile.LOCATION + " to the class output: " + ex, null);
            return;
        }
        writeNativeImageMetadata(discovery, moduleAndPackage, index);
    }

    private void writeNativeImageMetadata(PluginDiscovery discovery, String moduleAndPackage,
            SortedMap<String, SortedMap<String, IndexEntry>> index) {
        String coordinates = this.processingEnv.getOptions().get(NativeImageMetadata.OPTION);
        if (coordinates == null) {
            return;
        }
        if (!NativeImageMetadata.isValid(coordinates)) {
            discovery.error("-A" + NativeImageMetadata.OPTION + "=" + coordinates + " must be <group>/<artifact>"
                    + " (letters, digits, '.', '_', '-'), the directory under META-INF/native-image/ to write to",
                    null);
            return;
        }
        List<IndexEntry> entries = new ArrayList<>();
        index.values().forEach((section) -> entries.addAll(section.values()));
        try {
            new NativeImageMetadata(this.processingEnv.getElementUtils(), this.processingEnv.getTypeUtils())
                .write(this.processingEnv.getFiler(), moduleAndPackage, coordinates, entries);
        }
        catch (IOException ex) {
            discovery.error("cannot write the native-image metadata to the class output: " + ex, null);
        }
    }

    /** Adds the plugins of the class output's classes not compiled now ({@link UncompiledPlugins}). */
    private void addUncompiledPlugins(PluginDiscovery discovery, Elements elements,
            SortedMap<String, SortedMap<String, IndexEntry>> index) {
        for (IndexEntry entry : UncompiledPlugins.find(this.processingEnv.getFiler(), elements, this.compiledTypes,
                discovery)) {
            IndexEntry current = index.getOrDefault(entry.namespace(), new TreeMap<>()).get(entry.name());
            if (current == null) {
                put(index, entry);
            }
            else {
                discovery.error("duplicate plugin " + current.describe() + ": the name is also used by "
                        + entry.value() + ", a class not compiled in this run; plugin names must be unique in a"
                        + " namespace (a class removed or renamed leaves its class file behind: rebuild cleanly)",
                        current.element());
            }
        }
    }

    private static void put(SortedMap<String, SortedMap<String, IndexEntry>> index, IndexEntry entry) {
        index.computeIfAbsent(entry.namespace(), (namespace) -> new TreeMap<>()).put(entry.name(), entry);
    }
}
