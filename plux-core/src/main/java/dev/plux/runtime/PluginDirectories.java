package dev.plux.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin directories of one manager and the bundles found in them on its first use, which the manager then
 * holds (so their class loaders live at least as long as the manager).
 *
 * <p>Order, for "first entry of a name wins": each directory in the order given, its bundles sorted by file name.
 * A bundle is a file whose name ends in {@code .jar} (any case), or a sub-directory with {@code classes/} or
 * {@code lib/}; symbolic links are followed, and a bundle reached twice (two links, or a directory given twice) is
 * used once.
 */
final class PluginDirectories {

    private static final Logger logger = LoggerFactory.getLogger(PluginDirectories.class);

    /** What makes a sub-directory a bundle. */
    private static final Set<String> BUNDLE_LAYOUT = Set.of("classes", "lib");

    /** Candidates whose real path could not be found (a dangling link), logged once until they resolve again. */
    private static final Set<Path> unresolved = ConcurrentHashMap.newKeySet();

    /** Directories found missing (or not directories), warned once until they are directories again. */
    private static final Set<Path> missing = ConcurrentHashMap.newKeySet();

    /**
     * Directories that could not be listed, with the failure last logged for each: logged once per failure until
     * the directory can be listed again or is found missing (a different failure, a disk error after a permission
     * problem, is news).
     */
    private static final Map<Path, String> unlistable = new ConcurrentHashMap<>();

    private final List<Path> directories;

    /** What set a directory (a property and where it was set), named in the warnings about it; by the path given. */
    private final Map<Path, String> origins;

    private final ClassLoader parent;

    private final Object lock = new Object();

    private volatile @Nullable List<Bundle> bundles;

    PluginDirectories(List<Path> directories, ClassLoader parent) {
        this(directories, Map.of(), parent);
    }

    PluginDirectories(List<Path> directories, Map<Path, String> origins, ClassLoader parent) {
        this.directories = List.copyOf(directories);
        this.origins = Map.copyOf(origins);
        this.parent = parent;
    }

    /**
     * A directory as given, once checked to be on the default file system: a bundle's class loader reads local
     * files, so a bundle inside a zip file system (or any other) could only fail, one unhelpful error per bundle.
     *
     * @param directory the directory
     * @return the directory
     * @throws IllegalArgumentException if it is on another file system
     */
    static Path checked(Path directory) {
        if (directory.getFileSystem() != FileSystems.getDefault()) {
            throw new IllegalArgumentException("plugin directory " + directory.toUri() + " is not on the default"
                    + " file system: bundles are read by class loaders from local files; unpack it to a directory");
        }
        return directory;
    }

    /** The directories, in the order given. */
    List<Path> directories() {
        return this.directories;
    }

    /** The parent of every bundle's class loader. */
    ClassLoader parent() {
        return this.parent;
    }

    /**
     * The bundles of every directory, found and opened on the first call.
     *
     * @return the bundles in order; those that cannot be opened are left out (logged)
     */
    List<Bundle> bundles() {
        List<Bundle> found = this.bundles;
        if (found == null) {
            synchronized (this.lock) {
                found = this.bundles;
                if (found == null) {
                    found = open();
                    this.bundles = found;
                }
            }
        }
        return found;
    }

    private List<Bundle> open() {
        List<Bundle> opened = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        // a sub-directory that is a plugin directory itself is read as one: no warning that it is not read
        Set<Path> given = new HashSet<>();
        for (Path directory : this.directories) {
            given.add(directory.toAbsolutePath().normalize());
            // and where it really is: a link in another plugin directory to it (or a link to the directory itself)
            // is that directory, read already
            try {
                given.add(directory.toRealPath());
            }
            catch (IOException | RuntimeException ex) {
                // missing or unreadable: warned about when it is listed
            }
        }
        for (Path directory : this.directories) {
            for (Path candidate : candidates(directory, this.origins.get(directory), given)) {
                Path real;
                try {
                    real = candidate.toRealPath();
                    unresolved.remove(candidate.toAbsolutePath());
                }
                catch (IOException | RuntimeException ex) {
                    // once per JVM, as a bundle that cannot be opened (BundleCache): every manager meets it again;
                    // named absolute, as every other bundle is, whatever the directory was given as
                    Path absolute = candidate.toAbsolutePath().normalize();
                    if (unresolved.add(candidate.toAbsolutePath())) {
                        logger.error("cannot open plugin bundle {}; skipping it: {}", Escaping.shown(absolute),
                                Escaping.shown(why(candidate, ex)));
                    }
                    else {
                        logger.debug("plugin bundle {} still cannot be opened: {}", Escaping.shown(absolute),
                                Escaping.shown(ex));
                    }
                    continue;
                }
                if (!seen.add(real)) {
                    logger.debug("plugin bundle {} is {}, used already", Escaping.shown(candidate), Escaping.shown(real));
                    continue;
                }
                Bundle bundle = BundleCache.bundle(real, this.parent);
                if (bundle != null) {
                    opened.add(bundle);
                }
            }
        }
        logger.debug("plugin directories {}: {} bundles", Escaping.shown(this.directories), opened.size());
        return List.copyOf(opened);
    }

