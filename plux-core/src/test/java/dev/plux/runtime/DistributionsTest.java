package dev.plux.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class DistributionsTest {

    private static final PluginSpec SPEC = PluginSpec.of("dist.ns", "sample", SamplePlugin.class);

    @TempDir
    Path directory;

    @Test
    void jarWithMavenMetadataIsNamedByArtifactId() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("my-plugins-1.2.3.jar"), manifest("Title", "9"),
                Map.of("META-INF/maven/com.example/my-plugins/pom.properties",
                        "groupId=com.example\nartifactId=my-plugins\nversion=1.2.3\n", TestFiles.INDEX, "[ns]\n"));
        assertThat(Distributions.of(SPEC, indexInJar(jar)))
            .contains(new Distribution("my-plugins", "1.2.3", TestFiles.url(jar)));
    }

    @Test
    void shadedJarIsNamedByThePomPropertiesMatchingItsFileName() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("my-plugins-1.2.3.jar"), null,
                Map.of("META-INF/maven/com.example/guava/pom.properties", "artifactId=guava\nversion=33\n",
                        "META-INF/maven/com.example/my-plugins/pom.properties", "artifactId=my-plugins\nversion=1.2.3\n",
                        TestFiles.INDEX, "[ns]\n"));
        assertThat(Distributions.of(SPEC, indexInJar(jar)))
            .contains(new Distribution("my-plugins", "1.2.3", TestFiles.url(jar)));
    }

    @Test
    void jarWithOnlyAManifestIsNamedByImplementationTitle() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("titled.jar"), manifest("Titled Plugins", "2.0"),
                Map.of(TestFiles.INDEX, "[ns]\n"));
        assertThat(Distributions.of(SPEC, indexInJar(jar)))
            .contains(new Distribution("Titled Plugins", "2.0", TestFiles.url(jar)));
    }

    @Test
    void manifestTitleWithoutVersionHasNoVersion() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("titled.jar"), manifest("Titled", null),
                Map.of(TestFiles.INDEX, "[ns]\n"));
        assertThat(Distributions.of(SPEC, indexInJar(jar))).contains(new Distribution("Titled", null, TestFiles.url(jar)));
    }

    @Test
    void jarWithoutMetadataIsNamedByItsFileName() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("plain-1.0.jar"), null, Map.of(TestFiles.INDEX, "[ns]\n"));
        assertThat(Distributions.of(SPEC, indexInJar(jar)))
            .contains(new Distribution("plain-1.0.jar", null, TestFiles.url(jar)));
    }

    // a file URL's path is a URI path: '+' is a plus there, and only %XX is an escape (a space is %20)
    @Test
    void aFileNameWithAPlusOrASpaceIsReportedAsItIsOnDisk() throws IOException {
        Path plus = TestFiles.jar(this.directory.resolve("a+b-1.0.jar"), null, Map.of(TestFiles.INDEX, "[ns]\n"));
        assertThat(Distributions.of(SPEC, indexInJar(plus))).map(Distribution::name).contains("a+b-1.0.jar");
        Path space = TestFiles.jar(this.directory.resolve("a b+c.jar"), null, Map.of(TestFiles.INDEX, "[ns]\n"));
        assertThat(Distributions.of(SPEC, indexInJar(space))).map(Distribution::name).contains("a b+c.jar");
    }

    @Test
    void pomPropertiesWithoutArtifactIdFallsBackToTheManifest() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("odd.jar"), manifest("From Manifest", "3"),
                Map.of("META-INF/maven/g/a/pom.properties", "version=1\n", TestFiles.INDEX, "[ns]\n"));
        assertThat(Distributions.of(SPEC, indexInJar(jar))).map(Distribution::name).contains("From Manifest");
    }

    @Test
    void pluginsOfASpringBootJarsOwnClassesReportTheApplicationJarNotClasses() throws IOException {
        // BOOT-INF/classes is the application's own code: its distribution is the application jar, as a plugin of
        // one of its BOOT-INF/lib jars reports that jar, never the directory name 'classes'
        Path app = TestFiles.jar(this.directory.resolve("my app!-1.0.jar"), manifest("Spring Title", "7"),
                Map.of("META-INF/maven/com.example/my-app/pom.properties", "artifactId=my-app\nversion=1.0\n",
                        "BOOT-INF/classes/" + TestFiles.INDEX, "[ns]\n"));
        Distribution expected = new Distribution("my-app", "1.0", TestFiles.url(app));
        // the launcher's own URL form (Spring Boot 3.2 and later): a '!' of the path is escaped, '/!' separates
        String rawPath = app.toUri().getRawPath().replace("!", "%21");
        URL nested = new URL("jar", "", -1, "nested:" + rawPath + "/!BOOT-INF/classes/!/" + TestFiles.INDEX);
        assertThat(Distributions.of(SPEC, nested)).contains(expected);
        // the older launcher's form
        URL older = new URL("jar:" + TestFiles.url(app) + "!/BOOT-INF/classes!/" + TestFiles.INDEX);
        assertThat(Distributions.of(SPEC, older)).contains(expected);
    }

    @Test
    void onlyTheOwnClassesOfASpringBootJarAreTheApplicationOtherLocationsAreThemselves() {
        // a plugin made in code reports its class's code source, the launcher's class path entry
        assertThat(Distributions.applicationOf("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/"))
            .isEqualTo("file:/srv/app.jar");
        assertThat(Distributions.applicationOf("nested:/srv/app.jar/!BOOT-INF/lib/p-1.0.jar"))
            .isEqualTo("nested:/srv/app.jar/!BOOT-INF/lib/p-1.0.jar");
        assertThat(Distributions.applicationOf("file:/work/target/classes/")).isEqualTo("file:/work/target/classes/");
        assertThat(Distributions.applicationOf("file:/srv/app.jar")).isEqualTo("file:/srv/app.jar");
    }

    @Test
    void aPluginMadeInCodeFromALibraryOfASpringBootJarReportsThatLibrary() throws Exception {
        // the launcher's code source of a BOOT-INF/lib class is the library as a jar root, jar:<library>!/: the
        // library is the distribution, named as a plain jar on the class path is, not the URL wrapped once more
        Path app = bootJarWithLibrary(this.directory.resolve("my app!-1.0.jar"), "lib-plugins-2.1.jar",
                "META-INF/maven/com.example/lib-plugins/pom.properties", "artifactId=lib-plugins\nversion=2.1\n");
        String library = TestFiles.url(app) + "!/BOOT-INF/lib/lib-plugins-2.1.jar";
        // the older launcher's form
        assertThat(Distributions.of(specWithCodeSource(new URL("jar:" + library + "!/")), null))
            .contains(new Distribution("lib-plugins", "2.1", new URL(library)));
        // the launcher's own form (Spring Boot 3.2 and later); its nested: handler is not on this class path, so
        // the location is the code source as it is, but the name and version are the library's
        String rawPath = app.toUri().getRawPath().replace("!", "%21");
        URL nested = new URL("jar", "", -1, "nested:" + rawPath + "/!BOOT-INF/lib/lib-plugins-2.1.jar!/");
        assertThat(Distributions.of(specWithCodeSource(nested), null)).map(Distribution::name).contains("lib-plugins");
        assertThat(Distributions.of(specWithCodeSource(nested), null)).map(Distribution::version).contains("2.1");
    }

    @Test
    void aLibraryOfASpringBootJarWithoutMetadataIsNamedByItsFileNameOrItsManifest() throws Exception {
        Path app = bootJarWithLibrary(this.directory.resolve("app.jar"), "bare-3.0.jar", "readme.txt", "hi");
        String rawPath = app.toUri().getRawPath();
        URL nested = new URL("jar", "", -1, "nested:" + rawPath + "/!BOOT-INF/lib/bare-3.0.jar!/");
        assertThat(Distributions.of(specWithCodeSource(nested), null)).map(Distribution::name).contains("bare-3.0.jar");

        Path titled = bootJarWithLibrary(this.directory.resolve("titled-app.jar"), "titled-1.jar",
                manifest("Titled Library", "1.5"), "readme.txt", "hi");
        String library = TestFiles.url(titled) + "!/BOOT-INF/lib/titled-1.jar";
        assertThat(Distributions.of(specWithCodeSource(new URL("jar:" + library + "!/")), null))
            .contains(new Distribution("Titled Library", "1.5", new URL(library)));
    }

    @Test
    void aPluginOfALibrarysIndexInASpringBootJarReportsThatLibraryNotTheApplication() throws Exception {
        // the older launcher's form of an index URL in a BOOT-INF/lib jar, read without that launcher's handler
        Path app = bootJarWithLibrary(this.directory.resolve("app.jar"), "lib-plugins-2.1.jar",
                "META-INF/maven/com.example/lib-plugins/pom.properties", "artifactId=lib-plugins\nversion=2.1\n");
        String library = TestFiles.url(app) + "!/BOOT-INF/lib/lib-plugins-2.1.jar";
        assertThat(Distributions.of(SPEC, new URL("jar:" + library + "!/" + TestFiles.INDEX)))
            .contains(new Distribution("lib-plugins", "2.1", new URL(library)));
    }

    @Test
    void pluginsOfAnUnpackedSpringBootJarsOwnClassesReportTheUnpackedApplication() throws IOException {
        Path app = this.directory.resolve("my-app");
        Path classes = TestFiles.indexDirectory(app.resolve("BOOT-INF/classes"), "[ns]\n");
        assertThat(Distributions.of(SPEC, TestFiles.url(classes.resolve(TestFiles.INDEX))))
            .contains(new Distribution("my-app", null, TestFiles.url(app)));
        TestBundles.write(app.resolve("META-INF/maven/com.example/my-app/pom.properties"),
                "artifactId=my-app-artifact\nversion=2.0\n");
        assertThat(Distributions.of(SPEC, TestFiles.url(classes.resolve(TestFiles.INDEX))))
            .contains(new Distribution("my-app-artifact", "2.0", TestFiles.url(app)));
    }

    @Test
    void shadedJarReportsTheFirstPomInNameOrder() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("META-INF/maven/z/zeta/pom.properties", "artifactId=zeta\nversion=2\n");
        entries.put("META-INF/maven/a/alpha/pom.properties", "artifactId=alpha\nversion=1\n");
        entries.put(TestFiles.INDEX, "[ns]\n");
        Path jar = TestFiles.jar(this.directory.resolve("shaded.jar"), null, entries);
        assertThat(Distributions.of(SPEC, indexInJar(jar))).contains(new Distribution("alpha", "1", TestFiles.url(jar)));
    }

    @Test
    void fileThatIsNotAJarIsNamedByItsFileName() throws IOException {
        Path broken = Files.writeString(this.directory.resolve("broken.jar"), "not a zip");
        assertThat(Distributions.of(SPEC, indexInJar(broken)))
            .contains(new Distribution("broken.jar", null, TestFiles.url(broken)));
    }

    @Test
    void classesDirectoryIsNamedByTheDirectory() throws IOException {
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\n");
        assertThat(Distributions.of(SPEC, indexInDirectory(classes)))
            .contains(new Distribution("classes", null, TestFiles.url(classes)));
    }

    @Test
    void classesDirectoryWithMavenMetadataIsNamedByArtifactId() throws IOException {
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\n");
        Path pom = classes.resolve("META-INF/maven/g/dir-plugins/pom.properties");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "artifactId=dir-plugins\nversion=0.9\n");
        assertThat(Distributions.of(SPEC, indexInDirectory(classes)))
            .contains(new Distribution("dir-plugins", "0.9", TestFiles.url(classes)));
    }

    @Test
    void classesDirectoryWithAManifestIsNamedByImplementationTitle() throws IOException {
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\n");
        Path manifestFile = classes.resolve("META-INF/MANIFEST.MF");
        try (var out = Files.newOutputStream(manifestFile)) {
            manifest("Dir Title", "4.5").write(out);
        }
        assertThat(Distributions.of(SPEC, indexInDirectory(classes)))
            .contains(new Distribution("Dir Title", "4.5", TestFiles.url(classes)));
    }

    @Test
    void anUnchangedJarIsReadOnce() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("cached.jar"), null,
                Map.of("META-INF/maven/g/cached/pom.properties", "artifactId=cached\nversion=1\n"));
        FileTime modified = Files.getLastModifiedTime(jar);
        assertThat(Distributions.of(SPEC, indexInJar(jar))).map(Distribution::version).contains("1");
        // same size and modification time: taken for the same jar, not read again
        TestFiles.jar(jar, null, Map.of("META-INF/maven/g/cached/pom.properties", "artifactId=cached\nversion=2\n"));
        Files.setLastModifiedTime(jar, modified);
        assertThat(Distributions.of(SPEC, indexInJar(jar))).map(Distribution::version).contains("1");

        Path other = TestFiles.jar(this.directory.resolve("other.jar"), null,
                Map.of("META-INF/maven/g/cached/pom.properties", "artifactId=cached\nversion=2\n"));
        assertThat(Distributions.of(SPEC, indexInJar(other))).map(Distribution::version).contains("2");
    }

    @Test
    void forgettingAnIndexFileReadsItsJarAgain() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("forgotten.jar"), null,
                Map.of("META-INF/maven/g/forgotten/pom.properties", "artifactId=forgotten\nversion=1\n"));
        FileTime modified = Files.getLastModifiedTime(jar);
        assertThat(Distributions.of(SPEC, indexInJar(jar))).map(Distribution::version).contains("1");
        TestFiles.jar(jar, null,
                Map.of("META-INF/maven/g/forgotten/pom.properties", "artifactId=forgotten\nversion=2\n"));
        Files.setLastModifiedTime(jar, modified);

        Distributions.forgetIndex(indexInJar(jar).toExternalForm());

        assertThat(Distributions.of(SPEC, indexInJar(jar))).map(Distribution::version).contains("2");
    }

    @Test
    void aJarReplacedByAnotherVersionIsReadAgain() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("replaced.jar"), null,
                Map.of("META-INF/maven/g/replaced/pom.properties", "artifactId=replaced\nversion=1.0\n"));
        FileTime modified = Files.getLastModifiedTime(jar);
        assertThat(Distributions.of(SPEC, indexInJar(jar))).map(Distribution::version).contains("1.0");

        TestFiles.jar(jar, null, Map.of("META-INF/maven/g/replaced/pom.properties",
                "artifactId=replaced\nversion=2.0\n"));
        // a file system with coarse timestamps may give the new jar the old time
        Files.setLastModifiedTime(jar, FileTime.fromMillis(modified.toMillis() + 2000));

        assertThat(Distributions.of(SPEC, indexInJar(jar))).contains(
                new Distribution("replaced", "2.0", TestFiles.url(jar)));
    }

    @Test
    void aClassesDirectoryIsReadEachTime() throws IOException {
        Path classes = TestFiles.indexDirectory(this.directory.resolve("classes"), "[ns]\n");
        Path pom = classes.resolve("META-INF/maven/g/dir/pom.properties");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "artifactId=dir\nversion=1\n");
        assertThat(Distributions.of(SPEC, indexInDirectory(classes))).map(Distribution::version).contains("1");
        Files.writeString(pom, "artifactId=dir\nversion=2\n");
        assertThat(Distributions.of(SPEC, indexInDirectory(classes))).map(Distribution::version).contains("2");
    }

    @Test
    void withoutAnIndexFileTheLocationOfThePluginClassIsUsed() throws Exception {
        URL testClasses = SamplePlugin.class.getProtectionDomain().getCodeSource().getLocation();
        Optional<Distribution> distribution = Distributions.of(SPEC, null);
        assertThat(distribution).map(Distribution::location).contains(testClasses);
        assertThat(distribution).map(Distribution::name).contains(Path.of(testClasses.toURI()).getFileName().toString());
    }

    @Test
    void specMadeWithAFactoryUsesTheLocationOfTheFactory() {
        PluginSpec spec = new PluginSpec("dist.ns", "lambda", SamplePlugin::new);
        URL testClasses = SamplePlugin.class.getProtectionDomain().getCodeSource().getLocation();
        assertThat(Distributions.of(spec, null)).map(Distribution::location).contains(testClasses);
    }

    @Test
    void locationOfAnIndexInAJarIsTheJar() throws IOException {
        Path jar = this.directory.resolve("x.jar");
        assertThat(Distributions.locationOfIndex(indexInJar(jar))).isEqualTo(TestFiles.url(jar));
    }

    @Test
    void locationOfAnIndexElsewhereIsUnknown() throws MalformedURLException {
        assertThat(Distributions.locationOfIndex(new URL("file:/somewhere/else.txt"))).isNull();
    }

    @Test
    void containerReportsTheDistributionOfTheJarThatDeclaredThePlugin() throws IOException {
        Path jar = TestFiles.jar(this.directory.resolve("container-plugins.jar"), null,
                Map.of("META-INF/maven/g/container-plugins/pom.properties",
                        "artifactId=container-plugins\nversion=5.0\n", TestFiles.INDEX,
                        "[dist.container]\nsample = " + SamplePlugin.class.getName() + "\n"));
        try (URLClassLoader loader = TestFiles.classLoader(jar)) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder("dist.container").classLoader(loader).build();
            PluginContainer<Plugin> container = manager.getContainer("sample");
            assertThat(container.distribution())
                .contains(new Distribution("container-plugins", "5.0", TestFiles.url(jar)));
            assertThat(container.distribution()).isEqualTo(container.distribution());
        }
    }

    private static Manifest manifest(String title, String version) {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.IMPLEMENTATION_TITLE, title);
        if (version != null) {
            attributes.put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        return manifest;
    }

    /**
     * Writes a Spring Boot executable jar (with a pom.properties of its own, which a library must not report)
     * holding one library in BOOT-INF/lib with one entry besides its index.
     */
    private Path bootJarWithLibrary(Path app, String libraryName, String entry, String content) throws IOException {
        return bootJarWithLibrary(app, libraryName, null, entry, content);
    }

    private Path bootJarWithLibrary(Path app, String libraryName, Manifest manifest, String entry, String content)
            throws IOException {
        Path library = TestFiles.jar(this.directory.resolve("built").resolve(libraryName), manifest,
                Map.of(entry, content, TestFiles.INDEX, "[ns]\n"));
        try (OutputStream out = Files.newOutputStream(app); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("META-INF/maven/com.example/the-app/pom.properties"));
            jar.write("artifactId=the-app\nversion=9\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("BOOT-INF/lib/" + libraryName));
            jar.write(Files.readAllBytes(library));
            jar.closeEntry();
        }
        return app;
    }

    /** A spec of a plugin class defined with the given code source, as a launcher's class loader defines it. */
    private static PluginSpec specWithCodeSource(URL location) throws Exception {
        String name = SamplePlugin.class.getName();
        byte[] bytes;
        try (InputStream in = SamplePlugin.class.getResourceAsStream(
                name.substring(name.lastIndexOf('.') + 1) + ".class")) {
            bytes = in.readAllBytes();
        }
        ProtectionDomain domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null);
        ClassLoader loader = new ClassLoader(DistributionsTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(className)) {
                    if (!className.equals(name)) {
                        return super.loadClass(className, resolve);
                    }
                    Class<?> loaded = findLoadedClass(className);
                    return (loaded != null) ? loaded : defineClass(className, bytes, 0, bytes.length, domain);
                }
            }
        };
        return PluginSpec.of("dist.ns", "sample", loader.loadClass(name).asSubclass(Plugin.class));
    }

    private static URL indexInJar(Path jar) throws MalformedURLException {
        return new URL("jar:" + TestFiles.url(jar).toExternalForm() + "!/" + TestFiles.INDEX);
    }

    private static URL indexInDirectory(Path directory) throws MalformedURLException {
        return new URL(TestFiles.url(directory).toExternalForm() + TestFiles.INDEX);
    }

    public static class SamplePlugin implements Plugin {
    }
}
