package dev.plux.runtime;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import ch.qos.logback.classic.Level;
import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpecResolver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

@Timeout(60)
class PluginDirectoriesTest {

    @TempDir
    Path work;

    private Duration recheckInterval;

    @BeforeEach
    void checkLiveBundlesOnEveryUse() {
        // the tests of changed bundles create their managers within milliseconds of each other
        this.recheckInterval = BundleCache.recheckInterval(Duration.ZERO);
    }

    @AfterEach
    void restoreTheRecheckInterval() {
        BundleCache.recheckInterval(this.recheckInterval);
    }

    @Test
    void managersCreatedTogetherCheckALiveBundleOnceAndALaterOneSeesItsChange() throws Exception {
        // ten namespaces over one plugin directory: a directory bundle's classes/ (a build output of thousands of
        // files) is walked by the first manager, not by each of them
        BundleCache.recheckInterval(Duration.ofHours(1));
        Path plugins = this.work.resolve("plugins");
        Path classes = TestBundles.index(plugins.resolve("d/classes"), "[ns]\nd = acme.d.D\n");
        Path type = TestBundles.write(classes.resolve("acme/d/D.class"), "old bytes");
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            Bundle opened = new PluginDirectories(List.of(plugins), parent).bundles().get(0);
            rebuild(type);
            for (int i = 0; i < 9; i++) {
                assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).containsExactly(opened);
            }
            assertThat(log.warnings()).as("checked within the interval: not stamped again").isEmpty();

