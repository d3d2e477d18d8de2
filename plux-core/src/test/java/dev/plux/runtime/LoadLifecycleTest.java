package dev.plux.runtime;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.QuietLogs;
import dev.plux.TestPlugins;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.EntryPoint;
import dev.plux.core.FunctionPlugin;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The steps of one plugin's load, their listeners, and how a plugin gets disabled. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoadLifecycleTest {

    private static final String NS = "test.lifecycle";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    @AfterEach
    void clearGlobalFilter() {
        MatchingPluginFilter.global().clear();
    }

    private static PluginSpec spec(String name, PluginFactory factory) {
        return new PluginSpec(NS, name, factory);
    }

    /** A plugin whose every {@code load} counts {@code loads} up. */
    private static Plugin countingLoads(AtomicInteger loads) {
        return new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                loads.incrementAndGet();
                return null;
            }
        };
    }

    private static PluginManager.Builder<Plugin> found(PluginSpec... specs) {
        return PluginManager.<Plugin>builder(NS).finder(() -> List.of(specs));
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
        assertThat(manager.getContainer("never").disabledReason()).isEqualTo(LoadLifecycle.CONDITION_REASON);
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

    // plux's _load_plugin lets a PluginDisabled from the factory (the class's __init__ included) and from should_load
    // through to load(), which disables the plugin; none of these paths is in plux's tests
    @Test
    void aPluginDisabledFromItsFactoryConstructorOrLoadConditionDisablesIt() throws NoSuchMethodException {
        List<String> events = new ArrayList<>();
        Method function = TestPlugins.DisablingCondition.class.getMethod("function");
        PluginManager<Plugin> manager = found(spec("factory", () -> {
            throw new PluginDisabled(NS, "factory", "from the factory");
        }), PluginSpec.of(NS, "constructor", TestPlugins.DisabledByConstructor.class),
                PluginSpec.of(NS, "condition", TestPlugins.DisabledByLoadCondition.class),
                spec("function", () -> new FunctionPlugin(NS, "function", function)))
            .listener(new TestPlugins.RecordingListener(events))
            .build();
        assertThat(manager.loadAll()).isEmpty();
        Map<String, String> reasons = Map.of("factory", "from the factory", "constructor", "from the constructor",
                "condition", "from shouldLoad", "function", "from the condition method");
        reasons.forEach((name, reason) -> {
            assertThatExceptionOfType(PluginDisabled.class).as(name).isThrownBy(() -> manager.load(name))
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
            PluginContainer<Plugin> container = manager.getContainer(name);
            assertThat(container.state()).as(name).isEqualTo(PluginState.DISABLED);
            assertThat(container.initError()).as(name).isNull();
            assertThat(container.loadError()).as(name).isNull();
            // created when the load condition disabled it, as in plux (is_init, plugin set); else not
            assertThat(container.isInit()).as(name).isEqualTo(name.equals("condition") || name.equals("function"));
            assertThat(events).as(name).containsOnlyOnce("disabled " + name + ": " + reason);
        });
        assertThat(events).noneMatch((event) -> event.startsWith("initException") || event.startsWith("loadBefore"));
    }

    @Test
    void callsListenersInLifecycleOrder() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "echo", TestPlugins.Echo.class)).loadArgs("arg")
            .listener(new TestPlugins.RecordingListener(events))
            .build();
        manager.load("echo");
        manager.load("echo");
        assertThat(events).containsExactly("resolveAfter echo", "initBefore echo", "initAfter echo",
                "loadBefore echo [arg]", "loadAfter echo");
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
            .listener(new TestPlugins.RecordingListener(events))
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
        PluginManager<Plugin> manager = found(spec("a", () -> countingLoads(loads))).listener(new PluginLifecycleListener() {
            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                throw new PluginDisabled(spec.namespace(), spec.name(), "vetoed");
            }
        }).listener(new TestPlugins.RecordingListener(events)).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"));
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"));
        assertThat(loads).hasValue(0);
        assertThat(events).containsOnlyOnce("disabled a: vetoed");
    }

    // plux: tests/test_listener.py::test_on_after_before_with_error (there the listener's PluginException fails
    // plugin2: load_all returns one plugin)
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
    void disabledExceptionNamesNamespaceAndName() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "shouldnotload", TestPlugins.NeverLoads.class)).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("shouldnotload"))
            .satisfies((ex) -> assertThat(ex.namespace()).isEqualTo(NS))
            .satisfies((ex) -> assertThat(ex.name()).isEqualTo("shouldnotload"));
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

    @Test
    void disablesAPluginExcludedByTheBuilderFilterBeforeInitializingIt() {
        AtomicInteger creations = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("a", () -> {
            creations.incrementAndGet();
            return new TestPlugins.Noop();
        }), PluginSpec.of(NS, "b", TestPlugins.Noop.class)).filter(new PluginFilter() {
            @Override
            public boolean excludes(PluginSpec spec) {
                return spec.name().equals("a");
            }

            @Override
            public String toString() {
                return "only b";
            }
        }).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            // SPEC's reason, word for word, then ": " and what the filter says of itself
            .withMessage("plugin " + NS + ":a is disabled, reason: A plugin filter disabled this plugin before it was"
                    + " initialized: only b");
        assertThat(creations).hasValue(0);
        assertThat(manager.load("b")).isNotNull();
    }

    @Test
    void alwaysConsultsTheGlobalFilter() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class),
                PluginSpec.of(NS, "b", TestPlugins.Noop.class)).build();
        MatchingPluginFilter.global().addExclusion("other.*", null, null);
        MatchingPluginFilter.global().addExclusion("test.*", "a", null);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(LoadLifecycle.FILTERED_REASON
                    + ": MatchingPluginFilter.global() exclusion [namespace=test.*, name=a, value=*]"));
        assertThat(manager.load("b")).isNotNull();
    }

    // plux: manager.py PluginManager.load turns the PluginDisabled a filter raises (a filter is any callable,
    // filter.py PluginFilter) into a disabled plugin with that reason, as it does one from a listener or the plugin
    @Test
    void aFilterThatThrowsPluginDisabledNamingThePluginDisablesItWithItsReason() {
        AtomicInteger creations = new AtomicInteger();
        AtomicInteger askedForA = new AtomicInteger();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        PluginManager<Plugin> manager = found(spec("a", () -> {
            creations.incrementAndGet();
            return new TestPlugins.Noop();
        }), PluginSpec.of(NS, "b", TestPlugins.Noop.class), PluginSpec.of(NS, "c", TestPlugins.Noop.class))
            .listener(new TestPlugins.RecordingListener(events))
            .filter((spec) -> {
                if (spec.name().equals("a")) {
                    askedForA.incrementAndGet();
                    throw new PluginDisabled(spec.namespace(), spec.name(), "no licence for a");
                }
                if (spec.name().equals("c")) {
                    throw new PluginDisabled(spec.namespace(), "someone-else", "not c");
                }
                return false;
            })
            .build();
        EntryPoint a = manager.getContainer("a").entryPoint();
        assertThat(manager.excludes(a)).isTrue();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("no licence for a"));
        assertThat(manager.getContainer("a").state()).isEqualTo(PluginState.DISABLED);
        assertThat(manager.getContainer("a").disabledReason()).isEqualTo("no licence for a");
        // recorded once, as any disabled plugin is: the later load asks no filter again and tells no listener again
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("no licence for a"));
        assertThat(askedForA).hasValue(2); // excludes, then the first load
        assertThat(events).containsOnlyOnce("disabled a: no licence for a")
            .noneMatch((event) -> event.startsWith("initBefore a") || event.startsWith("initException a"));
        assertThat(creations).hasValue(0);
        // one naming another plugin is no answer about this one: the filter failed, as any other exception says
        assertThat(manager.excludes(manager.getContainer("c").entryPoint())).isFalse();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("c"))
            .isNotInstanceOf(PluginDisabled.class);
        assertThat(manager.getContainer("c").state()).isEqualTo(PluginState.INIT_FAILED);
        assertThat(manager.excludes(a)).isTrue();
        assertThat(manager.loadAll()).containsExactly(manager.load("b"));
    }

    @Test
    void aLambdaFilterIsNamedByTheClassThatDeclaresItNotByItsGeneratedName() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "legacy-a", TestPlugins.Noop.class))
            .filter((spec) -> spec.name().startsWith("legacy"))
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("legacy-a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(LoadLifecycle.FILTERED_REASON
                    + ": a lambda PluginFilter of " + getClass().getName() + " (a class implementing PluginFilter"
                    + " names itself here through describeExclusion or toString)"));
    }

    @Test
    void aFilterThatCannotDescribeItselfIsNamedByItsType() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class)).filter(new PluginFilter() {
            @Override
            public boolean excludes(PluginSpec spec) {
                return true;
            }

            @Override
            public String describeExclusion(PluginSpec spec) {
                throw new IllegalStateException("no words");
            }
        }).build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).startsWith(LoadLifecycle.FILTERED_REASON + ": " + getClass().getName()));
    }

    // plux: manager.py PluginLifecycleNotifierMixin._fire_on_* (listeners in the order given, then add_listener's;
    // there the first PluginException stops the listeners after it: README, Coming from Python plux)
    @Test
    void listenersAreCalledInTheOrderTheyWereAddedAndOneThatDisablesThePluginDoesNotStopTheOthers() {
        List<String> calls = new ArrayList<>();
        AtomicInteger loads = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("a", () -> countingLoads(loads))).listener(named("first", calls, true)).listener(named("second", calls, false)).build();
        manager.addListener(named("added", calls, false));
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("by first"));
        assertThat(calls).containsExactly("first initAfter", "second initAfter", "added initAfter",
                "first loadBefore", "second loadBefore", "added loadBefore", "first disabled", "second disabled",
                "added disabled");
        assertThat(loads).hasValue(0);
    }

    /** A listener recording its callbacks under its name; {@code disables}: it disables the plugin in onLoadBefore. */
    private static PluginLifecycleListener named(String name, List<String> calls, boolean disables) {
        return new PluginLifecycleListener() {
            @Override
            public void onInitAfter(PluginSpec spec, Plugin plugin) {
                calls.add(name + " initAfter");
            }

            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                calls.add(name + " loadBefore");
                if (disables) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "by " + name);
                }
            }

            @Override
            public void onDisabled(PluginSpec spec, String reason) {
                calls.add(name + " disabled");
            }
        };
    }

    // plux: manager.py _fire_on_load_before passes the manager's load_args list itself, which a listener could change
    @Test
    void onLoadBeforeGetsTheLoadArgumentsAsAReadOnlyListAndThePluginGetsThemUnchanged() {
        AtomicReference<@Nullable List<Object>> seen = new AtomicReference<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "echo", TestPlugins.Echo.class)).loadArgs(1, "two")
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                    seen.set(loadArgs);
                    loadArgs.set(0, "changed");
                }
            })
            .build();
        manager.load("echo");
        assertThat(seen.get()).containsExactly(1, "two");
        assertThatExceptionOfType(UnsupportedOperationException.class)
            .isThrownBy(() -> seen.get().add("more"));
        assertThat((Object[]) manager.getContainer("echo").loadValue()).containsExactly(1, "two");
    }

    // plux: manager.py PluginManager.load (is_disabled is checked before the filters are asked again)
    @Test
    void aPluginDisabledByAFilterStaysDisabledWhenTheExclusionIsRemoved() {
        AtomicInteger creations = new AtomicInteger();
        PluginManager<Plugin> manager = found(spec("a", () -> {
            creations.incrementAndGet();
            return new TestPlugins.Noop();
        })).build();
        MatchingPluginFilter.global().addExclusion(null, "a", null);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"));
        MatchingPluginFilter.global().clear();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).startsWith(LoadLifecycle.FILTERED_REASON));
        assertThat(manager.loadAll()).isEmpty();
        assertThat(creations).hasValue(0);
    }

    @Test
    void aPluginDisabledNamingAnotherPluginFromAListenerIsIgnored() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                    throw new PluginDisabled(NS, "someone-else", "not a");
                }
            })
            .build();
        assertThat(manager.load("a")).isInstanceOf(TestPlugins.Noop.class);
    }

    @Test
    void aListenerOfTheInitFailureCanDisableThePluginInsteadAsInPlux() {
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("optional", () -> {
            throw new IllegalStateException("no licence server");
        }))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onInitException(PluginSpec spec, Throwable exception) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "optional: " + exception.getMessage());
                }
            })
            .listener(new TestPlugins.RecordingListener(events))
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("optional"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("optional: no licence server"));
        assertThat(manager.getContainer("optional").state()).isEqualTo(PluginState.DISABLED);
        assertThat(manager.getContainer("optional").initError()).isNull();
        assertThat(events).containsOnlyOnce("disabled optional: optional: no licence server");
        assertThat(manager.loadAll()).isEmpty();
    }

    @Test
    void aListenerOfTheLoadFailureCanDisableThePluginInsteadAsInPlux() {
        PluginManager<Plugin> manager = found(spec("optional", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw new IllegalStateException("no such service");
            }
        }))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "optional");
                }
            })
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("optional"));
        assertThat(manager.getContainer("optional").state()).isEqualTo(PluginState.DISABLED);
        assertThat(manager.getContainer("optional").loadError()).isNull();
    }

    @Test
    void aReaderThatSawTheFailureBeforeAListenerDisabledThePluginStillGetsTheFailure() {
        // initError() and loadError() read the state, then the outcome. A reader on another thread that read
        // INIT_FAILED (or LOAD_FAILED) just before a listener's PluginDisabled took effect reads the outcome after
        // it: that outcome must still give the failure, or initError() is briefly null beside INIT_FAILED. The
        // state is read here where such a reader reads it, inside the listener, and the outcome after the disabling
        IllegalStateException initFailure = new IllegalStateException("no licence server");
        IllegalStateException loadFailure = new IllegalStateException("no such service");
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<PluginState> seen = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("init", () -> {
            throw initFailure;
        }), spec("load", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw loadFailure;
            }
        }))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onInitException(PluginSpec spec, Throwable exception) {
                    seen.add(self.get().getContainer(spec.name()).state());
                    throw new PluginDisabled(spec.namespace(), spec.name(), "optional");
                }

                @Override
                public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
                    seen.add(self.get().getContainer(spec.name()).state());
                    throw new PluginDisabled(spec.namespace(), spec.name(), "optional");
                }
            })
            .build();
        self.set(manager);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("init"));
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("load"));
        assertThat(seen).containsExactly(PluginState.INIT_FAILED, PluginState.LOAD_FAILED);
        assertThat(((ManagedPlugin<?>) manager.getContainer("init")).failure()).isSameAs(initFailure);
        assertThat(((ManagedPlugin<?>) manager.getContainer("load")).failure()).isSameAs(loadFailure);
        // what a reader starting now sees is unchanged: disabled, with the reason, no failure
        for (String name : List.of("init", "load")) {
            PluginContainer<Plugin> container = manager.getContainer(name);
            assertThat(container.state()).isEqualTo(PluginState.DISABLED);
            assertThat(container.disabledReason()).isEqualTo("optional");
            assertThat(container.initError()).isNull();
            assertThat(container.loadError()).isNull();
        }
    }

    @Test
    void aPluginDisabledNamingAnotherPluginDoesNotHideALaterOneNamingThisPlugin() {
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "a", TestPlugins.Noop.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                    throw new PluginDisabled("x", "y", "not a");
                }
            })
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "vetoed");
                }
            })
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("a"))
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo("vetoed"));
    }

    @Test
    void aListenerOfTheLoadFailureThatLoadsThePluginAgainGetsTheRecordedFailureNotACycle() {
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("broken", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw new IllegalStateException("no such service");
            }
        }))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
                    // a listener asking the manager about the plugin it was told of: a later load, no cycle
                    seen.add(outcome(() -> self.get().load(spec.name())));
                }
            })
            .build();
        self.set(manager);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("broken"));
        // not final while the listeners run: this very listener could still throw PluginDisabled
        assertThat(seen).containsExactly("PluginException: plugin " + NS
                + ":broken failed to load: java.lang.IllegalStateException: no such service (not final yet: the "
                + "listeners of the failure are still running and may disable the plugin)");
        assertThat(manager.getContainer("broken").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("broken"))
            .withMessage("plugin " + NS + ":broken failed to load: java.lang.IllegalStateException: no such service");
    }

    @Test
    void aFailureListenerThatLoadsThePluginAgainIsToldTheFailureIsNotFinalWhenALaterListenerDisablesIt() {
        // the first listener asks before the second one turns the failure into DISABLED: it was told a plain
        // "failed to load", as if final, and every other caller then got PluginDisabled
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("broken", () -> new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw new IllegalStateException("no such service");
            }
        }), spec("fragile", () -> {
            throw new IllegalStateException("no licence server");
        }))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
                    seen.add(outcome(() -> self.get().load(spec.name())));
                }

                @Override
                public void onInitException(PluginSpec spec, Throwable exception) {
                    seen.add(outcome(() -> self.get().load(spec.name())));
                }
            })
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadException(PluginSpec spec, Plugin plugin, Throwable exception) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "optional");
                }

                @Override
                public void onInitException(PluginSpec spec, Throwable exception) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "optional");
                }
            })
            .build();
        self.set(manager);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("broken"));
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("fragile"));
        assertThat(seen).containsExactly(
                "PluginException: plugin " + NS + ":broken failed to load: java.lang.IllegalStateException: no such "
                        + "service (not final yet: the listeners of the failure are still running and may disable "
                        + "the plugin)",
                "PluginException: plugin " + NS + ":fragile failed to initialize: java.lang.IllegalStateException: "
                        + "no licence server (not final yet: the listeners of the failure are still running and may "
                        + "disable the plugin)");
        assertThat(manager.getContainer("broken").state()).isEqualTo(PluginState.DISABLED);
        assertThat(manager.getContainer("fragile").state()).isEqualTo(PluginState.DISABLED);
    }

    @Test
    void aListenerOfTheInitFailureThatLoadsThePluginAgainGetsTheRecordedFailureNotACycle() {
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("broken", () -> {
            throw new IllegalStateException("no licence server");
        }))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onInitException(PluginSpec spec, Throwable exception) {
                    seen.add(outcome(() -> self.get().load(spec.name())));
                }
            })
            .build();
        self.set(manager);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("broken"));
        assertThat(seen).containsExactly("PluginException: plugin " + NS
                + ":broken failed to initialize: java.lang.IllegalStateException: no licence server (not final yet: "
                + "the listeners of the failure are still running and may disable the plugin)");
    }

    @Test
    void anOnDisabledListenerThatLoadsThePluginAgainGetsPluginDisabledNotACycle() {
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "never", TestPlugins.NeverLoads.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onDisabled(PluginSpec spec, String reason) {
                    seen.add(outcome(() -> self.get().load(spec.name())));
                    seen.add(outcome(() -> self.get().loadAll(true)));
                }
            })
            .build();
        self.set(manager);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("never"));
        assertThat(seen).containsExactly(
                "PluginDisabled: plugin " + NS + ":never is disabled, reason: " + LoadLifecycle.CONDITION_REASON,
                "[]");
    }

    @Test
    void anInterceptorThatLoadsThePluginAfterProceedingGetsTheOutcomeNotACycle() {
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        PluginManager<Plugin> manager = found(spec("broken", () -> {
            throw new IllegalStateException("no licence server");
        }))
            .interceptor((container, invocation) -> {
                invocation.proceed();
                seen.add(container.state() + " " + outcome(() -> self.get().load(container.name())));
            })
            .build();
        self.set(manager);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> manager.load("broken"));
        assertThat(seen).containsExactly("INIT_FAILED PluginException: plugin " + NS
                + ":broken failed to initialize: java.lang.IllegalStateException: no licence server");
    }

    @Test
    void anOnDisabledListenerOfADisablingAtResolutionThatLoadsThePluginAgainGetsPluginDisabledNotACycle() {
        AtomicReference<PluginManager<Plugin>> self = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        PluginManager<Plugin> manager = found(PluginSpec.of(NS, "vetoed", TestPlugins.Noop.class))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onResolveAfter(PluginSpec spec) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "vetoed at resolution");
                }

                @Override
                public void onDisabled(PluginSpec spec, String reason) {
                    seen.add(outcome(() -> self.get().load(spec.name())));
                }
            })
            .build();
        self.set(manager);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("vetoed"));
        assertThat(seen).containsExactly(
                "PluginDisabled: plugin " + NS + ":vetoed is disabled, reason: vetoed at resolution");
    }

    private interface Call {
        Object run();
    }

    /** What a call returned, or the simple name and message of what it threw. */
    private static String outcome(Call call) {
        try {
            return String.valueOf(call.run());
        }
        catch (RuntimeException ex) {
            return ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
    }

    // ---- plux's tests/test_listener.py, over its fixture of two plugins -----------------------------------------

    private static PluginManager.Builder<Plugin> twoPlugins() {
        return found(PluginSpec.of(NS, "plugin1", TestPlugins.LoadRecorder.class),
                PluginSpec.of(NS, "plugin2", TestPlugins.LoadRecorder.class));
    }

    // plux: test_listeners_called
    @Test
    void aCompositeListenerIsToldOfEveryStepOfEveryPlugin() {
        List<String> events = new ArrayList<>();
        PluginManager<Plugin> manager = twoPlugins()
            .listener(new CompositePluginLifecycleListener(List.of(new TestPlugins.RecordingListener(events))))
            .build();
        assertThat(manager.loadAll()).hasSize(2);
        assertThat(events).containsExactly("resolveAfter plugin1", "resolveAfter plugin2", "initBefore plugin1",
                "initAfter plugin1", "loadBefore plugin1 []", "loadAfter plugin1", "initBefore plugin2",
                "initAfter plugin2", "loadBefore plugin2 []", "loadAfter plugin2");
    }

    // plux: test_on_init_after_can_disable_plugin
    @Test
    void aPluginDisabledFromOnInitAfterLeavesItOutOfLoadAllAndEveryLoadSaysWhy() {
        PluginManager<Plugin> manager = twoPlugins().listener(new PluginLifecycleListener() {
            @Override
            public void onInitAfter(PluginSpec spec, Plugin plugin) {
                if (spec.name().equals("plugin2")) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "decided during init");
                }
            }
        }).build();
        assertThat(manager.loadAll()).hasSize(1);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("plugin2"))
            .withMessageContaining("decided during init");
        assertThat(((TestPlugins.LoadRecorder) manager.getContainer("plugin2").plugin()).loadCalls).isEmpty();
    }

    // plux: test_on_load_before_can_disable_plugin
    @Test
    void aPluginDisabledFromOnLoadBeforeLeavesItOutOfLoadAllAndEveryLoadSaysWhy() {
        PluginManager<Plugin> manager = twoPlugins().listener(new PluginLifecycleListener() {
            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                if (spec.name().equals("plugin2")) {
                    throw new PluginDisabled(spec.namespace(), spec.name(), "decided during load");
                }
            }
        }).build();
        assertThat(manager.loadAll()).hasSize(1);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("plugin2"))
            .withMessageContaining("decided during load");
        assertThat(((TestPlugins.LoadRecorder) manager.getContainer("plugin2").plugin()).loadCalls).isEmpty();
    }
}
