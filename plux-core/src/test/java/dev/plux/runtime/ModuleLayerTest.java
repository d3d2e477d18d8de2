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
 * A plugin system built on module layers: an application on the module path that defines two plugin modules (not on
 * its module path) in a {@link ModuleLayer} of their own, with one loader per module and with one loader for all,
 * and reads their plugins with a {@link PluginManager}. One forked {@code java} run; each test reads its part.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ModuleLayerTest {

    private static final String HOST_MODULE_INFO = """
            module com.example.host {
                requires dev.plux.core;
            }
            """;

    private static final String HOST = """
            package com.example.host;

            import java.lang.module.Configuration;
            import java.lang.module.ModuleFinder;
            import java.nio.file.Path;
            import java.util.Set;
            import java.util.function.Supplier;

            import dev.plux.core.Plugin;
            import dev.plux.runtime.PluginManager;

            public class Host {
                public static void main(String[] args) {
                    ModuleFinder finder = ModuleFinder.of(Path.of(args[0]));
                    Configuration configuration = ModuleLayer.boot().configuration()
                        .resolve(finder, ModuleFinder.of(), Set.of("com.example.a", "com.example.b"));
                    ClassLoader parent = ClassLoader.getSystemClassLoader();
                    ModuleLayer many = ModuleLayer.boot().defineModulesWithManyLoaders(configuration, parent);
                    ModuleLayer one = ModuleLayer.boot().defineModulesWithOneLoader(configuration, parent);

                    print("many-loader", PluginManager.builder("greet").classLoader(many.findLoader("com.example.a"))
                        .build(), many);
                    print("many-layer", PluginManager.builder("greet").moduleLayer(many).build(), many);
                    print("one-loader", PluginManager.builder("greet").classLoader(one.findLoader("com.example.b"))
                        .build(), one);
                    print("one-layer", PluginManager.builder("greet").moduleLayer(one).build(), one);

                    // a plugin directory that also holds plux-core (copied with the plugins' dependencies)
                    Configuration withCopy = ModuleLayer.boot().configuration()
                        .resolve(ModuleFinder.of(Path.of(args[1])), ModuleFinder.of(), Set.of("com.example.a"));
                    ModuleLayer copy = ModuleLayer.boot().defineModulesWithOneLoader(withCopy, parent);
                    print("copy", PluginManager.builder("greet").moduleLayer(copy).build(), copy);
                }

                @SuppressWarnings("unchecked")
                private static void print(String how, PluginManager<Plugin> manager, ModuleLayer layer) {
                    System.out.println(how + " names: " + manager.listNames());
                    for (String name : manager.listNames()) {
                        try {
                            Plugin plugin = manager.load(name);
                            Module module = plugin.getClass().getModule();
                            System.out.println(how + " " + name + " -> " + ((Supplier<String>) plugin).get()
                                + " in " + module.getName() + ", own loader "
                                + (plugin.getClass().getClassLoader() == layer.findLoader(module.getName()))
                                + ", distribution " + manager.getContainer(name).distribution()
                                    .map((distribution) -> distribution.name()).orElse("none"));
                        }
                        catch (RuntimeException ex) {
                            System.out.println(how + " " + name + " failed: " + ex);
                        }
                    }
                }
            }
            """;

    private static ModularProject.Run run;

    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    static void runPluginSystem(@TempDir Path directory) throws IOException, InterruptedException {
        List<Path> modulePath = new ArrayList<>();
        modulePath.add(ModularProject.coreJar(directory.resolve("plux-core.jar")));
        modulePath.addAll(ModularProject.coreDependencies());
        Path plugins = directory.resolve("plugins");
        pluginModule(directory, modulePath, plugins, "a");
        pluginModule(directory, modulePath, plugins, "b");
        Path withCopy = directory.resolve("with-copy");
        java.nio.file.Files.createDirectories(withCopy);
        java.nio.file.Files.copy(plugins.resolve("a.jar"), withCopy.resolve("a.jar"));
        ModularProject.coreJar(withCopy.resolve("plux-core-copy.jar"));
        modulePath.add(ModularProject.compile(directory.resolve("host"), modulePath,
                Map.of("module-info.java", HOST_MODULE_INFO, "com/example/host/Host.java", HOST)));
        run = ModularProject.run(modulePath, List.of(plugins.toString(), withCopy.toString()), "com.example.host/com.example.host.Host",
                120);
    }

    /** A module com.example.x with plugin 'x' and a plugin 'dup' that both modules declare. */
    private static void pluginModule(Path directory, List<Path> modulePath, Path plugins, String x)
            throws IOException {
        String module = "com.example." + x;
        String plugin = """
                package %s;

                public class %s implements dev.plux.core.Plugin, java.util.function.Supplier<String> {
                    public String get() { return "%s"; }
                }
                """;
        String path = module.replace('.', '/');
        // a factory field too: a Class:member entry reads a PluginFactory through the module's loader
        String holder = """
                package %s;

                public final class Holder {
                    public static final dev.plux.core.PluginFactory MADE = Plugin%s::new;
                }
                """;
        Path classes = ModularProject.compile(directory.resolve(x), modulePath,
                Map.of("module-info.java", "module " + module + " { requires dev.plux.core; exports " + module
                        + " to dev.plux.core; }\n", path + "/Plugin" + x.toUpperCase() + ".java",
                        plugin.formatted(module, "Plugin" + x.toUpperCase(), "from " + x), path + "/Holder.java",
                        holder.formatted(module, x.toUpperCase())));
        TestFiles.indexDirectory(classes, "[greet]\n" + x + " = " + module + ".Plugin" + x.toUpperCase() + "\ndup = "
                + module + ".Plugin" + x.toUpperCase() + "\n" + x + "-made = " + module + ".Holder:MADE\n");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Implementation-Title", "plugins-" + x);
        ModularProject.jar(plugins.resolve(x + ".jar"), manifest, classes);
    }

    @Test
    void theHostStarts() {
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void aLayerOfOneLoaderPerModuleIsReadWholeInModuleNameOrder() {
        assertThat(lines("many-layer")).containsExactly("many-layer names: [a, dup, a-made, b, b-made]",
                "many-layer a -> from a in com.example.a, own loader true, distribution plugins-a",
                "many-layer dup -> from a in com.example.a, own loader true, distribution plugins-a",
                "many-layer a-made -> from a in com.example.a, own loader true, distribution plugins-a",
                "many-layer b -> from b in com.example.b, own loader true, distribution plugins-b",
                "many-layer b-made -> from b in com.example.b, own loader true, distribution plugins-b");
    }

    @Test
    void theLoaderOfOneModuleOfSuchALayerSeesOnlyThatModule() {
        // why moduleLayer(...) exists: no class loader of such a layer sees every module's index file
        assertThat(lines("many-loader")).first().isEqualTo("many-loader names: [a, dup, a-made]");
    }

    @Test
    void aLayerOfOneLoaderIsReadWholeEitherWay() {
        assertThat(lines("one-layer")).containsExactly("one-layer names: [a, dup, a-made, b, b-made]",
                "one-layer a -> from a in com.example.a, own loader true, distribution plugins-a",
                "one-layer dup -> from a in com.example.a, own loader true, distribution plugins-a",
                "one-layer a-made -> from a in com.example.a, own loader true, distribution plugins-a",
                "one-layer b -> from b in com.example.b, own loader true, distribution plugins-b",
                "one-layer b-made -> from b in com.example.b, own loader true, distribution plugins-b");
        // the JDK's loader lists its modules' resources in hash order: which module's 'dup' wins is not said here
        assertThat(lines("one-loader")).first().asString().startsWith("one-loader names: [")
            .contains("a", "b", "dup", "a-made", "b-made");
    }

    @Test
    void aPluginOfALayerWithItsOwnCopyOfPluxCoreFailsNamingTheCopy() {
        // the plugin module reads the layer's dev.plux.core, so its class implements another Plugin: plux said only
        // that it 'does not implement dev.plux.core.Plugin', which its source plainly does
        assertThat(lines("copy")).first().isEqualTo("copy names: [a, dup, a-made]");
        assertThat(lines("copy")).element(1).asString()
            .startsWith("copy a failed: dev.plux.core.PluginException: plugin greet:a failed to resolve:")
            .contains("the class loader of com.example.a.PluginA (", ") has its own copy of plux-core (module"
                    + " dev.plux.core of ", "plux-core-copy.jar), not the one of this manager (",
                    "so the dev.plux.core types the plugin uses (Plugin, PluginFactory, ...) are other classes; remove"
                            + " plux-core from the modules or jars that class loader loads (the plugin directory or"
                            + " layer): the application provides it")
            .doesNotContain("does not implement");
        // a factory member's type is the copy's PluginFactory: not 'has no public static field MADE of type ...'
        assertThat(lines("copy")).filteredOn((line) -> line.startsWith("copy a-made ")).singleElement().asString()
            .startsWith("copy a-made failed: dev.plux.core.PluginException: plugin greet:a-made failed to resolve:")
            .contains("the class loader of com.example.a.Holder (", "has its own copy of plux-core")
            .doesNotContain("has no public static field");
    }

    private static List<String> lines(String how) {
        return run.output().lines().filter((line) -> line.startsWith(how + " ")).toList();
    }
}
