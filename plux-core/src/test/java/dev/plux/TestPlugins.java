package dev.plux;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginFunction;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginName;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;

/**
 * Plugin classes named by the index files that the tests write, and a recording listener. Public because the
 * resolver only accepts public classes. With {@link TestFiles} and {@link LogCapture}, the one set of test helpers.
 */
public final class TestPlugins {

    /** Counts runs of the static initializer of {@link LazyStatic}. */
    public static final AtomicInteger LAZY_STATIC_INITS = new AtomicInteger();

    /** Counts runs of the static initializer of {@link EagerHolder}. */
    public static final AtomicInteger EAGER_STATIC_INITS = new AtomicInteger();

    /** Run by the static initializer of {@link HookedHolder}; set it before the holder is first resolved. */
    public static volatile Runnable hook = () -> {
    };

    private TestPlugins() {
    }

    /** A holder whose static initializer runs {@link TestPlugins#hook}, once per JVM: one test may use it. */
    public static final class HookedHolder {

        /** Creates {@link Noop}s; assigned after the hook ran. */
        public static final PluginFactory FACTORY = hooked();

        private HookedHolder() {
        }

        private static PluginFactory hooked() {
            hook.run();
            return Noop::new;
        }
    }

    /** A plugin that does nothing. */
    public static class Noop implements Plugin {

        /** Creates the plugin. */
        public Noop() {
        }
    }

    /** Another plugin that does nothing. */
    public static class Other implements Plugin {

        /** Creates the plugin. */
        public Other() {
        }
    }

    /** A plugin whose load returns its arguments. */
    public static class Echo implements Plugin {

        /** Creates the plugin. */
        public Echo() {
        }

        @Override
        public Object load(Object... args) {
            return args;
        }
    }

    /** A plugin recording the arguments of every {@code load} call, as the {@code DummyPlugin} of plux's tests. */
    public static class LoadRecorder implements Plugin {

        /** The arguments of each {@code load} call, in call order. */
        public final List<List<@Nullable Object>> loadCalls = new CopyOnWriteArrayList<>();

        /** Creates the plugin. */
        public LoadRecorder() {
        }

        @Override
        public @Nullable Object load(Object... args) {
            this.loadCalls.add(Arrays.asList(args.clone()));
            return null;
        }
    }

    /**
     * Function plugins, as the {@code @plugin} functions of plux's {@code tests/plugins/sample_plugins.py}: two in
     * {@code test.functions}, two with a load condition in {@code test.functions.conditional}.
     */
    public static final class SampleFunctions {

        /** What {@link #loadCondition()} returns; tests set it, as plux's test patches {@code load_condition}. */
        public static volatile boolean condition;

        private SampleFunctions() {
        }

        /** Named after the method. */
        @PluginFunction(namespace = "test.functions")
        public static String plugin3() {
            return "foobar";
        }

        /** Named by the annotation. */
        @PluginFunction(name = "plugin4", namespace = "test.functions")
        public static String functionalPlugin() {
            return "another";
        }

        /** Loads when {@link #condition} is set. */
        @PluginFunction(name = "plugin5", namespace = "test.functions.conditional", shouldLoad = "loadCondition")
        public static String functionalPluginWithLoadConditionFunction() {
            return "not loading this one";
        }

        /** Never loads. */
        @PluginFunction(name = "plugin6", namespace = "test.functions.conditional", shouldLoad = "never")
        public static String functionalPluginWithLoadConditionFalse() {
            return "not loading this one either";
        }

        /** The load condition of {@code plugin5}, read at load time. */
        public static boolean loadCondition() {
            return condition;
        }

        /** The load condition of {@code plugin6}. */
        public static boolean never() {
            return false;
        }
    }

    /** A plugin whose constructor disables it, as a plux plugin's {@code __init__} may raise {@code PluginDisabled}. */
    public static class DisabledByConstructor implements Plugin {

        /** Throws: {@code test.lifecycle:constructor} is disabled. */
        public DisabledByConstructor() {
            throw new PluginDisabled("test.lifecycle", "constructor", "from the constructor");
        }
    }

    /** A plugin whose load condition disables it rather than answering. */
    public static class DisabledByLoadCondition implements Plugin {

        /** Creates the plugin. */
        public DisabledByLoadCondition() {
        }

        @Override
        public boolean shouldLoad() {
            throw new PluginDisabled("test.lifecycle", "condition", "from shouldLoad");
        }
    }

    /** A function plugin whose load condition method disables it. */
    public static final class DisablingCondition {

        private DisablingCondition() {
        }

        /** {@code test.lifecycle:function}. */
        @PluginFunction(namespace = "test.lifecycle", name = "function", shouldLoad = "disable")
        public static String function() {
            return "never called";
        }

        /**
         * Throws: {@code test.lifecycle:function} is disabled.
         *
         * @return never
         */
        public static boolean disable() {
            throw new PluginDisabled("test.lifecycle", "function", "from the condition method");
        }
    }

    /** A plugin that never loads. */
    public static class NeverLoads implements Plugin {

        /** Creates the plugin. */
        public NeverLoads() {
        }

