package dev.plux.runtime;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import dev.plux.ModularProject;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loader a manager reads a module layer through, in-process: a layer of one module (no plux types needed, so the
 * tests' own class path serves as its parent) with one loader per module.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModuleLayerClassLoaderTest {

    @TempDir
    Path temp;

    private ModuleLayer layer;

    @BeforeEach
    void defineLayer() throws IOException {
        Path classes = ModularProject.compile(this.temp.resolve("classes"), List.of(), Map.of("module-info.java",
                "module com.example.res { }\n", "com/example/res/Res.java",
                "package com.example.res;\npublic class Res { }\n"));
        TestFiles.indexDirectory(classes, "[layer.ns]\nres = com.example.res.Res\n");
        Files.writeString(classes.resolve("com/example/res/data.txt"), "encapsulated");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Path modules = this.temp.resolve("modules");
        ModularProject.jar(modules.resolve("res.jar"), manifest, classes);
        Configuration configuration = ModuleLayer.boot().configuration()
            .resolve(ModuleFinder.of(modules), ModuleFinder.of(), Set.of("com.example.res"));
        this.layer = ModuleLayer.boot().defineModulesWithManyLoaders(configuration, getClass().getClassLoader());
    }

    @Test
    void theLayersIndexFilesComeAfterTheParents() throws IOException {
        Path parentIndex = TestFiles.indexDirectory(this.temp.resolve("parent"), "[layer.ns]\nother = x.Y\n");
        try (URLClassLoader parent = TestFiles.classLoader(parentIndex)) {
            ModuleLayerClassLoader loader = ModuleLayerClassLoader.of(this.layer, parent);

            List<URL> files = Collections.list(loader.getResources(IndexFile.LOCATION));

            assertThat(files).hasSize(2);
            assertThat(files.get(0)).isEqualTo(TestFiles.url(parentIndex.resolve(IndexFile.LOCATION)));
            assertThat(files.get(1).toString()).startsWith("jar:file:").endsWith("res.jar!/" + IndexFile.LOCATION);
        }
    }

    @Test
    void aClassOfALayerModuleIsTheOneItsOwnLoaderDefines() throws ClassNotFoundException {
        ModuleLayerClassLoader loader = ModuleLayerClassLoader.of(this.layer, getClass().getClassLoader());

        Class<?> type = Class.forName("com.example.res.Res", false, loader);

        assertThat(type.getClassLoader()).isSameAs(this.layer.findLoader("com.example.res"));
        assertThat(Class.forName(Plugin.class.getName(), false, loader)).isSameAs(Plugin.class);
    }

    @Test
    void aResourceInAModulesPackageStaysEncapsulatedButItsClassFilesDoNot() {
        ModuleLayerClassLoader loader = ModuleLayerClassLoader.of(this.layer, getClass().getClassLoader());

        assertThat(loader.getResource("com/example/res/data.txt")).isNull();
        assertThat(loader.getResource("com/example/res/Res.class")).isNotNull();
    }

    @Test
    void managersOfOneLayerShareItsLoader() {
        ClassLoader parent = getClass().getClassLoader();

        assertThat(ModuleLayerClassLoader.of(this.layer, parent)).isSameAs(ModuleLayerClassLoader.of(this.layer,
                parent));
    }

    @Test
    void aManagerReadsTheLayersIndex() {
        PluginManager<Plugin> manager = PluginManager.builder("layer.ns").moduleLayer(this.layer).build();

        assertThat(manager.listNames()).containsExactly("res");
        // Res is no plugin: resolved through the layer's loader, it fails as such
        assertThatThrownBy(() -> manager.load("res")).hasRootCauseMessage(
                "cannot resolve plugin layer.ns:res = com.example.res.Res: class com.example.res.Res does not"
                        + " implement dev.plux.core.Plugin");
    }

    @Test
    void aModuleThatCannotBeOpenedHidesNoOtherModulesIndex() throws IOException {
        // one module's jar gone or unreadable must not make every plugin of the layer invisible
        ModuleReference broken = new ModuleReference(ModuleDescriptor.newModule("com.example.broken").build(),
                URI.create("file:///gone/broken.jar")) {
            @Override
            public ModuleReader open() throws IOException {
                throw new IOException("broken.jar is gone");
            }
        };
        ModuleFinder brokenFinder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return name.equals("com.example.broken") ? Optional.of(broken) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(broken);
            }
        };
        Configuration configuration = ModuleLayer.boot().configuration()
            .resolve(ModuleFinder.compose(brokenFinder, ModuleFinder.of(this.temp.resolve("modules"))),
                    ModuleFinder.of(), Set.of("com.example.broken", "com.example.res"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithManyLoaders(configuration,
                getClass().getClassLoader());
        ModuleLayerClassLoader loader = ModuleLayerClassLoader.of(layer, getClass().getClassLoader());

        List<URL> files = Collections.list(loader.getResources(IndexFile.LOCATION));

        assertThat(files).singleElement().asString().endsWith("res.jar!/" + IndexFile.LOCATION);
    }

    @Test
    void theLayerAndItsLoaderAreCollectedOnceNoManagerUsesThem() throws Exception {
        // the static cache of loaders per layer, and the index cache per loader, must pin neither: a plugin system
        // that drops a layer (a plugin directory reloaded) must not leak its modules and loaders
        WeakReference<?>[] refs = useLayerOnce();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((refs[0].get() != null || refs[1].get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(refs[0].get()).as("the layer").isNull();
        assertThat(refs[1].get()).as("the layer's class loader").isNull();
    }

    /** A manager reads a layer of its own and loads its class; only weak references to them stay. */
    private WeakReference<?>[] useLayerOnce() throws Exception {
        Configuration configuration = ModuleLayer.boot().configuration()
            .resolve(ModuleFinder.of(this.temp.resolve("modules")), ModuleFinder.of(), Set.of("com.example.res"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithManyLoaders(configuration,
                getClass().getClassLoader());
        PluginManager<Plugin> manager = PluginManager.builder("layer.ns").moduleLayer(layer).build();
        assertThat(manager.listNames()).containsExactly("res");
        assertThatThrownBy(() -> manager.load("res")).isInstanceOf(PluginException.class);
        ModuleLayerClassLoader loader = ModuleLayerClassLoader.of(layer, getClass().getClassLoader());
        return new WeakReference<?>[] { new WeakReference<>(layer), new WeakReference<>(loader) };
    }

    @Test
    void aModuleLayerCannotBeCombinedWithACustomFinder() {
        PluginManager.Builder<Plugin> builder = PluginManager.<Plugin>builder("layer.ns")
            .finder(List::of)
            .moduleLayer(this.layer);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("moduleLayer")
            .hasMessageContaining("finder");
    }
}
