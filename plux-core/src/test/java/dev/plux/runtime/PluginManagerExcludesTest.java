package dev.plux.runtime;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.QuietLogs;
import dev.plux.TestFiles;
import dev.plux.TestPlugins;
import dev.plux.core.ClassPluginFactory;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFinder;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link PluginManager#excludes(EntryPoint)}: the manager's own filters, asked of a declared plugin as
 * {@link PluginManager#load(String)} asks them, also when its class is missing.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PluginManagerExcludesTest {

    private static final String NS = "test.ns";

    private static final String MISSING = "com.example.DoesNotExist";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    @TempDir
    Path temp;

    private URLClassLoader loader;

    @BeforeEach
    void index() throws IOException {
        // ghost names a class that does not exist: it can only fail to resolve
        this.loader = TestFiles.classLoader(TestFiles.indexDirectory(this.temp.resolve("classes"),
                "[" + NS + "]\nghost = " + MISSING + "\nnoop = " + TestPlugins.Noop.class.getName() + "\n"));
    }

    @AfterEach
    void cleanUp() throws IOException {
        MatchingPluginFilter.global().clear();
        this.loader.close();
    }

    private PluginManager.Builder<Plugin> builder() {
        return PluginManager.<Plugin>builder(NS).classLoader(this.loader);
    }

    @Test
    void aFilterOfTheBuilderExcludesAPluginWhoseClassIsMissingMatchedOnItsDeclaredNameAndValue() {
        MatchingPluginFilter byValue = new MatchingPluginFilter();
        byValue.addExclusion(null, null, "com.example.*");
        PluginManager<Plugin> byName = builder().filter((spec) -> spec.name().equals("ghost")).build();
        PluginManager<Plugin> valued = builder().filter(byValue).build();
        PluginManager<Plugin> none = builder().build();
        for (PluginManager<Plugin> manager : List.of(byName, valued, none)) {
            manager.loadAll();
            assertThat(manager.getContainer("ghost").state()).isEqualTo(PluginState.RESOLVE_FAILED);
        }
        assertThat(byName.excludes(byName.getContainer("ghost").entryPoint())).isTrue();
        assertThat(byName.excludes(byName.getContainer("noop").entryPoint())).isFalse();
        assertThat(valued.excludes(valued.getContainer("ghost").entryPoint())).isTrue();
        assertThat(valued.excludes(valued.getContainer("noop").entryPoint())).isFalse();
        assertThat(none.excludes(none.getContainer("ghost").entryPoint())).isFalse();
    }

    @Test
    void theGlobalFilterIsAskedAsLoadAsksIt() {
        PluginManager<Plugin> manager = builder().build();
        MatchingPluginFilter.global().addExclusion(NS, "gh*", null);
        assertThat(manager.excludes(new EntryPoint(NS, "ghost", MISSING, null))).isTrue();
        assertThat(manager.excludes(new EntryPoint(NS, "noop", TestPlugins.Noop.class.getName(), null))).isFalse();
    }

    @Test
    void readsNothingAndResolvesNothing() {
        AtomicInteger finds = new AtomicInteger();
        PluginFinder finder = () -> {
            finds.incrementAndGet();
            return List.of(PluginSpec.of(NS, "noop", TestPlugins.Noop.class));
        };
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS).finder(finder)
            .filter((spec) -> spec.name().equals("noop"))
            .build();
        assertThat(manager.excludes(new EntryPoint(NS, "noop", TestPlugins.Noop.class.getName(), null))).isTrue();
        assertThat(finds).hasValue(0);
        assertThat(manager.isResolved()).isFalse();
    }

    @Test
    void aResolvedPluginIsAskedWithTheSpecLoadGaveTheFiltersAndTheValueIsStrippedAsResolutionStripsIt() {
        // a filter looking at the factory sees the real one once the plugin resolved, a stand-in before
        PluginManager<Plugin> manager = builder().filter((spec) -> spec.factory() instanceof ClassPluginFactory)
            .build();
        EntryPoint noop = new EntryPoint(NS, "noop", TestPlugins.Noop.class.getName(), null);
        assertThat(manager.excludes(noop)).isFalse();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("noop"));
        assertThat(manager.excludes(manager.getContainer("noop").entryPoint())).isTrue();
        MatchingPluginFilter exact = new MatchingPluginFilter();
        exact.addExclusion(null, null, MISSING);
        assertThat(builder().filter(exact).build().excludes(new EntryPoint(NS, "ghost", " " + MISSING + " ", null)))
            .isTrue();
    }

    @Test
    void aFilterThatThrowsExcludesNothingAsLoadThenFailsThePluginRatherThanDisablingIt() {
        PluginFilter failing = (spec) -> {
            throw new IllegalStateException("broken filter");
        };
        PluginFilter excluding = (spec) -> true;
        PluginManager<Plugin> failingFirst = builder().filter(failing).filter(excluding).build();
        PluginManager<Plugin> excludingFirst = builder().filter(excluding).filter(failing).build();
        EntryPoint noop = new EntryPoint(NS, "noop", TestPlugins.Noop.class.getName(), null);
        assertThat(failingFirst.excludes(noop)).isFalse();
        assertThat(excludingFirst.excludes(noop)).isTrue();
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> failingFirst.load("noop"))
            .isNotInstanceOf(PluginDisabled.class);
        assertThat(failingFirst.getContainer("noop").state()).isEqualTo(PluginState.INIT_FAILED);
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> excludingFirst.load("noop"));
        assertThat(failingFirst.excludes(noop)).isFalse();
    }

    // the case the Spring starter's health and fail-fast ask about: a plugin whose class is missing
    @Test
    void aFilterThatThrowsPluginDisabledNamingAPluginWhoseClassIsMissingExcludesItAndOneNamingAnotherDoesNot() {
        AtomicInteger later = new AtomicInteger();
        PluginManager<Plugin> manager = builder().filter((spec) -> {
            throw new PluginDisabled(NS, spec.name().equals("ghost") ? "ghost" : "someone-else", "not wanted");
        }).filter((spec) -> later.incrementAndGet() > 0).build();
        manager.loadAll();
        assertThat(manager.getContainer("ghost").state()).isEqualTo(PluginState.RESOLVE_FAILED);
        assertThat(manager.getContainer("noop").state()).isEqualTo(PluginState.INIT_FAILED);
        assertThat(manager.excludes(manager.getContainer("ghost").entryPoint())).isTrue();
        // naming another plugin is a failure of the filter, as the load said: no answer, the later filter unasked
        assertThat(manager.excludes(manager.getContainer("noop").entryPoint())).isFalse();
        assertThat(later).hasValue(0);
    }

    @Test
    void aFilterThatCallsTheStandInFactoryOfAnUnresolvedPluginLeavesTheAnswerToTheLaterFilters() {
        // a filter that creates the plugin to look at it cannot answer before resolution: that is no failure of the
        // filter (a load would give it the real factory), so the later filters, the global one included, are asked
        PluginFilter creating = (spec) -> {
            try {
                return spec.factory().create() instanceof TestPlugins.Noop;
            }
            catch (RuntimeException ex) {
                throw ex;
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        };
        MatchingPluginFilter.global().addExclusion(NS, "ghost", null);
        PluginManager<Plugin> manager = builder().filter(creating).build();
        assertThat(manager.excludes(new EntryPoint(NS, "ghost", MISSING, null))).isTrue();
        // the same filter wrapping the stand-in's failure in its own exception
        PluginManager<Plugin> wrapping = builder().filter((spec) -> {
            try {
                return creating.excludes(spec);
            }
            catch (IllegalStateException ex) {
                throw new IllegalArgumentException("cannot look at " + spec.name(), ex);
            }
        }).build();
        assertThat(wrapping.excludes(new EntryPoint(NS, "ghost", MISSING, null))).isTrue();
    }

    @Test
    void aFilterInterruptedWhileAskedKeepsTheInterruptOfTheAskingThread() {
        // the filter swallowed the interrupt into its own exception: the answer is still "not excluded", but the
        // thread must stay interrupted, as a load leaves it
        PluginManager<Plugin> manager = builder().filter((spec) -> {
            throw new IllegalStateException(new InterruptedException("asked to stop"));
        }).build();
        try {
            assertThat(manager.excludes(new EntryPoint(NS, "noop", TestPlugins.Noop.class.getName(), null))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        finally {
            Thread.interrupted();
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFilterFailureWhoseCausesLoopIsAnsweredNotExcluded() {
        // the search for the stand-in factory's failure is bounded: a cause chain that loops must not hang it
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);
        PluginManager<Plugin> manager = builder().filter((spec) -> {
            throw first;
        }).build();
        assertThat(manager.excludes(new EntryPoint(NS, "noop", TestPlugins.Noop.class.getName(), null))).isFalse();
    }

    @Test
    void aVirtualMachineErrorOfAFilterIsThrown() {
        PluginManager<Plugin> manager = builder().filter((spec) -> {
            throw new StackOverflowError("deep");
        }).build();
        assertThatExceptionOfType(StackOverflowError.class)
            .isThrownBy(() -> manager.excludes(new EntryPoint(NS, "ghost", MISSING, null)));
    }

    @Test
    void anEntryPointOfAnotherNamespaceIsRejectedNamingBoth() {
        PluginManager<Plugin> manager = builder().build();
        assertThatIllegalArgumentException()
            .isThrownBy(() -> manager.excludes(new EntryPoint("other.ns", "ghost", MISSING, null)))
            .withMessageContaining("other.ns")
            .withMessageContaining("plugin manager " + NS);
    }
}
