package dev.plux.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a jar bundle holds that nothing reads, warned of when the bundle is opened: jars packed inside it and an index
 * file under {@code META-INF/versions/N/}. Looked for only when the jar's directory points to either, since every
 * application with plugin directories opens every bundle jar.
 */
final class UnreadJarEntries {

    // the bundle's logger: these warnings are about opening a bundle, where its other warnings are
    private static final Logger logger = LoggerFactory.getLogger(Bundle.class);

    /**
     * Where the layouts of a jar of jars put them: a PF4J zip or a hand-made one ({@code lib/}), a Spring Boot jar
     * or war ({@code BOOT-INF/lib/}, {@code WEB-INF/lib/}). Looked up as directory entries, which build tools write.
     */
    private static final List<String> LIBRARY_DIRECTORIES = List.of("lib/", "BOOT-INF/lib/", "WEB-INF/lib/");

    /** How many entries of a jar a warning names at most: a fat jar of jars may hold hundreds. */
    private static final int MAX_NAMED_ENTRIES = 5;

    private UnreadJarEntries() {
    }

    /**
     * Whether opening a jar bundle goes through its entries for {@link #warn}: every application with
     * plugin directories opens every bundle jar, and a pass over a shaded jar's many thousand entries cost more than
     * half of what its opening costs without it. So the jar's directory, already read, is asked by name only: a jar
     * without an index of its own (warned about anyway), a multi-release jar, or one with a library directory
     * ({@link #LIBRARY_DIRECTORIES}) is gone through; a jar packed elsewhere in a jar with an index is not looked for
     * (a class missing from it is explained when a plugin fails on it, see {@link MissingClasses}).
     *
     * @param jar the bundle's jar, open
     * @param ownIndex whether it has {@link IndexFile#LOCATION}
     * @return whether to go through its entries
     */
    static boolean readsEntries(JarFile jar, boolean ownIndex) {
        if (!ownIndex || jar.isMultiRelease()) {
            return true;
        }
        for (String directory : LIBRARY_DIRECTORIES) {
            if (jar.getEntry(directory) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Warns of what a jar bundle holds that nothing reads, found in one pass over its entries (when
     * {@link #readsEntries} says it may hold any); each warning said once
     * per opening of the bundle, naming at most {@value #MAX_NAMED_ENTRIES} entries.
     * <ul>
     * <li>Jars packed inside it ({@code lib/x.jar}, as a fat jar of jars or a PF4J zip lays them out): its class
     * loader reads the classes and resources of the jar itself only, and their classes would be missing without a
     * word until a plugin failed on one.</li>
     * <li>An index file under {@code META-INF/versions/N/} of a multi-release jar (what a multi-release build writes
     * when it runs the annotation processor over a version's sources): the JDK versions no {@code META-INF/} entry,
     * so neither its class loader nor plux reads it, on any Java version, and its plugins were missing without a
     * word.</li>
     * </ul>
     *
     * @return whether the jar has no index of its own and a jar inside it has one: the no-index warning's advice (run
     * the annotation processor) would then not fit, and unpacking, which the nested-jar warning says, is the whole fix
     */
    static boolean warn(Path path, JarFile jar) {
        List<JarEntry> nestedEntries = new ArrayList<>();
        List<String> nested = new ArrayList<>();
        int nestedCount = 0;
        List<String> versionedIndexes = new ArrayList<>();
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (entry.isDirectory()) {
                continue;
            }
            // not lower-cased: a copy of every entry's name for the few that end in .jar
            if (name.regionMatches(true, name.length() - ".jar".length(), ".jar", 0, ".jar".length())) {
                nestedEntries.add(entry);
                nestedCount++;
                if (nested.size() < MAX_NAMED_ENTRIES) {
                    nested.add(Escaping.quote(name));
                }
            }
            else if (isVersionedIndex(name) && versionedIndexes.size() < MAX_NAMED_ENTRIES) {
                versionedIndexes.add(Escaping.quote(name));
            }
        }
        boolean nestedIndex = false;
        if (nestedCount > 0) {
            nestedIndex = jar.getJarEntry(IndexFile.LOCATION) == null && anyHoldsIndex(jar, nestedEntries);
            Collections.sort(nested);
            String more = (nestedCount > nested.size()) ? " and " + (nestedCount - nested.size()) + " more" : "";
            logger.warn("plugin bundle {} has jars inside it, {}{}, which are not read: a jar bundle's class loader"
                    + " reads the classes of the jar itself only; shade the libraries into the plugin's jar, or unpack"
                    + " the bundle into a directory bundle (its classes in classes/, the jars in lib/){}", Escaping.shown(path),
                    Escaping.shown(nested),
                    more, nestedIndex ? "; one of them holds the plugins' index (" + IndexFile.LOCATION + "), and the"
                            + " bundle has none of its own, so it declares no plugins" : "");
        }
        if (!versionedIndexes.isEmpty()) {
            Collections.sort(versionedIndexes);
            logger.warn("plugin bundle {} has {}, which is not read: the JDK versions no META-INF/ entry of a"
                    + " multi-release jar, so only {} declares plugins, on every Java version; merge its lines into"
                    + " {} (versioned classes are found by their names as usual)", Escaping.shown(path), versionedIndexes,
                    IndexFile.LOCATION, IndexFile.LOCATION);
        }
        return nestedIndex;
    }

    /** Whether one of the jars inside a jar holds an index file, read as a stream; one that cannot be read does not. */
    private static boolean anyHoldsIndex(JarFile jar, List<JarEntry> nested) {
        for (JarEntry entry : nested) {
            try (ZipInputStream in = new ZipInputStream(jar.getInputStream(entry))) {
                for (ZipEntry inner = in.getNextEntry(); inner != null; inner = in.getNextEntry()) {
                    if (inner.getName().equals(IndexFile.LOCATION)) {
                        return true;
                    }
                }
            }
            catch (IOException | RuntimeException ex) {
                // only a hint: the jar is not read either way
                logger.debug("cannot read {} inside plugin bundle {}: {}", Escaping.quote(entry.getName()),
                        Escaping.shown(jar.getName()), Escaping.shown(ex));
            }
        }
        return false;
    }

    /** Whether an entry is {@code META-INF/versions/<N>/META-INF/plux/entry_points.txt}. */
    static boolean isVersionedIndex(String name) {
        String prefix = "META-INF/versions/";
        String suffix = "/" + IndexFile.LOCATION;
        if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
            return false;
        }
        String version = name.substring(prefix.length(), name.length() - suffix.length());
        return version.chars().allMatch((c) -> c >= '0' && c <= '9');
    }
}
