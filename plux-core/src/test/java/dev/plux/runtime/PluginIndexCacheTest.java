package dev.plux.runtime;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-class-loader cache of {@link PluginIndex}: it never keeps a loader alive, and
 * {@link IndexPluginFinder#refresh(ClassLoader)} makes later users read the files again.
 */
@Timeout(60)
class PluginIndexCacheTest {

    private static final String ALPHA = AlphaPlugin.class.getName();

    private static final String BETA = BetaPlugin.class.getName();

    @TempDir
    Path directory;

    @Test
    void aClassLoaderIsCollectedAfterItsIndexWasUsed() throws Exception {
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\nalpha = " + ALPHA + "\n");
        WeakReference<ClassLoader> loader = useAndForget(classes, false);
        assertThat(collected(loader)).as("the loader was collected").isTrue();
    }

    @Test
    void aClassLoaderWhoseUrlHandlerReferencesItIsCollectedAfterItsIndexWasUsed() throws Exception {
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\nalpha = " + ALPHA + "\n");
        WeakReference<ClassLoader> loader = useAndForget(classes, true);
        assertThat(collected(loader)).as("the loader was collected").isTrue();
    }

    /** Reads the loader's index through every cache (index, finder, distributions); returns it weakly. */
    private static WeakReference<ClassLoader> useAndForget(Path classes, boolean customHandler) throws IOException {
        // made here, so that nothing of the loader's outlives this frame but what the caches keep
        LoaderHoldingHandler handler = customHandler ? new LoaderHoldingHandler() : null;
        URL location = customHandler ? new URL(null, "plux-test:" + TestFiles.url(classes).getPath(), handler)
                : TestFiles.url(classes);
        URLClassLoader loader = new URLClassLoader(new URL[] { location }, PluginIndexCacheTest.class.getClassLoader());
        if (handler != null) {
            handler.loader = loader;
        }
        IndexPluginFinder finder = new IndexPluginFinder(loader);
        List<PluginSpec> specs = finder.findPlugins();
        assertThat(specs).extracting(PluginSpec::name).containsExactly("alpha");
        URL indexFile = finder.entryPoints("ns").get(0).source();
        assertThat(indexFile.getProtocol()).isEqualTo(location.getProtocol());
        Optional<Distribution> distribution = Distributions.of(specs.get(0), indexFile);
        assertThat(distribution).isPresent();
        loader.close();
        return new WeakReference<>(loader);
    }

    @Test
    void refreshMakesLaterFindersAndManagersSeeIndexFilesAddedToALoader() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\nalpha = " + ALPHA + "\n");
        Path second = TestFiles.indexDirectory(this.directory.resolve("second"), "[ns]\nbeta = " + BETA + "\n");
        try (GrowingLoader loader = new GrowingLoader(first)) {
            PluginManager<Plugin> before = PluginManager.builder("ns").classLoader(loader).build();
            assertThat(before.listNames()).containsExactly("alpha");
            loader.add(second);
            // cached until refreshed: one read per loader, however many managers
            assertThat(new IndexPluginFinder(loader).entryPoints("ns")).hasSize(1);

            IndexPluginFinder.refresh(loader);

            assertThat(new IndexPluginFinder(loader).entryPoints("ns")).hasSize(2);
            assertThat(PluginManager.builder("ns").classLoader(loader).build().listNames())
                .containsExactly("alpha", "beta");
        }
    }

    @Test
    void aReadThatStartedBeforeARefreshDoesNotCacheWhatItReadForLaterManagers() throws Exception {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\nalpha = " + ALPHA + "\n");
        Path second = TestFiles.indexDirectory(this.directory.resolve("second"), "[ns]\nbeta = " + BETA + "\n");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (HeldLoader loader = new HeldLoader(first)) {
            // a manager's first use lists the index files, then is held before it reads them
            Future<List<String>> early = executor
                .submit(() -> PluginManager.builder("ns").classLoader(loader).build().listNames());
            assertThat(loader.listed.await(10, TimeUnit.SECONDS)).isTrue();
            loader.add(second);
            IndexPluginFinder.refresh(loader);
            loader.proceed.countDown();
            // it started before the refresh: it may keep what it read, but later managers must not get it
            assertThat(early.get(10, TimeUnit.SECONDS)).containsExactly("alpha");
            assertThat(PluginManager.builder("ns").classLoader(loader).build().listNames())
                .containsExactly("alpha", "beta");
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void twoFirstUsesAtOnceReadTheFilesOnceAndWarnOnce() throws Exception {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[ns]\nalpha = " + ALPHA + "\nno-equals\n");
        // a slow machine must not make the waiting caller give up and read itself: that would be a failure here
        Duration wait = PluginIndexCache.firstReadWait(Duration.ofHours(1));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (HeldLoader loader = new HeldLoader(first); LogCapture log = LogCapture.of(PluginIndex.class)) {
            // the first reader is held after listing the files; a second one comes meanwhile
            Future<PluginIndex> one = executor.submit(() -> PluginIndexCache.of(loader));
            assertThat(loader.listed.await(10, TimeUnit.SECONDS)).isTrue();
            Future<PluginIndex> two = executor.submit(() -> PluginIndexCache.of(loader));
            // it waits for the first read (or, wrongly, reads itself): the race is exercised only once it does either
            waitUntil(() -> PluginIndexCache.waiting(loader) == 1 || two.isDone() || loader.listings.get() > 1,
                    20_000);
            assertThat(PluginIndexCache.waiting(loader)).as("the second caller waits for the first read").isEqualTo(1);
            loader.proceed.countDown();
            assertThat(two.get(10, TimeUnit.SECONDS)).isSameAs(one.get(10, TimeUnit.SECONDS));
            assertThat(loader.listings).hasValue(1);
            assertThat(log.warnings()).singleElement().asString().contains(":3: malformed entry", "no-equals");
        }
        finally {
            PluginIndexCache.firstReadWait(wait);
            executor.shutdownNow();
        }
    }

    @Test
    void aCallerWhoseInterruptIsPendingWaitsForTheFirstReadToo() throws Exception {
        // reading the files itself would be no faster than the read under way, and would warn of every line again;
        // its interrupt is kept for whoever asked for it
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"),
                "[ns]\nalpha = " + ALPHA + "\nno-equals\n");
        // a slow machine must not make the waiting caller give up and read itself: that would be a failure here
        Duration wait = PluginIndexCache.firstReadWait(Duration.ofHours(1));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        AtomicBoolean interruptKept = new AtomicBoolean();
        try (HeldLoader loader = new HeldLoader(first); LogCapture log = LogCapture.of(PluginIndex.class)) {
            Future<PluginIndex> one = executor.submit(() -> PluginIndexCache.of(loader));
            assertThat(loader.listed.await(10, TimeUnit.SECONDS)).isTrue();
            Future<PluginIndex> two = executor.submit(() -> {
                Thread.currentThread().interrupt();
                try {
                    return PluginIndexCache.of(loader);
                }
                finally {
                    interruptKept.set(Thread.interrupted());
                }
            });
            waitUntil(() -> PluginIndexCache.waiting(loader) == 1 || two.isDone() || loader.listings.get() > 1,
                    20_000);
            assertThat(PluginIndexCache.waiting(loader)).as("the interrupted caller waits for the first read")
                .isEqualTo(1);
            loader.proceed.countDown();
            assertThat(two.get(10, TimeUnit.SECONDS)).isSameAs(one.get(10, TimeUnit.SECONDS));
            assertThat(interruptKept).isTrue();
            assertThat(loader.listings).hasValue(1);
            assertThat(log.warnings()).singleElement().asString().contains(":3: malformed entry", "no-equals");
        }
        finally {
            PluginIndexCache.firstReadWait(wait);
            executor.shutdownNow();
        }
    }

    @Test
    void aCallerThatWaitedTheWholeWaitForAnotherThreadsFirstReadReadsTheFilesItself() throws Exception {
        // the first reader hangs in its listing (a loader's code that waits for the caller, say): the caller reads
        // the files itself once the wait is over, rather than hang with it
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\nalpha = " + ALPHA + "\n");
        Duration wait = PluginIndexCache.firstReadWait(Duration.ofMillis(200));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (HeldLoader loader = new HeldLoader(first)) {
            Future<PluginIndex> one = executor.submit(() -> PluginIndexCache.of(loader));
            assertThat(loader.listed.await(10, TimeUnit.SECONDS)).isTrue();

            Future<PluginIndex> two = executor.submit(() -> PluginIndexCache.of(loader));

            assertThat(two.get(10, TimeUnit.SECONDS).entries("ns")).extracting((e) -> e.entryPoint().name())
                .containsExactly("alpha");
            assertThat(loader.listings).as("the caller listed the files itself").hasValue(2);
            assertThat(one.isDone()).as("the first read is still held").isFalse();
            loader.proceed.countDown();
            assertThat(one.get(10, TimeUnit.SECONDS).entries("ns")).hasSize(1);
        }
        finally {
            PluginIndexCache.firstReadWait(wait);
            executor.shutdownNow();
        }
    }

    @Test
    void aReaderThatNeedsTheIndexOfItsOwnLoaderWhileListingItReadsIt() throws Exception {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\nalpha = " + ALPHA + "\n");
        // a loader whose listing uses plux for itself: no waiting for itself
        try (URLClassLoader loader = new URLClassLoader(new URL[] { TestFiles.url(first) },
                PluginIndexCacheTest.class.getClassLoader()) {

            private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);

            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (!this.inside.get()) {
                    this.inside.set(true);
                    try {
                        assertThat(PluginIndexCache.of(this).entries("ns")).hasSize(1);
                    }
                    finally {
                        this.inside.set(false);
                    }
                }
                return super.getResources(name);
            }
        }) {
            // waiting for itself would end only after the wait: made long, so that it fails the bound below rather
            // than pass after 5 s
            Duration wait = PluginIndexCache.firstReadWait(Duration.ofHours(1));
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<PluginIndex> read = executor.submit(() -> PluginIndexCache.of(loader));
                assertThat(read.get(20, TimeUnit.SECONDS).entries("ns")).hasSize(1);
            }
            finally {
                PluginIndexCache.firstReadWait(wait);
                executor.shutdownNow();
            }
        }
    }

    @Test
    void aFirstReadThatFailsAfterReadingTheFilesLeavesNoLaterCallerWaitingForIt() throws Exception {
        // the first reader fails while it caches what it read (an Error near the end of its stack, a stream
        // handler's toExternalForm): later callers must read the files, not wait for a read that has ended
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\nalpha = " + ALPHA + "\n");
        AtomicBoolean failOnce = new AtomicBoolean();
        URLStreamHandler handler = new URLStreamHandler() {

            @Override
            protected URLConnection openConnection(URL url) throws IOException {
                return new URL("file", "", url.getPath()).openConnection();
            }

            @Override
            protected String toExternalForm(URL url) {
                if (failOnce.getAndSet(false)) {
                    throw new StackOverflowError("while caching the first read");
                }
                return super.toExternalForm(url);
            }
        };
        URL file = new URL(null, "plux-test:" + TestFiles.url(classes.resolve(TestFiles.INDEX)).getPath(), handler);
        AtomicInteger listings = new AtomicInteger();
        ClassLoader loader = new ClassLoader(PluginIndexCacheTest.class.getClassLoader()) {

            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (!name.equals(TestFiles.INDEX)) {
                    return super.getResources(name);
                }
                failOnce.set(listings.getAndIncrement() == 0);
                return Collections.enumeration(List.of(file));
            }
        };
        Duration wait = PluginIndexCache.firstReadWait(Duration.ofHours(1));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            assertThatThrownBy(() -> PluginIndexCache.of(loader)).isInstanceOf(StackOverflowError.class);

            Future<PluginIndex> again = executor.submit(() -> PluginIndexCache.of(loader));
            assertThat(again.get(20, TimeUnit.SECONDS).entries("ns")).hasSize(1);
            assertThat(listings).hasValue(2);
            assertThat(PluginIndexCache.of(loader)).as("cached by the second read").isSameAs(again.get());
        }
        finally {
            PluginIndexCache.firstReadWait(wait);
            executor.shutdownNow();
        }
    }

    @Test
    void refreshOfALoaderAlsoRefreshesTheLoadersBelowIt() throws IOException {
        Path first = TestFiles.indexDirectory(this.directory.resolve("first"), "[ns]\nalpha = " + ALPHA + "\n");
        Path second = TestFiles.indexDirectory(this.directory.resolve("second"), "[ns]\nbeta = " + BETA + "\n");
        try (GrowingLoader parent = new GrowingLoader(first);
                URLClassLoader child = new URLClassLoader(new URL[0], parent)) {
            assertThat(PluginIndexCache.of(child).entries("ns")).hasSize(1);
            parent.add(second);

            IndexPluginFinder.refresh(parent);

            assertThat(PluginIndexCache.of(child).entries("ns")).hasSize(2);
        }
    }

    @Test
    void anIndexWhoseUrlsWereCollectedIsHandedOutAgainWithEqualUrls() throws IOException {
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\nalpha = " + ALPHA + "\n");
        try (URLClassLoader loader = TestFiles.classLoader(classes)) {
            String file = PluginIndexCache.of(loader).files().get(0).toExternalForm();
            WeakReference<PluginIndex> first = new WeakReference<>(PluginIndexCache.of(loader));
            assertThat(eventually(() -> first.get() == null)).isTrue();

            PluginIndex again = PluginIndexCache.of(loader);

            assertThat(again.files()).extracting(URL::toExternalForm).containsExactly(file);
            assertThat(again.entries("ns").get(0).entryPoint().source().toExternalForm()).isEqualTo(file);
        }
    }

    @Test
    void anIndexOverAProtocolOnlyTheLoaderKnowsIsReadAgainWhenItsUrlsWereCollected() throws IOException {
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\nalpha = " + ALPHA + "\n");
        URL url = new URL(null, "plux-test:" + TestFiles.url(classes).getPath(), new LoaderHoldingHandler());
        try (URLClassLoader loader = new URLClassLoader(new URL[] { url }, getClass().getClassLoader())) {
            WeakReference<PluginIndex> first = new WeakReference<>(PluginIndexCache.of(loader));
            assertThat(eventually(() -> first.get() == null)).isTrue();

            PluginIndex again = PluginIndexCache.of(loader);

            assertThat(again.entries("ns")).singleElement()
                .satisfies((entry) -> assertThat(entry.entryPoint().source().getProtocol()).isEqualTo("plux-test"));
        }
    }

    /** Waits until the condition holds, or at most the given time. */
    private static void waitUntil(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static boolean collected(WeakReference<?> reference) {
        return eventually(() -> reference.get() == null);
    }

    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            System.gc();
            // the cache's weak map drops entries of collected keys on its next use
            PluginIndexCache.of(PluginIndexCacheTest.class.getClassLoader());
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Serves {@code plux-test:} URLs from files, and references its class loader as a custom handler may. */
    static final class LoaderHoldingHandler extends URLStreamHandler {

        volatile ClassLoader loader;

        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            return new URL("file", "", url.getPath()).openConnection();
        }
    }

    /** A class loader that gains classes directories at run time. */
    static final class GrowingLoader extends URLClassLoader {

        GrowingLoader(Path first) {
            super(new URL[] { TestFiles.url(first) }, PluginIndexCacheTest.class.getClassLoader());
        }

        void add(Path location) throws MalformedURLException {
            addURL(TestFiles.url(location));
        }
    }

    /** A class loader gaining directories whose first listing of resources is held until {@link #proceed} opens. */
    static final class HeldLoader extends URLClassLoader {

        final CountDownLatch listed = new CountDownLatch(1);

        final CountDownLatch proceed = new CountDownLatch(1);

        final AtomicInteger listings = new AtomicInteger();

        HeldLoader(Path first) {
            super(new URL[] { TestFiles.url(first) }, PluginIndexCacheTest.class.getClassLoader());
        }

        void add(Path location) throws MalformedURLException {
            addURL(TestFiles.url(location));
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> found = Collections.list(super.getResources(name));
            this.listings.incrementAndGet();
            if (this.listed.getCount() > 0) {
                this.listed.countDown();
                try {
                    this.proceed.await(20, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return Collections.enumeration(found);
        }
    }

    public static class AlphaPlugin implements Plugin {
    }

    public static class BetaPlugin implements Plugin {
    }
}
