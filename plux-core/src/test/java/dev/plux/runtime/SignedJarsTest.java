package dev.plux.runtime;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed jars in plugin directories, signed with the JDK's own {@code keytool} and {@code jarsigner}: a signed jar
 * loads (its classes verified by the bundle's class loader, as the JDK's loaders do), and one changed after it was
 * signed fails its plugin naming the jar, its bundle and what to do, where the JDK's {@code SecurityException} names
 * an entry only.
 */
@Timeout(120)
class SignedJarsTest {

    private static final Map<String, String> LIBRARY = Map.of("acme.lib.Helper",
            "package acme.lib; public class Helper { public static String hi() { return \"ok\"; } }");

    private static final Map<String, String> CHANGED = Map.of("acme.lib.Helper",
            "package acme.lib; public class Helper { public static String hi() { return \"changed\"; } }");

    private static final Map<String, String> PLUGIN = Map.of("acme.p.P", "package acme.p; public class P implements"
            + " dev.plux.core.Plugin { public Object load(Object... args) { return acme.lib.Helper.hi(); } }");

    @TempDir
    static Path keys;

    @TempDir
    Path work;

    @BeforeAll
    @Timeout(90)
    static void makeAKeystore() throws Exception {
        run("keytool", "-genkeypair", "-alias", "plux", "-keyalg", "EC", "-keystore",
                keys.resolve("keys.p12").toString(), "-storetype", "PKCS12", "-storepass", "secret", "-keypass",
                "secret", "-dname", "CN=plux test", "-validity", "2");
    }

