package dev.plux.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What in a plugin directory looks meant as a bundle but is laid out so that plux does not read it (a directory
 * bundle given as the plugin directory, a sub-directory of jars without {@code lib/}, a plugin zip), so that its
 * plugins are not missing without a word. Each is warned once per JVM until it is seen fixed or gone, as every manager
 * (of a Spring context: all) lists the same directories. Logged under {@link PluginDirectories}' name, as before.
 */
final class PluginDirectoryLayout {

    private static final Logger logger = LoggerFactory.getLogger(PluginDirectories.class);

    /** Directories with a top-level classes/ or lib/ that is not a bundle, warned once. */
    private static final Set<Path> bundleLike = ConcurrentHashMap.newKeySet();

    /**
     * Sub-directories of plugin directories that hold jars but are no bundles, warned about already: warned once
     * until one is seen fixed (a bundle, or without jars) or gone, so that breaking it again is news.
     */
    private static final Set<Path> notBundles = ConcurrentHashMap.newKeySet();

    /**
     * Zip files in plugin directories (a PF4J plugin zip, a downloaded distribution), warned about already: once
     * until the file is gone, so that dropping it again is news.
     */
    private static final Set<Path> zips = ConcurrentHashMap.newKeySet();

    private PluginDirectoryLayout() {
    }

    /**
     * Forgets the warnings about what a plugin directory held, when it is no directory any more: made again, it is
     * another directory, and a sub-directory or zip laid out wrong in it is news again.
     */
    static void forget(Path directory) {
        notBundles.removeIf((sub) -> directory.equals(sub.getParent()));
        zips.removeIf((zip) -> directory.equals(zip.getParent()));
    }

    /**
     * Forgets the warnings about what a plugin directory no longer holds laid out wrong: fixed (a bundle, no jars) or
     * gone (deleted, hidden, given as a plugin directory), so that the warning is due again should it come back.
     *
     * @param directory the plugin directory, absolute and normalized
     * @param stillNotBundles its sub-directories that still hold jars without being bundles
     * @param stillZips its zip files
     */
    static void forgetFixed(Path directory, Set<Path> stillNotBundles, Set<Path> stillZips) {
        notBundles.removeIf((sub) -> directory.equals(sub.getParent()) && !stillNotBundles.contains(sub));
        zips.removeIf((zip) -> directory.equals(zip.getParent()) && !stillZips.contains(zip));
    }

    /**
     * Whether a file is named {@code *.zip}, in any case (a plugin zip as PF4J takes it, which plux does not read),
     * and is to be warned about: not a hidden one ({@code .backup.zip}, a tool's {@code .download.zip}, a bare
     * {@code .zip}), which is kept there on purpose, as a hidden sub-directory is, and is the way to silence the
     * warning.
     */
    static boolean isZip(Path file) {
        String name = file.getFileName().toString();
        return name.regionMatches(true, name.length() - 4, ".zip", 0, 4) && !Bundle.isHidden(file)
                && !Files.isDirectory(file);
    }

    /**
     * A zip file in a plugin directory is not read (PF4J unpacks a plugin zip; plux reads jars and directory
     * bundles only): its plugins would be missing without a word, next to bundles that work. Warned once per JVM
     * until it is gone.
     */
    static void warnOfZip(Path zip, String named) {
        if (zips.add(zip)) {
            String name = zip.getFileName().toString();
            logger.warn("{}, in plugin directory {}, is a zip file, which is not read (a plugin directory's bundles are"
                    + " its *.jar files and its sub-directories with classes/ or lib/); if it holds a plugin (a PF4J"
                    + " plugin zip has classes/ and lib/), unpack it into {} so that its classes/ and lib/ are"
                    + " directly inside; to keep it there unread, give it a name starting with '.' or move it into a"
                    + " sub-directory whose name does", Escaping.shown(zip), named,
                    Escaping.shown(zip.resolveSibling(name.substring(0, name.length() - 4))));
        }
    }

