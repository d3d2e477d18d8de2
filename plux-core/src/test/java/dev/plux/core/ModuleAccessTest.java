package dev.plux.core;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.plux.ModularProject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advice for a plugin package plux-core cannot reach, in-process: here plux-core is on the class path (the
 * tests' unnamed module), and the plugin's module is defined in a layer of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModuleAccessTest {

    @TempDir
    Path temp;

    @Test
    void aPackageExportedToOtherModulesOnlyIsToBeExportedToEveryoneWhenPluxCoreIsOnTheClassPath() throws Exception {
        // 'exports p;' beside 'exports p to java.logging;' does not compile ("duplicate or conflicting exports"), and
        // a qualified export cannot name the class path: the directive there is to be made unqualified
        Class<?> type = loadFrom("module com.example.q { exports com.example.q to java.logging; }\n");

        assertThat(ModuleAccess.denial(type)).isEqualTo("class com.example.q.Q is in package com.example.q of module"
                + " com.example.q, which exports it only to java.logging, not to plux-core (on the class path), so plux"
                + " cannot create or call it; make that directive unqualified: 'exports com.example.q;' in the"
                + " module-info.java of com.example.q (a qualified export cannot name the class path, and a second"
                + " 'exports' of the package does not compile)");
    }

    @Test
    void aPackageNeitherExportedNorOpenedIsToBeExported() throws Exception {
        Class<?> type = loadFrom("module com.example.q { }\n");

        assertThat(ModuleAccess.denial(type)).isEqualTo("class com.example.q.Q is in package com.example.q of module"
                + " com.example.q, which neither exports nor opens it to plux-core (on the class path), so plux"
                + " cannot create or call it; add 'exports com.example.q;' (or 'opens com.example.q;') to the"
                + " module-info.java of com.example.q");
    }

    @Test
    void anExportedPackageIsReachable() throws Exception {
        assertThat(ModuleAccess.denial(loadFrom("module com.example.q { exports com.example.q; }\n"))).isNull();
    }

    private Class<?> loadFrom(String moduleInfo) throws IOException, ClassNotFoundException {
        Path classes = ModularProject.compile(this.temp.resolve("classes"), List.of(), Map.of("module-info.java",
                moduleInfo, "com/example/q/Q.java", "package com.example.q;\npublic class Q { }\n"));
        Configuration configuration = ModuleLayer.boot().configuration()
            .resolve(ModuleFinder.of(classes), ModuleFinder.of(), Set.of("com.example.q"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
                getClass().getClassLoader());
        return Class.forName("com.example.q.Q", false, layer.findLoader("com.example.q"));
    }
}