    /**
     * Why a bundle's real path could not be found: for a symbolic link whose target is missing (a jar linked from a
     * release directory that was cleaned up), the target, which the JDK's {@code NoSuchFileException} does not name.
     */
    private static String why(Path candidate, Exception ex) {
        if (ex instanceof NoSuchFileException && Files.isSymbolicLink(candidate)) {
            try {
                Path target = candidate.toAbsolutePath().resolveSibling(Files.readSymbolicLink(candidate)).normalize();
                return "it is a symbolic link to " + target + ", which does not exist";
            }
            catch (IOException | RuntimeException unreadable) {
                // the JDK's message, then
            }
        }
        return ex.toString();
    }

    /**
     * The bundles of one directory, sorted by file name, not opened yet.
     *
     * @param directory the plugin directory
     * @return the paths of its bundles (as listed, links not resolved); none, with a warning (once per JVM until
     * it is a directory), when the directory is missing or is not a directory
     */
    static List<Path> candidates(Path directory) {
        return candidates(directory, null);
    }

    /**
     * As {@link #candidates(Path)}, naming what set the directory in the warning or error about it.
     *
     * @param directory the plugin directory
     * @param origin what set it (a property and where it was set), or {@code null}
     * @return the paths of its bundles
     */
    static List<Path> candidates(Path directory, @Nullable String origin) {
        return candidates(directory, origin, Set.of());
    }

    /**
     * As {@link #candidates(Path, String)}, without the warning about a sub-directory with jars that is not read
     * for the plugin directories given with it.
     *
     * @param directory the plugin directory
     * @param origin what set it (a property and where it was set), or {@code null}
     * @param given the plugin directories read besides, absolute and normalized
     * @return the paths of its bundles
     */
    private static List<Path> candidates(Path directory, @Nullable String origin, Set<Path> given) {
        Path absolute = directory.toAbsolutePath().normalize();
        // the path, and what set it: a relative plux.plugin-directories item is only recognizable by its property
        String named = Escaping.shown(absolute) + ((origin != null) ? " (set by " + Escaping.escape(origin) + ")" : "");
        if (!Files.isDirectory(directory)) {
            String what = Files.exists(directory) ? "is not a directory" : "does not exist" + unexpanded(absolute);
            // once per JVM, as a bundle that cannot be opened: every manager (of a Spring context: all) meets it
            if (missing.add(absolute)) {
                logger.warn("plugin directory {} {}; no plugins from it (said once until it is a directory)",
                        named, what);
            }
            else {
                logger.debug("plugin directory {} still {}", Escaping.shown(absolute), Escaping.shown(what));
            }
            // a directory made again is another directory: a listing failure of it is news again, and so is a
            // sub-directory of it laid out wrong
            unlistable.remove(absolute);
            PluginDirectoryLayout.forget(absolute);
            return List.of();
        }
        missing.remove(absolute);
        List<Path> candidates = new ArrayList<>();
        List<String> layout = new ArrayList<>();
        Set<Path> stillNotBundles = new HashSet<>();
        Set<Path> stillZips = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (isBundle(file)) {
                    candidates.add(file);
                }
                else if (Files.isDirectory(file) && BUNDLE_LAYOUT.contains(file.getFileName().toString())) {
                    layout.add(file.getFileName() + "/");
                }
                else if (Files.isDirectory(file) && !Bundle.isHidden(file) && !isGiven(file, given)) {
                    Path sub = file.toAbsolutePath().normalize();
                    if (PluginDirectoryLayout.warnIfJarsInside(sub)) {
                        stillNotBundles.add(sub);
                    }
                }
                else if (PluginDirectoryLayout.isZip(file)) {
                    Path zip = file.toAbsolutePath().normalize();
                    stillZips.add(zip);
                    PluginDirectoryLayout.warnOfZip(zip, named);
                }
                else {
                    logger.debug("{} in plugin directory {} is not a bundle; ignoring it",
                            Escaping.shown(file.getFileName()), Escaping.shown(directory));
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // once per JVM and failure, as a missing directory: every manager (of a Spring context: all) meets it
            String failure = ex.toString();
            if (!failure.equals(unlistable.put(absolute, failure))) {
                logger.error("cannot list plugin directory {}; no plugins from it (said once until it can be listed"
                        + " or fails otherwise): {}", named, Escaping.shown(failure));
            }
            else {
                logger.debug("plugin directory {} still cannot be listed: {}", Escaping.shown(absolute),
                        Escaping.shown(failure));
            }
            return List.of();
        }
        unlistable.remove(absolute);
        // those warned about that are fixed now (a bundle, no jars) or gone (deleted, hidden, given as a plugin
        // directory): the warning is due again should they be laid out wrong again
        PluginDirectoryLayout.forgetFixed(absolute, stillNotBundles, stillZips);
        PluginDirectoryLayout.warnIfBundleLike(absolute, named, layout);
        candidates.sort(Comparator.comparing((file) -> file.getFileName().toString()));
        return candidates;
    }