    /**
     * A plugin directory with {@code classes/} or {@code lib/} of its own (not bundles) is most likely a directory
     * bundle given instead of the directory that holds it: nothing in those is read. Warned once per JVM.
     */
    static void warnIfBundleLike(Path directory, String named, List<String> layout) {
        if (layout.isEmpty()) {
            bundleLike.remove(directory);
            return;
        }
        if (bundleLike.add(directory)) {
            Collections.sort(layout);
            Path parent = directory.getParent();
            // a root (plugin-directories=/, whose lib/ is the system's) has no directory holding it to suggest
            String advice = (parent != null)
                    ? "; if it is a directory bundle itself, give the directory that holds it ("
                            + Escaping.shown(parent) + ") as the plugin directory"
                    : "; it is a file system's root, which holds no bundles: give a directory of plugins instead";
            logger.warn("plugin directory {} has {} at its top level, which is not read (only its bundles are: each"
                    + " *.jar, each sub-directory with classes/ or lib/){}", named,
                    Escaping.shown(String.join(" and ", layout)), advice);
        }
    }

    /**
     * A sub-directory that is not a bundle but holds jars (at its top level, or one level down as in {@code libs/})
     * is most likely a directory bundle laid out wrong: without {@code classes/} or {@code lib/} nothing in it is
     * read, and its plugins would be missing without a word. Warned once until it is seen fixed or gone. A hidden
     * one ({@code .disabled/}, a tool's {@code .cache/}) is passed over: put aside on purpose, and the operator's way
     * to keep jars there quietly.
     *
     * An unpacked jar (an index file at its top) is warned about instead ({@link #warnUnpackedJar}).
     *
     * @return whether it still counts as warned about: it holds jars or an index file at its top, or it cannot be
     * listed (which says nothing)
     */
    static boolean warnIfJarsInside(Path directory) {
        if (Files.isRegularFile(directory.resolve(IndexFile.LOCATION))) {
            warnUnpackedJar(directory);
            return true;
        }
        List<String> jars = new ArrayList<>();
        try {
            jars.addAll(Bundle.jarsIn(directory, ""));
            try (DirectoryStream<Path> below = Files.newDirectoryStream(directory,
                    (file) -> Files.isDirectory(file) && !Bundle.isHidden(file))) {
                for (Path sub : below) {
                    jars.addAll(Bundle.jarsIn(sub, sub.getFileName() + "/"));
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // only a hint: the directory is not a bundle either way
            logger.debug("cannot list {} in a plugin directory: {}", Escaping.shown(directory), Escaping.shown(ex));
            return true;
        }
        if (jars.isEmpty()) {
            logger.debug("{} in a plugin directory is not a bundle and holds no jar; ignoring it",
                    Escaping.shown(directory));
            return false;
        }
        if (notBundles.add(directory)) {
            Collections.sort(jars);
            logger.warn("{} in a plugin directory has {} but neither classes/ nor lib/, so it is not a bundle and is"
                    + " not read; to make it a directory bundle, move the jars into {} (or put a self-contained"
                    + " plugin jar directly into the plugin directory); to keep jars aside there, give the directory a"
                    + " name starting with '.'", Escaping.shown(directory), Escaping.shown(jars),
                    Escaping.shown(directory.resolve("lib")));
        }
        return true;
    }

    /**
     * A sub-directory with an index file at its top ({@code META-INF/plux/entry_points.txt} beside the class
     * packages) is a plugin jar unpacked as it is (or a directory named like one): a directory bundle reads
     * {@code classes/} and {@code lib/} only, so its plugins would be missing without a word. Warned once until it is
     * seen fixed or gone, as a sub-directory of jars is.
     */
    private static void warnUnpackedJar(Path directory) {
        if (notBundles.add(directory)) {
            logger.warn("{} in a plugin directory has {} at its top level (an unpacked jar?) but neither classes/ nor"
                    + " lib/, so it is not a bundle and is not read; to make it a directory bundle, move what it holds"
                    + " (META-INF/ and the class packages) into {}, or pack it into a jar; to keep it there unread,"
                    + " give the directory a name starting with '.'", Escaping.shown(directory), IndexFile.LOCATION,
                    Escaping.shown(directory.resolve("classes")));
        }
    }
}
