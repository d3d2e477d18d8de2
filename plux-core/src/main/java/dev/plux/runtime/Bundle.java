package dev.plux.runtime;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bundle of a plugin directory: a jar, or a directory with {@code classes/} and/or {@code lib/*.jar}, with
 * its own {@link BundleClassLoader}, its distribution and its own index files. A bundle and its class loader
 * reach each other, so the bundle lives exactly as long as its loader (a manager, a plugin or a class of it).
 */
final class Bundle {

    private static final Logger logger = LoggerFactory.getLogger(Bundle.class);

    /** PF4J's extension index, which a plugin jar built for PF4J carries instead of plux's. */
    static final String PF4J_INDEX = "META-INF/extensions.idx";

    private final Path path;

    private final URL location;

    private final Distribution distribution;

    private final BundleClassLoader classLoader;

    private final Object indexLock = new Object();

    private volatile @Nullable PluginIndex index;

    /** The state of its files when it was opened ({@link BundleCache#stamp}); null for one not opened there. */
    private volatile @Nullable List<String> openedStamp;

    /**
     * The jars opening it warned of as not read: a missing index is explained already when one of them holds an
     * index file.
     */
    private final List<Path> unreadJars;

    private Bundle(Path path, URL location, Distribution distribution, BundleClassLoader classLoader,
            List<Path> unreadJars) {
        this.unreadJars = unreadJars;
        this.path = path;
        this.location = location;
        this.distribution = distribution;
        this.classLoader = classLoader;
    }

    /**
     * Opens a bundle: checks that each jar is one and reads the distribution. Reads no index file yet.
     *
     * @param path the bundle's real path (a jar file or a directory)
     * @param parent the parent of its class loader
     * @return the bundle
     * @throws IOException if the bundle (or a jar in its {@code lib/}) cannot be opened, or a jar bundle is not a
     * regular file (a named pipe would block the opening until something wrote to it)
     */
    static Bundle open(Path path, ClassLoader parent) throws IOException {
        FileNameEncoding.check(path);
        URL location = path.toUri().toURL();
        List<URL> urls = new ArrayList<>();
        Distribution distribution;
        PluginIndex index = null;
        List<Path> unreadJars = List.of();
        if (Files.isDirectory(path)) {
            Path classes = path.resolve("classes");
            if (Files.isDirectory(classes)) {
                urls.add(classes.toUri().toURL());
            }
            for (Path jar : libraryJars(path.resolve("lib"))) {
                check(jar, path);
                urls.add(jar.toUri().toURL());
            }
            unreadJars = warnUnreadJars(path);
            distribution = BundleDistribution.ofDirectory(path, location);
        }
        else {
            if (!Files.isRegularFile(path)) {
                // a named pipe would block the opening (and the manager's first use) until something writes to it
                throw new IOException("it is not a regular file (a named pipe, socket or device)");
            }
            // one opening of the jar checks it, reads its distribution and its index: the class loader opens it
            // again only when a class is first looked up
            try (JarFile jar = new JarFile(path.toFile(), false)) {
                distribution = BundleDistribution.ofJar(jar, location, path.getFileName().toString());
                index = readIndex(jar, location);
                boolean ownIndex = jar.getJarEntry(IndexFile.LOCATION) != null;
                boolean nestedIndex = UnreadJarEntries.readsEntries(jar, ownIndex)
                        && UnreadJarEntries.warn(path, jar);
                if (!ownIndex && !nestedIndex) {
                    warnNoIndex(path, jar.getJarEntry(PF4J_INDEX) != null);
                }
            }
            urls.add(location);
        }
        BundleClassLoader loader = new BundleClassLoader("plux-bundle:" + path.getFileName(),
                urls.toArray(URL[]::new), parent);
        Bundle bundle = new Bundle(path, location, distribution, loader, unreadJars);
        bundle.index = index;
        loader.bundle(bundle);
        return bundle;
    }

    /** The jars of a bundle's {@code lib/} directory, by file name; none when there is no such directory. */
    static List<Path> libraryJars(Path lib) throws IOException {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(lib)) {
            for (Path file : files) {
                if (isJarName(file) && Files.isRegularFile(file)) {
                    jars.add(file);
                }
            }
        }
        jars.sort(Comparator.comparing((file) -> file.getFileName().toString()));
        return jars;
    }

    /**
     * A directory bundle reads {@code classes/} and {@code lib/*.jar} only: a jar at its top level (an unpacked
     * distribution with the plugin's own jar next to {@code lib/}), in {@code classes/} or in a sub-directory of
     * {@code lib/} would be left out without a word.
     *
     * @return the jars warned of; none when it has none, or when its files cannot be listed
     */
    private static List<Path> warnUnreadJars(Path bundle) {
        List<Path> jars = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            addJarsIn(bundle, "", jars, names);
            addJarsIn(bundle.resolve("classes"), "classes/", jars, names);
            Path lib = bundle.resolve("lib");
            if (Files.isDirectory(lib)) {
                // not a hidden one (lib/.old/): kept aside on purpose, as a hidden sub-directory of a plugin directory
                try (DirectoryStream<Path> files = Files.newDirectoryStream(lib,
                        (file) -> Files.isDirectory(file) && !isHidden(file))) {
                    for (Path below : files) {
                        if (Files.isSameFile(below, lib)) {
                            // a link back to lib/ (lib/current -> .): its jars are the ones the bundle reads
                            continue;
                        }
                        addJarsIn(below, "lib/" + below.getFileName() + "/", jars, names);
                    }
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // only a hint: what the bundle does read decides whether it opens
            logger.debug("cannot list the files of plugin bundle {}: {}", Escaping.shown(bundle), Escaping.shown(ex));
            return List.of();
        }
        if (!names.isEmpty()) {
            Collections.sort(names);
            logger.warn("plugin bundle {} has {}, which it does not read (a directory bundle reads classes/ and"
                    + " lib/*.jar only: no jar at its top level, in classes/ or in a sub-directory of lib/); move {}"
                    + " into its lib/", Escaping.shown(bundle), Escaping.shown(names), (names.size() == 1) ? "it" : "them");
        }
        return List.copyOf(jars);
    }

    private static void addJarsIn(Path directory, String prefix, List<Path> jars, List<String> names)
            throws IOException {
        for (Path jar : jarFilesIn(directory)) {
            jars.add(jar);
            names.add(prefix + jar.getFileName());
        }
    }

    /**
     * The regular {@code *.jar} files directly in a directory, named with {@code prefix}; none when it is no
     * directory.
     */
    static List<String> jarsIn(Path directory, String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path jar : jarFilesIn(directory)) {
            names.add(prefix + jar.getFileName());
        }
        return names;
    }

    /** The regular {@code *.jar} files directly in a directory; none when it is no directory. */
    private static List<Path> jarFilesIn(Path directory) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return jars;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (isJarName(file) && Files.isRegularFile(file)) {
                    jars.add(file);
                }
            }
        }
        return jars;
    }

    /**
     * Whether a file's name starts with {@code .}: a hidden directory in a plugin directory or bundle holds what was
     * put aside on purpose ({@code .disabled/}, {@code lib/.old/}) or a tool's files, never warned about.
     */
    static boolean isHidden(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    static boolean isJarName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static void check(Path jar, Path bundle) throws IOException {
        try (JarFile file = new JarFile(FileNameEncoding.file(jar), false)) {
            // opening reads the central directory: that is the check
        }
        catch (IOException ex) {
            throw new IOException(bundle.relativize(jar) + " is not a readable jar: " + ex.getMessage(), ex);
        }
    }

    /** Records the state of the bundle's files when it was opened, for {@link ChangedBundles}. */
    void opened(List<String> stamp) {
        this.openedStamp = List.copyOf(stamp);
    }

    /** The state of the bundle's files when it was opened, or {@code null} if not recorded. */
    @Nullable List<String> openedStamp() {
        return this.openedStamp;
    }

    /** The bundle's real path. */
    Path path() {
        return this.path;
    }

    /** The bundle's jar or directory, as a URL. */
    URL location() {
        return this.location;
    }

    /** What every plugin of this bundle reports as its distribution. */
    Distribution distribution() {
        return this.distribution;
    }

    /** The bundle's class loader, a child of the loader it was opened for. */
    BundleClassLoader classLoader() {
        return this.classLoader;
    }

    /**
     * The bundle's own index files, never its parent's: a jar bundle's one index, read from the jar when it was
     * opened; a directory bundle's found with {@code findResources} (not {@code getResources}) in its
     * {@code classes/} and {@code lib/} jars, in that order, on first use.
     */
    List<URL> indexFiles() {
        return index().files();
    }

    /** The entries of a namespace in the bundle's own index files, in index order, the first of each name only. */
    List<IndexEntry> entries(String namespace) {
        return index().entries(namespace);
    }

    /** How many of the bundle's own index files declare the namespace. */
    int fileCount(String namespace) {
        return index().fileCount(namespace);
    }

    /** The bundle's first index file with an empty {@code [namespace]} section, when it has no entry of it. */
    @Nullable URL emptySection(String namespace) {
        return index().emptySection(namespace);
    }

    /** The namespaces the bundle's own index files declare, in order of first appearance. */
    List<String> namespaces() {
        return index().namespaces();
    }

    private PluginIndex index() {
        PluginIndex read = this.index;
        if (read == null) {
            synchronized (this.indexLock) {
                read = this.index;
                if (read == null) {
                    read = readOwnIndex(this.path, this.classLoader, this.unreadJars);
                    this.index = read;
                }
            }
        }
        return read;
    }

    /**
     * A bundle without any index file declares nothing, and its classes are visible to no other bundle: either a
     * plugin's library dropped next to the plugin, or a plugin built without plux-processor (an author's mistake
     * that only shows here, in the operator's log). Said once per opening of the bundle. A bundle with PF4J's
     * extension index ({@code builtForPf4j}) was built, with PF4J's processor: the warning says that instead.
     */
    private static void warnNoIndex(Path path, boolean builtForPf4j) {
        if (builtForPf4j) {
            // a PF4J user's plugin dropped into plugins/: a processor did run, only not plux's
            logger.warn("plugin bundle {} has no {} but PF4J's {}: it is built for PF4J, and plux reads only its own"
                    + " index, so it declares no plugins; build its plugins with plux's annotations and plux-processor"
                    + " (README, 'Coming from PF4J')", Escaping.shown(path), IndexFile.LOCATION, PF4J_INDEX);
            return;
        }
        logger.warn("plugin bundle {} has no {}, so it declares no plugins, and no other bundle can use its classes;"
                + " if it holds plugins, their build did not run the annotation processor (plux-processor), which"
                + " writes that file: add it to the build's annotation processor path and rebuild; if it is a"
                + " plugin's library, it belongs inside the plugin's jar or in the lib/ directory of a directory"
                + " bundle", Escaping.shown(path), IndexFile.LOCATION);
    }

    /** The index of a jar bundle, read from the jar itself: its only index file, the one its loader would find. */
    private static PluginIndex readIndex(JarFile jar, URL location) throws MalformedURLException {
        JarEntry entry = jar.getJarEntry(IndexFile.LOCATION);
        if (entry == null) {
            return PluginIndex.read(List.of());
        }
        URL file = new URL("jar:" + location.toExternalForm() + "!/" + IndexFile.LOCATION);
        return PluginIndex.read(List.of(file), (url) -> IndexFile.text(jar, entry));
    }

    /**
     * The index of a directory bundle: the index files its {@code loader} itself holds (its {@code classes/} and
     * {@code lib/} jars), read. One message
     * at most: an ERROR when they cannot be listed (whether the bundle has any is then unknown), else the
     * no-index warning when it has none.
     */
    static PluginIndex readOwnIndex(Path path, URLClassLoader loader) {
        return readOwnIndex(path, loader, List.of());
    }

    /**
     * As {@link #readOwnIndex(Path, URLClassLoader)}; without the no-index warning when one of the {@code unreadJars}
     * holds an index file: the warning about the jars it does not read says already why the bundle declares
     * nothing, and the no-index warning's advice (run the annotation processor) would not fit. When none holds one,
     * moving them would not help: the no-index warning stands.
     */
    private static PluginIndex readOwnIndex(Path path, URLClassLoader loader, List<Path> unreadJars) {
        List<URL> files;
        try {
            // findResources, not getResources: the parent's index files are the class path's, read already
            files = Collections.list(loader.findResources(IndexFile.LOCATION));
        }
        catch (IOException | RuntimeException ex) {
            logger.error("cannot list the index files of plugin bundle {}; no plugins from it", Escaping.shown(path), ex);
            return PluginIndex.read(List.of());
        }
        // the unread jars are opened only here, where the warning is otherwise due
        if (files.isEmpty() && !anyHoldsIndex(path, unreadJars)) {
            warnNoIndex(path, loader.findResource(PF4J_INDEX) != null);
        }
        PluginIndex read = PluginIndex.read(files);
        logger.debug("plugin bundle {}: {} index files, namespaces {}", Escaping.shown(path), read.files().size(),
                read.namespaces());
        return read;
    }

    /** Whether one of the jars (a bundle's unread ones) holds an index file; one that cannot be read does not. */
    private static boolean anyHoldsIndex(Path bundle, List<Path> jars) {
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                if (file.getJarEntry(IndexFile.LOCATION) != null) {
                    return true;
                }
            }
            catch (IOException | RuntimeException ex) {
                // it is not read either way; whether it holds an index stays unknown
                logger.debug("cannot open {} of plugin bundle {}: {}", Escaping.shown(bundle.relativize(jar)),
                        Escaping.shown(bundle), Escaping.shown(ex));
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Bundle[" + this.path + "]";
    }

}