    /**
     * A hint for a missing directory whose path starts with what only a shell expands: a {@code ~}
     * ({@code ~/plugins}, {@code ~deploy/plugins}) or a {@code $} ({@code $HOME/plugins}, {@code ${PLUGINS}}), as a
     * start script's or an environment variable's value passes it on unexpanded. Java takes them literally, so the
     * directory looked for is one named {@code ~} in the working directory. Only a relative path's first name counts
     * (Spring hands {@code plux.plugin-directories} on resolved against the working directory): a {@code ~} or
     * {@code $} further on ({@code /ci/build$1/plugins}) is a real directory's name.
     *
     * @param absolute the directory, absolute and normalized
     * @return the hint, starting with a space, or an empty string
     */
    static String unexpanded(Path absolute) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (!absolute.startsWith(workingDirectory) || absolute.equals(workingDirectory)) {
            return "";
        }
        String first = workingDirectory.relativize(absolute).getName(0).toString();
        if (!first.startsWith("~") && !first.startsWith("$")) {
            return "";
        }
        return " (its path starts with '" + Escaping.escape(first) + "', which only a shell expands: Java does not"
                + " expand '~' or environment variables; give the expanded path, or, in Spring configuration,"
                + " ${user.home} or ${HOME}, which Spring resolves)";
    }

    /**
     * Why the directories gave no bundle, for the warning about a namespace nothing declares: each directory and
     * what it is ({@code /srv/app/plugins does not exist}), read again now without logging.
     *
     * @return one per directory, in the order given
     */
    List<NoBundle> withoutBundles() {
        List<NoBundle> descriptions = new ArrayList<>();
        for (Path directory : this.directories) {
            String what;
            boolean unreadable = false;
            if (!Files.exists(directory)) {
                what = "does not exist" + unexpanded(directory.toAbsolutePath().normalize());
            }
            else if (!Files.isDirectory(directory)) {
                what = "is not a directory";
            }
            else {
                boolean any = false;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                    for (Path file : files) {
                        any |= isBundle(file);
                    }
                    what = any ? "has bundles that could not be opened (see the errors logged for them)"
                            : "has none (no *.jar, no bundle directory)";
                }
                catch (IOException | RuntimeException ex) {
                    any = true;
                    what = "cannot be listed (see the error logged for it)";
                }
                unreadable = any;
            }
            descriptions.add(new NoBundle(directory, what, unreadable));
        }
        return descriptions;
    }

    /**
     * A plugin directory that gave no bundle, and why.
     *
     * @param directory the directory as given (relative ones are resolved against the working directory)
     * @param why what it is: missing, not a directory, empty, or what it holds could not be read
     * @param unreadable whether bundles are there (or may be) but could not be read, each with an error logged: then
     *        the plugins are where the manager looks, and the errors are what to fix
     */
    record NoBundle(Path directory, String why, boolean unreadable) {

        @Override
        public String toString() {
            return this.directory.toAbsolutePath().normalize() + " " + this.why;
        }
    }

    /** Whether a sub-directory is one of the plugin directories given, as named or where it really is. */
    private static boolean isGiven(Path directory, Set<Path> given) {
        if (given.isEmpty()) {
            return false;
        }
        if (given.contains(directory.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return given.contains(directory.toRealPath());
        }
        catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    private static boolean isBundle(Path file) {
        if (Files.isDirectory(file)) {
            return Files.isDirectory(file.resolve("classes")) || Files.isDirectory(file.resolve("lib"));
        }
        // not only regular files: a dangling link or a special file named *.jar fails to open, with an error
        return Bundle.isJarName(file);
    }

    @Override
    public String toString() {
        return "PluginDirectories" + this.directories;
    }
}
