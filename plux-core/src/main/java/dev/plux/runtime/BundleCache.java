package dev.plux.runtime;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM-wide bundles: one per bundle real path and parent class loader, so that managers of different
 * namespaces over one directory share a bundle's class loader, and a class of it is one {@code Class}.
 *
 * <p>Nothing here keeps a class loader alive. Parent loaders are weak keys, and a bundle's loader is held through
 * a weak reference: a bundle lives while its loader is reachable — from a manager (which holds its bundles), a
 * plugin, or any class the loader defined — and its parent is. A strong reference from this cache would keep the
 * parent alive too (every loader holds its parent), so the cache would never let either go. Bundle loaders are
 * never closed by plux, since any manager or plugin of the JVM may share them; a collected loader's jar files are
 * closed by the JDK when the loader is collected.
 *
 * <p>A bundle that cannot be opened is logged once as an error; later managers skip it quietly until its files
 * change. A live bundle whose files changed since it was opened (a jar copied over, {@code classes/} rebuilt) is
 * still used as opened, with a warning once per change: only a new class loader reads the new files whole.
 */
final class BundleCache {

    private static final Logger logger = LoggerFactory.getLogger(BundleCache.class);

    private static final Map<ClassLoader, Map<Path, Slot>> byParent = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * How long a live bundle's files count as checked: the managers an application creates together (one per
     * namespace, over the same directories) check each bundle once, rather than each walk a directory bundle's
     * {@code classes/} again (tens of milliseconds for a build output of thousands of files). A change is still
     * warned about by the first manager that meets the bundle after this long.
     */
    private static volatile long recheckNanos = Duration.ofSeconds(1).toNanos();

    private BundleCache() {
    }

    /**
     * Sets how long a live bundle's files count as checked (tests: zero checks on every use).
     *
     * @param interval the new interval
     * @return the previous one
     */
    static Duration recheckInterval(Duration interval) {
        Duration previous = Duration.ofNanos(recheckNanos);
        recheckNanos = interval.toNanos();
        return previous;
    }

    /**
     * The bundle at a real path for a parent loader, opened on first use.
     *
     * @param path the bundle's real path
     * @param parent the parent of its class loader
     * @return the bundle, or {@code null} if it cannot be opened (logged)
     */
    static @Nullable Bundle bundle(Path path, ClassLoader parent) {
        Map<Path, Slot> slots = byParent.computeIfAbsent(parent, (key) -> new ConcurrentHashMap<>());
        return slots.computeIfAbsent(path, (key) -> new Slot()).bundle(path, parent);
    }

    /**
     * The bundles open under a parent loader now (of every manager over it), by path: where to look for a class a
     * bundle's plugin needs and another bundle carries ({@link MissingClasses}). Opens nothing, and waits for no
     * bundle being opened or checked by another manager.
     *
     * @param parent the parent of their class loaders
     * @return the live bundles, sorted by path
     */
    static List<Bundle> liveBundles(ClassLoader parent) {
        Map<Path, Slot> slots = byParent.get(parent);
        if (slots == null) {
            return List.of();
        }
        List<Bundle> live = new ArrayList<>();
        new TreeMap<>(slots).values().forEach((slot) -> {
            BundleClassLoader loader = slot.live();
            if (loader != null) {
                live.add(loader.bundle());
            }
        });
        return live;
    }

    /**
     * The sizes and modification times of what a bundle reads now, to compare with {@link Bundle#openedStamp()}.
     *
     * @param path the bundle's real path
     * @return the stamp; a file that cannot be read (a deleted bundle) gives a stamp of its failure
     */
    static List<String> stamp(Path path) {
        return Slot.stamp(path);
    }

    /** One bundle path under one parent; its lock makes concurrent first uses open the bundle once. */
    private static final class Slot {

        /**
         * Written under the slot's lock, once the bundle is open and attached to its loader; volatile so that
         * {@link #live()} reads it without that lock.
         */
        private volatile @Nullable WeakReference<BundleClassLoader> loader;

        /** The state of the files when the live bundle was opened. */
        private @Nullable List<String> openedStamp;

        /** The changed state last warned about, so that each change is warned once. */
        private @Nullable List<String> warnedStamp;

        /** The state of the files when opening them failed; while they are unchanged, the failure is not logged again. */
        private @Nullable List<String> failedStamp;

        /** When the live bundle's files were last stamped ({@link System#nanoTime()}). */
        private long stampedAt;

        /**
         * The live bundle's loader, or {@code null}, without the slot's lock: the lock is held while another manager
         * opens the bundle or stamps its files (as long as a large jar or {@code classes/} tree takes, on a slow
         * disk longer), and the caller is a plugin's failure report, which must not wait for that. A bundle being
         * opened is not live yet, which is what it was before the opening.
         */
        @Nullable BundleClassLoader live() {
            WeakReference<BundleClassLoader> reference = this.loader;
            return (reference != null) ? reference.get() : null;
        }

        synchronized @Nullable Bundle bundle(Path path, ClassLoader parent) {
            BundleClassLoader live = (this.loader != null) ? this.loader.get() : null;
            long now = System.nanoTime();
            if (live != null && now - this.stampedAt < recheckNanos) {
                return live.bundle();
            }
            List<String> stamp = stamp(path);
            this.stampedAt = now;
            if (live != null) {
                if (!stamp.equals(this.openedStamp) && !stamp.equals(this.warnedStamp)) {
                    // replaced or rebuilt under a running application: its index is the old one, and its loader
                    // reads old and new files; only a new loader (a restart) reads the new version whole
                    this.warnedStamp = stamp;
                    logger.warn("plugin bundle {} changed since this JVM opened it; it is still used as opened (its"
                            + " index, distribution and loaded classes) while its class loader is in use: restart"
                            + " the application to use the new files", Escaping.shown(path));
                }
                return live.bundle();
            }
            if (stamp.equals(this.failedStamp)) {
                logger.debug("skipping plugin bundle {}: it could not be opened before and has not changed",
                        Escaping.shown(path));
                return null;
            }
            try {
                Bundle bundle = Bundle.open(path, parent);
                bundle.opened(stamp);
                this.loader = new WeakReference<>(bundle.classLoader());
                this.openedStamp = stamp;
                this.warnedStamp = null;
                this.failedStamp = null;
                if (logger.isDebugEnabled()) {
                    // name and version are text from the bundle's pom.properties or manifest
                    Distribution distribution = bundle.distribution();
                    String version = distribution.version();
                    logger.debug("opened plugin bundle {} (distribution '{}', {})", Escaping.shown(path),
                            Escaping.quote(distribution.name()),
                            (version != null) ? "version '" + Escaping.quote(version) + "'" : "no version");
                }
                return bundle;
            }
            catch (IOException | RuntimeException ex) {
                this.failedStamp = stamp;
                logger.error("cannot open plugin bundle {}; skipping it: {}", Escaping.shown(path), Escaping.shown(ex));
                return null;
            }
        }

        /**
         * Sizes and modification times of what the bundle reads: a jar bundle, or a directory bundle's
         * {@code lib/} jars and the files under its {@code classes/} (a rebuild rewrites those in place). Not a
         * directory bundle's own time: a file added beside {@code classes/} (a README, an editor's file) changes it,
         * and nothing the bundle reads.
         */
        private static List<String> stamp(Path path) {
            List<String> stamp = new ArrayList<>();
            try {
                stamp.add(Files.isDirectory(path) ? "directory" : of(path));
                for (Path jar : Bundle.libraryJars(path.resolve("lib"))) {
                    stamp.add(jar.getFileName() + "@" + of(jar));
                }
                Path classes = path.resolve("classes");
                if (Files.isDirectory(classes)) {
                    stamp.add("classes@" + ofTree(classes));
                }
            }
            catch (IOException | RuntimeException ex) {
                stamp.add(ex.toString());
            }
            return stamp;
        }

        private static String of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime() + "/" + attributes.size();
        }

        /**
         * The count, total size and newest modification time of a tree's files, links followed as the bundle's class
         * loader follows them (a {@code classes/} linked to a build's output is what a rebuild rewrites).
         */
        private static String ofTree(Path directory) throws IOException {
            long[] totals = new long[3];
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            totals[0]++;
                            totals[1] += attributes.size();
                            totals[2] = Math.max(totals[2], attributes.lastModifiedTime().toMillis());
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
                            if (ex instanceof FileSystemLoopException) {
                                // a link to a directory above it: its files are counted once, where they are
                                return FileVisitResult.CONTINUE;
                            }
                            throw ex;
                        }
                    });
            return totals[0] + " files/" + totals[1] + "/" + totals[2];
        }
    }
}
