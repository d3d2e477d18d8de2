package dev.plux.runtime;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plux.QuietLogs;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BundleContextClassLoader}: a plugin of a bundle is created, asked {@code shouldLoad()} and loaded with its
 * bundle's class loader as the thread's context class loader, so that libraries inside the bundle that look up
 * services and resources through it ({@code ServiceLoader.load(type)}, JDBC drivers, Jackson modules) find the
 * bundle's; the caller's context class loader is back afterwards, whatever happened.
 */
@Timeout(60)
class BundleContextClassLoaderTest {

    @RegisterExtension
    final QuietLogs quiet = new QuietLogs(PluginManager.class);

    /** A plugin that records what its context class loader sees at each step, and finds its bundle's service. */
    private static final String PROBE = """
            package acme.probe;
            public class Probe implements dev.plux.core.Plugin {
                public final java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
                public Probe() { record("constructor"); }
                @Override public boolean shouldLoad() { record("shouldLoad"); return true; }
                @Override public Object load(Object... args) {
                    record("load");
                    return java.util.ServiceLoader.load(Service.class).findFirst().map(Service::name).orElse("none");
                }
                private void record(String step) {
                    ClassLoader context = Thread.currentThread().getContextClassLoader();
                    seen.put(step, (context == getClass().getClassLoader()) ? "bundle" : String.valueOf(context));
                }
            }
            """;

    @TempDir
    Path work;

    private final ClassLoader caller = new URLClassLoader("caller", new URL[0], getClass().getClassLoader());

    private ClassLoader before;

    @BeforeEach
    void setCallersContextClassLoader() {
        this.before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(this.caller);
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(this.before);
    }

    @Test
    void aBundlesPluginIsCreatedAndLoadedWithItsBundlesLoaderAsContextClassLoaderAndTheCallersIsBackAfter()
            throws Exception {
        Path plugins = this.work.resolve("plugins");
        probeJar(plugins.resolve("probe.jar"), "tccl.ns", "acme.probe.Probe", PROBE);
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("tccl.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            Plugin plugin = manager.load("probe");

            assertThat(seen(plugin)).containsExactly(Map.entry("constructor", "bundle"),
                    Map.entry("shouldLoad", "bundle"), Map.entry("load", "bundle"));
            // ServiceLoader.load(type) reads the context class loader: the bundle's own provider is found
            assertThat(manager.getContainer("probe").loadValue()).isEqualTo("bundle-service");
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(this.caller);
        }
    }

    @Test
    void listenersRunWithTheCallersContextClassLoader() throws Exception {
        Path plugins = this.work.resolve("plugins");
        probeJar(plugins.resolve("probe.jar"), "tccl.ns", "acme.probe.Probe", PROBE);
        List<ClassLoader> seenByListener = new ArrayList<>();
        PluginLifecycleListener listener = new PluginLifecycleListener() {
            @Override
            public void onInitAfter(PluginSpec spec, Plugin plugin) {
                seenByListener.add(Thread.currentThread().getContextClassLoader());
            }

            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, Object result) {
                seenByListener.add(Thread.currentThread().getContextClassLoader());
            }
        };
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("tccl.ns").classLoader(app).pluginDirectory(plugins)
                .listener(listener)
                .build();

            manager.load("probe");