    @Test
    void aSignedLibraryOfADirectoryBundleLoadsAndOneChangedAfterSigningNamesTheJarAndTheBundle() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path good = plugins.resolve("good");
        Path bad = this.work.resolve("other-plugins").resolve("bad");
        for (Path bundle : List.of(good, bad)) {
            Path jar = signedJar(bundle.resolve("lib/helper-1.0.jar"), LIBRARY);
            if (bundle == bad) {
                // the jar's class replaced after signing: its digest in the manifest no longer matches
                Path changed = TestBundles.compile(this.work.resolve("changed"), CHANGED);
                replaceEntry(jar, "acme/lib/Helper.class",
                        Files.readAllBytes(changed.resolve("acme/lib/Helper.class")));
            }
            // the plugin compiled against the library, which its bundle carries in lib/ only
            Path classes = bundle.resolve("classes");
            TestBundles.compile(classes, Map.of("acme.p.P", PLUGIN.get("acme.p.P"), "acme.lib.Helper",
                    LIBRARY.get("acme.lib.Helper")));
            Files.delete(classes.resolve("acme/lib/Helper.class"));
            TestBundles.index(classes, "[signed.ns]\np = acme.p.P\n");
        }
        try (URLClassLoader app = TestFiles.classLoader(); LogCapture log = LogCapture.of(PluginManager.class)) {
            PluginManager<Plugin> signed = PluginManager.builder("signed.ns").classLoader(app).pluginDirectory(plugins)
                .build();
            assertThat(signed.load("p").load()).isEqualTo("ok");

            PluginManager<Plugin> manager = PluginManager.builder("signed.ns").classLoader(app)
                .pluginDirectory(bad.getParent())
                .build();
            String jar = bad.resolve("lib/helper-1.0.jar").toRealPath().toString();
            assertThatThrownBy(() -> manager.load("p")).isInstanceOf(PluginException.class)
                .hasMessageContaining("plugin signed.ns:p failed to load: java.lang.SecurityException")
                .hasMessageContaining("acme/lib/Helper.class")
                .hasMessageContaining(jar + ", a signed jar of bundle " + bad.toRealPath()
                        + ", was changed after it was signed");
            assertThat(log.warnings()).anySatisfy((warning) -> assertThat(warning).contains("plugin signed.ns:p failed"
                    + " to load", jar, "changed after it was signed"));
        }
    }

    @Test
    void aSignedJarOfTheManagersClassPathChangedAfterSigningIsNamedWhateverTheCallersContextClassLoader()
            throws Exception {
        // a class-path plugin whose library is a signed jar changed after signing, on the class loader given to the
        // manager; load() is called from a thread whose context class loader does not see that jar (a pool's, a
        // server's): the jar was looked up through that loader and not named
        Path jar = signedJar(this.work.resolve("cp/lib/helper-1.0.jar"), LIBRARY);
        Path changed = TestBundles.compile(this.work.resolve("changed"), CHANGED);
        replaceEntry(jar, "acme/lib/Helper.class", Files.readAllBytes(changed.resolve("acme/lib/Helper.class")));
        Path classes = this.work.resolve("cp/classes");
        TestBundles.compile(classes, Map.of("acme.p.P", PLUGIN.get("acme.p.P"), "acme.lib.Helper",
                LIBRARY.get("acme.lib.Helper")));
        Files.delete(classes.resolve("acme/lib/Helper.class"));
        TestBundles.index(classes, "[signed.cp]\np = acme.p.P\n");
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (URLClassLoader app = TestFiles.classLoader(classes, jar)) {
            PluginManager<Plugin> manager = PluginManager.builder("signed.cp").classLoader(app).build();
            thread.setContextClassLoader(null);

            String named = jar.toRealPath() + ", a signed jar, was changed after it was signed";
            assertThatThrownBy(() -> manager.load("p")).isInstanceOf(PluginException.class)
                .hasMessageContaining("java.lang.SecurityException")
                .hasMessageContaining(named);
            // every later load() throws the same failure, again naming the jar
            assertThatThrownBy(() -> manager.load("p")).hasMessageContaining(named);
        }
        finally {
            thread.setContextClassLoader(context);
        }
    }

    @Test
    void aSignedJarBundleChangedAfterSigningFailsResolutionNamingTheJar() throws Exception {
        Path plugins = this.work.resolve("plugins");
        Path build = TestBundles.compile(this.work.resolve("build"), Map.of("acme.p.P",
                "package acme.p; public class P implements dev.plux.core.Plugin { }"));
        TestBundles.index(build, "[signed.ns]\np = acme.p.P\n");
        Path jar = TestBundles.jar(plugins.resolve("acme-plugin-1.0.jar"), build, null);
        sign(jar);
        Path changed = TestBundles.compile(this.work.resolve("changed"), Map.of("acme.p.P",
                "package acme.p; public class P implements dev.plux.core.Plugin {"
                        + " public String x() { return \"x\"; } }"));
        replaceEntry(jar, "acme/p/P.class", Files.readAllBytes(changed.resolve("acme/p/P.class")));
        try (URLClassLoader app = TestFiles.classLoader()) {
            PluginManager<Plugin> manager = PluginManager.builder("signed.ns").classLoader(app)
                .pluginDirectory(plugins)
                .build();

            assertThatThrownBy(() -> manager.load("p")).isInstanceOf(PluginException.class)
                .hasMessageContaining("java.lang.SecurityException")
                .hasMessageContaining("acme-plugin-1.0.jar, a signed jar, was changed after it was signed");
        }
    }

    @Test
    void theEntryIsReadFromEachOfTheJdksMessages() {
        assertThat(SignedJars.entryOf("SHA-256 digest error for acme/p/P.class")).isEqualTo("acme/p/P.class");
        assertThat(SignedJars.entryOf("invalid SHA-256 signature file digest for acme/p/P.class"))
            .isEqualTo("acme/p/P.class");
        assertThat(SignedJars.entryOf("class \"acme.p.P\"'s signer information does not match signer information of"
                + " other classes in the same package")).isEqualTo("acme/p/P.class");
        assertThat(SignedJars.entryOf("no entry named here")).isNull();
        assertThat(SignedJars.hint(new IllegalStateException("boom"), null, null)).isEmpty();
        assertThat(SignedJars.hint(new SecurityException("a plugin's own refusal"), null, null))
            .as("a SecurityException of the plugin's own code says nothing about jars").isEmpty();
        assertThat(SignedJars.hint(new SecurityException("SHA-256 digest error for acme/Gone.class"), null, null))
            .startsWith("; a signed jar was changed after it was signed");
    }

    private Path signedJar(Path jar, Map<String, String> sources) throws Exception {
        Path classes = TestBundles.compile(this.work.resolve("lib-" + jar.getParent().getParent().getFileName()),
                sources);
        TestBundles.jar(jar, classes, null);
        sign(jar);
        return jar;
    }

    /** Rewrites a jar with one entry's bytes replaced, every other entry (the signature files too) as it was. */
    private static void replaceEntry(Path jar, String name, byte[] bytes) throws Exception {
        Path copy = jar.resolveSibling(jar.getFileName() + ".new");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals(name) ? bytes : in.readAllBytes());
                out.closeEntry();
            }
        }
        Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void sign(Path jar) throws Exception {
        run("jarsigner", "-keystore", keys.resolve("keys.p12").toString(), "-storepass", "secret", jar.toString(),
                "plux");
    }

    private static void run(String tool, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(arguments));
        // the output to a file and no input: reading a pipe until the tool ends, or a tool prompting on stdin (a
        // keystore password), would block past every timeout, which cannot interrupt either
        Path output = Files.createTempFile(keys, tool, ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(tool + " did not end within 60 s: " + Files.readString(output));
        }
        assertThat(process.exitValue()).as(tool + ": " + Files.readString(output)).isZero();
    }
}
