package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.fixtures.BeanTypeCopyBundle;
import dev.plux.spring.boot.autoconfigure.fixtures.Greeter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code plux.plugin-directories}: a jar built here (compiled with {@code javax.tools}, packed with
 * {@link JarOutputStream}) whose plugin takes a bean in its constructor.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class PluginDirectoriesAutoConfigurationTests {

    private static final String BUNDLE_PLUGIN = "acme.bundled.WelcomePlugin";

    @TempDir
    static Path work;

    static Path plugins;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
        .withBean(Greeter.class, () -> new Greeter("Welcome"));

    @BeforeAll
    static void buildBundle() throws Exception {
        Path classes = work.resolve("classes");
        Path source = work.resolve("src/acme/bundled/WelcomePlugin.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package acme.bundled;
                public class WelcomePlugin implements dev.plux.core.Plugin {
                    private final dev.plux.spring.boot.autoconfigure.fixtures.Greeter greeter;
                    public WelcomePlugin(dev.plux.spring.boot.autoconfigure.fixtures.Greeter greeter) {
                        this.greeter = greeter;
                    }
                    @Override public Object load(Object... args) { return this.greeter.greet("bundle"); }
                }
                """);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-proc:none", "--release", "17", "-classpath",
                        location(Plugin.class) + java.io.File.pathSeparator + location(Greeter.class)),
                null, compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile()))
            .call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();
        Path index = classes.resolve("META-INF/plux/entry_points.txt");
        Files.createDirectories(index.getParent());
        Files.writeString(index, "[test.bundles]\nwelcome = " + BUNDLE_PLUGIN + "\n[test.other]\nwelcome = "
                + BUNDLE_PLUGIN + "\n");
        plugins = Files.createDirectories(work.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(plugins.resolve("welcome-1.0.jar"));
                JarOutputStream jar = new JarOutputStream(file); Stream<Path> files = Files.walk(classes)) {
            for (Path entry : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(entry));
                jar.closeEntry();
            }
        }
    }

    @Test
    void everyManagerOfTheContextReadsThePluginDirectoriesAndCreatesBundlePluginsThroughTheContext() {
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.bundles,test.other", "plux.plugin-directories=" + plugins)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluginManagers managers = context.getBean(PluginManagers.class);
                PluginManager<?> bundles = managers.get("test.bundles");
                PluginManager<?> other = managers.get("test.other");

                Plugin welcome = bundles.load("welcome");
                assertThat(welcome.getClass().getName()).isEqualTo(BUNDLE_PLUGIN);
                assertThat(welcome.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
                assertThat(bundles.getContainer("welcome").loadValue()).isEqualTo("Welcome, bundle");
                // one class loader per bundle: the other namespace's plugin is of the same Class
                assertThat(other.load("welcome").getClass()).isSameAs(welcome.getClass());
                PluginContainer<?> container = bundles.getContainer("welcome");
                assertThat(container.distribution()).hasValueSatisfying(
                        (distribution) -> assertThat(distribution.name()).isEqualTo("welcome-1.0.jar"));
                assertThat(container.bundle()).contains(plugins.resolve("welcome-1.0.jar").toRealPath());
            });
    }

    @Test
    void anAutowiredBundlePluginIsCreatedAndLoadedWithItsBundlesLoaderAsContextClassLoader() throws Exception {
        // the resource is in the bundle only: @Value("classpath:...") and new ClassPathResource(path) resolve it
        // through the context class loader, as the libraries a bundle carries look their services up
        Path classes = work.resolve("resources-classes");
        Path source = work.resolve("resources-src/acme/res/ResourcePlugin.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package acme.res;
                import org.springframework.core.io.Resource;
                public class ResourcePlugin implements dev.plux.core.Plugin {
                    private final String created;
                    public ResourcePlugin(@org.springframework.beans.factory.annotation.Value("classpath:acme/res/data.txt")
                            Resource injected, dev.plux.spring.boot.autoconfigure.fixtures.Greeter greeter) {
                        this.created = "injected " + injected.exists() + ", constructor " + seen();
                    }
                    @Override public Object load(Object... args) {
                        return this.created + ", load " + seen();
                    }
                    private String seen() {
                        boolean own = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        return (own ? "bundle " : "other ")
                                + new org.springframework.core.io.ClassPathResource("acme/res/data.txt").exists();
                    }
                }
                """);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        String classPath = String.join(java.io.File.pathSeparator, location(Plugin.class), location(Greeter.class),
                location(org.springframework.core.io.Resource.class),
                location(org.springframework.beans.factory.annotation.Value.class));
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-proc:none", "--release", "17", "-classpath", classPath), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile()))
            .call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();
        Files.createDirectories(classes.resolve("META-INF/plux"));
        Files.writeString(classes.resolve("META-INF/plux/entry_points.txt"),
                "[test.resources]\nresources = acme.res.ResourcePlugin\n");
        Files.writeString(classes.resolve("acme/res/data.txt"), "in the bundle");
        // a directory bundle: classes/ holds the plugin, its index and its resource
        Path directory = work.resolve("resource-plugins");
        Path bundleClasses = Files.createDirectories(directory.resolve("resources/classes"));
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = bundleClasses.resolve(classes.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.resources", "plux.plugin-directories=" + directory)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                PluginManager<?> manager = context.getBean(PluginManagers.class).get("test.resources");

                manager.load("resources");

                assertThat(manager.getContainer("resources").loadValue())
                    .isEqualTo("injected true, constructor bundle true, load bundle true");
                assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(caller);
            });
    }

    @Test
    void aStartupThreadHasItsOwnContextClassLoaderBackOnceItLoadedABundlesPlugin() throws Exception {
        // a plux-startup thread must not keep the bundle's loader as its context class loader after the plugin
        Path classes = work.resolve("startup-classes");
        Path source = work.resolve("startup-src/acme/startup/StartupPlugin.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package acme.startup;
                public class StartupPlugin implements dev.plux.core.Plugin {
                    public volatile Thread thread;
                    public volatile ClassLoader seen;
                    @Override public Object load(Object... args) {
                        this.thread = Thread.currentThread();
                        this.seen = this.thread.getContextClassLoader();
                        return null;
                    }
                }
                """);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-proc:none", "--release", "17", "-classpath",
                        location(Plugin.class)),
                null, compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile()))
            .call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();
        Files.createDirectories(classes.resolve("META-INF/plux"));
        Files.writeString(classes.resolve("META-INF/plux/entry_points.txt"),
                "[test.startup.context]\nstartup = acme.startup.StartupPlugin\n");
        Path directory = Files.createDirectories(work.resolve("startup-plugins"));
        try (OutputStream file = Files.newOutputStream(directory.resolve("startup-1.0.jar"));
                JarOutputStream jar = new JarOutputStream(file); Stream<Path> files = Files.walk(classes)) {
            for (Path entry : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(entry));
                jar.closeEntry();
            }
        }
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=test.startup.context",
                    "plux.namespaces[0].load-on-startup=true", "plux.plugin-directories=" + directory)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                Plugin plugin = context.getBean(PluginManagers.class).get("test.startup.context").load("startup");
                ClassLoader bundle = plugin.getClass().getClassLoader();
                Thread thread = (Thread) plugin.getClass().getField("thread").get(plugin);

                assertThat(thread.getName()).startsWith("plux-startup-");
                assertThat(plugin.getClass().getField("seen").get(plugin)).isSameAs(bundle);
                // alive in its pool or ended: what it keeps is its own context class loader, not the bundle's
                assertThat(thread.getContextClassLoader()).isNotSameAs(bundle);
            });
    }

    @Test
    void aBundleCarryingItsOwnCopyOfABeansTypeIsToldToRemoveTheCopyNotThatTheBeanIsMissing(CapturedOutput output)
            throws Exception {
        // the application has a bean of acme.shared.Clock; the bundle asks for its own copy of the class, which is
        // another class: Spring's "No qualifying bean" alone sends the operator after a bean that exists
        BeanTypeCopyBundle copy = BeanTypeCopyBundle.build(Files.createDirectories(work.resolve("copy")));
        try (URLClassLoader application = copy.application()) {
            new ApplicationContextRunner().withClassLoader(application)
                .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
                .withBean("clock", copy.clockType(), copy::clock)
                .withPropertyValues("plux.namespaces=test.clocks", "plux.plugin-directories=" + copy.pluginDirectory())
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    PluginManager<?> clocks = context.getBean(PluginManagers.class).get("test.clocks");

                    assertThatThrownBy(() -> clocks.load("clock")).isInstanceOf(PluginException.class)
                        .hasMessageContaining("plugin test.clocks:clock failed to initialize")
                        .hasMessageContaining("its bundle carries its own copy of acme.shared.Clock")
                        .hasMessageContaining("of class loader plux-bundle:clock-plugin-1.0.jar")
                        .hasMessageContaining("remove acme.shared.Clock (or the library holding it) from the"
                                + " plugin's bundle or jar")
                        .hasRootCauseInstanceOf(NoSuchBeanDefinitionException.class);
                    assertThat(output).contains("plugin test.clocks:clock failed to initialize",
                            "its bundle carries its own copy of acme.shared.Clock");
                });
        }
    }

    @Test
    void relativeDirectoriesAreResolvedAgainstTheWorkingDirectory() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        String relative = workingDirectory.relativize(plugins.toAbsolutePath()).toString();
        this.contextRunner.withPropertyValues("plux.namespaces=test.bundles", "plux.plugin-directories=" + relative)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PluginManagers.class).get("test.bundles").listNames())
                    .containsExactly("welcome");
                assertThat(context.getBean(PluxSettings.class).pluginDirectories())
                    .containsExactly(plugins.toAbsolutePath().normalize());
            });
    }

    @Test
    void aMissingDirectoryIsWarnedOnceNamingItsPropertyAndWhereItWasSet(CapturedOutput output) {
        // a directory of its own: plux-core warns of a missing directory once per JVM
        Path missing = work.resolve("missing-set-by-items");
        OriginTrackedMapPropertySource yaml = new OriginTrackedMapPropertySource("Config resource 'plugins.yml'",
                Map.of("plux.plugin-directories[0]", OriginTrackedValue.of(plugins.toString(), origin(2, 4)),
                        "plux.plugin-directories[1]", OriginTrackedValue.of(missing.toString(), origin(3, 4))));
        this.contextRunner.withPropertyValues("plux.namespaces=test.bundles,test.other")
            .withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(yaml))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                // every manager of the context reads the directories: one warning, naming what set the directory
                PluginManagers managers = context.getBean(PluginManagers.class);
                assertThat(managers.get("test.bundles").listNames()).containsExactly("welcome");
                assertThat(managers.get("test.other").listNames()).containsExactly("welcome");
            });

        String warning = "plugin directory " + missing + " (set by plux.plugin-directories[1]=" + missing
                + ", at class path resource [plugins.yml] - 4:5) does not exist";
        assertThat(output.getAll()).containsOnlyOnce(warning).containsOnlyOnce(missing + " (set by");
    }

    @Test
    void aMissingDirectoryOfACommaSeparatedListIsNamedAsItsItem(CapturedOutput output) {
        Path missing = work.resolve("missing-in-a-list");
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.bundles", "plux.plugin-directories=" + plugins + "," + missing)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PluginManagers.class).get("test.bundles").listNames())
                    .containsExactly("welcome");
            });

        // the list is what the source holds: its origin is the list's
        assertThat(output.getAll()).containsOnlyOnce("plugin directory " + missing + " (set by"
                + " plux.plugin-directories[1]=" + missing + ", at \"plux.plugin-directories\" from property source");
    }

    private static TextResourceOrigin origin(int line, int column) {
        return new TextResourceOrigin(new ClassPathResource("plugins.yml"), new TextResourceOrigin.Location(line,
                column));
    }

    @Test
    void withoutThePropertyNoBundleIsRead() {
        this.contextRunner.withPropertyValues("plux.namespaces=test.bundles").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PluginManagers.class).get("test.bundles").listNames()).isEmpty();
        });
    }

    @Test
    void aCustomizersFinderWithThePropertyFailsTheManagerNamingTheNamespaceThePropertyAndTheCustomizer() {
        // plux-core refuses a finder with plugin directories; its message named neither setting nor customizer
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.bundles", "plux.plugin-directories=" + plugins)
            .withBean("ownFinder", PluginManagerCustomizer.class,
                    () -> (namespace, builder) -> builder.finder(List::of))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThatThrownBy(() -> context.getBean(PluginManagers.class))
                    .hasStackTraceContaining("The PluginManager of plux namespace test.bundles (plux.namespaces[0])"
                            + " cannot be built: plugin manager test.bundles: pluginDirectory(...)")
                    .hasStackTraceContaining("the PluginManagerCustomizers applied to it: bean 'ownFinder' (")
                    .hasStackTraceContaining("Every namespace's manager reads plux.plugin-directories"
                            + " (plux.plugin-directories[0]=" + plugins);
            });
    }

    @Test
    void anInvalidPathFailsStartupNamingTheProperty() {
        this.contextRunner.withPropertyValues("plux.namespaces=test.bundles", "plux.plugin-directories=ok,bad\u0000dir")
            .run((context) -> {
                assertThat(context).hasFailed();
                // the comma-separated list is what a source holds, so Boot's analyzer can say where it was set
                assertThat(context.getStartupFailure()).isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasFieldOrPropertyWithValue("name", "plux.plugin-directories")
                    .hasMessageContaining("item plux.plugin-directories[1] of the comma-separated list, 'bad")
                    .hasMessageContaining("is not a valid path");
            });
        // set by items, the item is named
        this.contextRunner
            .withPropertyValues("plux.namespaces=test.bundles", "plux.plugin-directories[0]=ok",
                    "plux.plugin-directories[1]=bad\u0000dir")
            .run((context) -> assertThat(context.getStartupFailure())
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasFieldOrPropertyWithValue("name", "plux.plugin-directories[1]"));
    }

    @Test
    void inANativeImageThePropertyFailsStartupNamingItSinceNoClassCanBeLoadedFromAJarThere() {
        PluxSettings settings = PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces", "test.bundles")
            .withProperty("plux.plugin-directories", plugins.toString()), getClass().getClassLoader());
        // on the JVM (AOT-processed or not) plugin directories work
        settings.checkNativeImage(false);
        assertThatThrownBy(() -> settings.checkNativeImage(true))
            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
            .hasMessageContaining("Property plux.plugin-directories with value")
            .hasMessageContaining("a native image cannot load plugin classes from jars or directories at run time")
            .hasMessageContaining("put the plugins on the class path of the image");
        // without the property, nothing to check
        PluxSettings classPathOnly = PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces",
                "test.bundles"), getClass().getClassLoader());
        classPathOnly.checkNativeImage(true);
    }

    @Test
    void processingAnApplicationWithPluginDirectoriesWarnsThatANativeImageCannotUseThem(CapturedOutput output) {
        PluxSettings settings = PluxSettings.bind(new MockEnvironment().withProperty("plux.namespaces", "test.bundles")
            .withProperty("plux.plugin-directories", plugins.toString()), getClass().getClassLoader());
        new PluginRuntimeHints(getClass().getClassLoader(), PluginRuntimeHintsTests.lazyProxies()).register(new RuntimeHints(), settings);
        assertThat(output).contains("plux.plugin-directories is set (" + plugins.toAbsolutePath().normalize()
                + "): a JVM run of the processed application (-Dspring.aot.enabled=true) reads them as usual, but a"
                + " native image built from it fails at startup while the property is set, since a native image"
                + " cannot load plugin classes from jars or directories at run time");
    }

    private static String location(Class<?> type) throws URISyntaxException, IOException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
