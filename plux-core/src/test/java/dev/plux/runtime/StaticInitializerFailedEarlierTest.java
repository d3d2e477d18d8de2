package dev.plux.runtime;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;

import dev.plux.QuietLogs;
import dev.plux.TestFiles;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A class whose static initializer failed once fails every later use with a bare {@code NoClassDefFoundError: Could
 * not initialize class ...}: a second manager over the same class loader (a parent and a child context, the next
 * test's context) must still say why, which the JVM keeps only in that error's cause.
 */
@Timeout(60)
class StaticInitializerFailedEarlierTest {

    private static final Map<String, String> SOURCES = Map.of(
            "acme.Broken", "package acme; public class Broken implements dev.plux.core.Plugin {"
                    + " static { if (true) { throw new IllegalStateException(\"no config\"); } } }",
            "acme.Holder", "package acme; public class Holder {"
                    + " static { if (true) { throw new IllegalStateException(\"no holder config\"); } }"
                    + " public static dev.plux.core.Plugin make() { return new dev.plux.core.Plugin() { }; } }");

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class);

    @TempDir
    Path work;

    @Test
    void aSecondManagerNamesWhatTheStaticInitializerThrewAtTheFirst() throws Exception {
        Path classes = TestBundles.compile(this.work.resolve("classes"), SOURCES);
        TestBundles.index(classes, "[static.ns]\nbroken = acme.Broken\nheld = acme.Holder:make\n");
        try (URLClassLoader loader = TestFiles.classLoader(classes)) {
            PluginManager<Plugin> first = PluginManager.builder("static.ns").classLoader(loader).build();
            assertThatThrownBy(() -> first.load("broken")).isInstanceOf(PluginException.class)
                .hasMessageContaining("java.lang.IllegalStateException: no config");
            assertThatThrownBy(() -> first.load("held")).isInstanceOf(PluginException.class)
                .hasMessageContaining("java.lang.IllegalStateException: no holder config");

            PluginManager<Plugin> second = PluginManager.builder("static.ns").classLoader(loader).build();
            assertThatThrownBy(() -> second.load("broken")).isInstanceOf(PluginException.class)
                .hasMessageContaining("Could not initialize class acme.Broken")
                .hasMessageContaining("java.lang.IllegalStateException: no config");
            assertThatThrownBy(() -> second.load("held")).isInstanceOf(PluginException.class)
                .hasMessageContaining("Could not initialize class acme.Holder")
                .hasMessageContaining("java.lang.IllegalStateException: no holder config");
        }
    }
}
