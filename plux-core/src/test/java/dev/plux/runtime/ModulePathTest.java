package dev.plux.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import dev.plux.ModularProject;
import dev.plux.TestFiles;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A modular application (JPMS, everything on the module path) that {@code requires dev.plux.core} and uses the
 * plugins of another module: discovery, every way to declare a plugin, and what a user is told when a plugin's
 * package is not exported to plux-core. One forked {@code java} run; each test reads its part of the output.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ModulePathTest {

    private static final String PLUGINS_MODULE_INFO = """
            module com.example.plugins {
                requires dev.plux.core;
                exports com.example.plugins.api;
                opens com.example.plugins.reflective to dev.plux.core;
                exports com.example.plugins.shared to com.example.app;
            }
            """;

    private static final String GREETER = """
            package com.example.plugins.api;

            @dev.plux.core.PluginNamespace("greet")
            public interface Greeter extends dev.plux.core.Plugin {
                String greet();
            }
            """;

    private static final String HELLO = """
            package com.example.plugins.api;

            public class Hello implements Greeter {
                public String greet() { return "hello"; }
            }
            """;

    private static final String FACTORIES = """
            package com.example.plugins.api;

            import dev.plux.core.PluginFactory;
            import dev.plux.core.PluginFunction;

            public final class Factories {
                public static final PluginFactory FIELD = () -> (Greeter) () -> "from a field";

                public static Greeter made() { return () -> "from a method"; }

                @PluginFunction(namespace = "fn")
                public static String shout(String text) { return text.toUpperCase(); }

                public static class Nested implements Greeter {
                    public String greet() { return "nested"; }
                }
            }
            """;

    private static final String REFLECTIVE = """
            package com.example.plugins.reflective;

            public class Opened implements com.example.plugins.api.Greeter {
                public String greet() { return "opened"; }
            }
            """;

    private static final String SHARED = """
            package com.example.plugins.shared;

            public class Shared implements com.example.plugins.api.Greeter {
                public String greet() { return "shared"; }
            }
            """;

    private static final String SECRET = """
            package com.example.plugins.internal;

            public class Secret implements com.example.plugins.api.Greeter {
                public String greet() { return "secret"; }
            }
            """;

    private static final String SECRETS = """
            package com.example.plugins.internal;

            import dev.plux.core.PluginFactory;
            import dev.plux.core.PluginFunction;

            public final class Secrets {
                public static final PluginFactory FIELD = Secret::new;

                public static com.example.plugins.api.Greeter made() { return new Secret(); }

                @PluginFunction(namespace = "fn")
                public static String whisper(String text) { return text.toLowerCase(); }
            }
            """;

    private static final String INDEX = """
            [greet]
            hello = com.example.plugins.api.Hello
            nested = com.example.plugins.api.Factories$Nested
            made = com.example.plugins.api.Factories:made
            field = com.example.plugins.api.Factories:FIELD
            opened = com.example.plugins.reflective.Opened
            shared = com.example.plugins.shared.Shared
            secret = com.example.plugins.internal.Secret
            secretMade = com.example.plugins.internal.Secrets:made
            secretField = com.example.plugins.internal.Secrets:FIELD

            [fn]
            shout = com.example.plugins.api.Factories:shout
            whisper = com.example.plugins.internal.Secrets:whisper
            """;

    // a plugin module on the module path that no module requires: the JVM does not resolve it, so its index is not
    // visible, as a user who forgets --add-modules (or a 'requires') finds
    private static final String UNREQUIRED_MODULE_INFO = """
            module com.example.unrequired {
                requires dev.plux.core;
                exports com.example.unrequired to dev.plux.core;
            }
            """;

    private static final String UNREQUIRED_PLUGIN = """
            package com.example.unrequired;

            public class Lonely implements dev.plux.core.Plugin {
            }
            """;

    // needs plux-core and the plugins' API, nothing else: slf4j must come with dev.plux.core
    private static final String APP_MODULE_INFO = """
            module com.example.app {
                requires dev.plux.core;
                requires com.example.plugins;
            }
            """;

    private static final String MAIN = """
            package com.example.app;

            import java.lang.reflect.Method;

            import com.example.plugins.api.Greeter;
            import dev.plux.core.FunctionPlugin;
            import dev.plux.runtime.PluginManager;

            public class Main {
                public static void main(String[] args) {
                    PluginManager<Greeter> greeters = PluginManager.<Greeter>builder("greet")
                        .pluginType(Greeter.class).build();
                    for (String name : greeters.listNames()) {
                        try {
                            System.out.println(name + " -> " + greeters.load(name).greet());
                        }
                        catch (RuntimeException ex) {
                            System.out.println(name + " failed: " + ex);
                        }
                    }
                    PluginManager<FunctionPlugin> functions = PluginManager.<FunctionPlugin>builder("fn").build();
                    for (String name : functions.listNames()) {
                        try {
                            System.out.println(name + " -> " + functions.load(name).invoke("Plux"));
                        }
                        catch (Exception ex) {
                            System.out.println(name + " failed: " + ex);
                        }
                    }
                    System.out.println("unrequired names: "
                        + PluginManager.builder("unrequired").build().listNames());
                    System.out.println("nowhere names: " + PluginManager.builder("nowhere")
                        .classLoader(ClassLoader.getPlatformClassLoader()).build().listNames());
                    ModuleLayer empty = ModuleLayer.boot().defineModulesWithOneLoader(ModuleLayer.boot()
                        .configuration().resolve(java.lang.module.ModuleFinder.of(),
                            java.lang.module.ModuleFinder.of(), java.util.Set.of()),
                        ClassLoader.getPlatformClassLoader());
                    System.out.println("inlayer names: " + PluginManager.builder("inlayer")
                        .classLoader(ClassLoader.getPlatformClassLoader()).moduleLayer(empty).build().listNames());
                    try {
                        Method whisper = Class.forName("com.example.plugins.internal.Secrets")
                            .getMethod("whisper", String.class);
                        System.out.println("direct -> " + new FunctionPlugin("fn", "direct", whisper).invoke("Plux"));
                    }
                    catch (Exception ex) {
                        System.out.println("direct failed: " + ex);
                    }
                }
            }
            """;

    private static ModularProject.Run run;

    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    static void runModularApplication(@TempDir Path directory) throws IOException, InterruptedException {
        List<Path> modulePath = new ArrayList<>();
        modulePath.add(ModularProject.coreJar(directory.resolve("plux-core.jar")));
        modulePath.addAll(ModularProject.coreDependencies());
        Path pluginClasses = ModularProject.compile(directory.resolve("plugins"), modulePath,
                Map.of("module-info.java", PLUGINS_MODULE_INFO, "com/example/plugins/api/Greeter.java", GREETER,
                        "com/example/plugins/api/Hello.java", HELLO, "com/example/plugins/api/Factories.java",
                        FACTORIES, "com/example/plugins/reflective/Opened.java", REFLECTIVE,
                        "com/example/plugins/internal/Secret.java", SECRET,
                        "com/example/plugins/shared/Shared.java", SHARED,
                        "com/example/plugins/internal/Secrets.java", SECRETS));
        TestFiles.indexDirectory(pluginClasses, INDEX);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        modulePath.add(ModularProject.jar(directory.resolve("plugins.jar"), manifest, pluginClasses));
        Path unrequiredClasses = ModularProject.compile(directory.resolve("unrequired"), modulePath,
                Map.of("module-info.java", UNREQUIRED_MODULE_INFO, "com/example/unrequired/Lonely.java",
                        UNREQUIRED_PLUGIN));
        TestFiles.indexDirectory(unrequiredClasses, "[unrequired]\nlonely = com.example.unrequired.Lonely\n");
        Path unrequired = ModularProject.jar(directory.resolve("unrequired.jar"), manifest, unrequiredClasses);
        modulePath.add(ModularProject.compile(directory.resolve("app"), modulePath,
                Map.of("module-info.java", APP_MODULE_INFO, "com/example/app/Main.java", MAIN)));
        modulePath.add(unrequired);
        // a logging provider, so that plux's warnings are in the output
        modulePath.addAll(ModularProject.loggingProvider());
        run = ModularProject.run(modulePath, "com.example.app/com.example.app.Main", 120);
    }

    @Test
    void anApplicationThatRequiresOnlyDevPluxCoreStarts() {
        assertThat(run.output()).doesNotContain("NoClassDefFoundError");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void theIndexOfANamedModuleIsFoundAndItsPluginsLoad() {
        assertThat(run.output()).contains("hello -> hello", "nested -> nested", "made -> from a method",
                "field -> from a field", "shout -> PLUX");
    }

    @Test
    void aPackageOpenedToPluxCoreIsEnoughForAClassPlugin() {
        assertThat(run.output()).contains("opened -> opened");
    }

    @Test
    void aClassPluginInAPackageNotExportedToPluxCoreFailsSayingWhatToAdd() {
        assertThat(line("secret")).startsWith("secret failed: dev.plux.core.PluginException: plugin greet:secret")
            .contains("com.example.plugins.internal.Secret", "module com.example.plugins",
                    "exports com.example.plugins.internal to dev.plux.core;")
            .doesNotContain("IllegalAccessException");
    }

    @Test
    void aClassPluginInAPackageExportedToOtherModulesOnlyFailsSayingWhichDirectiveToExtend() {
        // a second 'exports ... to dev.plux.core;' beside the qualified one does not compile: extend the one there is
        assertThat(line("shared")).startsWith("shared failed: dev.plux.core.PluginException: plugin greet:shared")
            .contains("class com.example.plugins.shared.Shared is in package com.example.plugins.shared of module"
                    + " com.example.plugins, which exports it only to com.example.app, not to module dev.plux.core,"
                    + " so plux cannot create or call it; add dev.plux.core to that directive: 'exports"
                    + " com.example.plugins.shared to com.example.app, dev.plux.core;' in the module-info.java of"
                    + " com.example.plugins (a second 'exports' of the package does not compile)");
    }

    @Test
    void factoryMembersInAPackageNotExportedToPluxCoreFailSayingWhatToAdd() {
        assertThat(line("secretMade")).startsWith("secretMade failed: dev.plux.core.PluginException")
            .contains("greet:secretMade", "module com.example.plugins",
                    "exports com.example.plugins.internal to dev.plux.core;")
            .doesNotContain("IllegalAccessException");
        assertThat(line("secretField")).startsWith("secretField failed: dev.plux.core.PluginException")
            .contains("greet:secretField", "module com.example.plugins",
                    "exports com.example.plugins.internal to dev.plux.core;")
            .doesNotContain("IllegalAccessException");
    }

    @Test
    void aFunctionPluginInAPackageNotExportedToPluxCoreFailsSayingWhatToAdd() {
        assertThat(line("whisper")).startsWith("whisper failed: dev.plux.core.PluginException")
            .contains("fn:whisper", "module com.example.plugins",
                    "exports com.example.plugins.internal to dev.plux.core;")
            .doesNotContain("IllegalAccessException");
    }

    @Test
    void aFunctionPluginMadeInCodeForAPackageNotExportedToPluxCoreFailsSayingWhatToAdd() {
        assertThat(line("direct")).startsWith("direct failed: dev.plux.core.PluginException: function plugin fn:direct")
            .contains("module com.example.plugins", "exports com.example.plugins.internal to dev.plux.core;");
    }

    @Test
    void aPluginModuleThatIsNotResolvedIsNamedWithTheOptionThatAddsIt() {
        assertThat(line("unrequired")).isEqualTo("unrequired names: []");
        assertThat(run.output()).contains("plux namespace 'unrequired': no index file declares it",
                "Likely cause: module com.example.unrequired on the module path declares it ("
                        + "jar:file:", "unrequired.jar!/META-INF/plux/entry_points.txt), but no module requires it, "
                        + "so the JVM did not resolve it; start the application with --add-modules "
                        + "com.example.unrequired, or add 'requires com.example.unrequired;' to the module-info.java "
                        + "of the application");
        assertThat(run.output().lines().filter((line) -> line.contains("'unrequired'")))
            .noneMatch((line) -> line.contains("did not run the annotation processor"));
    }

    @Test
    void onTheModulePathTheWarningAboutAMissingIndexSaysWhereItLookedAndNamesModuleLayers() {
        // a plugin system whose plugin modules are in a ModuleLayer of its own: the manager must be told of it, and
        // 'on the class path' alone sent a modular user after the annotation processor only
        assertThat(line("nowhere")).isEqualTo("nowhere names: []");
        assertThat(run.output()).contains("plux namespace 'nowhere': no index file declares it (0 index files read:"
                + " there is no META-INF/plux/entry_points.txt in the resolved modules or on the class path).",
                "If the plugin modules are in a module layer of their own, pass it:"
                        + " PluginManager.builder(namespace).moduleLayer(layer).");
    }

    @Test
    void aManagerGivenAModuleLayerIsNotToldToPassOne() {
        // the layer was passed and has no index either: "pass it" would send the user round in a circle
        assertThat(line("inlayer")).isEqualTo("inlayer names: []");
        assertThat(run.output().lines().filter((line) -> line.contains("plux namespace 'inlayer'")))
            .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .contains("there is no META-INF/plux/entry_points.txt in the resolved modules or on the class path")
            .contains("The module layer given to moduleLayer(...) has none either (its modules: none).")
            .doesNotContain("pass it");
    }

    private static String line(String plugin) {
        return run.output()
            .lines()
            .filter((line) -> line.startsWith(plugin + " "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line for " + plugin + " in:\n" + run.output()));
    }
}
