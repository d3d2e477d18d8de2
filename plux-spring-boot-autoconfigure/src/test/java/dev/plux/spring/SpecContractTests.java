package dev.plux.spring;

import java.lang.reflect.Method;
import java.net.URL;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.EntryPoint;
import dev.plux.core.FunctionPlugin;
import dev.plux.core.NoSuchPluginException;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginFinder;
import dev.plux.core.PluginFunction;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginName;
import dev.plux.core.PluginNamespace;
import dev.plux.core.PluginSpec;
import dev.plux.core.PluginSpecResolver;
import dev.plux.runtime.Distribution;
import dev.plux.runtime.MatchingPluginFilter;
import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginFilter;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.event.PluginDisabledEvent;
import dev.plux.spring.event.PluginInitFailedEvent;
import dev.plux.spring.event.PluginInitializedEvent;
import dev.plux.spring.event.PluginLifecycleEvent;
import dev.plux.spring.event.PluginLoadFailedEvent;
import dev.plux.spring.event.PluginLoadedEvent;
import dev.plux.spring.event.PluginLoadingEvent;
import dev.plux.spring.event.PluginResolveFailedEvent;
import dev.plux.spring.event.PluginResolvedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Uses every name and signature of the public contract (SPEC.md) the way a user's code does, so that a rename or
 * a changed signature breaks this build before it breaks a user's; the assertions check the documented behaviour
 * of what is cheap to check here.
 */
@Timeout(60)
class SpecContractTests {

    @PluginNamespace("contract.ns")
    public interface ContractPlugin extends Plugin {
    }

    /** A class plugin named by the annotations. */
    @PluginName("plain")
    public static class PlainPlugin implements ContractPlugin {

        @Override
        public Object load(Object... args) {
            return args.length;
        }
    }

    /** A function plugin. */
    public static final class Functions {

        private Functions() {
        }

        @PluginFunction(namespace = "contract.fn", name = "twice", shouldLoad = "enabled")
        public static int twice(int value) {
            return 2 * value;
        }

        public static boolean enabled() {
            return true;
        }
    }

    @Test
    void coreVocabularyHasTheContractedShape() throws Exception {
        PluginFactory factory = PlainPlugin::new;
        PluginSpec spec = new PluginSpec("contract.ns", "plain", factory);
        PluginSpec withValue = new PluginSpec("contract.ns", "plain", factory, "x.Y");
        assertThat(spec.namespace()).isEqualTo("contract.ns");
        assertThat(spec.name()).isEqualTo("plain");
        assertThat(spec.factory()).isSameAs(factory);
        assertThat(withValue.value()).isEqualTo("x.Y");
        assertThat(spec).isEqualTo(withValue);
        assertThat(PluginSpec.of("contract.ns", "plain", PlainPlugin.class))
            .isEqualTo(PluginSpec.of("contract.ns", "plain", PlainPlugin.class));
        assertThat(PluginSpec.of("contract.ns", "plain", PlainPlugin.class).value()).isEqualTo(PlainPlugin.class.getName());

        URL source = null;
        EntryPoint entryPoint = new EntryPoint("contract.ns", "plain", PlainPlugin.class.getName(), source);
        PluginSpec resolved = new PluginSpecResolver().resolve(entryPoint, getClass().getClassLoader());
        assertThat(resolved.value()).isEqualTo(PlainPlugin.class.getName());

        PluginFinder finder = () -> List.of(spec);
        assertThat(finder.findPlugins()).containsExactly(spec);

        Collection<PluginLifecycleListener> none = List.of();
        CompositePluginLifecycleListener composite = new CompositePluginLifecycleListener(none);
        composite.addListener(new PluginLifecycleListener() {
        });

        PluginException failure = new PluginException("m", "ns", "n");
        PluginException withCause = new PluginException("m", null, null, new IllegalStateException());
        assertThat(failure.namespace()).isEqualTo("ns");
        assertThat(failure.name()).isEqualTo("n");
        assertThat(withCause.getCause()).isInstanceOf(IllegalStateException.class);
        assertThat(new PluginDisabled("ns", "n", "why").getMessage()).isEqualTo("plugin ns:n is disabled, reason: why");
        assertThat(new PluginDisabled("ns", "n", null).getMessage()).isEqualTo("plugin ns:n is disabled");
        assertThat(new PluginDisabled("ns", "n", "why").reason()).isEqualTo("why");
        assertThat(new NoSuchPluginException("ns", "n").getMessage()).isEqualTo("no plugin named n in namespace ns");

        Method twice = Functions.class.getMethod("twice", int.class);
        FunctionPlugin function = new FunctionPlugin("contract.fn", "twice", twice);
        assertThat(function.namespace()).isEqualTo("contract.fn");
        assertThat(function.name()).isEqualTo("twice");
        assertThat(function.invoke(21)).isEqualTo(42);
        assertThat(function.shouldLoad()).isTrue();
        assertThat(function.load()).isNull();
    }

