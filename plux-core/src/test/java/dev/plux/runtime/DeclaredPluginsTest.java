package dev.plux.runtime;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import dev.plux.QuietLogs;
import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.TestPlugins;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFinder;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Declared from the index, resolved one plugin at a time ({@link DeclaredPlugins}). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeclaredPluginsTest {

    private static final String NS = "test.declared";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    @TempDir
    Path temp;

    private final List<URLClassLoader> loaders = new ArrayList<>();

    private final List<String> events = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader loader : this.loaders) {
            loader.close();
        }
    }

    /** A manager over a fresh class loader holding the index and classes compiled from the sources. */
    private PluginManager<Plugin> manager(String index, Map<String, String> sources) throws IOException {
        Path classes = TestFiles.indexDirectory(this.temp.resolve("classes" + this.loaders.size()), index);
        if (!sources.isEmpty()) {
            TestFiles.compile(classes, sources);
        }
        URLClassLoader loader = TestFiles.classLoader(classes);
        this.loaders.add(loader);
        return PluginManager.<Plugin>builder(NS).classLoader(loader)
            .listener(new TestPlugins.RecordingListener(this.events))
            .build();
    }

    private PluginManager<Plugin> manager(String index) throws IOException {
        return manager(index, Map.of());
    }

    /** A plugin class whose static initializer sets a system property, so a test can tell whether it ran. */
    private static String pluginSource(String simpleName, String property) {
        return "package gen; public class " + simpleName + " implements dev.plux.core.Plugin {"
                + " static { System.setProperty(\"" + property + "\", \"ran\"); }"
                + " public static final dev.plux.core.PluginFactory FACTORY = " + simpleName + "::new; }";
    }

    private static ILoggingEvent warningEvent(LogCapture log) {
        return log.events().stream().filter((event) -> event.getLevel() == Level.WARN).findFirst().orElseThrow();
    }

    @Test
    void listingAnswersFromTheIndexWithoutLookingAnyClassUp() throws IOException {
        String plain = "plux.test.declared.plain." + System.nanoTime();
        String holder = "plux.test.declared.holder." + System.nanoTime();
        PluginManager<Plugin> manager = manager("[" + NS + "]\nplain = gen.Plain\nmember = gen.Holder:FACTORY\n",
                Map.of("gen.Plain", pluginSource("Plain", plain), "gen.Holder", pluginSource("Holder", holder)));

        assertThat(manager.isResolved()).isFalse();
        assertThat(manager.listNames()).containsExactly("plain", "member");
        assertThat(manager.exists("plain")).isTrue();
        assertThat(manager.listContainers()).extracting(PluginContainer::state)
            .containsExactly(PluginState.DECLARED, PluginState.DECLARED);
        PluginContainer<Plugin> container = manager.getContainer("plain");
        assertThat(container.pluginSpec()).isNull();
        assertThat(container.entryPoint().value()).isEqualTo("gen.Plain");
        assertThat(container.entryPoint().source()).hasToString(this.loaders.get(0).getURLs()[0] + TestFiles.INDEX);
        assertThat(container.distribution()).isPresent();
        assertThat(manager.isResolved()).isTrue();
        assertThat(System.getProperty(plain)).isNull();
        assertThat(System.getProperty(holder)).isNull();
        assertThat(this.events).isEmpty();

        // a plain class resolves without its static initializer; a member form runs its holder's
        manager.listPluginSpecs();
        assertThat(System.getProperty(plain)).isNull();
        assertThat(System.getProperty(holder)).isEqualTo("ran");
        assertThat(manager.listContainers()).extracting(PluginContainer::state)
            .containsExactly(PluginState.RESOLVED, PluginState.RESOLVED);
        manager.load("plain");
        assertThat(System.getProperty(plain)).isEqualTo("ran");
    }

    @Test
    void resolvesOnePluginOnLoadAndLeavesTheOthersDeclared() throws IOException {
        PluginManager<Plugin> manager = manager("[" + NS + "]\na = " + TestPlugins.Noop.class.getName() + "\nb = "
                + TestPlugins.Other.class.getName() + "\n[other.ns]\nc = " + TestPlugins.Noop.class.getName() + "\n");
        assertThat(manager.load("b")).isInstanceOf(TestPlugins.Other.class);
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.DECLARED);
        assertThat(manager.getContainer("b").state()).isEqualTo(PluginState.LOADED);
        assertThat(manager.getContainer("b").pluginSpec()).isNotNull()
            .satisfies((spec) -> assertThat(spec.value()).isEqualTo(TestPlugins.Other.class.getName()));
        assertThat(manager.exists("c")).isFalse();
        assertThat(this.events).containsExactly("resolveAfter b", "initBefore b", "initAfter b", "loadBefore b []",
                "loadAfter b");
    }

    @Test
    void aResolutionFailureIsStickyAndNothingIsLookedUpAgain() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        Path classes = TestFiles.indexDirectory(this.temp.resolve("counting"), "[" + NS + "]\nmissing = com.example.Gone\n");
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] { TestFiles.url(classes) },
                getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals("com.example.Gone")) {
                    lookups.incrementAndGet();
                }
                return super.loadClass(name, resolve);
            }
        };
        this.loaders.add(loader);
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).classLoader(loader)
            .listener(new TestPlugins.RecordingListener(this.events))
            .build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("missing"))
                    .withMessageContaining("plugin " + NS + ":missing failed to resolve")
                    .withMessageContaining("entry_points.txt:2")
                    .withMessageContaining("java.lang.ClassNotFoundException: com.example.Gone")
                    .satisfies((ex) -> assertThat(ex.getCause()).isSameAs(manager.getContainer("missing").resolveError()));
            }
            assertThat(manager.listPluginSpecs()).isEmpty();
            assertThat(manager.loadAll()).isEmpty();
            assertThat(log.warnings()).singleElement().asString().contains("entry_points.txt:2", "com.example.Gone");
            assertThat(warningEvent(log).getThrowableProxy()).isNotNull();
        }
        assertThat(lookups).hasValue(1);
        assertThat(manager.getContainer("missing").state()).isEqualTo(PluginState.RESOLVE_FAILED);
        assertThat(manager.getContainer("missing").pluginSpec()).isNull();
        assertThat(manager.getContainer("missing").resolveError()).hasCauseInstanceOf(ClassNotFoundException.class);
        assertThat(this.events).containsExactly("resolveException missing");
    }

    @Test
    void resolutionFailuresAreEachLoggedOnceAndNotCountedInTheWarningCapOfTheirFile() throws IOException {
        // SPEC: one index file gives at most 10 warnings about its lines, then one with the count of the rest;
        // resolution failures are per entry, logged once each, and not counted in that cap
        StringBuilder index = new StringBuilder("[" + NS + "]\n" + "typo\n".repeat(12));
        for (int i = 0; i < 12; i++) {
            index.append("gone").append(i).append(" = com.example.Gone").append(i).append('\n');
        }
        PluginManager<Plugin> manager = manager(index.toString());
        try (LogCapture read = LogCapture.of(PluginIndex.class); LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.loadAll()).isEmpty();
            assertThat(manager.loadAll()).isEmpty();
            assertThat(read.warnings()).hasSize(11);
            assertThat(read.warnings().get(10)).contains("2 more warnings");
            assertThat(log.warnings()).hasSize(12);
            for (int i = 0; i < 12; i++) {
                String gone = "cannot resolve plugin " + NS + ":gone" + i + " = com.example.Gone" + i + ":";
                assertThat(log.warnings()).filteredOn((warning) -> warning.contains(gone)).as(gone).hasSize(1);
            }
        }
        assertThat(this.events).filteredOn((event) -> event.startsWith("resolveException gone")).hasSize(12);
    }

    @Test
    void aLongMissingClassNameIsQuotedAtMost200CharactersInTheFailure() throws IOException {
        // a valid binary name under the 1,024-character limit, naming no class
        String className = "a.".repeat(450) + "Gone";
        PluginManager<Plugin> manager = manager("[" + NS + "]\nlong = " + className + "\n");
        assertThat(manager.listPluginSpecs()).isEmpty();
        String message = manager.getContainer("long").resolveError().getMessage();
        assertThat(message).contains("cannot resolve plugin " + NS + ":long = " + "a.".repeat(100) + "...[704 more characters]")
            .contains("java.lang.ClassNotFoundException: " + "a.".repeat(100) + "...[704 more characters]")
            .doesNotContain("Gone");
        assertThat(message.length()).isLessThan(700);
    }

    @Test
    void aLineWithANameButABadValueIsDeclaredAndEndsResolveFailed() throws IOException {
        PluginManager<Plugin> manager = manager("[" + NS + "]\nempty =\nnot-plugin = "
                + TestPlugins.NotAPlugin.class.getName() + "\nok = " + TestPlugins.Noop.class.getName() + "\n");
        assertThat(manager.listNames()).containsExactly("empty", "not-plugin", "ok");
        assertThat(manager.listPluginSpecs()).extracting(PluginSpec::name).containsExactly("ok");
        assertThat(manager.listContainers()).extracting(PluginContainer::state)
            .containsExactly(PluginState.RESOLVE_FAILED, PluginState.RESOLVE_FAILED, PluginState.RESOLVED);
        assertThat(manager.getContainer("empty").resolveError()).hasMessageContaining("entry_points.txt:2")
            .hasMessageContaining("malformed entry for plugin " + NS + ":empty");
        assertThat(manager.getContainer("not-plugin").resolveError()).hasMessageContaining("does not implement");
        assertThat(this.events).containsExactly("resolveException empty", "resolveException not-plugin",
                "resolveAfter ok");
    }

    @Test
    void aLoggingFailureAfterTheFirstReadingWasKeptStillReportsItsLinesWithoutAUsableName() throws IOException {
        // a logging backend that throws (as log4j2 appenders with ignoreExceptions=false do): the reading is kept
        // before it logs, so its reports to the listeners cannot wait for a next first use
        List<String> failures = new ArrayList<>();
        PluginManager<Plugin> manager = manager("[" + NS + "]\nno-equals\nok = " + TestPlugins.Noop.class.getName()
                + "\n");
        manager.addListener(new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                failures.add(entryPoint.name());
            }
        });
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        TurboFilter failing = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level,
                    String format, Object[] params, Throwable t) {
                if (format != null && format.startsWith("plux namespace {}: {} declared")) {
                    throw new IllegalStateException("the appender failed");
                }
                return FilterReply.NEUTRAL;
            }
        };
        failing.start();
        context.addTurboFilter(failing);
        try {
            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(manager::listNames);
        }
        finally {
            context.getTurboFilterList().remove(failing);
        }
        assertThat(manager.listNames()).containsExactly("ok");
        assertThat(failures).containsExactly("no-equals");
    }

    @Test
    void aLineWithoutAUsableNameAndWithoutAValueIsQuotedWithItsEqualsSign() throws IOException {
        // '=' alone, and a name the index refuses followed by '=' and nothing: the report quotes the line as the
        // read's warning does, '=' included, not an empty line or the name alone
        List<String> failures = new ArrayList<>();
        PluginManager<Plugin> manager = manager("[" + NS + "]\n=\nbad\u0007name =\n");
        manager.addListener(new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                failures.add(exception.getMessage());
            }
        });
        assertThat(manager.listNames()).isEmpty();
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).contains("entry_points.txt:2", "the name before '=' is empty").endsWith(": '='");
        assertThat(failures.get(1)).contains("entry_points.txt:3", "control or format characters")
            .endsWith("name ='");
    }

    @Test
    void linesWithoutAUsableNameAreReportedOnceWhenTheNamespaceIsFirstRead() throws IOException {
        List<String> failures = new ArrayList<>();
        PluginManager<Plugin> manager = manager("[" + NS + "]\nno-equals\n= " + TestPlugins.Noop.class.getName()
                + "\nok = " + TestPlugins.Noop.class.getName() + "\n");
        manager.addListener(new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                failures.add(namespace + " " + entryPoint.name() + ": " + exception.getMessage());
            }
        });
        assertThat(manager.listNames()).containsExactly("ok");
        assertThat(manager.listNames()).containsExactly("ok");
        manager.loadAll();
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).startsWith(NS + " no-equals: ")
            .contains("entry_points.txt:2", "malformed entry in namespace " + NS, "expected 'name = value'",
                    "'no-equals'");
        assertThat(failures.get(1)).contains("entry_points.txt:3", "the name before '=' is empty",
                "'= " + TestPlugins.Noop.class.getName() + "'");
    }

    @Test
    void anOnResolveExceptionListenerThatLoadsThePluginAgainGetsTheRecordedFailureNotACycle() throws IOException {
        PluginManager<Plugin> manager = manager("[" + NS + "]\nmissing = com.example.Gone\n");
        List<String> seen = new ArrayList<>();
        manager.addListener(new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                try {
                    manager.load(entryPoint.name());
                    seen.add("loaded");
                }
                catch (PluginException ex) {
                    seen.add(ex.getMessage());
                }
            }
        });
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("missing"));
        assertThat(seen).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .doesNotContain("cycle")
            .contains("com.example.Gone");
    }

    @Test
    void loadAllWithPropagateExceptionsThrowsAResolutionFailure() throws IOException {
        PluginManager<Plugin> manager = manager("[" + NS + "]\nok = " + TestPlugins.Noop.class.getName()
                + "\nmissing = com.example.Gone\n");
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.loadAll(true))
            .satisfies((ex) -> assertThat(ex.name()).isEqualTo("missing"))
            .withCauseInstanceOf(PluginException.class);
        assertThat(manager.loadAll()).singleElement().isInstanceOf(TestPlugins.Noop.class);
    }

    @Test
    void specsOfACustomFinderAreResolvedAlready() {
        PluginSpec spec = PluginSpec.of(NS, "a", TestPlugins.Noop.class);
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).finder(() -> List.of(spec))
            .listener(new TestPlugins.RecordingListener(this.events))
            .build();
        PluginContainer<Plugin> container = manager.getContainer("a");
        assertThat(container.state()).isEqualTo(PluginState.RESOLVED);
        assertThat(container.pluginSpec()).isSameAs(spec);
        assertThat(container.entryPoint()).isEqualTo(new EntryPoint(NS, "a", TestPlugins.Noop.class.getName(), null));
        assertThat(this.events).isEmpty();
        manager.load("a");
        assertThat(this.events).startsWith("resolveAfter a");
    }

    @Test
    void keepsTheFirstOfTwoFinderSpecsWithTheSameNameAndWarnsNamingBoth() {
        PluginFinder finder = () -> List.of(PluginSpec.of(NS, "a", TestPlugins.Noop.class),
                PluginSpec.of(NS, "a", TestPlugins.Other.class), PluginSpec.of("elsewhere", "b", TestPlugins.Noop.class));
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).finder(finder).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.listNames()).containsExactly("a");
            assertThat(log.warnings()).singleElement().asString()
                .contains(TestPlugins.Noop.class.getName(), TestPlugins.Other.class.getName());
        }
        assertThat(manager.load("a")).isInstanceOf(TestPlugins.Noop.class);
    }

    @Test
    void triesAFailingFinderAgainOnTheNextCall() {
        AtomicInteger calls = new AtomicInteger();
        PluginFinder finder = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new AssertionError("boom");
            }
            return List.of(PluginSpec.of(NS, "a", TestPlugins.Noop.class));
        };
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).finder(finder).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(manager::listNames)
            .withMessageContaining("java.lang.AssertionError: boom");
        assertThat(manager.isResolved()).isFalse();
        assertThat(manager.listNames()).containsExactly("a");
    }

    @Test
    void aFinderReturningNullOrANullSpecFailsNamingTheFinderAndIsAskedAgain() {
        // a finder breaking its @NullMarked contract, as one compiled without a nullness checker can
        AtomicInteger calls = new AtomicInteger();
        PluginFinder finder = new PluginFinder() {
            @Override
            public List<PluginSpec> findPlugins() {
                return switch (calls.incrementAndGet()) {
                    case 1 -> null;
                    case 2 -> java.util.Arrays.asList(PluginSpec.of(NS, "a", TestPlugins.Noop.class), null);
                    default -> List.of(PluginSpec.of(NS, "a", TestPlugins.Noop.class));
                };
            }

            @Override
            public String toString() {
                return "careless finder";
            }
        };
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).finder(finder).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(manager::listNames)
            .withMessage("plugin finder careless finder returned null for namespace " + NS
                    + " (it returns an empty list when it finds no plugins)");
        assertThatExceptionOfType(PluginException.class).isThrownBy(manager::listNames)
            .withMessage("plugin finder careless finder returned a null PluginSpec (its item 1, counted from 0) for"
                    + " namespace " + NS);
        assertThat(manager.listNames()).containsExactly("a");
    }

    @Test
    void aHolderWhoseStaticInitializerFailsNamesTheRootCause() throws IOException {
        PluginManager<Plugin> manager = manager("[" + NS + "]\nbroken = " + TestPlugins.BrokenHolder.class.getName()
                + ":FACTORY\n");
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("broken"))
                .withMessageContaining("java.lang.IllegalStateException: holder initializer failed");
            ILoggingEvent warning = warningEvent(log);
            assertThat(warning.getFormattedMessage()).contains("entry_points.txt:2",
                    "java.lang.IllegalStateException: holder initializer failed");
            assertThat(warning.getThrowableProxy().getClassName()).isEqualTo(ExceptionInInitializerError.class.getName());
        }
        assertThat(manager.getContainer("broken").resolveError()).hasCauseInstanceOf(ExceptionInInitializerError.class);
    }

    @Test
    void rejectsASpecWhoseNamespaceAndNameDifferFromItsEntryNamingBoth() throws IOException {
        PluginManager<Plugin> manager = manager("[" + NS + "]\nwrong = " + TestPlugins.Holders.class.getName()
                + ":WRONG_SPEC\n");
        assertThat(manager.listNames()).containsExactly("wrong");
        assertThat(manager.listPluginSpecs()).isEmpty();
        assertThat(manager.getContainer("wrong").resolveError()).hasMessageContaining("other.ns:other-name")
            .hasMessageContaining(NS + ":wrong");
    }

    @Test
    void aPluginDisabledFromOnResolveAfterDisablesThePlugin() {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(PluginSpec.of(NS, "a", TestPlugins.Noop.class)))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onResolveAfter(PluginSpec spec) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "at resolution");
                }
            })
            .build();
        assertThat(manager.listPluginSpecs()).hasSize(1);
        assertThat(manager.getContainer("a").isDisabled()).isTrue();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("at resolution"));
    }

    @Test
    void aListenerMayUseTheManagerWhileAPluginResolves() throws IOException {
        List<Object> seen = new ArrayList<>();
        PluginManager<Plugin> manager = manager("[" + NS + "]\na = " + TestPlugins.Noop.class.getName() + "\nb = "
                + TestPlugins.Other.class.getName() + "\n");
        manager.addListener(new PluginLifecycleListener() {
            @Override
            public void onResolveAfter(PluginSpec spec) {
                if (spec.name().equals("a")) {
                    seen.add(manager.listNames());
                    seen.add(manager.load("b"));
                    try {
                        manager.load("a");
                    }
                    catch (PluginException ex) {
                        seen.add(ex.getMessage());
                    }
                }
            }
        });
        assertThat(manager.load("a")).isInstanceOf(TestPlugins.Noop.class);
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isEqualTo(List.of("a", "b"));
        assertThat(seen.get(1)).isInstanceOf(TestPlugins.Other.class);
        assertThat(seen.get(2)).asString().contains(NS + ":a -> " + NS + ":a");
    }

    @Test
    void aHolderInitializerWaitingForAnotherThreadUsingTheManagerDoesNotDeadlock() throws Exception {
        PluginManager<Plugin> manager = manager("[" + NS + "]\nhooked = " + TestPlugins.HookedHolder.class.getName()
                + ":FACTORY\nother = " + TestPlugins.Other.class.getName() + "\n");
        Map<String, Object> seen = new ConcurrentHashMap<>();
        // the holder's static initializer runs while "hooked" resolves; it waits for an app thread using the manager
        TestPlugins.hook = () -> {
            CompletableFuture<Void> appThread = CompletableFuture.runAsync(() -> {
                seen.put("names", manager.listNames());
                seen.put("other", manager.load("other"));
            });
            appThread.orTimeout(20, TimeUnit.SECONDS).join();
        };
        assertThat(manager.load("hooked")).isInstanceOf(TestPlugins.Noop.class);
        assertThat(seen).containsEntry("names", List.of("hooked", "other")).containsKey("other");
    }

    @Test
    void resolvesEachPluginOnceUnderConcurrentUse() throws Exception {
        PluginManager<Plugin> manager = manager("[" + NS + "]\na = " + TestPlugins.Noop.class.getName() + "\nb = "
                + TestPlugins.Other.class.getName() + "\nmissing = com.example.Gone\n");
        List<String> resolved = Collections.synchronizedList(new ArrayList<>());
        manager.addListener(new PluginLifecycleListener() {
            @Override
            public void onResolveAfter(PluginSpec spec) {
                resolved.add(spec.name());
            }

            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                resolved.add(entryPoint.name());
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean list = i % 2 == 0;
                results.add(executor.submit(() -> {
                    start.await();
                    return list ? manager.listPluginSpecs() : manager.load("b");
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(20, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(resolved).containsExactlyInAnyOrder("a", "b", "missing");
    }

    @Test
    void textFromTheIndexReachesNoMessageRaw() throws IOException {
        // a bidi override and a line separator: in a name (never declared), in a value, in a class name
        PluginManager<Plugin> manager = manager("[" + NS + "]\nbidi\u202Ename = com.example.Gone\n"
                + "separator = com.example.Gone\u2028x\nother = com.example.\u202EGone\n");
        List<String> messages = new ArrayList<>();
        manager.addListener(new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                messages.add(exception.getMessage());
            }
        });
        assertThat(manager.loadAll()).isEmpty();
        for (PluginContainer<Plugin> container : manager.listContainers()) {
            assertThat(container.state()).isEqualTo(PluginState.RESOLVE_FAILED);
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load(container.name()))
                .satisfies((ex) -> messages.add(ex.getMessage()));
        }
        assertThat(messages).hasSize(5).allSatisfy((message) -> assertThat(message).doesNotContain("\u202E", "\u2028"));
    }

    // plux: tests/runtime/test_resolve.py::test_resolve_error (the failure reaches the listener wrapped, naming the
    // entry; its root cause is what the holder threw)
    @Test
    void anEntryWhoseHolderFailsIsReportedOnceWithItsNamespaceAndEntryPointAndTheOthersResolve() throws IOException {
        List<List<Object>> reported = new ArrayList<>();
        PluginManager<Plugin> manager = manager("[" + NS + "]\ncannot-be-loaded = gen.InvalidModule:CannotBeLoadedPlugin\n"
                + "simple = " + TestPlugins.Noop.class.getName() + "\n", Map.of("gen.InvalidModule", """
                package gen;
                public class InvalidModule {
                    static { if (true) throw new IllegalStateException("this is an expected exception"); }
                    public static final dev.plux.core.PluginFactory CannotBeLoadedPlugin = null;
                }
                """));
        manager.addListener(new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                reported.add(List.of(namespace, entryPoint, exception));
            }
        });
        assertThat(manager.listPluginSpecs()).extracting(PluginSpec::name).containsExactly("simple");
        assertThat(reported).singleElement().satisfies((call) -> {
            assertThat(call.get(0)).isEqualTo(NS);
            EntryPoint entryPoint = (EntryPoint) call.get(1);
            assertThat(entryPoint.namespace()).isEqualTo(NS);
            assertThat(entryPoint.name()).isEqualTo("cannot-be-loaded");
            assertThat(entryPoint.value()).isEqualTo("gen.InvalidModule:CannotBeLoadedPlugin");
            assertThat(entryPoint.source()).isNotNull();
            // plux passes the holder's exception itself (str() is its message); here it is the cause, and the
            // message that names the entry's file and line quotes it
            assertThat((Throwable) call.get(2)).hasMessageContaining("this is an expected exception")
                .rootCause()
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("this is an expected exception");
        });
        assertThat(manager.getContainer("cannot-be-loaded").state()).isEqualTo(PluginState.RESOLVE_FAILED);
    }
}
