package dev.plux.runtime;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import dev.plux.ModularProject;
import dev.plux.TestFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnresolvedModulesTest {

    @TempDir
    Path temp;

    @Test
    void namesTheModulesOutsideTheLayerWhoseIndexDeclaresTheNamespace() throws IOException {
        Path modules = this.temp.resolve("modules");
        module(modules, "com.example.b", "[greet]\nb = com.example.b.B\n");
        module(modules, "com.example.a", "[greet]\na = com.example.a.A\n");
        module(modules, "com.example.other", "[other]\nx = com.example.other.X\n");
        module(modules, "com.example.header", "[greet]\n");

        List<UnresolvedModules.Declaring> declaring = UnresolvedModules.declaring("greet", ModuleFinder.of(modules),
                UnresolvedModules.MODULE_PATH, ModuleLayer.boot());

        assertThat(declaring).extracting(UnresolvedModules.Declaring::name)
            .containsExactly("com.example.a", "com.example.b");
        assertThat(declaring.get(0).indexFile().toString()).startsWith("jar:file:")
            .endsWith("com.example.a.jar!/META-INF/plux/entry_points.txt");
    }

    @Test
    void aModuleThePathLacksIsNoEvidence() {
        // on the class path (as these tests run), there is no module path to look at
        assertThat(UnresolvedModules.declaring("greet", ModuleFinder.of(this.temp.resolve("none")),
                UnresolvedModules.MODULE_PATH, ModuleLayer.boot())).isEmpty();
        // the JDK's own modules declare no plux namespace
        assertThat(UnresolvedModules.declaring("greet", ModuleFinder.ofSystem(), UnresolvedModules.RUN_TIME_IMAGE,
                ModuleLayer.boot())).isEmpty();
    }

    @Test
    void theWarningNamesTheModulesAndHowToAddThem() throws IOException {
        Path modules = this.temp.resolve("modules");
        module(modules, "com.example.a", "[greet]\na = com.example.a.A\n");
        module(modules, "com.example.b", "[greet]\nb = com.example.b.B\n");
        List<UnresolvedModules.Declaring> declaring = UnresolvedModules.declaring("greet", ModuleFinder.of(modules),
                UnresolvedModules.MODULE_PATH, ModuleLayer.boot());

        assertThat(EmptyNamespaceWarning.unresolvedMessage("greet", 1, 0, declaring))
            .startsWith("plux namespace 'greet': no index file declares it (1 index file read). Likely cause: module"
                    + " com.example.a on the module path declares it (jar:file:")
            .contains("com.example.a.jar!/META-INF/plux/entry_points.txt), module com.example.b on the module path"
                    + " declares it (")
            .endsWith("com.example.b.jar!/META-INF/plux/entry_points.txt), but no module requires them, so the JVM"
                    + " did not resolve them; start the application with --add-modules com.example.a,com.example.b,"
                    + " or add 'requires com.example.a; requires com.example.b;' to the module-info.java of the"
                    + " application");
    }

    @Test
    void aModuleLinkedIntoTheRunTimeImageIsNamedAsSuch() throws IOException {
        // a jlink image resolves only the main module and what it requires, like the module path; its plugin modules
        // are system modules there, not on any module path
        Path modules = this.temp.resolve("modules");
        module(modules, "com.example.a", "[greet]\na = com.example.a.A\n");
        List<UnresolvedModules.Declaring> declaring = UnresolvedModules.declaring("greet", ModuleFinder.of(modules),
                UnresolvedModules.RUN_TIME_IMAGE, ModuleLayer.boot());

        assertThat(EmptyNamespaceWarning.unresolvedMessage("greet", 0, 0, declaring))
            .contains("Likely cause: module com.example.a of the run-time image declares it (", "but no module"
                    + " requires it, so the JVM did not resolve it; start the application with --add-modules"
                    + " com.example.a, or add 'requires com.example.a;' to the module-info.java of the application");
    }

    private void module(Path modules, String name, String index) throws IOException {
        Path classes = ModularProject.compile(this.temp.resolve("classes").resolve(name), List.of(),
                Map.of("module-info.java", "module " + name + " {}\n"));
        TestFiles.indexDirectory(classes, index);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ModularProject.jar(modules.resolve(name + ".jar"), manifest, classes);
    }
}