            // the interval passed: the next manager stamps the bundle again and sees the rebuild
            BundleCache.recheckInterval(Duration.ZERO);
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).containsExactly(opened);
            assertThat(log.warnings()).singleElement().asString().contains("changed since this JVM opened it");
        }
    }

    @Test
    void bundlesAreJarsAnyCaseAndDirectoriesWithClassesOrLibSortedByFileName() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path empty = TestBundles.index(this.work.resolve("empty"), "[ns]\n");
        TestBundles.jar(plugins.resolve("b.jar"), empty, null);
        TestBundles.jar(plugins.resolve("a.JAR"), empty, null);
        Files.createDirectories(plugins.resolve("c/classes"));
        Files.createDirectories(plugins.resolve("aa/lib"));
        Files.createDirectories(plugins.resolve("not-a-bundle/src"));
        TestBundles.write(plugins.resolve("notes.txt"), "not a bundle");

        assertThat(PluginDirectories.candidates(plugins)).extracting((path) -> path.getFileName().toString())
            .containsExactly("a.JAR", "aa", "b.jar", "c");
        assertThat(new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles())
            .extracting((bundle) -> bundle.path().getFileName().toString())
            .containsExactly("a.JAR", "aa", "b.jar", "c");
    }

    @Test
    void directoriesKeepTheirOrderAndSymbolicLinksAreFollowedToOneBundle() throws Exception {
        Path elsewhere = this.work.resolve("elsewhere");
        Path real = TestBundles.jar(elsewhere.resolve("real.jar"), TestBundles.index(this.work.resolve("i"), "[ns]\n"),
                null);
        Path second = Files.createDirectories(this.work.resolve("second"));
        Path first = Files.createDirectories(this.work.resolve("first"));
        TestBundles.jar(second.resolve("a.jar"), this.work.resolve("i"), null);
        try {
            Files.createSymbolicLink(first.resolve("z.jar"), real);
            Files.createSymbolicLink(first.resolve("y.jar"), real);
        }
        catch (UnsupportedOperationException | java.io.IOException ex) {
            assumeThat(false).as("symbolic links are not supported here: " + ex).isTrue();
        }

        List<Bundle> bundles = new PluginDirectories(List.of(first, second, first), getClass().getClassLoader())
            .bundles();

        assertThat(bundles).extracting(Bundle::path).containsExactly(real.toRealPath(), second.resolve("a.jar")
            .toRealPath());
    }

    @Test
    void aDanglingJarLinkIsLoggedOnceHoweverManyManagersMeetIt() throws Exception {
        Path plugins = Files.createDirectories(this.work.resolve("dangling"));
        try {
            Files.createSymbolicLink(plugins.resolve("broken.jar"), this.work.resolve("gone.jar"));
        }
        catch (UnsupportedOperationException | java.io.IOException ex) {
            assumeThat(false).as("symbolic links are not supported here: " + ex).isTrue();
        }
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            for (int i = 0; i < 3; i++) {
                assertThat(new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles()).isEmpty();
            }
            assertThat(log.events()).filteredOn((event) -> event.getLevel() == Level.ERROR)
                .singleElement()
                .satisfies((event) -> assertThat(event.getFormattedMessage()).contains("broken.jar"));
        }
    }

    @Test
    void aDirectoryBundleUsesItsClassesAndItsLibJars() throws Exception {
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.helper.Helper",
                "package acme.helper; public class Helper { public static String help() { return \"helped\"; } }",
                "acme.d.DPlugin", TestBundles.pluginSource("acme.d.DPlugin", "acme.helper.Helper.help()")));
        Path bundle = this.work.resolve("plugins/d-bundle");
        Path classes = Files.createDirectories(bundle.resolve("classes/acme/d"));
        Files.copy(build.resolve("acme/d/DPlugin.class"), classes.resolve("DPlugin.class"));
        TestBundles.index(bundle.resolve("classes"), "[ns]\nd = acme.d.DPlugin\n");
        Path helper = Files.createDirectories(this.work.resolve("helper-build/acme/helper"));
        Files.copy(build.resolve("acme/helper/Helper.class"), helper.resolve("Helper.class"));
        TestBundles.jar(bundle.resolve("lib/helper.jar"), this.work.resolve("helper-build"), null);

        Bundle opened = new PluginDirectories(List.of(this.work.resolve("plugins")), getClass().getClassLoader())
            .bundles()
            .get(0);
        Plugin plugin = new PluginSpecResolver().resolve(opened.entries("ns").get(0).entryPoint(), opened.classLoader())
            .factory()
            .create();

        assertThat(plugin.load()).isEqualTo("helped");
        assertThat(opened.classLoader().loadClass("acme.helper.Helper").getClassLoader()).isSameAs(opened.classLoader());
        assertThat(opened.distribution().name()).isEqualTo("d-bundle");
    }

    @Test
    void aDirectoryBundlesIndexFilesAreThoseOfClassesFirstThenOfItsLibJarsByFileName() throws Exception {
        // the order "first entry of a name wins" follows inside a directory bundle, as the README documents
        Path bundle = this.work.resolve("plugins/d-bundle");
        TestBundles.index(bundle.resolve("classes"), "[ns]\ndup = from.Classes\n");
        TestBundles.jar(bundle.resolve("lib/b.jar"), TestBundles.index(this.work.resolve("b"), "[ns]\nb = B\n"), null);
        TestBundles.jar(bundle.resolve("lib/A.jar"), TestBundles.index(this.work.resolve("a"),
                "[ns]\ndup = from.A\na = A\n"), null);

        Bundle opened = new PluginDirectories(List.of(this.work.resolve("plugins")), getClass().getClassLoader())
            .bundles()
            .get(0);

        assertThat(opened.indexFiles()).extracting(java.net.URL::toString)
            .containsExactly(TestFiles.url(bundle.resolve("classes").toRealPath()) + IndexFile.LOCATION,
                    "jar:" + TestFiles.url(bundle.resolve("lib/A.jar").toRealPath()) + "!/" + IndexFile.LOCATION,
                    "jar:" + TestFiles.url(bundle.resolve("lib/b.jar").toRealPath()) + "!/" + IndexFile.LOCATION);
        assertThat(opened.entries("ns")).extracting((entry) -> entry.entryPoint().name() + "=" + entry.entryPoint()
            .value()).containsExactly("dup=from.Classes", "a=A", "b=B");
    }

    @Test
    void aBundleReadsOnlyItsOwnIndexFilesNeverItsParents() throws Exception {
        Path parentClasses = TestBundles.index(this.work.resolve("parent"), "[ns]\nfromParent = x.Y\n");
        Path plugins = this.work.resolve("plugins");
        Path jar = TestBundles.jar(plugins.resolve("own.jar"),
                TestBundles.index(this.work.resolve("own"), "[ns]\nown = a.B\n[other]\nthing = c.D\n"), null);
        try (URLClassLoader parent = TestFiles.classLoader(parentClasses)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.indexFiles()).containsExactly(new java.net.URL("jar:" + TestFiles.url(jar) + "!/"
                    + IndexFile.LOCATION));
            assertThat(bundle.entries("ns")).extracting((entry) -> entry.entryPoint().name()).containsExactly("own");
            assertThat(bundle.namespaces()).containsExactly("ns", "other");
            assertThat(bundle.entries("absent")).isEmpty();
        }
    }

    @Test
    void twoUsersOfOneDirectoryShareTheBundleAndItsClassesPerParentLoader() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("p.jar"), "ns", "p", "acme.p.PPlugin", "\"p\"", Map.of());
        try (URLClassLoader parent = TestFiles.classLoader(); URLClassLoader other = TestFiles.classLoader()) {
            Bundle first = new PluginDirectories(List.of(plugins), parent).bundles().get(0);
            Bundle second = new PluginDirectories(List.of(plugins), parent).bundles().get(0);
            Bundle underOther = new PluginDirectories(List.of(plugins), other).bundles().get(0);

            assertThat(second).isSameAs(first);
            assertThat(second.classLoader().loadClass("acme.p.PPlugin"))
                .isSameAs(first.classLoader().loadClass("acme.p.PPlugin"));
            assertThat(underOther.classLoader()).isNotSameAs(first.classLoader());
            assertThat(underOther.classLoader().getParent()).isSameAs(other);
        }
    }

    @Test
    void aCorruptJarIsSkippedWithOneErrorUntilItChanges() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("good.jar"), "ns", "g", "acme.g.GPlugin", "\"g\"", Map.of());
        Path broken = TestBundles.write(plugins.resolve("broken.jar"), "not a zip file");
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).extracting(Bundle::path)
                .containsExactly(plugins.resolve("good.jar").toRealPath());
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).hasSize(1);

            List<String> errors = log.errors();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).contains("cannot open plugin bundle", broken.toRealPath().toString());

            // replaced by a working jar: read again
            TestBundles.jar(broken, TestBundles.index(this.work.resolve("fixed"), "[ns]\n"), null);
            Files.setLastModifiedTime(broken, FileTime.from(Instant.now().plusSeconds(60)));
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).hasSize(2);
            assertThat(log.errors()).hasSize(1);
        }
    }

    @Test
    void aJarReplacedWhileItsLoaderLivesIsStillUsedAsOpenedAndWarnedOncePerChange() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path jar = TestBundles.pluginJar(this.work, plugins.resolve("p.jar"), "ns", "v1", "acme.p.PPlugin", "\"1\"",
                Map.of());
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            Bundle opened = new PluginDirectories(List.of(plugins), parent).bundles().get(0);
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).containsExactly(opened);
            assertThat(log.warnings()).isEmpty();

            // an operator copies a new version over it while the application runs
            TestBundles.jar(jar, TestBundles.index(this.work.resolve("v2"), "[ns]\nv2 = acme.p.PPlugin\n"), null);
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
            for (int i = 0; i < 3; i++) {
                assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).containsExactly(opened);
            }

            assertThat(opened.entries("ns")).extracting((entry) -> entry.entryPoint().name()).containsExactly("v1");
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("plugin bundle " + jar.toRealPath(), "changed", "restart");
        }
    }

    @Test
    void aDirectoryBundleWhoseClassesChangedWhileItsLoaderLivesIsWarned() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path classes = TestBundles.index(plugins.resolve("d/classes"), "[ns]\nd = acme.d.D\n");
        Path type = TestBundles.write(classes.resolve("acme/d/D.class"), "old bytes");
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            Bundle opened = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            // a rebuild rewrites classes/ in place: neither the bundle's directory nor a lib/ jar changes
            rebuild(type);
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).containsExactly(opened);

            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("plugin bundle " + plugins.resolve("d").toRealPath(), "changed");
        }
    }

    @Test
    void aFileAddedNextToADirectoryBundlesClassesIsNoChangeOfTheBundle() throws Exception {
        // the bundle reads classes/ and lib/*.jar only: a README or an editor's file beside them changes the
        // bundle directory's time, not what its loader reads, so "restart the application" would be false
        Path plugins = this.work.resolve("plugins");
        TestBundles.index(plugins.resolve("d/classes"), "[ns]\nd = acme.d.D\n");
        TestBundles.jar(plugins.resolve("d/lib/dep.jar"), TestBundles.index(this.work.resolve("dep"), "[ns]\n"),
                null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            Bundle opened = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            TestBundles.write(plugins.resolve("d/README.txt"), "notes");
            Files.setLastModifiedTime(plugins.resolve("d"), FileTime.from(Instant.now().plusSeconds(60)));
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).containsExactly(opened);
            assertThat(log.warnings()).isEmpty();

            // what it does read still counts: a jar added to lib/
            TestBundles.jar(plugins.resolve("d/lib/more.jar"), TestBundles.index(this.work.resolve("more"),
                    "[ns]\n"), null);
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).containsExactly(opened);
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("plugin bundle " + plugins.resolve("d").toRealPath(), "changed");
        }
    }

    @Test
    void aDirectoryBundleWhoseLinkedClassesChangedWhileItsLoaderLivesIsWarned() throws Exception {
        // a development layout: the bundle's classes/ (or a package in it) links to a build's output, which its
        // class loader reads through the link, and which a rebuild rewrites
        Path plugins = this.work.resolve("plugins");
        Path output = TestBundles.index(this.work.resolve("build/classes"), "[ns]\nd = acme.d.D\n");
        Path type = TestBundles.write(output.resolve("acme/d/D.class"), "old bytes");
        Files.createDirectories(plugins.resolve("d"));
        Files.createSymbolicLink(plugins.resolve("d/classes"), output);
        Path shared = TestBundles.write(this.work.resolve("shared/acme/e/E.class"), "old bytes");
        TestBundles.index(plugins.resolve("e/classes"), "[ns]\ne = acme.e.E\n");
        Files.createDirectories(plugins.resolve("e/classes/acme"));
        Files.createSymbolicLink(plugins.resolve("e/classes/acme/e"), shared.getParent());
        // a link back up the tree is walked once, not for ever
        Files.createSymbolicLink(shared.resolveSibling("loop"), this.work.resolve("shared"));
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            List<Bundle> opened = new PluginDirectories(List.of(plugins), parent).bundles();
            assertThat(opened).hasSize(2);

            for (Path rebuilt : List.of(type, shared)) {
                rebuild(rebuilt);
            }
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).isEqualTo(opened);

            assertThat(log.warnings()).hasSize(2)
                .anySatisfy((warning) -> assertThat(warning).contains(
                        "plugin bundle " + plugins.resolve("d").toRealPath(), "changed"))
                .anySatisfy((warning) -> assertThat(warning).contains(
                        "plugin bundle " + plugins.resolve("e").toRealPath(), "changed"));
        }
    }

    @Test
    void aDirectoryBundleWithAnUnreadableLibJarIsSkippedWithAnErrorNamingIt() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.write(plugins.resolve("d/lib/broken.jar"), "not a zip file");
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).isEmpty();

            assertThat(log.errors()).singleElement().asString().contains("lib/broken.jar");
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeNamedLikeAJarIsSkippedWithAnErrorInsteadOfBlockingTheFirstUse() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("good.jar"), "ns", "g", "acme.g.GPlugin", "\"g\"", Map.of());
        Path pipe = TestBundles.namedPipe(plugins.resolve("pipe.jar"));
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(BundleCache.class)) {
            // opening a pipe for reading waits for a writer: without the check this never returned
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).extracting(Bundle::path)
                .containsExactly(plugins.resolve("good.jar").toRealPath());

            assertThat(log.errors()).singleElement()
                .asString()
                .contains("cannot open plugin bundle", pipe.toString(), "not a regular file");
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeAsADirectoryBundlesIndexOrPomPropertiesIsSkippedInsteadOfBlocking() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path index = TestBundles.namedPipe(plugins.resolve("a/classes/" + IndexFile.LOCATION));
        TestBundles.index(plugins.resolve("b/classes"), "[ns]\nb = acme.b.B\n");
        TestBundles.namedPipe(plugins.resolve("b/classes/META-INF/maven/acme/b/pom.properties"));
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginIndex.class)) {
            List<Bundle> bundles = new PluginDirectories(List.of(plugins), parent).bundles();

            assertThat(bundles).extracting((bundle) -> bundle.path().getFileName().toString())
                .containsExactly("a", "b");
            assertThat(bundles.get(0).entries("ns")).isEmpty();
            assertThat(log.errors()).singleElement().asString().contains(index.getFileName().toString(),
                    "not a regular file");
            assertThat(bundles.get(1).entries("ns")).extracting((entry) -> entry.entryPoint().name())
                .containsExactly("b");
            assertThat(bundles.get(1).distribution().name()).isEqualTo("b");
        }
    }

    @Test
    void aBundleWithoutAnyIndexFileIsWarnedOnceNamingIt() throws Exception {
        // the usual mistake: a plugin's library dropped next to it, where no other bundle can see it
        Path plugins = this.work.resolve("plugins");
        Path library = TestBundles.compile(this.work.resolve("library"),
                Map.of("acme.lib.Util", "package acme.lib; public class Util { }"));
        TestBundles.jar(plugins.resolve("commons-util-1.0.jar"), library, null);
        TestBundles.jar(plugins.resolve("loose/lib/util.jar"), library, null);
        TestBundles.pluginJar(this.work, plugins.resolve("plugin.jar"), "ns", "p", "acme.p.PPlugin", "\"p\"", Map.of());
        TestBundles.jar(plugins.resolve("other-namespace.jar"), TestBundles.index(this.work.resolve("other"),
                "[other.ns]\nq = acme.q.Q\n"), null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            for (int i = 0; i < 2; i++) {
                for (Bundle bundle : new PluginDirectories(List.of(plugins), parent).bundles()) {
                    bundle.entries("ns");
                }
            }

            assertThat(log.warnings()).hasSize(2)
                .anySatisfy((warning) -> assertThat(warning).contains(
                        plugins.resolve("commons-util-1.0.jar").toRealPath().toString(), IndexFile.LOCATION,
                        "declares no plugins"))
                .anySatisfy((warning) -> assertThat(warning).contains(
                        plugins.resolve("loose").toRealPath().toString(), "declares no plugins"));
        }
    }

    @Test
    void aJarBundleHoldingJarsSaysTheyAreNotRead() throws Exception {
        // a plugin packed as a fat jar of jars (lib/x.jar inside the jar, as a Spring Boot or PF4J zip lays them
        // out): the bundle's class loader reads classes of the jar itself only, and the libraries' classes were
        // missing without a word until a plugin failed on them
        Path plugins = this.work.resolve("plugins");
        Path library = TestBundles.compile(this.work.resolve("library"),
                Map.of("acme.lib.Util", "package acme.lib; public class Util { }"));
        Path build = TestBundles.index(this.work.resolve("build"), "[ns]\np = acme.p.P\n");
        TestBundles.jar(build.resolve("lib/util-1.0.jar"), library, null);
        TestBundles.jar(build.resolve("lib/deps/Other.JAR"), library, null);
        // with its directory entries (lib/), as build tools write them: what tells opening to look for jars
        TestBundles.jar(plugins.resolve("acme-plugin-1.0.jar"), build, null, true);
        Path plain = TestBundles.index(this.work.resolve("plain"), "[ns]\nq = acme.q.Q\n");
        TestBundles.jar(plugins.resolve("plain.jar"), plain, null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            for (Bundle bundle : new PluginDirectories(List.of(plugins), parent).bundles()) {
                bundle.entries("ns");
            }

            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(plugins.resolve("acme-plugin-1.0.jar").toRealPath().toString(),
                        "[lib/deps/Other.JAR, lib/util-1.0.jar]", "jars inside it", "not read",
                        "directory bundle", "lib/");
        }
    }

    @Test
    void aJarBundleWhoseIndexIsInAJarInsideItGetsTheNestedJarWarningOnly() throws Exception {
        // a zip of jars renamed .jar (the plugin's jar in lib/ with its libraries): the bundle has no index of its
        // own, and the no-index warning's advice (run the processor, put libraries in lib/) would send the user
        // astray; unpacking is the whole fix, as for a directory bundle's jars that it does not read
        Path plugins = this.work.resolve("plugins");
        Path build = Files.createDirectories(this.work.resolve("build"));
        TestBundles.pluginJar(this.work, build.resolve("lib/acme-plugin-1.0.jar"), "ns", "p", "acme.p.P", "\"p\"",
                Map.of());
        TestBundles.jar(plugins.resolve("acme-dist.jar"), build, null);
        Path libraries = Files.createDirectories(this.work.resolve("libraries"));
        Path library = TestBundles.compile(this.work.resolve("library"),
                Map.of("acme.lib.Util", "package acme.lib; public class Util { }"));
        TestBundles.jar(libraries.resolve("lib/util.jar"), library, null);
        TestBundles.jar(plugins.resolve("only-libraries.jar"), libraries, null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            for (Bundle bundle : new PluginDirectories(List.of(plugins), parent).bundles()) {
                bundle.entries("ns");
            }

            String dist = plugins.resolve("acme-dist.jar").toRealPath().toString();
            String onlyLibraries = plugins.resolve("only-libraries.jar").toRealPath().toString();
            assertThat(log.warnings()).filteredOn((warning) -> warning.contains(dist)).singleElement()
                .asString()
                .contains("[lib/acme-plugin-1.0.jar]", "not read", "one of them holds the plugins' index");
            assertThat(log.warnings()).filteredOn((warning) -> warning.contains(onlyLibraries))
                .as("no jar inside holds an index: the no-index warning stands")
                .hasSize(2)
                .anySatisfy((warning) -> assertThat(warning).contains("declares no plugins"));
        }
    }

    @Test
    void openingAJarBundleGoesThroughItsEntriesOnlyWhenItsDirectoryPointsToWhatTheWarningsName() throws Exception {
        // every application with plugin directories opens every bundle jar: a pass over all entries of each one
        // for the nested-jar and versioned-index warnings cost a shaded jar of 20,000 entries 70% more per opening
        Path plain = entries(this.work.resolve("plain.jar"), null, IndexFile.LOCATION, "acme/p/P.class");
        Path buried = entries(this.work.resolve("buried.jar"), null, IndexFile.LOCATION, "acme/p/P.class",
                "deps/util.jar");
        Path noIndex = entries(this.work.resolve("no-index.jar"), null, "acme/p/P.class");
        Path lib = entries(this.work.resolve("lib.jar"), null, IndexFile.LOCATION, "lib/", "lib/util.jar");
        Path boot = entries(this.work.resolve("boot.jar"), null, IndexFile.LOCATION, "BOOT-INF/", "BOOT-INF/lib/",
                "BOOT-INF/lib/util.jar");
        Path multiRelease = entries(this.work.resolve("mr.jar"), Map.of("Multi-Release", "true"), IndexFile.LOCATION,
                "acme/p/P.class");

        assertThat(readsEntries(plain)).as("a plain jar with its index: looked up by name only").isFalse();
        assertThat(readsEntries(buried)).as("a jar inside, outside any library directory: not looked for").isFalse();
        assertThat(readsEntries(noIndex)).as("no index: warned anyway, what is inside may say why").isTrue();
        assertThat(readsEntries(lib)).isTrue();
        assertThat(readsEntries(boot)).isTrue();
        assertThat(readsEntries(multiRelease)).isTrue();
    }

    private static boolean readsEntries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            return UnreadJarEntries.readsEntries(file, file.getJarEntry(IndexFile.LOCATION) != null);
        }
    }

    /** A jar of empty entries ({@code dir/} a directory entry), as a build tool writes them. */
    private static Path entries(Path jar, @Nullable Map<String, String> manifest, String... names) throws IOException {
        Manifest attributes = new Manifest();
        attributes.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifest != null) {
            manifest.forEach((key, value) -> attributes.getMainAttributes().putValue(key, value));
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), attributes)) {
            for (String name : names) {
                out.putNextEntry(new JarEntry(name));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aMultiReleaseJarBundleSaysItsVersionedIndexIsNotRead() throws Exception {
        // a multi-release build that runs the annotation processor over META-INF/versions/21's sources writes its
        // index there; the JDK versions no META-INF/ entry, so that plugin was missing on every Java version
        Path plugins = this.work.resolve("plugins");
        Path build = TestBundles.index(this.work.resolve("build"), "[ns]\np = acme.p.P\n");
        TestBundles.index(build.resolve("META-INF/versions/21"), "[ns]\nfast = acme.p.Fast\n");
        TestBundles.jar(plugins.resolve("acme-mr-1.0.jar"), build, Map.of("Multi-Release", "true"));
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.entries("ns")).extracting((entry) -> entry.entryPoint().name()).containsExactly("p");
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(plugins.resolve("acme-mr-1.0.jar").toRealPath().toString(),
                        "META-INF/versions/21/META-INF/plux/entry_points.txt", "not read",
                        "merge its lines into META-INF/plux/entry_points.txt");
        }
    }

    @Test
    void theNoIndexWarningAlsoSaysAPluginJarsBuildMayNotHaveRunTheProcessor() throws Exception {
        // the other usual mistake: the author's plugin jar, built without plux-processor on the processor path
        Path plugins = this.work.resolve("plugins");
        Path classes = TestBundles.compile(this.work.resolve("plugin"), Map.of("acme.p.P",
                "package acme.p; public class P implements dev.plux.core.Plugin { }"));
        TestBundles.jar(plugins.resolve("acme-plugin-1.0.jar"), classes, null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            new PluginDirectories(List.of(plugins), parent).bundles().get(0).entries("ns");

            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(plugins.resolve("acme-plugin-1.0.jar").toRealPath().toString(), "declares no plugins",
                        "did not run the annotation processor (plux-processor)", "lib/");
        }
    }

    @Test
    void theNoIndexWarningOfABundleBuiltForPf4jSaysSoInsteadOfBlamingTheProcessor() throws Exception {
        // a PF4J user's plugin jar and unpacked plugin dropped into plugins/: PF4J's processor ran and wrote its own
        // index; "their build did not run the annotation processor" would send them to a build that did run one
        Path pf4j = Files.createDirectories(this.work.resolve("pf4j/META-INF"));
        Files.writeString(pf4j.resolve("extensions.idx"), "com.acme.hello.GermanGreeter\n");
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("hello-plugin-1.0.0.jar"), this.work.resolve("pf4j"), null);
        Path unpacked = Files.createDirectories(plugins.resolve("loud-plugin/classes/META-INF"));
        Files.writeString(unpacked.resolve("extensions.idx"), "com.acme.loud.LoudGreeter\n");
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            for (Bundle bundle : new PluginDirectories(List.of(plugins), parent).bundles()) {
                bundle.entries("ns");
            }

            assertThat(log.warnings()).hasSize(2).allSatisfy((warning) -> assertThat(warning)
                .contains("has no META-INF/plux/entry_points.txt but PF4J's META-INF/extensions.idx: it is built for"
                        + " PF4J, and plux reads only its own index, so it declares no plugins; build its plugins"
                        + " with plux's annotations and plux-processor (README, 'Coming from PF4J')")
                .doesNotContain("did not run the annotation processor"))
                .anySatisfy((warning) -> assertThat(warning)
                    .startsWith("plugin bundle " + plugins.resolve("hello-plugin-1.0.0.jar").toRealPath() + " has"))
                .anySatisfy((warning) -> assertThat(warning)
                    .startsWith("plugin bundle " + plugins.resolve("loud-plugin").toRealPath() + " has"));
        }
    }

    @Test
    void aZipFileInAPluginDirectoryIsWarnedOnceSayingToUnpackIt() throws Exception {
        // a PF4J user's plugin zip (classes/, lib/) dropped next to working jars: plux reads no zip, and without a
        // word its plugins would be missing
        Path plugins = this.work.resolve("plugins");
        Path empty = TestBundles.index(this.work.resolve("empty"), "[ns]\n");
        TestBundles.jar(plugins.resolve("a.jar"), empty, null);
        TestBundles.jar(plugins.resolve("hello-plugin-1.0.ZIP"), empty, null);
        TestBundles.write(plugins.resolve("notes.txt"), "no plugin, and no zip: nothing to say");
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            for (int i = 0; i < 2; i++) {
                assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).hasSize(1);
            }

            assertThat(log.warnings()).singleElement().asString().contains(
                    plugins.resolve("hello-plugin-1.0.ZIP").toString(), "not read", "unpack",
                    plugins.resolve("hello-plugin-1.0").toString());
        }
    }

    @Test
    void aHiddenZipFileIsKeptThereOnPurposeAndNotWarnedAbout() throws Exception {
        // a zip the operator hid (.backup.zip), or a tool's (.download.zip), as a hidden sub-directory is kept aside:
        // hiding it is the way to silence the warning, and a bare '.zip' must not be told to unpack into the plugin
        // directory itself
        Path plugins = this.work.resolve("plugins");
        Path empty = TestBundles.index(this.work.resolve("empty"), "[ns]\n");
        TestBundles.jar(plugins.resolve("a.jar"), empty, null);
        TestBundles.jar(plugins.resolve(".backup.zip"), empty, null);
        TestBundles.jar(plugins.resolve(".zip"), empty, null);
        TestBundles.jar(plugins.resolve("zip"), empty, null);
        Files.createDirectories(plugins.resolve("x.zip"));
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).hasSize(1);

            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void aSubDirectoryWithJarsButNeitherClassesNorLibIsWarnedOnceNamingItsJars() throws Exception {
        // an operator's layout slip: the plugin and its library in plugins/acme/, or in plugins/acme/libs/; neither
        // is a bundle, and without a word the plugin would be missing
        Path plugins = this.work.resolve("plugins");
        Path library = TestBundles.index(this.work.resolve("library"), "[ns]\nx = acme.x.X\n");
        TestBundles.jar(plugins.resolve("acme/acme-1.0.jar"), library, null);
        TestBundles.jar(plugins.resolve("reports/libs/pdf.jar"), library, null);
        Files.createDirectories(plugins.resolve("docs"));
        TestBundles.write(plugins.resolve("docs/README.txt"), "not a bundle, and no jar: nothing to say");
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            for (int i = 0; i < 2; i++) {
                assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).isEmpty();
            }

            assertThat(log.warnings()).hasSize(2)
                .anySatisfy((warning) -> assertThat(warning).contains(plugins.resolve("acme").toString(),
                        "[acme-1.0.jar]", "neither classes/ nor lib/", "not read",
                        plugins.resolve("acme/lib").toString()))
                .anySatisfy((warning) -> assertThat(warning).contains(plugins.resolve("reports").toString(),
                        "[libs/pdf.jar]", "not read", plugins.resolve("reports/lib").toString()));
        }
    }

    @Test
    void anUnpackedJarIsWarnedOnceSayingToMoveItsContentsIntoClasses() throws Exception {
        // an operator's slip: a plugin jar unzipped into plugins/acme/ (META-INF/ and the packages at its top), or
        // into a directory still named acme.jar; neither is a bundle, and without a word its plugins were missing
        Path plugins = this.work.resolve("plugins");
        TestBundles.index(plugins.resolve("acme"), "[ns]\nx = acme.x.X\n");
        TestBundles.write(plugins.resolve("acme/acme/x/X.class"), "bytes");
        TestBundles.index(plugins.resolve("pdf-2.0.jar"), "[ns]\ny = acme.y.Y\n");
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            for (int i = 0; i < 2; i++) {
                assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).isEmpty();
            }

            assertThat(log.warnings()).hasSize(2)
                .anySatisfy((warning) -> assertThat(warning).contains(plugins.resolve("acme").toString(),
                        "META-INF/plux/entry_points.txt", "neither classes/ nor lib/", "not read",
                        plugins.resolve("acme/classes").toString()))
                .anySatisfy((warning) -> assertThat(warning).contains(plugins.resolve("pdf-2.0.jar").toString(),
                        "META-INF/plux/entry_points.txt", plugins.resolve("pdf-2.0.jar/classes").toString()));
        }
    }

    @Test
    void aSubDirectoryWithJarsButNeitherClassesNorLibIsWarnedAgainWhenBrokenAgainAfterItWasFixedOrGone()
            throws Exception {
        // the operator fixes the layout, and later a deployment breaks it again: that is news, as a missing plugin
        // directory is warned again after it was a directory
        Path plugins = this.work.resolve("plugins");
        Path library = TestBundles.index(this.work.resolve("library"), "[ns]\nx = acme.x.X\n");
        Path loose = TestBundles.jar(plugins.resolve("acme/acme-1.0.jar"), library, null);
        Path moved = plugins.resolve("acme/lib/acme-1.0.jar");
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            PluginDirectories.candidates(plugins);
            PluginDirectories.candidates(plugins);
            assertThat(log.warnings()).hasSize(1);

            // fixed: a bundle now; then broken again
            Files.createDirectories(moved.getParent());
            Files.move(loose, moved);
            assertThat(PluginDirectories.candidates(plugins)).containsExactly(plugins.resolve("acme"));
            Files.move(moved, loose);
            Files.delete(moved.getParent());
            PluginDirectories.candidates(plugins);
            assertThat(log.warnings()).hasSize(2);

            // fixed: its jars taken out; then put back
            Files.move(loose, this.work.resolve("aside.jar"));
            PluginDirectories.candidates(plugins);
            Files.move(this.work.resolve("aside.jar"), loose);
            PluginDirectories.candidates(plugins);
            assertThat(log.warnings()).hasSize(3);

            // gone: deleted (or renamed .disabled/); then deployed again the same way
            Path disabled = plugins.resolve(".disabled");
            Files.move(plugins.resolve("acme"), disabled);
            PluginDirectories.candidates(plugins);
            Files.move(disabled, plugins.resolve("acme"));
            PluginDirectories.candidates(plugins);
            assertThat(log.warnings()).hasSize(4);

            // the plugin directory itself gone, and back (a volume remounted)
            Files.move(plugins, this.work.resolve("unmounted"));
            PluginDirectories.candidates(plugins);
            Files.move(this.work.resolve("unmounted"), plugins);
            PluginDirectories.candidates(plugins);
            PluginDirectories.candidates(plugins);
            assertThat(log.warnings()).hasSize(6)
                .filteredOn((warning) -> warning.contains("neither classes/ nor lib/"))
                .hasSize(5)
                .allSatisfy((warning) -> assertThat(warning).contains(plugins.resolve("acme").toString(),
                        "[acme-1.0.jar]"));
        }
    }

    @Test
    void aSubDirectoryThatIsAPluginDirectoryItselfIsNotWarnedAboutAsUnread() throws Exception {
        // plugins/ and plugins/third-party/ both given: the jars of the second are read, as its own bundles
        Path plugins = this.work.resolve("plugins");
        Path library = TestBundles.index(this.work.resolve("library"), "[ns]\nx = acme.x.X\n");
        TestBundles.jar(plugins.resolve("acme-1.0.jar"), library, null);
        TestBundles.jar(plugins.resolve("third-party/pdf-2.0.jar"), library, null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            List<Bundle> bundles = new PluginDirectories(List.of(plugins, plugins.resolve("third-party")), parent)
                .bundles();

            assertThat(bundles).extracting((bundle) -> bundle.path().getFileName().toString())
                .containsExactly("acme-1.0.jar", "pdf-2.0.jar");
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void aLinkToAGivenPluginDirectoryIsNotWarnedAboutAsASubDirectoryWithJars() throws Exception {
        // /srv/plugins/vendor -> /opt/vendor/plugins, both given; and a link to the plugin directory itself (a loop)
        Path plugins = this.work.resolve("plugins");
        Path vendor = this.work.resolve("vendor");
        Path library = TestBundles.index(this.work.resolve("library"), "[ns]\nx = acme.x.X\n");
        TestBundles.jar(plugins.resolve("acme-1.0.jar"), library, null);
        TestBundles.jar(vendor.resolve("pdf-2.0.jar"), library, null);
        try {
            Files.createSymbolicLink(plugins.resolve("vendor"), vendor);
            Files.createSymbolicLink(plugins.resolve("current"), Path.of("."));
        }
        catch (UnsupportedOperationException | java.io.IOException ex) {
            assumeThat(false).as("symbolic links are not supported here: " + ex).isTrue();
        }
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            List<Bundle> bundles = new PluginDirectories(List.of(plugins, vendor), parent).bundles();

            assertThat(bundles).extracting((bundle) -> bundle.path().getFileName().toString())
                .containsExactly("acme-1.0.jar", "pdf-2.0.jar");
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void aDanglingJarLinkIsNamedByItsAbsolutePathAndTarget() throws Exception {
        // a plugin directory given relative to the working directory, as plux.plugin-directories usually is
        Path plugins = Files.createDirectories(this.work.resolve("relative-dangling"));
        Path relative = Path.of("").toAbsolutePath().relativize(plugins);
        Path target = this.work.resolve("acme-1.0.jar");
        try {
            Files.createSymbolicLink(plugins.resolve("acme.jar"), target);
        }
        catch (UnsupportedOperationException | java.io.IOException ex) {
            assumeThat(false).as("symbolic links are not supported here: " + ex).isTrue();
        }
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            assertThat(new PluginDirectories(List.of(relative), getClass().getClassLoader()).bundles()).isEmpty();

            assertThat(log.events()).filteredOn((event) -> event.getLevel() == Level.ERROR)
                .singleElement()
                .satisfies((event) -> assertThat(event.getFormattedMessage()).contains(
                        "cannot open plugin bundle " + plugins.resolve("acme.jar") + "; skipping it: it is a symbolic"
                                + " link to " + target + ", which does not exist"));
        }
    }

    @Test
    void aHiddenSubDirectoryWithJarsIsNotWarnedAbout() throws Exception {
        // plugins/.disabled/ (an operator's way to take a plugin out), an editor's or a VCS's hidden directory: put
        // aside on purpose, so a warning on every start would be noise the operator cannot silence
        Path plugins = this.work.resolve("plugins");
        Path library = TestBundles.index(this.work.resolve("library"), "[ns]\nx = acme.x.X\n");
        TestBundles.jar(plugins.resolve(".disabled/acme-0.9.jar"), library, null);
        TestBundles.jar(plugins.resolve(".cache/deps/pdf.jar"), library, null);
        TestBundles.jar(plugins.resolve("notes/.old/pdf.jar"), library, null);
        TestBundles.jar(plugins.resolve("acme/acme-1.0.jar"), library, null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginDirectories.class)) {
            assertThat(new PluginDirectories(List.of(plugins), parent).bundles()).isEmpty();

            // the visible one still is
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(plugins.resolve("acme").toString(), "[acme-1.0.jar]");
        }
    }

    @Test
    void jarsInClassesOrBelowLibOfADirectoryBundleAreWarnedAsUnread() throws Exception {
        // lib/ is read one level deep, classes/ holds classes: a jar in either place is left out
        Path plugins = this.work.resolve("plugins");
        Path library = TestBundles.index(this.work.resolve("library"), "[ns]\nx = acme.x.X\n");
        TestBundles.jar(plugins.resolve("acme/lib/deps/acme-1.0.jar"), library, null);
        TestBundles.jar(plugins.resolve("acme/classes/util.jar"), library, null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.entries("ns")).isEmpty();
            // and no "has no index" warning too: its advice (run the processor) would not fit
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(plugins.resolve("acme").toRealPath().toString(), "classes/util.jar",
                        "lib/deps/acme-1.0.jar", "does not read", "move them into its lib/");
        }
    }

    @Test
    void aBundleWithoutAnIndexWhoseUnreadJarsHoldNoneEitherIsStillWarnedAsHavingNoIndex() throws Exception {
        // moving the jars into lib/ would not give it plugins: its build did not run the processor, which only the
        // no-index warning says
        Path plugins = this.work.resolve("plugins");
        Path plain = TestBundles.write(this.work.resolve("plain/acme/A.class"), "bytes").getParent().getParent();
        TestBundles.jar(plugins.resolve("acme/lib/dep.jar"), plain, null);
        TestBundles.jar(plugins.resolve("acme/acme-1.0.jar"), plain, null);
        TestBundles.jar(plugins.resolve("acme/lib/deps/util.jar"), plain, null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.indexFiles()).isEmpty();
            String path = plugins.resolve("acme").toRealPath().toString();
            assertThat(log.warnings()).hasSize(2);
            assertThat(log.warnings().get(0)).asString().contains(path, "acme-1.0.jar", "lib/deps/util.jar",
                    "does not read");
            assertThat(log.warnings().get(1)).asString().contains(path, "has no META-INF/plux/entry_points.txt",
                    "annotation processor");
        }
    }

    @Test
    void aBundleWithoutAnIndexOneOfWhoseUnreadJarsHoldsOneIsWarnedOnlyAboutTheUnreadJars() throws Exception {
        // the plugin's own jar at the top, next to lib/: moving it is the whole fix, the processor did run
        Path plugins = this.work.resolve("plugins");
        Path plain = TestBundles.write(this.work.resolve("plain/acme/A.class"), "bytes").getParent().getParent();
        TestBundles.jar(plugins.resolve("acme/lib/dep.jar"), plain, null);
        TestBundles.jar(plugins.resolve("acme/helper.jar"), plain, null);
        TestBundles.jar(plugins.resolve("acme/acme-1.0.jar"),
                TestBundles.index(this.work.resolve("indexed"), "[ns]\nx = acme.x.X\n"), null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.indexFiles()).isEmpty();
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(plugins.resolve("acme").toRealPath().toString(), "acme-1.0.jar", "helper.jar",
                        "does not read");
        }
    }

    @Test
    void jarsInAHiddenSubDirectoryOfADirectoryBundlesLibAreNotWarnedAsUnread() throws Exception {
        // lib/.old/: the previous version kept aside on purpose, as plugins/.disabled/ is
        Path plugins = this.work.resolve("plugins");
        Path library = TestBundles.index(this.work.resolve("library"), "[ns]\nx = acme.x.X\n");
        TestBundles.jar(plugins.resolve("acme/lib/acme-1.1.jar"), library, null);
        TestBundles.jar(plugins.resolve("acme/lib/.old/acme-1.0.jar"), library, null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.entries("ns")).hasSize(1);
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void aDirectoryBundleWhoseIndexFilesCannotBeListedGetsOneErrorNotAlsoANoIndexWarning() throws Exception {
        // that it has no index file is not known: saying so would send the user after the wrong thing
        Path bundle = Files.createDirectories(this.work.resolve("plugins/failing/classes")).getParent();
        try (URLClassLoader parent = TestFiles.classLoader();
                URLClassLoader failing = new URLClassLoader(new URL[] { TestFiles.url(bundle.resolve("classes")) },
                        parent) {

                    @Override
                    public Enumeration<URL> findResources(String name) throws IOException {
                        throw new IOException("listing failed");
                    }
                };
                LogCapture log = LogCapture.of(Bundle.class)) {
            PluginIndex index = Bundle.readOwnIndex(bundle, failing);

            assertThat(index.files()).isEmpty();
            assertThat(log.events()).singleElement().satisfies((event) -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains(bundle.toString(), "cannot list the index files");
            });
        }
    }

    @Test
    void aJarAtTheTopOfADirectoryBundleIsNotReadAndIsWarnedNamingIt() throws Exception {
        // an unpacked plugin distribution: the plugin's jar next to lib/, where the bundle does not look
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("acme-1.2/acme-1.2.jar"), "ns", "acme", "acme.p.P", "1",
                Map.of());
        TestBundles.jar(plugins.resolve("acme-1.2/lib/dep.jar"),
                TestBundles.index(this.work.resolve("dep"), "[ns]\ndep = acme.d.D\n"), null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(Bundle.class)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.entries("ns")).extracting((entry) -> entry.entryPoint().name()).containsExactly("dep");
            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(plugins.resolve("acme-1.2").toRealPath().toString(), "acme-1.2.jar", "lib/");
        }
    }

    @Test
    void aJarBundlesIndexIsCheckedAsEveryIndexFile() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path utf16 = Files.createDirectories(this.work.resolve("utf16/META-INF/plux"));
        Files.write(utf16.resolve("entry_points.txt"), "[ns]\nx = a.B\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        Path jar = TestBundles.jar(plugins.resolve("utf16.jar"), this.work.resolve("utf16"), null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginIndex.class)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.entries("ns")).isEmpty();
            assertThat(bundle.indexFiles()).isEmpty();
            assertThat(log.errors()).singleElement().asString().contains(jar.toRealPath().toString(), "UTF");
        }
    }

    @Test
    void duplicatesInsideOneBundleKeepTheFirst() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.jar(plugins.resolve("dup.jar"),
                TestBundles.index(this.work.resolve("dup"), "[ns]\nsame = a.First\nsame = a.Second\n"), null);
        try (URLClassLoader parent = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginIndex.class)) {
            Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);

            assertThat(bundle.entries("ns")).extracting((entry) -> entry.entryPoint().value()).containsExactly("a.First");
            assertThat(log.warnings()).singleElement().asString().contains("duplicate", "a.Second");
        }
    }

    @Test
    void aMissingDirectoryOrAFileIsAWarning() throws Exception {
        Path file = TestBundles.write(this.work.resolve("file.txt"), "x");
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            PluginDirectories directories = new PluginDirectories(List.of(this.work.resolve("missing"), file),
                    getClass().getClassLoader());

            assertThat(directories.bundles()).isEmpty();
            assertThat(log.warnings()).hasSize(2);
            assertThat(log.warnings().get(0)).contains("missing", "does not exist");
            assertThat(log.warnings().get(1)).contains("file.txt", "is not a directory");
        }
    }

    @Test
    void aMissingDirectoryGivenWithTildeOrAVariableSaysJavaDoesNotExpandThem() throws Exception {
        // "~/plugins" or "$HOME/plugins" from a start script or an environment variable's value: a shell expands
        // them, Java takes them literally (a directory named ~ in the working directory); given as they are
        // (relative), or resolved against the working directory as Spring hands plux.plugin-directories on
        String unique = "plux-test-" + this.work.getFileName();
        Path tilde = Path.of("~", unique, "plugins");
        Path variable = Path.of("$HOME", unique);
        Path braces = Path.of("${PLUGINS}", unique);
        Path resolved = Path.of("~" + unique, "plugins").toAbsolutePath();
        // a '$' or '~' a real directory's name holds further on is no variable nor home (a build$1 of a CI job)
        Path dollarInside = this.work.resolve("build$1/plugins");
        Path tildeInside = this.work.resolve("~old/plugins");
        Path plain = this.work.resolve("plain");
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            new PluginDirectories(List.of(tilde, variable, braces, resolved, dollarInside, tildeInside, plain),
                    getClass().getClassLoader()).bundles();

            assertThat(log.warnings()).hasSize(7);
            assertThat(log.warnings().get(0)).contains(tilde.toAbsolutePath().toString(), "does not exist", "'~'",
                    "Java does not expand");
            assertThat(log.warnings().get(1)).contains(variable.toAbsolutePath().toString(), "does not exist",
                    "'$HOME'", "Java does not expand");
            assertThat(log.warnings().get(2)).contains(braces.toAbsolutePath().toString(), "'${PLUGINS}'",
                    "Java does not expand");
            assertThat(log.warnings().get(3)).contains(resolved.toString(), "'~" + unique + "'",
                    "Java does not expand");
            assertThat(log.warnings().subList(4, 7)).allSatisfy((warning) -> assertThat(warning)
                .contains("does not exist")
                .doesNotContain("expand"));
        }
    }

    @Test
    void aMissingDirectoryIsWarnedOnceHoweverManyManagersMeetItUntilItAppears() throws Exception {
        // as with plux.plugin-directories, which every manager of a context reads
        Path missing = this.work.resolve("missing");
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            for (int i = 0; i < 3; i++) {
                assertThat(new PluginDirectories(List.of(missing), getClass().getClassLoader()).bundles()).isEmpty();
            }
            assertThat(log.warnings()).singleElement().asString().contains("missing", "does not exist");

            Files.createDirectories(missing);
            assertThat(new PluginDirectories(List.of(missing), getClass().getClassLoader()).bundles()).isEmpty();
            Files.delete(missing);
            assertThat(new PluginDirectories(List.of(missing), getClass().getClassLoader()).bundles()).isEmpty();
            assertThat(log.warnings()).hasSize(2);
        }
    }

    @Test
    void aDirectoryThatCannotBeListedIsAnErrorOncePerFailureHoweverManyManagersMeetIt() throws Exception {
        // every manager of a context (one per namespace) lists the same directories: one error says it, a different
        // failure of it later is news, and so is the same failure again once the directory could be listed
        UnlistableDirectory plugins = new UnlistableDirectory(Files.createDirectories(this.work.resolve("plugins")));
        TestBundles.pluginJar(this.work, this.work.resolve("plugins/p.jar"), "ns", "p", "acme.p.PPlugin", "\"p\"",
                Map.of());
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            plugins.failure.set("Permission denied");
            for (int i = 0; i < 10; i++) {
                assertThat(PluginDirectories.candidates(plugins.path())).isEmpty();
            }
            assertThat(log.errors()).singleElement().asString()
                .contains("cannot list plugin directory", this.work.resolve("plugins").toString(), "Permission denied");

            plugins.failure.set("Input/output error");
            assertThat(PluginDirectories.candidates(plugins.path())).isEmpty();
            assertThat(PluginDirectories.candidates(plugins.path())).isEmpty();
            assertThat(log.errors()).hasSize(2).last().asString().contains("Input/output error");

            plugins.failure.set(null);
            assertThat(PluginDirectories.candidates(plugins.path())).hasSize(1);
            plugins.failure.set("Input/output error");
            assertThat(PluginDirectories.candidates(plugins.path())).isEmpty();
            assertThat(log.errors()).hasSize(3);
        }
    }

    @Test
    void aDirectoryThatCannotBeListedIsNamedWithWhatSetIt() throws Exception {
        UnlistableDirectory plugins = new UnlistableDirectory(Files.createDirectories(this.work.resolve("plugins")));
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            plugins.failure.set("Permission denied");
            assertThat(PluginDirectories.candidates(plugins.path(), "plux.plugin-directories[0]=plugins")).isEmpty();

            assertThat(log.errors()).singleElement().asString().contains("cannot list plugin directory "
                    + this.work.resolve("plugins") + " (set by plux.plugin-directories[0]=plugins)", "Permission denied");
        }
    }

    @Test
    void aDirectoryThatCannotBeListedAgainAfterItWasMissingIsAnErrorAgain() throws Exception {
        // gone and made again (a volume remounted, a directory recreated): the same failure of the new directory is
        // news, as a missing directory is warned again after it was a directory
        Path real = Files.createDirectories(this.work.resolve("plugins"));
        UnlistableDirectory plugins = new UnlistableDirectory(real);
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            plugins.failure.set("Permission denied");
            assertThat(PluginDirectories.candidates(plugins.path())).isEmpty();
            assertThat(log.errors()).hasSize(1);

            Files.delete(real);
            assertThat(PluginDirectories.candidates(plugins.path())).isEmpty();
            assertThat(log.warnings()).singleElement().asString().contains("does not exist");

            Files.createDirectories(real);
            assertThat(PluginDirectories.candidates(plugins.path())).isEmpty();
            assertThat(log.errors()).hasSize(2).last().asString().contains("cannot list plugin directory",
                    "Permission denied");
        }
    }

    @Test
    void aDirectoryBundleGivenAsThePluginDirectoryIsWarnedOnceSayingToGiveItsParent() throws Exception {
        // the operator's mistake: pluginDirectory(plugins/reports) instead of pluginDirectory(plugins)
        Path reports = this.work.resolve("plugins/reports");
        TestBundles.index(reports.resolve("classes"), "[ns]\nr = acme.r.R\n");
        TestBundles.jar(reports.resolve("lib/pdf.jar"), TestBundles.index(this.work.resolve("pdf"), "[ns]\n"), null);
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            for (int i = 0; i < 2; i++) {
                assertThat(new PluginDirectories(List.of(reports), getClass().getClassLoader()).bundles()).isEmpty();
            }

            assertThat(log.warnings()).singleElement()
                .asString()
                .contains(reports.toAbsolutePath().toString(), "classes/", "lib/", "a directory bundle itself",
                        this.work.resolve("plugins").toAbsolutePath().toString());
        }
    }

    @Test
    void aRootGivenAsThePluginDirectoryWithLibIsWarnedOfWithoutAParentToGive() {
        // plugin-directories=/ on Linux: / has lib/, and a root has no directory holding it to suggest instead
        Path root = this.work.toAbsolutePath().getRoot();
        try (LogCapture log = LogCapture.of(PluginDirectories.class)) {
            PluginDirectoryLayout.warnIfBundleLike(root, "'" + root + "'", new ArrayList<>(List.of("lib/")));

            assertThat(log.warnings()).singleElement()
                .asString()
                .contains("'" + root + "' has lib/ at its top level", "a file system's root")
                .doesNotContain("null", "give the directory that holds it");
        }
        finally {
            // warned once per JVM: an empty layout forgets it
            PluginDirectoryLayout.warnIfBundleLike(root, "'" + root + "'", List.of());
        }
    }

    @Test
    void bundlesAreFoundOnFirstUseNotWhenCreated() throws Exception {
        Path plugins = Files.createDirectories(this.work.resolve("plugins"));
        PluginDirectories directories = new PluginDirectories(List.of(plugins), getClass().getClassLoader());
        TestBundles.pluginJar(this.work, plugins.resolve("late.jar"), "ns", "l", "acme.l.LPlugin", "\"l\"", Map.of());

        assertThat(directories.bundles()).hasSize(1);
        assertThat(directories.bundles()).isSameAs(directories.bundles());
    }

    @Test
    void bundleLoadersAndTheirParentAreCollectedAfterUse() throws Exception {
        Path plugins = this.work.resolve("plugins");
        TestBundles.pluginJar(this.work, plugins.resolve("gc.jar"), "ns", "gc", "acme.gc.GcPlugin", "\"gc\"", Map.of());
        WeakReference<ClassLoader>[] refs = use(plugins);

        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((refs[0].get() != null || refs[1].get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(refs[0].get()).as("the bundle's class loader").isNull();
        assertThat(refs[1].get()).as("the parent class loader").isNull();
    }

    @SuppressWarnings("unchecked")
    private static WeakReference<ClassLoader>[] use(Path plugins) throws Exception {
        URLClassLoader parent = TestFiles.classLoader();
        Bundle bundle = new PluginDirectories(List.of(plugins), parent).bundles().get(0);
        Plugin plugin = new PluginSpecResolver().resolve(bundle.entries("ns").get(0).entryPoint(), bundle.classLoader())
            .factory()
            .create();
        assertThat(plugin.load()).isEqualTo("gc");
        parent.close();
        return new WeakReference[] { new WeakReference<>(bundle.classLoader()), new WeakReference<>(parent) };
    }

    /** A rebuild of a bundle's file: other bytes, another size, a later time (whatever the file system's clock). */
    private static void rebuild(Path file) throws IOException {
        Files.writeString(file, "new bytes, another size");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    }
}
