package dev.plux.runtime;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.core.EntryPoint;
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
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginManagerTest {

    private static final String NS = "test.ns";

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
        URLClassLoader loader = TempIndex.loader(TempIndex.directory(this.temp, "classes", index));
        this.loaders.add(loader);
        return PluginManager.<Plugin>builder(NS).classLoader(loader);
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

    // ---- resolution ----------------------------------------------------------------------------------------

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
    void resolvesAPlainClassEntryWithoutRunningItsStaticInitializer() {
        PluginManager<Plugin> manager = indexed("[" + NS + "]\nlazy = " + TestPlugins.LazyStatic.class.getName() + "\n")
            .build();
        assertThat(manager.listNames()).containsExactly("lazy");
        assertThat(TestPlugins.LAZY_STATIC_INITS).hasValue(0);
        manager.load("lazy");
        assertThat(TestPlugins.LAZY_STATIC_INITS).hasValue(1);
    }

    @Test
    void runsTheStaticInitializerOfAMemberEntryAtResolution() {
        PluginManager<Plugin> manager = indexed(
                "[" + NS + "]\neager = " + TestPlugins.EagerHolder.class.getName() + ":FACTORY\n")
            .build();
        assertThat(manager.listNames()).containsExactly("eager");
        assertThat(TestPlugins.EAGER_STATIC_INITS).hasValue(1);
    }

    @Test
    void reportsEntriesThatFailToResolveAndLeavesThemOut() {
        List<String> failures = new ArrayList<>();
        PluginLifecycleListener listener = new PluginLifecycleListener() {
            @Override
            public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                failures.add(entryPoint.name() + ": " + exception.getMessage());
            }
        };
        PluginManager<Plugin> manager = indexed("[" + NS + "]\nok = " + noop() + "\nmissing = com.example.Missing\n"
                + "no-equals\nnot-plugin = " + TestPlugins.NotAPlugin.class.getName() + "\n")
            .listener(listener)
            .build();
        assertThat(manager.listNames()).containsExactly("ok");
        assertThat(failures).hasSize(3);
        assertThat(failures.get(0)).startsWith("missing: ").contains("entry_points.txt:3", "com.example.Missing");
        assertThat(failures.get(1)).startsWith("no-equals: ").contains("malformed entry");
        assertThat(failures.get(2)).contains("does not implement");
    }

    @Test
    void resolvesEveryValueForm() {
        String holders = TestPlugins.Holders.class.getName();
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.forms")
            .classLoader(TempIndex.loader(TempIndex.directory(this.temp, "forms",
                    "[test.forms]\nclass = " + noop() + "\nfield-spec = " + holders + ":FIELD_SPEC\nfield-factory = "
                            + holders + ":FIELD_FACTORY\nmethod-plugin = " + holders + ":pluginMethod\nmethod-spec = "
                            + holders + ":specMethod\nfunction = " + holders + ":function\nconditional = " + holders
                            + ":conditional\nnested = " + TestPlugins.Outer.Inner.class.getName() + "\n")))
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
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PluginManager.CONDITION_REASON));
        assertThat(manager.load("nested")).isInstanceOf(TestPlugins.Outer.Inner.class);
        assertThat(manager.listPluginSpecs()).extracting(PluginSpec::value).contains(holders + ":FIELD_SPEC");
    }

    @Test
    void rejectsASpecWhoseNamespaceAndNameDifferFromItsEntryNamingBoth() {
        List<Throwable> failures = new ArrayList<>();
        PluginManager<Plugin> manager = indexed("[" + NS + "]\nwrong = " + TestPlugins.Holders.class.getName()
                + ":WRONG_SPEC\n").listener(new PluginLifecycleListener() {
                    @Override
                    public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                        failures.add(exception);
                    }
                }).build();
        assertThat(manager.listNames()).isEmpty();
        assertThat(failures).singleElement()
            .satisfies((ex) -> assertThat(ex.getMessage()).contains("other.ns:other-name", NS + ":wrong"));
    }

    @Test
    void usesTheFirstOfTwoSpecsWithTheSameName() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class),
                PluginSpec.of(NS, "a", TestPlugins.Other.class), PluginSpec.of("elsewhere", "b", TestPlugins.Noop.class))
            .build();
        assertThat(manager.listNames()).containsExactly("a");
        assertThat(manager.load("a")).isInstanceOf(TestPlugins.Noop.class);
    }

    @Test
    void triesAFailingFinderAgainOnTheNextCall() {
        AtomicInteger calls = new AtomicInteger();
        PluginFinder finder = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            return List.of(PluginSpec.of(NS, "a", TestPlugins.Noop.class));
        };
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).finder(finder).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(manager::listNames).withMessageContaining("boom");
        assertThat(manager.listNames()).containsExactly("a");
    }

    // ---- loading -------------------------------------------------------------------------------------------

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
    void disablesAPluginWhoseLoadConditionIsFalseOnce() {
        List<String> disabled = new ArrayList<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "never", TestPlugins.NeverLoads.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onDisabled(PluginSpec spec, String reason) {
                    disabled.add(spec.name() + ": " + reason);
                }
            })
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("never"))
            .withMessage("plugin " + NS + ":never is disabled, reason: Load condition for plugin was false");
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("never"));
        assertThat(disabled).containsExactly("never: Load condition for plugin was false");
        assertThat(manager.getContainer("never").isDisabled()).isTrue();
        assertThat(manager.getContainer("never").disabledReason()).isEqualTo(PluginManager.CONDITION_REASON);
        assertThat(manager.getContainer("never").isInit()).isTrue();
    }

    @Test
    void disablesAPluginWhoseLoadThrowsPluginDisabled() {
        PluginManager<Plugin> manager = found(spec("self", () -> new Plugin() {
            @Override
            public Object load(Object... args) {
                throw new PluginDisabled(NS, "self", "not today");
            }
        })).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("self"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("not today"));
        assertThat(manager.getContainer("self").state()).isEqualTo(PluginState.DISABLED);
    }

    @Test
    void callsListenersInLifecycleOrder() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "echo", TestPlugins.Echo.class)).loadArgs("arg")
            .listener(new RecordingListener(events))
            .build();
        manager.load("echo");
        manager.load("echo");
        assertThat(events).containsExactly("resolveAfter echo", "initBefore echo", "initAfter echo",
                "loadBefore echo [arg]", "loadAfter echo");
    }

    @Test
    void ignoresAThrowingListenerAndStillCallsTheOthers() {
        List<String> events = new ArrayList<>();
        PluginLifecycleListener throwing = new PluginLifecycleListener() {
            @Override
            public void onInitAfter(PluginSpec spec, Plugin plugin) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                throw new IllegalStateException("listener bug");
            }
        };
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class)).listener(throwing)
            .listener(new RecordingListener(events))
            .build();
        assertThat(manager.load("a")).isNotNull();
        assertThat(events).contains("initAfter a", "loadAfter a");
    }

    @Test
    void disablesAPluginWhenAListenerThrowsPluginDisabledInOnInitAfter() {
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onInitAfter(PluginSpec spec, Plugin plugin) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "vetoed");
                }
            })
            .listener(new RecordingListener(events))
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("vetoed"));
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"));
        assertThat(events).containsOnlyOnce("disabled a: vetoed").doesNotContain("loadBefore a []");
    }

    @Test
    void disablesAPluginWhenAListenerThrowsPluginDisabledInOnLoadBefore() {
        List<String> events = new ArrayList<>();
        AtomicInteger loads = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("a", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                loads.incrementAndGet();
                return null;
            }
        })).listener(new PluginLifecycleListener() {
            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                throw new PluginDisabled(spec.namespace(), spec.name(), "vetoed");
            }
        }).listener(new RecordingListener(events)).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"));
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"));
        assertThat(loads).hasValue(0);
        assertThat(events).containsOnlyOnce("disabled a: vetoed");
    }

    @Test
    void disablesAPluginWhenAListenerThrowsPluginDisabledInOnResolveAfter() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onResolveAfter(PluginSpec spec) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "at resolution");
                }
            })
            .build();
        assertThat(manager.getContainer("a").isDisabled()).isTrue();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("at resolution"));
    }

    // ---- failures ------------------------------------------------------------------------------------------

    @Test
    void recordsAnInitFailureAndThrowsItOnEveryLoadWithoutRunningTheFactoryAgain() {
        AtomicInteger creations = new AtomicInteger();
        List<String> events = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("cannot create");
        PluginManager<Plugin> manager = found(spec("bad", () -> {
            creations.incrementAndGet();
            throw failure;
        })).listener(new RecordingListener(events)).build();
        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("bad"))
                .withMessageContaining(NS + ":bad")
                .withCause(failure)
                .satisfies((ex) -> assertThat(ex.namespace()).isEqualTo(NS))
                .satisfies((ex) -> assertThat(ex.name()).isEqualTo("bad"));
        }
        assertThat(creations).hasValue(1);
        assertThat(events).containsOnlyOnce("initException bad");
        assertThat(manager.getContainer("bad").state()).isEqualTo(PluginState.INIT_FAILED);
        assertThat(manager.getContainer("bad").initError()).isSameAs(failure);
    }

    @Test
    void recordsALoadFailureAndThrowsItOnEveryLoadWithoutLoadingAgain() {
        AtomicInteger loads = new AtomicInteger();
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("bad", () -> new Plugin() {
            @Override
            public Object load(Object... args) throws Exception {
                loads.incrementAndGet();
                throw new IOException("cannot load");
            }
        })).listener(new RecordingListener(events)).build();
        for (int i = 0; i < 3; i++) {
            assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("bad"))
                .withMessageContaining("failed to load")
                .withCauseInstanceOf(IOException.class)
                .satisfies((ex) -> assertThat(ex.name()).isEqualTo("bad"));
        }
        assertThat(loads).hasValue(1);
        assertThat(events).containsOnlyOnce("loadException bad");
        assertThat(manager.getContainer("bad").loadError()).hasMessage("cannot load");
        assertThat(manager.getContainer("bad").state()).isEqualTo(PluginState.LOAD_FAILED);
    }

    @Test
    void recordsAnExceptionInInitializerErrorOfThePluginClass() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "static", TestPlugins.BrokenStatic.class)).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("static"))
            .withCauseInstanceOf(ExceptionInInitializerError.class);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("static"))
            .withCauseInstanceOf(ExceptionInInitializerError.class);
    }

    @Test
    void recordsAnExceptionInInitializerErrorThrownByLoad() {
        PluginManager<Plugin> manager = found(spec("eiie", () -> new Plugin() {
            @Override
            public Object load(Object... args) {
                throw new ExceptionInInitializerError("static state");
            }
        })).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("eiie"))
            .withCauseInstanceOf(ExceptionInInitializerError.class);
        assertThat(manager.getContainer("eiie").state()).isEqualTo(PluginState.LOAD_FAILED);
    }

    @Test
    void recordsANoClassDefFoundErrorThrownByTheFactory() {
        AtomicInteger creations = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("ncdfe", () -> {
            creations.incrementAndGet();
            throw new NoClassDefFoundError("com/example/Gone");
        })).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("ncdfe"))
            .withCauseInstanceOf(NoClassDefFoundError.class);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("ncdfe"))
            .withCauseInstanceOf(NoClassDefFoundError.class);
        assertThat(creations).hasValue(1);
    }

    @Test
    void doesNotSwallowOutOfMemoryError() {
        PluginManager<Plugin> manager = found(spec("oom", () -> new Plugin() {
            @Override
            public Object load(Object... args) {
                throw new OutOfMemoryError("simulated");
            }
        })).build();
        assertThatThrownBy(() -> manager.load("oom")).isInstanceOf(OutOfMemoryError.class);
        assertThat(manager.getContainer("oom").state()).isEqualTo(PluginState.INITIALIZED);
    }

    @Test
    void failsInitWhenThePluginIsNotOfThePluginType() {
        PluginManager<TestPlugins.Echo> manager = PluginManager.<TestPlugins.Echo>builder(NS)
            .finder(() -> List.of(PluginSpec.of(NS, "a", TestPlugins.Noop.class)))
            .pluginType(TestPlugins.Echo.class)
            .build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("a"))
            .withMessageContaining(TestPlugins.Echo.class.getName());
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.INIT_FAILED);
    }

    @Test
    void failsInitWhenTheFactoryReturnsNull() {
        PluginManager<Plugin> manager = found(spec("null", () -> null)).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("null"))
            .withMessageContaining("returned null");
    }

    @Test
    void failsInitWhenThePluginClassHasNoNoArgumentConstructor() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "args", TestPlugins.NeedsArgument.class)).build();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("args"))
            .satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("no public no-argument constructor"));
    }

    @Test
    void refusesToLoadAPluginAgainFromItsOwnLoad() {
        List<PluginManager<Plugin>> self = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("loop", () -> new Plugin() {
            @Override
            public Object load(Object... args) {
                return self.get(0).load("loop");
            }
        })).build();
        self.add(manager);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("loop"))
            .satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("being loaded by this thread"));
    }

    // ---- filters -------------------------------------------------------------------------------------------

    @Test
    void disablesAPluginExcludedByTheBuilderFilterBeforeInitializingIt() {
        AtomicInteger creations = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("a", () -> {
            creations.incrementAndGet();
            return new TestPlugins.Noop();
        }), PluginSpec.of(NS, "b", TestPlugins.Noop.class)).filter((spec) -> spec.name().equals("a")).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .withMessage("plugin " + NS + ":a is disabled, reason: " + PluginManager.FILTERED_REASON);
        assertThat(creations).hasValue(0);
        assertThat(manager.load("b")).isNotNull();
    }

    @Test
    void alwaysConsultsTheGlobalFilter() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class),
                PluginSpec.of(NS, "b", TestPlugins.Noop.class)).build();
        MatchingPluginFilter.global().addExclusion("test.*", "a", null);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PluginManager.FILTERED_REASON));
        assertThat(manager.load("b")).isNotNull();
    }

    // ---- loadAll -------------------------------------------------------------------------------------------

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

    // ---- concurrency ---------------------------------------------------------------------------------------

    @Test
    void loadsOneSlowPluginExactlyOnceFrom32Threads() throws Exception {
        AtomicInteger creations = new AtomicInteger();
        AtomicInteger loads = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("slow", () -> {
            creations.incrementAndGet();
            return new Plugin() {
                @Override
                public @Nullable Object load(Object... args) throws InterruptedException {
                    loads.incrementAndGet();
                    Thread.sleep(50);
                    return null;
                }
            };
        })).build();
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Plugin>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return manager.load("slow");
                }));
            }
            start.countDown();
            Set<Plugin> instances = ConcurrentHashMap.newKeySet();
            for (Future<Plugin> result : results) {
                instances.add(result.get(10, TimeUnit.SECONDS));
            }
            assertThat(instances).hasSize(1);
            assertThat(creations).hasValue(1);
            assertThat(loads).hasValue(1);
        }
        finally {
            executor.shutdownNow();
        }
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
    void addsAListenerAfterConstruction() {
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class)).build();
        manager.addListener(new RecordingListener(events));
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
    void keepsAPluginLoadedWhenAListenerThrowsPluginExceptionInOnLoadAfter() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "plugin1", TestPlugins.Noop.class),
                PluginSpec.of(NS, "plugin2", TestPlugins.Other.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                    if (spec.name().equals("plugin2")) {
                        throw new PluginException("error loading plugin 2", NS, "plugin2");
                    }
                }
            })
            .build();
        // unlike Python plux, a listener's exception never fails a plugin (SPEC: logged and ignored)
        assertThat(manager.loadAll()).hasSize(2);
        assertThat(manager.load("plugin2")).isInstanceOf(TestPlugins.Other.class);
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
            .listener(new RecordingListener(events))
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
    void disabledExceptionNamesNamespaceAndName() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "shouldnotload", TestPlugins.NeverLoads.class)).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("shouldnotload"))
            .satisfies((ex) -> assertThat(ex.namespace()).isEqualTo(NS))
            .satisfies((ex) -> assertThat(ex.name()).isEqualTo("shouldnotload"));
    }

    @Test
    void reportsAHolderWhoseStaticInitializerFailsAsAResolveFailure() {
        List<Throwable> failures = new ArrayList<>();
        PluginManager<Plugin> manager = indexed("[" + NS + "]\nbroken = " + TestPlugins.BrokenHolder.class.getName()
                + ":FACTORY\nok = " + noop() + "\n").listener(new PluginLifecycleListener() {
                    @Override
                    public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
                        failures.add(exception);
                    }
                }).build();
        assertThat(manager.listNames()).containsExactly("ok");
        assertThat(failures).singleElement()
            .satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(ExceptionInInitializerError.class));
    }

    @Test
    void refusesUseFromAListenerWhileResolving() {
        List<PluginManager<Plugin>> self = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onResolveAfter(PluginSpec spec) {
                    try {
                        self.get(0).listNames();
                    }
                    catch (PluginException ex) {
                        failures.add(ex);
                    }
                }
            })
            .build();
        self.add(manager);
        assertThat(manager.listNames()).containsExactly("a");
        assertThat(failures).singleElement()
            .satisfies((ex) -> assertThat(ex).hasMessageContaining("while it resolves"));
    }

    @Test
    void readsAnIndexWithBomAndCrlfFromAJar() throws IOException {
        Path jar = TempIndex.indexJar(this.temp, "crlf.jar",
                "\uFEFF# plugins\r\n[" + NS + "]\r\n  a =  " + noop() + "  \r\n");
        try (URLClassLoader loader = TempIndex.loader(jar)) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).classLoader(loader).build();
            assertThat(manager.load("a")).isInstanceOf(TestPlugins.Noop.class);
        }
    }

    @Test
    void disablesAPluginWhenAListenerThrowsPluginDisabledInOnInitBefore() {
        AtomicInteger creations = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("a", () -> {
            creations.incrementAndGet();
            return new TestPlugins.Noop();
        })).listener(new PluginLifecycleListener() {
            @Override
            public void onInitBefore(PluginSpec spec) {
                throw new PluginDisabled(spec.namespace(), spec.name(), "before init");
            }
        }).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("before init"));
        assertThat(creations).hasValue(0);
    }

    /** Records listener callbacks as text. */
    static final class RecordingListener implements PluginLifecycleListener {

        private final List<String> events;

        RecordingListener(List<String> events) {
            this.events = events;
        }

        @Override
        public void onResolveAfter(PluginSpec spec) {
            this.events.add("resolveAfter " + spec.name());
        }

        @Override
        public void onInitBefore(PluginSpec spec) {
            this.events.add("initBefore " + spec.name());
        }

        @Override
        public void onInitException(PluginSpec spec, Throwable exception) {
            this.events.add("initException " + spec.name());
        }

        @Override
        public void onInitAfter(PluginSpec spec, Plugin plugin) {
            this.events.add("initAfter " + spec.name());
        }

        @Override
        public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
            this.events.add("loadBefore " + spec.name() + " " + loadArgs);
        }

        @Override
        public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
            this.events.add("loadAfter " + spec.name());
        }

        @Override
        public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
            this.events.add("loadException " + spec.name());
        }

        @Override
        public void onDisabled(PluginSpec spec, String reason) {
            this.events.add("disabled " + spec.name() + ": " + reason);
        }
    }
}
