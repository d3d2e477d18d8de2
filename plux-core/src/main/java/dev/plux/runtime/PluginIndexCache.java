package dev.plux.runtime;

import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PluginIndex} of each class loader, read once and shared by all managers and finders over that loader,
 * so that ten managers do not read the same files ten times — nor two threads' first uses at once.
 *
 * <p>The cache never keeps a class loader alive: it is keyed weakly by the loader, and what it keeps holds
 * neither the loader nor the files' URLs (a URL's stream handler may reference its loader) — the URLs are kept
 * as text and weakly, and an index handed out holds them strongly only as long as its user keeps it.
 */
final class PluginIndexCache {

    // the index's logger: whoever tunes plux's index logging sees the cache's messages there
    private static final Logger logger = LoggerFactory.getLogger(PluginIndex.class);

    private static final Map<ClassLoader, Cached> byClassLoader = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Counts {@link #forget}s and {@link #clearCache}s (changed holding the map's lock), so that a read that began
     * before one is not cached after it: it may have listed the files before the loader gained one. Any loader's
     * refresh counts, which only costs racing readers of other loaders a second read.
     */
    private static final AtomicLong refreshes = new AtomicLong();

    /**
     * First reads under way, by loader (guarded by the lock of {@link #byClassLoader}); an entry lives only while
     * its read runs.
     */
    private static final Map<ClassLoader, Reading> readings = new WeakHashMap<>();

    /**
     * How long a caller waits for another thread's first read of the same loader before it reads the files itself:
     * long enough for any class path, short enough that a reader which waits for that caller cannot hang the
     * application. plux's own reading waits for no other thread; only the loader's code can (a custom
     * {@code getResources} or URL handler that needs a lock or a class initialization the waiting caller holds).
     */
    static final long MAX_WAIT_MILLIS = 5_000;

    /** How long callers wait for another thread's first read: {@link #MAX_WAIT_MILLIS} but in tests. */
    private static volatile long waitMillis = MAX_WAIT_MILLIS;

    private PluginIndexCache() {
    }

    /**
     * The cached index of a class loader, read on first use. Callers that come while the first read is under way
     * wait for it (at most {@link #MAX_WAIT_MILLIS}) rather than read the same files again and log every warning
     * about them twice. A first read that fails ends for its waiters too: they get what it read, if it failed only
     * while caching that, else they read the files again, as later callers do. An interrupt does not end a caller's
     * wait; it is kept.
     *
     * @param classLoader the loader
     * @return its index
     */
    static PluginIndex of(ClassLoader classLoader) {
        while (true) {
            Cached cached = byClassLoader.get(classLoader);
            PluginIndex index = (cached != null) ? cached.index() : null;
            if (index != null) {
                return index;
            }
            Reading reading;
            boolean mine;
            synchronized (byClassLoader) {
                if (byClassLoader.get(classLoader) != cached) {
                    // cached meanwhile; making its URLs again (a stream handler's code) runs outside the lock
                    continue;
                }
                // nothing cached, or its URLs were collected and cannot be made again from their text (a protocol
                // only that loader knows): one caller reads, the others wait for it
                Reading underWay = readings.get(classLoader);
                // one that ended without being removed (an Error while removing it) is replaced, not waited for
                mine = (underWay == null || underWay.isDone());
                if (underWay != null && !mine) {
                    reading = underWay;
                }
                else {
                    reading = new Reading(refreshes.get());
                    readings.put(classLoader, reading);
                }
            }
            if (mine) {
                return readAndCache(classLoader, reading);
            }
            if (reading.reader == Thread.currentThread()) {
                // the loader's own listing needs its index (a custom getResources): reading it again cannot wait
                return PluginIndex.read(classLoader);
            }
            PluginIndex read = reading.await();
            if (read != null) {
                return read;
            }
            if (!reading.isDone()) {
                // waited long enough: the reader's listing may wait for this thread (the loader's code, a URL handler)
                logger.debug("reading the plux index files of {} in this thread too: another thread's first read "
                        + "did not end within {} ms", classLoader, waitMillis);
                return PluginIndex.read(classLoader);
            }
            // the reader failed (an Error): try again, possibly as the reader
        }
    }

    /**
     * Sets how long callers wait for another thread's first read before they read themselves (tests: a wait long
     * enough that a caller waiting where it must not fails the test's own time bound, not passes after 5 s).
     *
     * @param wait the new wait
     * @return the previous one
     */
    static Duration firstReadWait(Duration wait) {
        Duration previous = Duration.ofMillis(waitMillis);
        waitMillis = wait.toMillis();
        return previous;
    }

    /**
     * How many callers wait for the first read of a loader that is under way (tests: a caller that waits is one
     * that came while the read ran, whatever the machine's speed).
     *
     * @param classLoader the loader
     * @return the callers waiting; 0 when no read is under way
     */
    static int waiting(ClassLoader classLoader) {
        synchronized (byClassLoader) {
            Reading reading = readings.get(classLoader);
            return (reading != null) ? reading.waiters.get() : 0;
        }
    }

    private static PluginIndex readAndCache(ClassLoader classLoader, Reading reading) {
        PluginIndex read = null;
        try {
            read = PluginIndex.read(classLoader);
            Cached fresh = new Cached(read);
            synchronized (byClassLoader) {
                if (refreshes.get() == reading.refreshesBefore) {
                    // a read that a refresh overtook may predate it: only its own callers use it
                    byClassLoader.put(classLoader, fresh);
                }
            }
            return read;
        }
        finally {
            // whatever failed above (caching too: an Error at the end of the stack, a stream handler's
            // toExternalForm), the reading ends here: left under way, it would make every later caller wait for it
            try {
                synchronized (byClassLoader) {
                    if (readings.get(classLoader) == reading) {
                        readings.remove(classLoader);
                    }
                }
            }
            finally {
                reading.finish(read);
            }
        }
    }

    /**
     * Forgets the cached index of a class loader, and of every cached loader below it (they see its files too),
     * so that the next use reads the files again.
     *
     * @param classLoader the loader
     */
    static void forget(ClassLoader classLoader) {
        synchronized (byClassLoader) {
            refreshes.incrementAndGet();
            // later callers read again rather than wait for a read that may predate the refresh
            readings.keySet().removeIf((loader) -> isSameOrBelow(loader, classLoader));
            byClassLoader.entrySet().removeIf((entry) -> {
                if (!isSameOrBelow(entry.getKey(), classLoader)) {
                    return false;
                }
                entry.getValue().fileNames.forEach(Distributions::forgetIndex);
                return true;
            });
        }
    }

    private static boolean isSameOrBelow(@Nullable ClassLoader loader, ClassLoader ancestor) {
        // a loop, not recursion: a parent chain may be long
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Forgets every cached index, so the next use reads the files again. */
    static void clearCache() {
        synchronized (byClassLoader) {
            refreshes.incrementAndGet();
            readings.clear();
            byClassLoader.clear();
        }
    }

    /** One first read of a loader's files, which callers coming meanwhile wait for. */
    private static final class Reading {

        private final Thread reader = Thread.currentThread();

        private final long refreshesBefore;

        private final CountDownLatch done = new CountDownLatch(1);

        /** Callers waiting for this read now (tests: to know that a caller waits rather than reads itself). */
        private final AtomicInteger waiters = new AtomicInteger();

        private volatile @Nullable PluginIndex result;

        Reading(long refreshesBefore) {
            this.refreshesBefore = refreshesBefore;
        }

        void finish(@Nullable PluginIndex read) {
            this.result = read;
            this.done.countDown();
        }

        boolean isDone() {
            return this.done.getCount() == 0;
        }

        /**
         * What was read, or {@code null} if the read failed or did not end in time. An interrupt does not end the
         * wait (reading the files again would take no less time, and warn of every line again); it is kept.
         */
        @Nullable PluginIndex await() {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            boolean interrupted = false;
            this.waiters.incrementAndGet();
            try {
                while (true) {
                    try {
                        if (!this.done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                            return null;
                        }
                        return this.result;
                    }
                    catch (InterruptedException ex) {
                        interrupted = true;
                    }
                }
            }
            finally {
                this.waiters.decrementAndGet();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * What the cache keeps of an index: the lines, the files' URLs as text and weakly, and the last index handed
     * out, weakly, so that finders over one loader share it while they use it.
     */
    private static final class Cached {

        private final List<String> fileNames;

        private final List<WeakReference<URL>> fileUrls;

        private final Map<String, IndexLines> byNamespace;

        private final Map<String, Integer> emptySections;

        private final List<String> skipped;

        private volatile WeakReference<PluginIndex> last;

        Cached(PluginIndex index) {
            this.fileNames = index.files().stream().map(URL::toExternalForm).toList();
            this.fileUrls = index.files().stream().map(WeakReference::new).toList();
            this.byNamespace = index.byNamespace();
            this.emptySections = index.emptySections();
            this.skipped = index.skipped();
            this.last = new WeakReference<>(index);
        }

        /** The index again, or {@code null} when a collected URL cannot be made again from its text. */
        @Nullable PluginIndex index() {
            PluginIndex index = this.last.get();
            if (index != null) {
                return index;
            }
            List<URL> files = new ArrayList<>(this.fileNames.size());
            for (int i = 0; i < this.fileNames.size(); i++) {
                URL url = this.fileUrls.get(i).get();
                if (url == null) {
                    try {
                        url = new URL(this.fileNames.get(i));
                    }
                    catch (MalformedURLException ex) {
                        return null;
                    }
                }
                files.add(url);
            }
            index = new PluginIndex(List.copyOf(files), this.byNamespace, this.emptySections, this.skipped);
            this.last = new WeakReference<>(index);
            return index;
        }
    }
}
