package dev.plux.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.LogCapture;
import dev.plux.QuietLogs;
import dev.plux.TestFiles;
import dev.plux.TestPlugins;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.FunctionPlugin;
import dev.plux.core.NoSuchPluginException;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginFinder;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The public API of {@link PluginManager}: listing, loading, loadAll, concurrency, the builder. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PluginManagerTest {

    private static final String NS = "test.ns";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    @TempDir
    Path temp;

    private final List<URLClassLoader> loaders = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        MatchingPluginFilter.global().clear();
        for (URLClassLoader loader : this.loaders) {
            loader.close();
        }
    }

    private PluginManager.Builder<Plugin> indexed(String index) {
        return PluginManager.<Plugin>builder(NS).classLoader(loader("classes", index));
    }

    /** A fresh class loader over a classes directory holding the index; closed after the test. */
    private URLClassLoader loader(String directory, String index) {
        try {
            URLClassLoader loader = TestFiles.classLoader(TestFiles.indexDirectory(this.temp.resolve(directory), index));
            this.loaders.add(loader);
            return loader;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static PluginManager.Builder<Plugin> found(PluginSpec... specs) {
        PluginFinder finder = () -> List.of(specs);
        return PluginManager.<Plugin>builder(NS).finder(finder);
    }

    private static PluginSpec spec(String name, PluginFactory factory) {
        return new PluginSpec(NS, name, factory);
    }

    private static String noop() {
        return TestPlugins.Noop.class.getName();
    }

    private static @Nullable Object invoke(FunctionPlugin function, Object... args) {
        try {
            return function.invoke(new Object[] { args });
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void listsThePluginsOfItsOwnNamespaceInIndexOrder() {
        PluginManager<Plugin> manager = indexed("[" + NS + "]\nb = " + noop() + "\na = "
                + TestPlugins.Other.class.getName() + "\n[other.ns]\nc = " + noop() + "\n").build();
        assertThat(manager.listNames()).containsExactly("b", "a");
        assertThat(manager.listPluginSpecs()).extracting(PluginSpec::namespace).containsOnly(NS);
        assertThat(manager.exists("a")).isTrue();
        assertThat(manager.exists("c")).isFalse();
        assertThat(manager.namespace()).isEqualTo(NS);
    }

    @Test
    void aNullPluginNameIsNamedAsTheCallersMistakeWithTheNamespace() {
        PluginManager<Plugin> manager = indexed("[" + NS + "]\na = " + noop() + "\n").build();
        // what a caller's bug passes where the API takes a name (the compiler does not enforce @NullMarked)
        String none = null;
        for (Runnable call : List.<Runnable>of(() -> manager.load(none), () -> manager.getContainer(none),
                () -> manager.exists(none), () -> manager.isLoaded(none))) {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(call::run)
                .withMessage("the plugin name is null (plux namespace " + NS + ")");
        }
        assertThat(manager.load("a")).isNotNull();
    }

    @Test
    void readsNothingInTheConstructor() {
        AtomicInteger calls = new AtomicInteger();
        PluginFinder finder = () -> {
            calls.incrementAndGet();
            return List.of(PluginSpec.of(NS, "a", TestPlugins.Noop.class));
        };
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).finder(finder).build();
        assertThat(calls).hasValue(0);
        manager.listNames();
        manager.load("a");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aManagerOverTheIndexLooksForIndexFilesOnFirstUseNotWhenBuilt() throws IOException {
        // SPEC: a manager reads the index on first use, not in the constructor (with the default finder too)
        AtomicInteger lookups = new AtomicInteger();
        Path classes = TestFiles.indexDirectory(this.temp.resolve("counted"), "[" + NS + "]\na = " + noop() + "\n");
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] { TestFiles.url(classes) },
                getClass().getClassLoader()) {
            @Override
            public java.util.Enumeration<java.net.URL> getResources(String name) throws IOException {
                if (name.equals(TestFiles.INDEX)) {
                    lookups.incrementAndGet();
                }
                return super.getResources(name);
            }
        };
        this.loaders.add(loader);
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).classLoader(loader).build();
        PluginManager<Plugin> constructed;
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            constructed = new PluginManager<>(NS);
        }
        finally {
            thread.setContextClassLoader(before);
        }
        assertThat(lookups).hasValue(0);
        assertThat(manager.isResolved()).isFalse();
        assertThat(manager.listNames()).containsExactly("a");
        assertThat(constructed.listNames()).containsExactly("a");
        assertThat(lookups).hasValue(1); // read once for the loader, shared by both managers
    }

    @Test
    void withoutAClassLoaderAManagerReadsTheIndexOfTheContextClassLoaderItWasBuiltUnder() {
        // SPEC: PluginManager(namespace) uses an IndexPluginFinder over the context class loader; the builder's
        // default is the same, taken when the manager is built (its first use may run on another thread)
        URLClassLoader context = loader("context", "[" + NS + "]\nfrom-context = " + noop() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        PluginManager<Plugin> constructed;
        PluginManager<Plugin> built;
        thread.setContextClassLoader(context);
        try {
            constructed = new PluginManager<>(NS);
            built = PluginManager.<Plugin>builder(NS).build();
        }
        finally {
            thread.setContextClassLoader(before);
        }
        assertThat(constructed.listNames()).containsExactly("from-context");
        assertThat(constructed.load("from-context")).isInstanceOf(TestPlugins.Noop.class);
        assertThat(built.listNames()).containsExactly("from-context");
        // under the test's own context class loader the namespace is empty
        assertThat(new PluginManager<>(NS).listNames()).isEmpty();
    }

    @Test
    void resolvesEveryValueForm() {
        String holders = TestPlugins.Holders.class.getName();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.forms")
            .classLoader(loader("forms",
                    "[test.forms]\nclass = " + noop() + "\nfield-spec = " + holders + ":FIELD_SPEC\nfield-factory = "
                            + holders + ":FIELD_FACTORY\nmethod-plugin = " + holders + ":pluginMethod\nmethod-spec = "
                            + holders + ":specMethod\nfunction = " + holders + ":function\nconditional = " + holders
                            + ":conditional\nnested = " + TestPlugins.Outer.Inner.class.getName() + "\n"))
            .loadArgs("x", "y")
            .build();
        assertThat(manager.listNames()).containsExactly("class", "field-spec", "field-factory", "method-plugin",
                "method-spec", "function", "conditional", "nested");
        assertThat(manager.load("class")).isInstanceOf(TestPlugins.Noop.class);
        assertThat(manager.load("field-spec")).isInstanceOf(TestPlugins.Noop.class);
        assertThat(manager.load("field-factory")).isInstanceOf(TestPlugins.Echo.class);
        assertThat(manager.getContainer("field-factory").loadValue()).isEqualTo(new Object[] { "x", "y" });
        assertThat(manager.load("method-plugin")).isInstanceOf(TestPlugins.Other.class);
        assertThat(manager.load("method-spec")).isInstanceOf(TestPlugins.Other.class);
        assertThat(manager.load("function")).isInstanceOfSatisfying(FunctionPlugin.class,
                (function) -> assertThat(invoke(function, "x", "y")).isEqualTo("called with 2"));
        assertThat(manager.getContainer("function").loadValue()).isNull();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("conditional"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(LoadLifecycle.CONDITION_REASON));
        assertThat(manager.load("nested")).isInstanceOf(TestPlugins.Outer.Inner.class);
        assertThat(manager.listPluginSpecs()).extracting(PluginSpec::value).contains(holders + ":FIELD_SPEC");
    }

    @Test
    void loadsAPluginOnceAndPassesTheLoadArguments() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "echo", TestPlugins.Echo.class)).loadArgs(1, "two")
            .build();
        assertThat(manager.isLoaded("echo")).isFalse();
        Plugin plugin = manager.load("echo");
        assertThat(manager.load("echo")).isSameAs(plugin);
        PluginContainer<Plugin> container = manager.getContainer("echo");
        assertThat(container.isLoaded()).isTrue();
        assertThat(container.isInit()).isTrue();
        assertThat(container.state()).isEqualTo(PluginState.LOADED);
        assertThat(container.plugin()).isSameAs(plugin);
        assertThat(container.loadValue()).isEqualTo(new Object[] { 1, "two" });
    }

    // plux: test_load_on_non_existing_plugin (plux raises a ValueError; SPEC: NoSuchPluginException, same message)
    @Test
    void throwsNoSuchPluginExceptionNamingNamespaceAndName() {
        PluginManager<Plugin> manager = found().build();
        assertThatExceptionOfType(NoSuchPluginException.class).isThrownBy(() -> manager.load("missing"))
            .withMessage("no plugin named missing in namespace " + NS)
            .satisfies((ex) -> assertThat(ex.namespace()).isEqualTo(NS))
            .satisfies((ex) -> assertThat(ex.name()).isEqualTo("missing"));
        assertThatExceptionOfType(NoSuchPluginException.class).isThrownBy(() -> manager.getContainer("missing"));
        assertThatExceptionOfType(NoSuchPluginException.class).isThrownBy(() -> manager.isLoaded("missing"));
    }

    @Test
    void unknownNameCloseToADeclaredOneSuggestsIt() {
        PluginManager<Plugin> manager = indexed("[" + NS + "]\ngreeter = " + noop() + "\nfarewell = " + noop() + "\n")
            .build();
        assertThatExceptionOfType(NoSuchPluginException.class).isThrownBy(() -> manager.getContainer("greter"))
            .withMessage("no plugin named greter in namespace " + NS + "; did you mean greeter?")
            .satisfies((ex) -> assertThat(ex.name()).isEqualTo("greter"));
        // names are case-sensitive, so a name differing only in case is a typo too
        assertThatExceptionOfType(NoSuchPluginException.class).isThrownBy(() -> manager.load("Greeter"))
            .withMessage("no plugin named Greeter in namespace " + NS + "; did you mean greeter?");
        // nothing close: the message stays as it was
        assertThatExceptionOfType(NoSuchPluginException.class).isThrownBy(() -> manager.isLoaded("s3"))
            .withMessage("no plugin named s3 in namespace " + NS);
    }

    @Test
    void theSuggestionAmongEquallyCloseNamesIsTheFirstDeclaredOnEveryRun() {
        // 40 names one edit from "greeter": the first declared is named, not whichever a hash order puts first
        StringBuilder index = new StringBuilder("[" + NS + "]\n");
        for (char last : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd".toCharArray()) {
            index.append("greeter").append(last).append(" = ").append(noop()).append('\n');
        }
        PluginManager<Plugin> manager = indexed(index.toString()).build();
        assertThatExceptionOfType(NoSuchPluginException.class).isThrownBy(() -> manager.getContainer("greeter"))
            .satisfies((ex) -> assertThat(ex.suggestion()).isEqualTo("greeterA"));
    }

    @Test
    void loadsAllInDiscoveryOrderSkippingDisabledAndFailedPlugins() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "c", TestPlugins.Echo.class),
                PluginSpec.of(NS, "never", TestPlugins.NeverLoads.class), spec("bad", () -> {
                    throw new IllegalStateException("bad");
                }), PluginSpec.of(NS, "a", TestPlugins.Noop.class)).build();
        List<Plugin> loaded = manager.loadAll();
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0)).isInstanceOf(TestPlugins.Echo.class);
        assertThat(loaded.get(1)).isInstanceOf(TestPlugins.Noop.class);
        assertThat(manager.listContainers()).extracting(PluginContainer::state)
            .containsExactly(PluginState.LOADED, PluginState.DISABLED, PluginState.INIT_FAILED, PluginState.LOADED);
    }

    @Test
    void loadAllWithPropagateExceptionsThrowsTheFirstFailureButNotDisabledPlugins() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "never", TestPlugins.NeverLoads.class),
                spec("bad", () -> {
                    throw new IllegalStateException("bad");
                }), PluginSpec.of(NS, "a", TestPlugins.Noop.class)).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.loadAll(true))
            .satisfies((ex) -> assertThat(ex.name()).isEqualTo("bad"));
        assertThat(manager.isLoaded("a")).isFalse();
    }

    // plux: manager.py PluginManager.load_all (a plugin loaded before is returned in its place, not loaded again)
    @Test
    void loadAllReturnsAPluginLoadedBeforeInItsDiscoveryPlaceWithoutLoadingItAgain() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.LoadRecorder.class),
                PluginSpec.of(NS, "b", TestPlugins.LoadRecorder.class))
            .build();
        Plugin b = manager.load("b");
        List<Plugin> all = manager.loadAll();
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).isSameAs(manager.getContainer("a").plugin());
        assertThat(all.get(1)).isSameAs(b);
        assertThat(((TestPlugins.LoadRecorder) b).loadCalls).hasSize(1);
    }

    // ---- plux's tests/test_manager.py, over its dummy_plugin_finder fixture ----------------------------------

    /** plux's {@code dummy_plugin_finder}: five plugins of the namespace, and one of the same name in another. */
    private static PluginManager.Builder<Plugin> dummy() {
        return found(PluginSpec.of(NS, "shouldload", TestPlugins.LoadRecorder.class),
                PluginSpec.of(NS, "shouldnotload", TestPlugins.NeverLoads.class),
                spec("load_errors", () -> new TestPlugins.LoadRecorder() {
                    @Override
                    public @Nullable Object load(Object... args) {
                        super.load(args);
                        throw new IllegalArgumentException("controlled load fail");
                    }
                }), spec("init_errors", () -> {
                    throw new IllegalArgumentException("controlled init fail");
                }), PluginSpec.of(NS, "shouldalsoload", TestPlugins.LoadRecorder.class),
                PluginSpec.of("test.others", "shouldload", TestPlugins.Noop.class));
    }

    private static final List<String> DUMMY_NAMES = List.of("shouldload", "shouldnotload", "load_errors",
            "init_errors", "shouldalsoload");

    // plux: test_load_all
    @Test
    void loadAllReturnsTheLoadablePluginsAndIsLoadedTellsWhichOnesLoaded() {
        PluginManager<Plugin> manager = dummy().build();
        for (String name : DUMMY_NAMES) {
            assertThat(manager.isLoaded(name)).as(name).isFalse();
        }
        List<Plugin> plugins = manager.loadAll();
        assertThat(manager.isLoaded("shouldload")).isTrue();
        assertThat(manager.isLoaded("shouldalsoload")).isTrue();
        assertThat(manager.isLoaded("shouldnotload")).isFalse();
        assertThat(manager.isLoaded("load_errors")).isFalse();
        assertThat(manager.isLoaded("init_errors")).isFalse();
        assertThat(plugins).hasSize(2).hasExactlyElementsOfTypes(TestPlugins.LoadRecorder.class,
                TestPlugins.LoadRecorder.class);
        assertThat(plugins).containsExactly(manager.load("shouldload"), manager.load("shouldalsoload"));
    }

    // plux: test_list_names, test_exists
    @Test
    void listNamesAndExistsCoverEveryPluginOfTheNamespaceWhateverBecomesOfItAndNoOther() {
        PluginManager<Plugin> manager = dummy().build();
        assertThat(manager.listNames()).containsExactlyElementsOf(DUMMY_NAMES);
        assertThat(DUMMY_NAMES).allSatisfy((name) -> assertThat(manager.exists(name)).as(name).isTrue());
        assertThat(manager.exists("foobar")).isFalse();
        manager.loadAll();
        assertThat(manager.listNames()).containsExactlyElementsOf(DUMMY_NAMES);
        assertThat(DUMMY_NAMES).allSatisfy((name) -> assertThat(manager.exists(name)).as(name).isTrue());
        assertThat(manager.listPluginSpecs()).extracting(PluginSpec::name).containsExactlyElementsOf(DUMMY_NAMES);
        assertThat(manager.listContainers()).extracting(PluginContainer::name).containsExactlyElementsOf(DUMMY_NAMES);
    }

    // plux: test_load_all_load_is_only_called_once (load_kwargs={"foo": "bar"} are load arguments here)
    @Test
    void loadAllTwiceLoadsEachPluginOnceWithTheLoadArguments() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "shouldload", TestPlugins.LoadRecorder.class),
                PluginSpec.of(NS, "shouldalsoload", TestPlugins.LoadRecorder.class))
            .loadArgs(Map.of("foo", "bar"))
            .build();
        List<Plugin> first = manager.loadAll();
        assertThat(first).hasSize(2);
        for (Plugin plugin : first) {
            assertThat(((TestPlugins.LoadRecorder) plugin).loadCalls).containsExactly(List.of(Map.of("foo", "bar")));
        }
        assertThat(manager.loadAll()).containsExactlyElementsOf(first);
        for (Plugin plugin : first) {
            assertThat(((TestPlugins.LoadRecorder) plugin).loadCalls).hasSize(1);
        }
    }

    // plux: test_load_all_container_has_errors
    @Test
    void containersTakenBeforeLoadAllShowWhichStepFailed() {
        PluginManager<Plugin> manager = dummy().build();
        Map<String, PluginContainer<Plugin>> containers = new LinkedHashMap<>();
        for (String name : DUMMY_NAMES) {
            containers.put(name, manager.getContainer(name));
        }
        manager.loadAll();
        assertThat(containers.get("shouldload").initError()).isNull();
        assertThat(containers.get("shouldnotload").initError()).isNull();
        assertThat(containers.get("init_errors").initError()).isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessage("controlled init fail");
        assertThat(containers.get("load_errors").initError()).isNull();
        assertThat(containers.get("shouldalsoload").initError()).isNull();
        assertThat(containers.get("shouldload").loadError()).isNull();
        assertThat(containers.get("shouldnotload").loadError()).isNull();
        assertThat(containers.get("init_errors").loadError()).isNull();
        assertThat(containers.get("load_errors").loadError()).isExactlyInstanceOf(IllegalArgumentException.class)
            .hasMessage("controlled load fail");
        assertThat(containers.get("shouldalsoload").loadError()).isNull();
        assertThat(manager.listContainers()).containsExactlyElementsOf(containers.values());
    }

    // plux: test_load_all_propagate_exception (plux raises the ValueError itself; SPEC: a PluginException, cause it)
    @Test
    void loadAllWithPropagateExceptionsThrowsALoadFailureNamingItsCause() {
        PluginManager<Plugin> manager = found(spec("load_errors", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw new IllegalArgumentException("controlled load fail");
            }
        })).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.loadAll(true))
            .withMessageContaining("controlled load fail")
            .satisfies((ex) -> assertThat(ex.name()).isEqualTo("load_errors"))
            .havingCause()
            .isExactlyInstanceOf(IllegalArgumentException.class)
            .withMessage("controlled load fail");
    }

    // plux: test_load_disabled_plugin
    @Test
    void loadOfAPluginWhoseLoadConditionIsFalseThrowsPluginDisabledNamingIt() {
        PluginManager<Plugin> manager = dummy().build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("shouldnotload"))
            .satisfies((ex) -> assertThat(ex.namespace()).isEqualTo(NS))
            .satisfies((ex) -> assertThat(ex.name()).isEqualTo("shouldnotload"));
    }

    // plux: test_lifecycle_listener
    @Test
    void listenersOfLoadAllAreCalledPerPluginAndOnLoadAfterGetsTheContainersSpecPluginAndResult() {
        List<String> events = new ArrayList<>();
        List<List<@Nullable Object>> loadAfter = new ArrayList<>();
        PluginManager<Plugin> manager = dummy().listener(new TestPlugins.RecordingListener(events))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                    loadAfter.add(Arrays.asList(spec, plugin, loadResult));
                }
            })
            .build();
        manager.loadAll();
        assertThat(events).filteredOn((event) -> event.startsWith("initAfter ")).hasSize(4);
        assertThat(events).filteredOn((event) -> event.startsWith("initException ")).hasSize(1);
        assertThat(events).filteredOn((event) -> event.startsWith("loadAfter ")).hasSize(2);
        // plux's Mock is told on_resolve_after of the finder's test.others:shouldload too; a listener of this manager
        // hears of this namespace's plugins only (README, Coming from Python plux)
        assertThat(events).filteredOn((event) -> event.startsWith("resolveAfter "))
            .containsExactlyElementsOf(DUMMY_NAMES.stream().map((name) -> "resolveAfter " + name).toList());
        PluginContainer<Plugin> container = manager.getContainer("shouldalsoload");
        assertThat(loadAfter).last()
            .isEqualTo(Arrays.asList(container.pluginSpec(), container.plugin(), null));
        assertThat(loadAfter.get(loadAfter.size() - 1).get(0)).isSameAs(container.pluginSpec());
        assertThat(loadAfter.get(loadAfter.size() - 1).get(1)).isSameAs(container.plugin());
    }

    // ---- plux's TestGlobalPluginFilter: exclusions added after the manager was built --------------------------

    // plux: TestGlobalPluginFilter.test_disable_namespace
    @Test
    void aGlobalExclusionOfTheNamespaceDisablesItsPlugins() {
        PluginManager<Plugin> manager = dummy().build();
        MatchingPluginFilter.global().addExclusion("test.*", null, null);
        manager.loadAll();
        assertThat(manager.isLoaded("shouldload")).isFalse();
        assertThat(manager.isLoaded("shouldalsoload")).isFalse();
        assertThat(manager.getContainer("shouldload").state()).isEqualTo(PluginState.DISABLED);
    }

    // plux: TestGlobalPluginFilter.test_non_matching_namespace
    @Test
    void aGlobalExclusionOfSubNamespacesLeavesTheNamespaceItself() {
        PluginManager<Plugin> manager = dummy().build();
        MatchingPluginFilter.global().addExclusion(NS + ".*", null, null);
        manager.loadAll();
        assertThat(manager.isLoaded("shouldload")).isTrue();
        assertThat(manager.isLoaded("shouldalsoload")).isTrue();
    }

    // plux: TestGlobalPluginFilter.test_disable_name
    @Test
    void aGlobalExclusionByNameDisablesOnlyTheMatchingPlugins() {
        PluginManager<Plugin> manager = dummy().build();
        MatchingPluginFilter.global().addExclusion(null, "*also*", null);
        manager.loadAll();
        assertThat(manager.isLoaded("shouldload")).isTrue();
        assertThat(manager.isLoaded("shouldalsoload")).isFalse();
    }

    // plux: TestGlobalPluginFilter.test_disable_value ("tests.test_manager:*": the plugins' module; here their class)
    @Test
    void aGlobalExclusionByValueDisablesThePluginsItMatches() {
        PluginManager<Plugin> manager = dummy().build();
        MatchingPluginFilter.global().addExclusion(null, null, TestPlugins.class.getName() + "$*");
        manager.loadAll();
        assertThat(manager.isLoaded("shouldload")).isFalse();
        assertThat(manager.isLoaded("shouldalsoload")).isFalse();
    }

    // ---- plux's tests/test_function_plugin.py -------------------------------------------------------------------

    private PluginManager<Plugin> functions(String namespace) {
        String holder = TestPlugins.SampleFunctions.class.getName();
        return PluginManager.<Plugin>builder(namespace)
            .classLoader(loader("functions", "[test.functions]\nplugin3 = " + holder + ":plugin3\nplugin4 = " + holder
                    + ":functionalPlugin\n[test.functions.conditional]\nplugin5 = " + holder
                    + ":functionalPluginWithLoadConditionFunction\nplugin6 = " + holder
                    + ":functionalPluginWithLoadConditionFalse\n"))
            .loadArgs("load", "args")
            .build();
    }

    // plux: test_load_functional_plugins
    @Test
    void functionPluginsLoadWithoutBeingCalledAndReturnWhatTheFunctionReturnsWhenInvoked() throws Exception {
        PluginManager<Plugin> manager = functions("test.functions");
        List<Plugin> plugins = manager.loadAll();
        assertThat(plugins).hasSize(2).allSatisfy((plugin) -> assertThat(plugin).isInstanceOf(FunctionPlugin.class));
        FunctionPlugin plugin3 = (FunctionPlugin) plugins.get(0);
        FunctionPlugin plugin4 = (FunctionPlugin) plugins.get(1);
        assertThat(plugin3.name()).isEqualTo("plugin3");
        assertThat(plugin4.name()).isEqualTo("plugin4");
        assertThat(manager.getContainer("plugin3").loadValue()).isNull();
        assertThat(plugin3.invoke()).isEqualTo("foobar");
        assertThat(plugin4.invoke()).isEqualTo("another");
    }

    // plux: test_load_functional_plugins_with_load_condition_false
    @Test
    void functionPluginsWhoseLoadConditionIsFalseAreDisabled() {
        TestPlugins.SampleFunctions.condition = false;
        PluginManager<Plugin> manager = functions("test.functions.conditional");
        assertThat(manager.loadAll()).isEmpty();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("plugin5"))
            .withMessage("plugin test.functions.conditional:plugin5 is disabled, reason: Load condition for plugin was "
                    + "false");
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("plugin6"))
            .withMessage("plugin test.functions.conditional:plugin6 is disabled, reason: Load condition for plugin was "
                    + "false");
    }

    // plux: test_load_functional_plugins_with_load_condition_patchd
    @Test
    void theLoadConditionOfAFunctionPluginIsAskedWhenItLoads() {
        TestPlugins.SampleFunctions.condition = false;
        PluginManager<Plugin> manager = functions("test.functions.conditional");
        assertThat(manager.listPluginSpecs()).hasSize(2);
        TestPlugins.SampleFunctions.condition = true;
        try {
            assertThat(manager.loadAll()).hasSize(1);
            assertThat(manager.load("plugin5")).isInstanceOf(FunctionPlugin.class);
            assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("plugin6"))
                .withMessage("plugin test.functions.conditional:plugin6 is disabled, reason: Load condition for "
                        + "plugin was false");
        }
        finally {
            TestPlugins.SampleFunctions.condition = false;
        }
    }

    // plux names a function plugin after its decorator; here the index line names it (declared before any class
    // is looked up), so a line that disagrees with the annotation is kept, and warned of once, when created
    @Test
    void anIndexLineThatDisagreesWithItsPluginFunctionAnnotationIsWarnedOfOnceNamingBoth() throws Exception {
        String holder = TestPlugins.SampleFunctions.class.getName();
        URLClassLoader loader = loader("stale", "[test.functions]\nplugin3 = " + holder + ":plugin3\nrenamed = "
                + holder + ":functionalPlugin\n[test.elsewhere]\nplugin3 = " + holder + ":plugin3\n");
        PluginManager<Plugin> functions = PluginManager.<Plugin>builder("test.functions").classLoader(loader).build();
        PluginManager<Plugin> elsewhere = PluginManager.<Plugin>builder("test.elsewhere").classLoader(loader).build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(functions.loadAll()).hasSize(2);
            assertThat(functions.load("renamed")).isInstanceOf(FunctionPlugin.class);
            assertThat(((FunctionPlugin) functions.load("renamed")).invoke()).isEqualTo("another");
            assertThat(elsewhere.load("plugin3")).isInstanceOf(FunctionPlugin.class);
            elsewhere.load("plugin3");
            assertThat(log.warnings()).containsExactly(
                    TestFiles.shown(this.temp.resolve("stale")) + "META-INF/plux/entry_points.txt:3: "
                            + "index line test.functions:renamed = " + holder + ":functionalPlugin points at "
                            + holder + ".functionalPlugin(), annotated @PluginFunction(namespace = \"test.functions\", "
                            + "name = \"plugin4\"); the plugin is test.functions:renamed, as the line says (a "
                            + "hand-written or stale line: correct it, or rebuild the index with plux-processor)",
                    TestFiles.shown(this.temp.resolve("stale")) + "META-INF/plux/entry_points.txt:5: "
                            + "index line test.elsewhere:plugin3 = " + holder + ":plugin3 points at " + holder
                            + ".plugin3(), annotated @PluginFunction(namespace = \"test.functions\", name = "
                            + "\"plugin3\"); the plugin is test.elsewhere:plugin3, as the line says (a hand-written or "
                            + "stale line: correct it, or rebuild the index with plux-processor)");
        }
    }

    // as with @PluginFunction: the line names the plugin, so a line that disagrees with the @PluginName of its class
    // or factory member is kept, and warned of once per manager (when it is resolved), naming both
    @Test
    void anIndexLineThatDisagreesWithItsPluginNameAnnotationIsWarnedOfOnceNamingBoth() throws Exception {
        String named = TestPlugins.Named.class.getName();
        String factories = TestPlugins.NamedFactories.class.getName();
        URLClassLoader loader = loader("stale-names", "[test.named]\nnamed = " + named + "\nold = " + named
                + "\nmade = " + factories + ":make\nrenamed = " + factories + ":make\nfield = " + factories
                + ":FIELD\nstale = " + factories + ":FIELD\n[test.other]\nnamed = " + named + "\n");
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.named").classLoader(loader).build();
        PluginManager<Plugin> other = PluginManager.<Plugin>builder("test.other").classLoader(loader).build();
        String file = TestFiles.shown(this.temp.resolve("stale-names")) + "META-INF/plux/entry_points.txt";
        String advice = " (a hand-written or stale line: correct it, or rebuild the index with plux-processor)";
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.loadAll()).hasSize(6);
            assertThat(manager.load("old")).isInstanceOf(TestPlugins.Named.class);
            manager.listPluginSpecs();
            assertThat(other.load("named")).isInstanceOf(TestPlugins.Named.class);
            assertThat(log.warnings()).containsExactly(
                    file + ":3: index line test.named:old = " + named + " points at class " + named
                            + ", annotated @PluginName(value = \"named\", namespace = \"test.named\"); the plugin is "
                            + "test.named:old, as the line says" + advice,
                    file + ":5: index line test.named:renamed = " + factories + ":make points at " + factories
                            + ".make(), annotated @PluginName(value = \"made\", namespace = \"test.named\"); the "
                            + "plugin is test.named:renamed, as the line says" + advice,
                    file + ":7: index line test.named:stale = " + factories + ":FIELD points at " + factories
                            + ".FIELD, annotated @PluginName(value = \"field\", namespace = \"test.named\"); the "
                            + "plugin is test.named:stale, as the line says" + advice,
                    file + ":9: index line test.other:named = " + named + " points at class " + named
                            + ", annotated @PluginName(value = \"named\", namespace = \"test.named\"); the plugin is "
                            + "test.other:named, as the line says" + advice);
        }
    }

    // ---- concurrency ---------------------------------------------------------------------------------------

    @Test
    void loadsOneSlowPluginExactlyOnceFrom32Threads() throws Exception {
        int threads = 32;
        AtomicInteger creations = new AtomicInteger();
        AtomicInteger loads = new AtomicInteger();
        Set<Thread> callers = ConcurrentHashMap.newKeySet();
        AtomicBoolean othersWaited = new AtomicBoolean();
        PluginManager<Plugin> manager = found(spec("slow", () -> {
            creations.incrementAndGet();
            return new Plugin() {
                @Override
                public @Nullable Object load(Object... args) throws InterruptedException {
                    loads.incrementAndGet();
                    // slow until every other caller waits for this load (rather than for a fixed time, which a slow
                    // machine can let pass before they even call): only then is the race exercised
                    othersWaited.set(othersWait(callers, threads));
                    return null;
                }
            };
        })).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Plugin>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    callers.add(Thread.currentThread());
                    return manager.load("slow");
                }));
            }
            start.countDown();
            Set<Plugin> instances = ConcurrentHashMap.newKeySet();
            for (Future<Plugin> result : results) {
                instances.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(othersWaited).as("the other callers waited for the load").isTrue();
            assertThat(instances).hasSize(1);
            assertThat(creations).hasValue(1);
            assertThat(loads).hasValue(1);
        }
        finally {
            executor.shutdownNow();
        }
    }

    /**
     * Waits until all {@code count} callers have called and every one but this thread waits (or is blocked), at most
     * 20 s, a bound against a hang only; whether they all did.
     */
    private static boolean othersWait(Set<Thread> callers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (callers.size() == count && callers.stream()
                .filter((caller) -> caller != Thread.currentThread())
                .allMatch((caller) -> caller.getState() == Thread.State.WAITING
                        || caller.getState() == Thread.State.TIMED_WAITING
                        || caller.getState() == Thread.State.BLOCKED)) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    @Test
    void loadsDifferentPluginsInParallel() throws Exception {
        CountDownLatch bothInside = new CountDownLatch(2);
        PluginFactory meeting = () -> new Plugin() {
            @Override
            public Object load(Object... args) throws InterruptedException {
                bothInside.countDown();
                return bothInside.await(10, TimeUnit.SECONDS);
            }
        };
        PluginManager<Plugin> manager = found(spec("one", meeting), spec("two", meeting)).build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<Plugin> one = executor.submit(() -> manager.load("one"));
            Future<Plugin> two = executor.submit(() -> manager.load("two"));
            one.get(20, TimeUnit.SECONDS);
            two.get(20, TimeUnit.SECONDS);
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(manager.getContainer("one").loadValue()).isEqualTo(true);
        assertThat(manager.getContainer("two").loadValue()).isEqualTo(true);
    }

    @Test
    void rejectsABlankNamespace() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> PluginManager.builder(" "));
        assertThat(new PluginManager<>("ns")).hasToString("PluginManager[ns]");
    }

    @Test
    void loadArgsRejectsANullArrayNamingWhatToWriteInstead() {
        // the array is @NullMarked non-null, as every builder argument is; loadArgs(null) compiles (with a warning)
        PluginManager.Builder<Plugin> builder = PluginManager.builder(NS);
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> builder.loadArgs((Object[]) null))
            .withMessage("plugin manager " + NS + ": loadArgs(...) was given a null array; loadArgs() passes no "
                    + "arguments");
    }

    @Test
    void addsAListenerAfterConstruction() {
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class)).build();
        manager.addListener(new TestPlugins.RecordingListener(events));
        manager.load("a");
        assertThat(events).contains("initAfter a", "loadAfter a");
    }

    @Test
    void usesTheConfiguredInstantiator() {
        TestPlugins.Noop instance = new TestPlugins.Noop();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class))
            .instantiator((spec) -> instance)
            .build();
        assertThat(manager.load("a")).isSameAs(instance);
    }

    @Test
    void notifiesListenersOncePerPluginDuringLoadAll() {
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "shouldload", TestPlugins.Noop.class),
                PluginSpec.of(NS, "shouldnotload", TestPlugins.NeverLoads.class), spec("load_errors", () -> new Plugin() {
                    @Override
                    public Object load(Object... args) {
                        throw new IllegalArgumentException("controlled load fail");
                    }
                }), spec("init_errors", () -> {
                    throw new IllegalArgumentException("controlled init fail");
                }), PluginSpec.of(NS, "shouldalsoload", TestPlugins.Echo.class))
            .listener(new TestPlugins.RecordingListener(events))
            .build();
        manager.loadAll();
        manager.loadAll();
        assertThat(events).filteredOn((event) -> event.startsWith("initAfter")).hasSize(4);
        assertThat(events).filteredOn((event) -> event.startsWith("initException")).hasSize(1);
        assertThat(events).filteredOn((event) -> event.startsWith("loadAfter")).hasSize(2);
        assertThat(events).filteredOn((event) -> event.startsWith("loadException")).hasSize(1);
        assertThat(events).filteredOn((event) -> event.startsWith("disabled")).hasSize(1);
        assertThat(manager.getContainer("init_errors").initError()).isInstanceOf(IllegalArgumentException.class);
        assertThat(manager.getContainer("init_errors").loadError()).isNull();
        assertThat(manager.getContainer("load_errors").initError()).isNull();
        assertThat(manager.getContainer("load_errors").loadError()).hasMessage("controlled load fail");
        assertThat(manager.getContainer("shouldload").initError()).isNull();
        assertThat(manager.getContainer("shouldload").loadError()).isNull();
    }

    @Test
    void readsAnIndexWithBomAndCrlfFromAJar() throws IOException {
        Path jar = TestFiles.jar(this.temp.resolve("crlf.jar"), null,
                Map.of(TestFiles.INDEX, "\uFEFF# plugins\r\n[" + NS + "]\r\n  a =  " + noop() + "  \r\n"));
        try (URLClassLoader loader = TestFiles.classLoader(jar)) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).classLoader(loader).build();
            assertThat(manager.load("a")).isInstanceOf(TestPlugins.Noop.class);
        }
    }
}
