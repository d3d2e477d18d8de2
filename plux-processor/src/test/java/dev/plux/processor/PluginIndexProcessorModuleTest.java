package dev.plux.processor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.Diagnostic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plugin module ({@code module-info.java} among the sources, plux-core on the module path) compiled with the
 * processor on the processor path or the processor module path, as a modular Maven or Gradle build does.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PluginIndexProcessorModuleTest {

    private static final String MODULE_INFO = """
            module com.example.plugins {
                requires dev.plux.core;
                exports com.example.plugins;
            }
            """;

    /** A plugin in a package that the tests' module-info opens, to plux-core or to other modules only. */
    private static final String OPENED = """
            package com.example.plugins.reflective;

            import dev.plux.core.PluginName;

            @PluginName(value = "opened", namespace = "greet")
            public class Opened implements com.example.plugins.Greeter {
            }
            """;

    private static final String GREETER = """
            package com.example.plugins;

            import dev.plux.core.Plugin;
            import dev.plux.core.PluginNamespace;

            @PluginNamespace("greet")
            public interface Greeter extends Plugin {
            }
            """;

    private static final String OUTER = """
            package com.example.plugins;

            import dev.plux.core.PluginFunction;
            import dev.plux.core.PluginName;

            public final class Outer {
                @PluginName("inner")
                public static class Inner implements Greeter {
                }

                @PluginFunction(namespace = "fn")
                public static void work() {
                }
            }
            """;

    private static final String HELLO = """
            package com.example.plugins;

            import dev.plux.core.PluginName;

            @PluginName("hello")
            public class Hello implements Greeter {
            }
            """;

    private static final String EXPECTED_ENTRIES = """
            [fn]
            work = com.example.plugins.Outer:work

            [greet]
            hello = com.example.plugins.Hello
            inner = com.example.plugins.Outer$Inner
            """;

    @TempDir
    Path directory;

    @Test
    void aModuleIsIndexedWithBinaryNamesWithTheProcessorOnTheProcessorPath() throws IOException {
        TestCompiler.Result result = TestCompiler.compileModule(this.directory.resolve("classes"),
                List.of("--processor-path", TestCompiler.processorLocation().toString()), MODULE_INFO, GREETER,
                OUTER, HELLO);
        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).as(result.toString()).isEmpty();
        assertThat(result.index()).endsWith(EXPECTED_ENTRIES);
    }

    @Test
    void aModuleIsIndexedWithTheProcessorOnTheProcessorModulePath() throws IOException {
        Path processorJar = processorJar(this.directory.resolve("plux-processor.jar"));
        // -proc:full: through the javax.tools API (as build tools call javac), JDK 23+ (seen on 25) does not count
        // --processor-module-path alone as asking for annotation processing and silently runs no processor
        TestCompiler.Result result = TestCompiler.compileModule(this.directory.resolve("classes"),
                List.of("--processor-module-path", processorJar.toString(), "-proc:full"), MODULE_INFO, GREETER, OUTER,
                HELLO);
        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).endsWith(EXPECTED_ENTRIES);
    }

    @Test
    void anIncrementalCompilationOfAModuleKeepsTheEntriesOfClassesNotRecompiled() throws IOException {
        Path classes = this.directory.resolve("classes");
        List<String> processorPath = List.of("--processor-path", TestCompiler.processorLocation().toString());
        TestCompiler.Result first = TestCompiler.compileModule(classes, processorPath, MODULE_INFO, GREETER, OUTER,
                HELLO);
        assertThat(first.success()).as(first.toString()).isTrue();
        // an IDE recompiles only what changed; the module's other classes are found in the class output
        TestCompiler.Result second = TestCompiler.compileModule(classes, processorPath, MODULE_INFO, HELLO);
        assertThat(second.success()).as(second.toString()).isTrue();
        assertThat(second.index()).endsWith(EXPECTED_ENTRIES);
    }

    @Test
    void aPluginInAPackageNotExportedToPluxCoreIsAWarningSayingWhatToAdd() throws IOException {
        String secret = """
                package com.example.plugins.internal;

                import dev.plux.core.PluginName;

                @PluginName(value = "secret", namespace = "greet")
                public class Secret implements com.example.plugins.Greeter {
                }
                """;
        String moduleInfo = """
                module com.example.plugins {
                    requires dev.plux.core;
                    exports com.example.plugins;
                    opens com.example.plugins.reflective to dev.plux.core;
                }
                """;
        TestCompiler.Result result = TestCompiler.compileModule(this.directory.resolve("classes"),
                List.of("--processor-path", TestCompiler.processorLocation().toString()), moduleInfo, GREETER, secret,
                OPENED);
        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).singleElement().satisfies((warning) -> {
            assertThat(warning.getLineNumber()).isEqualTo(TestCompiler.lineOf(secret, "public class Secret"));
            assertThat(warning.getMessage(Locale.ROOT)).contains("greet:secret",
                    "com.example.plugins.internal.Secret", "module com.example.plugins",
                    "exports com.example.plugins.internal to dev.plux.core;");
        });
        // still indexed: the export may be added at run time (--add-exports), or another framework creates it
        assertThat(result.index()).contains("secret = com.example.plugins.internal.Secret",
                "opened = com.example.plugins.reflective.Opened");
    }

    @Test
    void aPluginInAPackageExportedToOtherModulesOnlyIsAWarningSayingWhichDirectiveToExtend() throws IOException {
        // a second 'exports p to dev.plux.core;' beside 'exports p to com.example.app;' does not compile
        // ("duplicate or conflicting exports"): the advice must extend the directive there is
        String shared = """
                package com.example.plugins.shared;

                import dev.plux.core.PluginName;

                @PluginName(value = "shared", namespace = "greet")
                public class Shared implements com.example.plugins.Greeter {
                }
                """;
        String moduleInfo = """
                module com.example.plugins {
                    requires dev.plux.core;
                    exports com.example.plugins;
                    exports com.example.plugins.shared to java.logging, java.sql;
                    opens com.example.plugins.reflective to java.logging;
                }
                """;
        TestCompiler.Result result = TestCompiler.compileModule(this.directory.resolve("classes"),
                List.of("--processor-path", TestCompiler.processorLocation().toString()), moduleInfo, GREETER, shared,
                OPENED);
        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).extracting((warning) -> warning.getMessage(Locale.ROOT))
            .containsExactlyInAnyOrder("plugin greet:shared: class com.example.plugins.shared.Shared is in package"
                    + " com.example.plugins.shared, which module com.example.plugins exports only to java.logging,"
                    + " java.sql, not to dev.plux.core, so plux cannot create or call it at run time; add dev.plux.core"
                    + " to that directive: 'exports com.example.plugins.shared to java.logging, java.sql,"
                    + " dev.plux.core;' in module-info.java (a second 'exports' of the package does not compile)",
                    "plugin greet:opened: class com.example.plugins.reflective.Opened is in package"
                    + " com.example.plugins.reflective, which module com.example.plugins opens only to java.logging,"
                    + " not to dev.plux.core, so plux cannot create or call it at run time; add dev.plux.core to that"
                    + " directive: 'opens com.example.plugins.reflective to java.logging, dev.plux.core;' in"
                    + " module-info.java (a second 'opens' of the package does not compile)");
    }

    @Test
    void aMultiModuleCompilationWritesEachModuleItsOwnIndex() throws IOException {
        // javac --module-source-path: the class output holds one directory per module, and a resource written
        // without a module failed the whole compilation ("No module specified and the location is ... a
        // multi-module output location")
        Path sources = this.directory.resolve("src");
        write(sources.resolve("com.example.api/module-info.java"),
                "module com.example.api { requires transitive dev.plux.core; exports com.example.api; }\n");
        write(sources.resolve("com.example.api/com/example/api/Greeter.java"), """
                package com.example.api;

                @dev.plux.core.PluginNamespace("greet")
                public interface Greeter extends dev.plux.core.Plugin {
                }
                """);
        for (String name : List.of("a", "b")) {
            write(sources.resolve("com.example." + name + "/module-info.java"), "module com.example." + name
                    + " { requires com.example.api; exports com.example." + name + " to dev.plux.core; }\n");
            // both declare 'same': two jars, so no duplicate for the compiler (the runtime warns when both are read)
            write(sources.resolve("com.example." + name + "/com/example/" + name + "/Hello.java"), """
                    package com.example.%s;

                    @dev.plux.core.PluginName("%s")
                    public class Hello implements com.example.api.Greeter {
                        @dev.plux.core.PluginName(value = "same", namespace = "greet")
                        public static Hello same() { return new Hello(); }
                    }
                    """.formatted(name, name));
        }
        Path classes = this.directory.resolve("classes");

        TestCompiler.Result result = TestCompiler.compileModules(classes, sources,
                List.of("com.example.api", "com.example.a", "com.example.b"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).as(result.toString()).isEmpty();
        assertThat(classes.resolve("com.example.api").resolve(EntryPointsFile.LOCATION)).doesNotExist();
        assertThat(Files.readString(classes.resolve("com.example.a").resolve(EntryPointsFile.LOCATION)))
            .endsWith("[greet]\na = com.example.a.Hello\nsame = com.example.a.Hello:same\n");
        assertThat(Files.readString(classes.resolve("com.example.b").resolve(EntryPointsFile.LOCATION)))
            .endsWith("[greet]\nb = com.example.b.Hello\nsame = com.example.b.Hello:same\n");

        // an incremental compilation of one module keeps the other module's index as it is
        TestCompiler.Result again = TestCompiler.compileModules(classes, sources, List.of("com.example.a"));
        assertThat(again.success()).as(again.toString()).isTrue();
        assertThat(Files.readString(classes.resolve("com.example.a").resolve(EntryPointsFile.LOCATION)))
            .endsWith("[greet]\na = com.example.a.Hello\nsame = com.example.a.Hello:same\n");
        assertThat(Files.readString(classes.resolve("com.example.b").resolve(EntryPointsFile.LOCATION)))
            .endsWith("[greet]\nb = com.example.b.Hello\nsame = com.example.b.Hello:same\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** The processor packed as the build packs it: a jar whose manifest gives its module name. */
    private static Path processorJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", "dev.plux.processor");
        Path classes = TestCompiler.processorLocation();
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