            assertThat(seenByListener).containsExactly(this.caller, this.caller);
        }
    }

    @Test
    void theCallersContextClassLoaderIsBackWhenTheConstructorOrLoadFails() throws Exception {
        Path plugins = this.work.resolve("plugins");
        probeJar(plugins.resolve("a-init.jar"), "tccl.ns", "acme.init.Broken", """
                package acme.init;
                public class Broken implements dev.plux.core.Plugin {
                    public Broken() { throw new IllegalStateException("broken constructor"); }
                }
                """);
        probeJar(plugins.resolve("b-load.jar"), "tccl.ns", "acme.load.Broken", """
                package acme.load;
                public class Broken implements dev.plux.core.Plugin {
                    @Override public Object load(Object... args) { throw new Error("broken load"); }
                }
                """);
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("tccl.ns").classLoader(app).pluginDirectory(plugins)
                .build();

            assertThatThrownBy(() -> manager.load("init")).isInstanceOf(dev.plux.core.PluginException.class);
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(this.caller);
            assertThatThrownBy(() -> manager.load("load")).isInstanceOf(dev.plux.core.PluginException.class);
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(this.caller);
        }
    }

    @Test
    void aPluginThatLoadsAPluginOfAnotherBundleGetsItsOwnBundlesLoaderBackAfterThatLoad() throws Exception {
        Path plugins = this.work.resolve("plugins");
        // outer's load() loads inner (another bundle) through the manager it is given, then reports what it sees
        probeJar(plugins.resolve("outer.jar"), "tccl.ns", "acme.outer.Outer", """
                package acme.outer;
                public class Outer implements dev.plux.core.Plugin {
                    @Override public Object load(Object... args) {
                        dev.plux.runtime.PluginManager<?> manager = (dev.plux.runtime.PluginManager<?>) args[0];
                        manager.load("inner");
                        Object inner = manager.getContainer("inner").loadValue();
                        boolean own = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        return inner + ", then outer sees " + (own ? "its own bundle" : "another loader");
                    }
                }
                """);
        probeJar(plugins.resolve("inner.jar"), "tccl.inner", "acme.inner.Inner", """
                package acme.inner;
                public class Inner implements dev.plux.core.Plugin {
                    @Override public Object load(Object... args) {
                        boolean own = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        return own ? "inner saw its own bundle" : "inner saw another loader";
                    }
                }
                """);
        try (URLClassLoader app = TestFiles.classLoader()) {
            // inner is another namespace's plugin, so outer loads it through that namespace's manager
            PluginManager<Plugin> innerManager = PluginManager.builder("tccl.inner").classLoader(app)
                .pluginDirectory(plugins)
                .build();
            PluginManager<Plugin> outerManager = PluginManager.builder("tccl.ns").classLoader(app)
                .pluginDirectory(plugins)
                .loadArgs(innerManager)
                .build();

            outerManager.load("outer");

            assertThat(outerManager.getContainer("outer").loadValue())
                .isEqualTo("inner saw its own bundle, then outer sees its own bundle");
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(this.caller);
        }
    }

    @Test
    void aPluginOfTheClassPathKeepsTheCallersContextClassLoader() throws Exception {
        Path classes = TestBundles.index(this.work.resolve("app"), "[tccl.ns]\ncontext = "
                + ContextSeen.class.getName() + "\n");
        try (URLClassLoader app = TestFiles.classLoader(classes)) {
            PluginManager<Plugin> manager = PluginManager.builder("tccl.ns").classLoader(app).build();

            manager.load("context");

            assertThat(manager.getContainer("context").loadValue()).isSameAs(this.caller);
        }
    }

    @Test
    void aPluginOfTheClassPathThatABundlesPluginLoadsRunsWithTheCallersContextClassLoaderNotTheBundles()
            throws Exception {
        // outer (a bundle's) loads a plugin of the class path from its load(): that plugin is the application's
        // code, and with the bundle's loader it would find the bundle's services, or none of its own type
        Path plugins = this.work.resolve("plugins");
        probeJar(plugins.resolve("outer.jar"), "tccl.ns", "acme.outer.Outer", """
                package acme.outer;
                public class Outer implements dev.plux.core.Plugin {
                    @Override public Object load(Object... args) {
                        dev.plux.runtime.PluginManager<?> manager = (dev.plux.runtime.PluginManager<?>) args[0];
                        manager.load("context");
                        boolean own = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        return java.util.List.of(manager.getContainer("context").loadValue(), own);
                    }
                }
                """);
        Path classes = TestBundles.index(this.work.resolve("app"), "[tccl.app]\ncontext = "
                + ContextSeen.class.getName() + "\n");
        try (URLClassLoader app = TestFiles.classLoader(classes)) {
            PluginManager<Plugin> classPath = PluginManager.builder("tccl.app").classLoader(app).build();
            PluginManager<Plugin> outerManager = PluginManager.builder("tccl.ns").classLoader(app)
                .pluginDirectory(plugins)
                .loadArgs(classPath)
                .build();

            outerManager.load("outer");

            assertThat(outerManager.getContainer("outer").loadValue()).isEqualTo(List.of(this.caller, true));
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(this.caller);
        }
    }

    @Test
    void aPluginOfTheClassPathThatABundlesPluginLoadsGetsTheCallersContextClassLoaderAlsoWhenThatWasNone()
            throws Exception {
        // a thread without a context class loader (null) calls: the nested class path plugin must get null too
        Thread.currentThread().setContextClassLoader(null);
        Path plugins = this.work.resolve("plugins");
        probeJar(plugins.resolve("outer.jar"), "tccl.ns", "acme.outer.Outer", """
                package acme.outer;
                public class Outer implements dev.plux.core.Plugin {
                    @Override public Object load(Object... args) {
                        dev.plux.runtime.PluginManager<?> manager = (dev.plux.runtime.PluginManager<?>) args[0];
                        manager.load("context");
                        return String.valueOf(manager.getContainer("context").loadValue());
                    }
                }
                """);
        Path classes = TestBundles.index(this.work.resolve("app"), "[tccl.app]\ncontext = "
                + ContextSeen.class.getName() + "\n");
        try (URLClassLoader app = TestFiles.classLoader(classes)) {
            PluginManager<Plugin> classPath = PluginManager.builder("tccl.app").classLoader(app).build();
            PluginManager<Plugin> outerManager = PluginManager.builder("tccl.ns").classLoader(app)
                .pluginDirectory(plugins)
                .loadArgs(classPath)
                .build();

            outerManager.load("outer");

            assertThat(outerManager.getContainer("outer").loadValue()).isEqualTo("null");
            assertThat(Thread.currentThread().getContextClassLoader()).isNull();
        }
    }

    /** A class path plugin whose load() returns the context class loader it ran with. */
    public static final class ContextSeen implements Plugin {

        @Override
        public Object load(Object... args) {
            return Thread.currentThread().getContextClassLoader();
        }
    }

    private Path probeJar(Path jar, String namespace, String className, String source) {
        Path classes = this.work.resolve("build-" + jar.getFileName());
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(className, source);
        String plugin = className.startsWith("acme.probe") ? "probe" : className.split("\\.")[1];
        if (className.startsWith("acme.probe")) {
            sources.put("acme.probe.Service", "package acme.probe; public interface Service { String name(); }");
            sources.put("acme.probe.BundleService", "package acme.probe; public class BundleService implements Service"
                    + " { public String name() { return \"bundle-service\"; } }");
            TestBundles.write(classes.resolve("META-INF/services/acme.probe.Service"), "acme.probe.BundleService\n");
        }
        TestBundles.compile(classes, sources);
        TestBundles.index(classes, "[" + namespace + "]\n" + plugin + " = " + className + "\n");
        return TestBundles.jar(jar, classes, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> seen(Plugin plugin) throws ReflectiveOperationException {
        return (Map<String, String>) plugin.getClass().getField("seen").get(plugin);
    }
}