    @Test
    void runtimeHasTheContractedShape() {
        PluginSpec spec = PluginSpec.of("contract.ns", "plain", PlainPlugin.class);
        PluginFilter nothing = (candidate) -> false;
        PluginManager<ContractPlugin> manager = PluginManager.<ContractPlugin>builder("contract.ns")
            .loadArgs("a", "b")
            .listener(new PluginLifecycleListener() {
            })
            .listener(new PluginLifecycleListener() {
            })
            .finder(() -> List.of(spec))
            .filter(nothing)
            .filter(nothing)
            .classLoader(getClass().getClassLoader())
            .pluginType(ContractPlugin.class)
            .build();
        manager.addListener(new PluginLifecycleListener() {
        });
        assertThat(manager.namespace()).isEqualTo("contract.ns");
        assertThat(manager.listPluginSpecs()).containsExactly(spec);
        assertThat(manager.listNames()).containsExactly("plain");
        assertThat(manager.exists("plain")).isTrue();
        assertThat(manager.isLoaded("plain")).isFalse();
        ContractPlugin plugin = manager.load("plain");
        assertThat(manager.load("plain")).isSameAs(plugin);
        List<ContractPlugin> all = manager.loadAll();
        List<ContractPlugin> allStrict = manager.loadAll(true);
        assertThat(all).containsExactly(plugin);
        assertThat(allStrict).containsExactly(plugin);

        List<PluginContainer<ContractPlugin>> containers = manager.listContainers();
        PluginContainer<ContractPlugin> container = manager.getContainer("plain");
        assertThat(containers).containsExactly(container);
        assertThat(container.name()).isEqualTo("plain");
        assertThat(container.pluginSpec()).isEqualTo(spec);
        assertThat(container.plugin()).isSameAs(plugin);
        assertThat(container.loadValue()).isEqualTo(2);
        assertThat(container.isInit()).isTrue();
        assertThat(container.isLoaded()).isTrue();
        assertThat(container.initError()).isNull();
        assertThat(container.loadError()).isNull();
        assertThat(container.isDisabled()).isFalse();
        assertThat(container.disabledReason()).isNull();
        EntryPoint declaredAs = container.entryPoint();
        assertThat(declaredAs.name()).isEqualTo("plain");
        Throwable resolveError = container.resolveError();
        assertThat(resolveError).isNull();
        PluginState state = container.state();
        assertThat(state).isEqualTo(PluginState.LOADED);
        Optional<Distribution> distribution = container.distribution();
        assertThat(distribution).hasValueSatisfying((found) -> assertThat(found.location()).isNotNull());
        assertThatThrownBy(() -> manager.getContainer("missing")).isInstanceOf(NoSuchPluginException.class);
        assertThatThrownBy(() -> manager.isLoaded("missing")).isInstanceOf(NoSuchPluginException.class);

        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion("contract.*", null, null);
        assertThat(filter.excludes(spec)).isTrue();
        filter.clear();
        assertThat(filter.excludes(spec)).isFalse();
        assertThat(MatchingPluginFilter.global()).isSameAs(MatchingPluginFilter.global());
        assertThat(PluginState.values()).containsExactly(PluginState.DECLARED, PluginState.RESOLVED,
                PluginState.RESOLVE_FAILED, PluginState.INITIALIZED, PluginState.LOADED, PluginState.DISABLED, PluginState.INIT_FAILED, PluginState.LOAD_FAILED);
        PluginManager<Plugin> fromDirectory = PluginManager.<Plugin>builder("contract.unused")
            .pluginDirectory(java.nio.file.Path.of("contract-plugins-that-do-not-exist"))
            .build();
        assertThat(fromDirectory.namespace()).isEqualTo("contract.unused");
        PluginManager<Plugin> byConstructor = new PluginManager<>("contract.unused");
        assertThat(byConstructor.namespace()).isEqualTo("contract.unused");
    }

    @Test
    void springEventsHaveTheContractedAccessors() throws NoSuchMethodException {
        assertThat(PluginLifecycleEvent.class.getMethod("namespace").getReturnType()).isEqualTo(String.class);
        assertThat(PluginLifecycleEvent.class.getMethod("pluginName").getReturnType()).isEqualTo(String.class);
        assertThat(PluginLifecycleEvent.class.getMethod("spec").getReturnType()).isEqualTo(PluginSpec.class);
        assertThat(PluginResolvedEvent.class).isAssignableTo(PluginLifecycleEvent.class);
        assertThat(PluginResolveFailedEvent.class.getMethod("entryPoint").getReturnType()).isEqualTo(EntryPoint.class);
        assertThat(PluginResolveFailedEvent.class.getMethod("exception").getReturnType()).isEqualTo(Throwable.class);
        assertThat(PluginInitializedEvent.class.getMethod("plugin").getReturnType()).isAssignableTo(Plugin.class);
        assertThat(PluginInitFailedEvent.class.getMethod("exception").getReturnType()).isEqualTo(Throwable.class);
        assertThat(PluginLoadingEvent.class.getMethod("plugin").getReturnType()).isAssignableTo(Plugin.class);
        assertThat(PluginLoadingEvent.class.getMethod("loadArgs").getReturnType()).isEqualTo(List.class);
        assertThat(PluginLoadedEvent.class.getMethod("plugin").getReturnType()).isAssignableTo(Plugin.class);
        assertThat(PluginLoadedEvent.class.getMethod("loadResult").getReturnType()).isEqualTo(Object.class);
        assertThat(PluginLoadFailedEvent.class.getMethod("plugin").getReturnType()).isAssignableTo(Plugin.class);
        assertThat(PluginLoadFailedEvent.class.getMethod("exception").getReturnType()).isEqualTo(Throwable.class);
        assertThat(PluginDisabledEvent.class.getMethod("reason").getReturnType()).isEqualTo(String.class);
        PluginManagerCustomizer customizer = (namespace, builder) -> builder.loadArgs(namespace);
        customizer.customize("contract.ns", PluginManager.builder("contract.ns"));
        assertThat(PluxNamespace.class.getMethod("value").getReturnType()).isEqualTo(String.class);
        PluginManagers managers = new PluginManagers(List.of(new PluginManager<>("contract.a")));
        assertThat(managers.get("contract.a").namespace()).isEqualTo("contract.a");
        assertThat(managers.all()).hasSize(1);
    }
}
