package dev.plux.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.plux.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class BundleDistributionTest {

    @TempDir
    Path work;

    @Test
    void eachBundleHasItsOwnDistribution() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path withPom = TestBundles.index(this.work.resolve("pom"), "[ns]\n");
        pom(withPom, "com.acme", "zeta", "9");
        TestBundles.write(withPom.resolve("META-INF/maven/com.acme/exporters/pom.properties"),
                "groupId=com.acme\nartifactId=exporters\nversion=1.2.3\n");
        Path a = TestBundles.jar(plugins.resolve("a-exporters-1.2.3.jar"), withPom, Map.of("Implementation-Title", "t"));
        Path b = TestBundles.jar(plugins.resolve("b.jar"), TestBundles.index(this.work.resolve("m"), "[ns]\n"),
                Map.of("Implementation-Title", "Acme Titled", "Implementation-Version", "2.0"));
        Path c = TestBundles.jar(plugins.resolve("c-plain.jar"), TestBundles.index(this.work.resolve("n"), "[ns]\n"),
                null);

        List<Bundle> bundles = new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles();

        assertThat(bundles).extracting(Bundle::distribution)
            .containsExactly(new Distribution("exporters", "1.2.3", TestFiles.url(a.toRealPath())),
                    new Distribution("Acme Titled", "2.0", TestFiles.url(b.toRealPath())),
                    new Distribution("c-plain.jar", null, TestFiles.url(c.toRealPath())));
    }

    @Test
    void aShadedJarBundleIsNamedByThePomPropertiesOfItsOwnArtifactNotOfTheFirstLibraryItCarries() throws Exception {
        // maven-shade keeps every shaded library's pom.properties: the first by name (com.acme/acme-base before
        // com.acme/acme-greeting, and dev.plux/plux-core) would name a library, not the plugin the operator dropped
        Path plugins = this.work.resolve("plugins");
        Path shaded = TestBundles.index(this.work.resolve("shaded"), "[ns]\n");
        pom(shaded, "com.acme", "acme-base", "3");
        pom(shaded, "com.acme", "acme-greeting", "1.0");
        pom(shaded, "dev.plux", "plux-core", "0.1.0");
        Path jar = TestBundles.jar(plugins.resolve("acme-greeting-1.0.jar"), shaded, null);
        // renamed by the operator: no artifact matches the file name, so the first in name order, as before
        Path renamed = TestBundles.jar(plugins.resolve("greeting.jar"), shaded, null);

        List<Bundle> bundles = new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles();

        assertThat(bundles).extracting(Bundle::distribution)
            .containsExactly(new Distribution("acme-greeting", "1.0", TestFiles.url(jar.toRealPath())),
                    new Distribution("acme-base", "3", TestFiles.url(renamed.toRealPath())));
    }

    @Test
    void aDirectoryBundleIsNamedByItsClassesPomThenManifestThenItsDirectoryName() throws Exception {
        Path plugins = this.work.resolve("plugins");
        pom(plugins.resolve("a/classes"), "g", "alpha", "1.0");
        TestBundles.write(plugins.resolve("b/classes/META-INF/MANIFEST.MF"),
                "Manifest-Version: 1.0\nImplementation-Title: beta\nImplementation-Version: 2\n\n");
        Files.createDirectories(plugins.resolve("c/classes"));
        // a pom.properties without artifactId is no name: the manifest is next
        TestBundles.write(plugins.resolve("d/classes/META-INF/maven/g/x/pom.properties"), "version=1\n");
        TestBundles.write(plugins.resolve("d/classes/META-INF/MANIFEST.MF"),
                "Manifest-Version: 1.0\nImplementation-Title: delta\n\n");
        Files.createDirectories(plugins.resolve("e/lib"));

        List<Bundle> bundles = new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles();

        assertThat(bundles).extracting(Bundle::distribution)
            .containsExactly(new Distribution("alpha", "1.0", location(plugins, "a")),
                    new Distribution("beta", "2", location(plugins, "b")),
                    new Distribution("c", null, location(plugins, "c")),
                    new Distribution("delta", null, location(plugins, "d")),
                    new Distribution("e", null, location(plugins, "e")));
        assertThat(bundles.get(0).location()).isEqualTo(location(plugins, "a"));
        assertThat(bundles.get(0).location().toExternalForm()).endsWith("/a/");
    }

    @Test
    void aDirectoryBundleWithAShadedClassesDirectoryIsNamedByThePomPropertiesOfItsOwnArtifact() throws Exception {
        // a shaded jar unpacked into classes/ keeps every library's pom.properties, as the jar did: the bundle's
        // directory name picks its own, as a jar's file name does
        Path plugins = this.work.resolve("plugins");
        Path classes = plugins.resolve("acme-greeting-1.0/classes");
        pom(classes, "com.acme", "acme-base", "3");
        pom(classes, "com.acme", "acme-greeting", "1.0");
        pom(plugins.resolve("acme/classes"), "com.acme", "acme-base", "3");
        pom(plugins.resolve("acme/classes"), "com.acme", "acme", "2");

        List<Bundle> bundles = new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles();

        assertThat(bundles).extracting(Bundle::distribution)
            .containsExactly(new Distribution("acme", "2", location(plugins, "acme")),
                    new Distribution("acme-greeting", "1.0", location(plugins, "acme-greeting-1.0")));
    }

    @Test
    void malformedMetadataNamesTheBundleByItsFileAndNeverSkipsIt() throws Exception {
        Path plugins = this.work.resolve("plugins");
        // Properties.load rejects a malformed \\u escape with an IllegalArgumentException
        Path malformed = TestBundles.index(this.work.resolve("malformed"), "[ns]\n");
        TestBundles.write(malformed.resolve("META-INF/maven/g/p/pom.properties"), "artifactId=\\uZZZZ\n");
        Path jar = TestBundles.jar(plugins.resolve("p.jar"), malformed, null);
        TestBundles.write(plugins.resolve("d/classes/META-INF/maven/g/d/pom.properties"), "artifactId=\\uZZZZ\n");

        List<Bundle> bundles = new PluginDirectories(List.of(plugins), getClass().getClassLoader()).bundles();

        assertThat(bundles).extracting(Bundle::distribution)
            .containsExactly(new Distribution("d", null, location(plugins, "d")),
                    new Distribution("p.jar", null, TestFiles.url(jar.toRealPath())));
    }

    private static java.net.URL location(Path plugins, String bundle) throws Exception {
        return TestFiles.url(plugins.resolve(bundle).toRealPath());
    }

    /** Writes the {@code pom.properties} Maven puts in a jar (or a shade keeps of each library it carries). */
    private static void pom(Path classes, String group, String artifact, String version) {
        TestBundles.write(classes.resolve("META-INF/maven/" + group + "/" + artifact + "/pom.properties"),
                "artifactId=" + artifact + "\nversion=" + version + "\n");
    }
}