        @Override
        public boolean shouldLoad() {
            return false;
        }
    }

    /** A plugin whose static initializer is counted. */
    public static class LazyStatic implements Plugin {

        static {
            LAZY_STATIC_INITS.incrementAndGet();
        }

        /** Creates the plugin. */
        public LazyStatic() {
        }
    }

    /** A class holding a plugin in a field; its static initializer is counted. */
    public static final class EagerHolder {

        static {
            EAGER_STATIC_INITS.incrementAndGet();
        }

        /** The plugin factory named as {@code EagerHolder:FACTORY}. */
        public static final PluginFactory FACTORY = Noop::new;

        private EagerHolder() {
        }
    }

    /** Holders of every member value form. */
    public static final class Holders {

        /** A spec matching {@code test.forms:field-spec}. */
        public static final PluginSpec FIELD_SPEC = new PluginSpec("test.forms", "field-spec",
                new ClassPluginFactory(Noop.class));

        /** A spec that does not match the entry naming it. */
        public static final PluginSpec WRONG_SPEC = new PluginSpec("other.ns", "other-name",
                new ClassPluginFactory(Noop.class));

        /** A factory. */
        public static final PluginFactory FIELD_FACTORY = Echo::new;

        /** A field of the wrong type. */
        public static final String NOT_A_PLUGIN = "text";

        private Holders() {
        }

        /** A method creating a plugin. */
        public static Plugin pluginMethod() {
            return new Other();
        }

        /** A method returning a spec matching {@code test.forms:method-spec}. */
        public static PluginSpec specMethod() {
            return PluginSpec.of("test.forms", "method-spec", Other.class);
        }

        /** A function plugin. */
        @PluginFunction(namespace = "test.forms", name = "function")
        public static String function(Object... args) {
            return "called with " + args.length;
        }

        /** A function plugin that never loads. */
        @PluginFunction(namespace = "test.forms", name = "conditional", shouldLoad = "never")
        public static String conditional() {
            return "never";
        }

        /** The load condition of {@link #conditional()}. */
        public static boolean never() {
            return false;
        }

        /** A function naming a condition that does not exist. */
        @PluginFunction(namespace = "test.forms", name = "broken", shouldLoad = "missing")
        public static String broken() {
            return "broken";
        }
    }

    /** An outer class. */
    public static final class Outer {

        private Outer() {
        }

        /** A nested plugin, named {@code Outer$Inner} in an index. */
        public static class Inner implements Plugin {

            /** Creates the plugin. */
            public Inner() {
            }
        }
    }

    /** A plugin whose static initializer fails, so its creation throws ExceptionInInitializerError. */
    public static class BrokenStatic implements Plugin {

        static final @Nullable Object VALUE = fail();

        /** Creates the plugin. */
        public BrokenStatic() {
        }

        private static @Nullable Object fail() {
            throw new IllegalStateException("static initializer failed");
        }
    }

    /** Like {@link BrokenStatic}, for a second test: a class fails its initialization once per JVM. */
    public static class BrokenStaticTwin implements Plugin {

        static final @Nullable Object VALUE = fail();

        /** Creates the plugin. */
        public BrokenStaticTwin() {
        }

        private static @Nullable Object fail() {
            throw new IllegalStateException("static initializer failed");
        }
    }

    /** A holder whose static initializer fails. */
    public static final class BrokenHolder {

        /** Never assigned: the initializer fails first. */
        public static final PluginFactory FACTORY = failingFactory();

        private BrokenHolder() {
        }

        private static PluginFactory failingFactory() {
            throw new IllegalStateException("holder initializer failed");
        }
    }

    /** A plugin class annotated as the processor would list it: {@code test.named:named}. */
    @PluginName(value = "named", namespace = "test.named")
    public static class Named implements Plugin {
    }

    /** Factory members annotated as the processor would list them: {@code test.named:made} and {@code :field}. */
    public static final class NamedFactories {

        /** Listed as {@code field}. */
        @PluginName(value = "field", namespace = "test.named")
        public static final PluginFactory FIELD = Noop::new;

        private NamedFactories() {
        }

        /** Listed as {@code made}. */
        @PluginName(value = "made", namespace = "test.named")
        public static Plugin make() {
            return new Noop();
        }
    }

    /** Not a plugin. */
    public static class NotAPlugin {

        /** Creates the object. */
        public NotAPlugin() {
        }
    }

    /** A plugin without a public no-argument constructor. */
    public static class NeedsArgument implements Plugin {

        /**
         * Creates the plugin.
         * @param value ignored
         */
        public NeedsArgument(String value) {
        }
    }

    /** Records listener callbacks as text: {@code "initAfter name"}, {@code "disabled name: reason"}... */
    public static final class RecordingListener implements PluginLifecycleListener {

        private final List<String> events;

        /**
         * Records into a list.
         *
         * @param events where to add one line per callback
         */
        public RecordingListener(List<String> events) {
            this.events = events;
        }

        @Override
        public void onResolveException(String namespace, EntryPoint entryPoint, Throwable exception) {
            this.events.add("resolveException " + entryPoint.name());
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
