package dev.plux.runtime;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plux.TestFiles;
import dev.plux.TestPlugins;
import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpecResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(60)
class BundleClassLoaderTest {

    @TempDir
    Path work;

    @Test
    void twoBundlesCarryTwoVersionsOfOneLibraryAndEachPluginSeesItsOwn() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("a.jar"), "ns", "a", "acme.a.APlugin",
                "acme.lib.Version.value()", Map.of("acme.lib.Version", version("1")));
        TestBundles.pluginJar(this.work, plugins.resolve("b.jar"), "ns", "b", "acme.b.BPlugin",
                "acme.lib.Version.value()", Map.of("acme.lib.Version", version("2")));
        // the application has a third version: bundles look in themselves first
        Path appClasses = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Version", version("0")));
        try (URLClassLoader app = TestFiles.classLoader(appClasses)) {
            List<Bundle> bundles = new PluginDirectories(List.of(plugins), app).bundles();

            assertThat(bundles).hasSize(2);
            assertThat(load(bundles.get(0), "a")).isEqualTo("1");
            assertThat(load(bundles.get(1), "b")).isEqualTo("2");
            assertThat(app.loadClass("acme.lib.Version").getMethod("value").invoke(null)).isEqualTo("0");
            assertThat(bundles.get(0).classLoader().loadClass("acme.lib.Version"))
                .isNotSameAs(bundles.get(1).classLoader().loadClass("acme.lib.Version"));
        }
    }

    @Test
    void aResourceThePluginReadsLeavesNoJarOpenOnceItsBundleIsCollected() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "no /proc/self/fd to list open files in");
        Path classes = TestBundles.compile(this.work.resolve("reading"), Map.of("acme.r.ReadingPlugin", """
                package acme.r;
                public class ReadingPlugin implements dev.plux.core.Plugin {
                    @Override public Object load(Object... args) throws java.io.IOException {
                        try (java.io.InputStream in = getClass().getResourceAsStream("greeting.txt")) {
                            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        }
                    }
                }
                """));
        TestBundles.write(classes.resolve("acme/r/greeting.txt"), "hello from the jar");
        TestBundles.index(classes, "[ns]\nreading = acme.r.ReadingPlugin\n");
        Path jar = TestBundles.jar(this.work.resolve("plugins/reading.jar"), classes, null).toRealPath();
        WeakReference<ClassLoader> bundleLoader = loadAndForget(jar.getParent());

        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((bundleLoader.get() != null || isOpen(fds, jar)) && System.nanoTime() < deadline) {
            // the JDK closes a collected jar file through a cleaner: it may take a collection or two more
            System.gc();
            Thread.sleep(20);
        }

        assertThat(bundleLoader.get()).as("the bundle's class loader").isNull();
        assertThat(isOpen(fds, jar)).as("%s still open", jar).isFalse();
    }

    private static WeakReference<ClassLoader> loadAndForget(Path plugins) throws Exception {
        URLClassLoader app = TestFiles.classLoader();
        PluginManager<Plugin> manager = PluginManager.builder("ns").classLoader(app).pluginDirectory(plugins).build();
        Plugin plugin = manager.load("reading");
        assertThat(manager.getContainer("reading").loadValue()).isEqualTo("hello from the jar");
        return new WeakReference<>(plugin.getClass().getClassLoader());
    }

    private static boolean isOpen(Path fds, Path file) throws IOException {
        try (Stream<Path> open = Files.list(fds)) {
            return open.anyMatch((fd) -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                }
                catch (IOException ex) {
                    // closed while listed
                    return false;
                }
            });
        }
    }

    @Test
    void aDevPluxClassInsideABundleNeverShadowsTheParents() throws Exception {
        Path classes = TestBundles.compile(this.work.resolve("shadow"),
                Map.of("dev.plux.core.Plugin", "package dev.plux.core; public interface Plugin { String shadow(); }",
                        "dev.plux.extra.OnlyInBundle", "package dev.plux.extra; public class OnlyInBundle {}",
                        "org.slf4j.LoggerFactory", "package org.slf4j; public class LoggerFactory {}"));
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("shadow.jar"), classes, null);
        Bundle bundle = new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles().get(0);
        BundleClassLoader loader = bundle.classLoader();

        assertThat(loader.loadClass("dev.plux.core.Plugin")).isSameAs(Plugin.class);
        assertThat(loader.loadClass("org.slf4j.LoggerFactory")).isSameAs(org.slf4j.LoggerFactory.class);
        // asked of the parent first, and of the bundle only when the parent lacks it
        assertThat(loader.loadClass("dev.plux.extra.OnlyInBundle").getClassLoader()).isSameAs(loader);
        assertThat(loader.getResource("dev/plux/core/Plugin.class"))
            .isEqualTo(Plugin.class.getClassLoader().getResource("dev/plux/core/Plugin.class"));
        assertThat(Collections.list(loader.getResources("dev/plux/core/Plugin.class"))).hasSize(2)
            .first()
            .isEqualTo(Plugin.class.getClassLoader().getResource("dev/plux/core/Plugin.class"));
    }

    @Test
    void ordinaryResourcesComeFromTheBundleFirstThenTheParent() throws Exception {
        Path appDir = this.work.resolve("app");
        TestBundles.write(appDir.resolve("shared.txt"), "app");
        Path bundleDir = this.work.resolve("bundle-classes");
        TestBundles.write(bundleDir.resolve("shared.txt"), "bundle");
        Path plugins = this.work.resolve("plugins");
        Path jar = TestBundles.jar(plugins.resolve("r.jar"), bundleDir, null);
        try (URLClassLoader app = TestFiles.classLoader(appDir)) {
            BundleClassLoader loader = new PluginDirectories(List.of(plugins), app).bundles().get(0).classLoader();

            URL inBundle = new URL("jar:" + TestFiles.url(jar) + "!/shared.txt");
            assertThat(loader.getResource("shared.txt")).isEqualTo(inBundle);
            assertThat(Collections.list(loader.getResources("shared.txt")))
                .containsExactly(inBundle, TestFiles.url(appDir.resolve("shared.txt")));
            try (var in = loader.getResourceAsStream("shared.txt")) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("bundle");
            }
            assertThat(loader.getResource("missing.txt")).isNull();
        }
    }

    @Test
    void aBundleWithItsOwnCopyOfAServiceTypeSeesOnlyItsOwnProvidersOfIt() throws Exception {
        // the application has a library with a service type and a provider of it (Jackson and a Jackson module);
        // the bundle carries its own copy of the library and a provider of its own
        String service = "package acme.lib; public interface Codec { String name(); }";
        Path appDir = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Codec", service,
                "acme.app.AppCodec", "package acme.app; public class AppCodec implements acme.lib.Codec {"
                        + " public String name() { return \"app\"; } }"));
        TestBundles.write(appDir.resolve("META-INF/services/acme.lib.Codec"), "acme.app.AppCodec\n");
        Path bundleDir = TestBundles.compile(this.work.resolve("bundle-classes"), Map.of("acme.lib.Codec", service,
                "acme.b.BundleCodec", "package acme.b; public class BundleCodec implements acme.lib.Codec {"
                        + " public String name() { return \"bundle\"; } }"));
        TestBundles.write(bundleDir.resolve("META-INF/services/acme.lib.Codec"), "acme.b.BundleCodec\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("codecs.jar"), bundleDir, null);
        try (URLClassLoader app = TestFiles.classLoader(appDir)) {
            BundleClassLoader loader = new PluginDirectories(List.of(plugins), app).bundles().get(0).classLoader();
            Class<?> codec = loader.loadClass("acme.lib.Codec");
            assertThat(codec.getClassLoader()).isSameAs(loader);

            // the application's provider implements the application's Codec, never the bundle's: listing it made
            // ServiceLoader fail with "acme.app.AppCodec not a subtype" for the whole lookup
            List<String> found = java.util.ServiceLoader.load(codec, loader).stream()
                .map((provider) -> provider.type().getName())
                .toList();
            assertThat(found).containsExactly("acme.b.BundleCodec");
            assertThat(Collections.list(loader.getResources("META-INF/services/acme.lib.Codec"))).hasSize(1);
        }
    }

    @Test
    void theSingularLookupOfAProviderFileOfATypeTheBundleHasItsOwnCopyOfDoesNotFallBackToTheApplications()
            throws Exception {
        // libraries that read one provider file themselves (getResourceAsStream("META-INF/services/<type>"), as
        // commons-logging's LogFactory does) must not get the application's, whose provider implements the
        // application's copy: the same answer as getResources, which lists none here
        String service = "package acme.lib; public interface Codec { String name(); }";
        Path appDir = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Codec", service,
                "acme.app.AppCodec", "package acme.app; public class AppCodec implements acme.lib.Codec {"
                        + " public String name() { return \"app\"; } }"));
        TestBundles.write(appDir.resolve("META-INF/services/acme.lib.Codec"), "acme.app.AppCodec\n");
        Path bundleDir = TestBundles.compile(this.work.resolve("bundle-classes"), Map.of("acme.lib.Codec", service));
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("codecs.jar"), bundleDir, null);
        try (URLClassLoader app = TestFiles.classLoader(appDir)) {
            BundleClassLoader loader = new PluginDirectories(List.of(plugins), app).bundles().get(0).classLoader();

            assertThat(Collections.list(loader.getResources("META-INF/services/acme.lib.Codec"))).isEmpty();
            assertThat(loader.getResource("META-INF/services/acme.lib.Codec")).isNull();
            assertThat(loader.getResourceAsStream("META-INF/services/acme.lib.Codec")).isNull();
        }
    }

    @Test
    void aBundleProvidingAServiceOfTheApplicationsTypeIsListedWithTheApplicationsProviders() throws Exception {
        String service = "package acme.lib; public interface Codec { String name(); }";
        Path appDir = TestBundles.compile(this.work.resolve("app"), Map.of("acme.lib.Codec", service,
                "acme.app.AppCodec", "package acme.app; public class AppCodec implements acme.lib.Codec {"
                        + " public String name() { return \"app\"; } }"));
        TestBundles.write(appDir.resolve("META-INF/services/acme.lib.Codec"), "acme.app.AppCodec\n");
        // built against the application's Codec, which the bundle does not carry
        Path bundleDir = TestBundles.compile(this.work.resolve("bundle-classes"), Map.of("acme.lib.Codec", service,
                "acme.b.BundleCodec", "package acme.b; public class BundleCodec implements acme.lib.Codec {"
                        + " public String name() { return \"bundle\"; } }"));
        Files.delete(bundleDir.resolve("acme/lib/Codec.class"));
        TestBundles.write(bundleDir.resolve("META-INF/services/acme.lib.Codec"), "acme.b.BundleCodec\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("codecs.jar"), bundleDir, null);
        try (URLClassLoader app = TestFiles.classLoader(appDir)) {
            BundleClassLoader loader = new PluginDirectories(List.of(plugins), app).bundles().get(0).classLoader();
            Class<?> codec = loader.loadClass("acme.lib.Codec");
            assertThat(codec.getClassLoader()).isSameAs(app);

            List<String> found = java.util.ServiceLoader.load(codec, loader).stream()
                .map((provider) -> provider.type().getName())
                .toList();
            assertThat(found).containsExactly("acme.b.BundleCodec", "acme.app.AppCodec");
        }
    }

    @Test
    void classesMissingFromTheBundleComeFromTheParent() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("p.jar"), "ns", "p", "acme.p.PPlugin", "\"p\"", Map.of());
        BundleClassLoader loader = new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles()
            .get(0)
            .classLoader();

        assertThat(loader.loadClass(TestPlugins.class.getName())).isSameAs(TestPlugins.class);
        assertThatThrownBy(() -> loader.loadClass("acme.nowhere.Missing")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> loader.loadClass("java.nowhere.Missing")).isInstanceOf(ClassNotFoundException.class);
        assertThat(loader.isRegisteredAsParallelCapable()).isTrue();
        assertThat(loader.getName()).isEqualTo("plux-bundle:p.jar");
    }

    @Test
    void sharedPrefixesAndTheJdksPackagesAreParentFirst() {
        assertThat(BundleClassLoader.isParentFirstClass("java.lang.String")).isTrue();
        assertThat(BundleClassLoader.isParentFirstClass("javax.sql.DataSource")).isTrue();
        assertThat(BundleClassLoader.isParentFirstClass("jakarta.inject.Inject")).isTrue();
        assertThat(BundleClassLoader.isParentFirstClass("dev.plux.core.Plugin")).isTrue();
        assertThat(BundleClassLoader.isParentFirstClass("org.slf4j.Logger")).isTrue();
        assertThat(BundleClassLoader.isParentFirstClass("org.springframework.context.ApplicationContext")).isTrue();
        assertThat(BundleClassLoader.isParentFirstClass("org.w3c.dom.Node")).isTrue();
        assertThat(BundleClassLoader.isParentFirstClass("javaxyz.Foo")).isFalse();
        assertThat(BundleClassLoader.isParentFirstClass("dev.pluxx.Foo")).isFalse();
        assertThat(BundleClassLoader.isParentFirstClass("com.fasterxml.jackson.Foo")).isFalse();
        assertThat(BundleClassLoader.isParentFirstClass("Unpackaged")).isFalse();
        assertThat(BundleClassLoader.isParentFirstResource("/dev/plux/x.txt")).isTrue();
        assertThat(BundleClassLoader.isParentFirstResource("org/xml/sax/x.txt")).isTrue();
        assertThat(BundleClassLoader.isParentFirstResource("META-INF/plux/entry_points.txt")).isFalse();
    }

    private static String version(String value) {
        return "package acme.lib; public class Version { public static String value() { return \"" + value
                + "\"; } }";
    }

    private static Object load(Bundle bundle, String name) throws Exception {
        EntryPoint entryPoint = bundle.entries("ns").stream()
            .map(IndexEntry::entryPoint)
            .filter((entry) -> entry.name().equals(name))
            .findFirst()
            .orElseThrow();
        Plugin plugin = new PluginSpecResolver().resolve(entryPoint, bundle.classLoader()).factory().create();
        assertThat(plugin.getClass().getClassLoader()).isSameAs(bundle.classLoader());
        return plugin.load();
    }
}
