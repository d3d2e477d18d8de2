package dev.plux.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class NativeImageMetadataTest {

    private static final String DIRECTORY = "META-INF/native-image/com.example/plugins/";

    private static final String SOURCE = """
            package com.example;

            import dev.plux.core.Plugin;
            import dev.plux.core.PluginFactory;
            import dev.plux.core.PluginFunction;
            import dev.plux.core.PluginName;
            import dev.plux.core.PluginNamespace;

            public class Plugins {

                @PluginNamespace("example.ns")
                public interface ExamplePlugin extends Plugin {
                }

                @PluginName("greeter")
                public static class Greeter implements ExamplePlugin {
                    public Greeter() {
                    }
                }

                @PluginName(value = "built", namespace = "example.ns")
                public static Greeter create() {
                    return new Greeter();
                }

                @PluginName(value = "held", namespace = "example.ns")
                public static final PluginFactory HELD = Greeter::new;

                @PluginFunction(namespace = "example.fn", shouldLoad = "enabled")
                public static Object hello(String name, int[] counts) {
                    return "hello";
                }

                public static boolean enabled() {
                    return true;
                }
            }
            """;

    @TempDir
    Path output;

    @Test
    void writesTheResourceAndEveryEntrysClassOrMemberWhenTheOptionNamesADirectory() throws IOException {
        TestCompiler.Result result = TestCompiler.compile(this.output, List.of(),
                List.of("-A" + NativeImageMetadata.OPTION + "=com.example/plugins"), SOURCE);
        assertThat(result.errorMessages()).isEmpty();
        assertThat(read("resource-config.json")).contains("\"pattern\": \"\\\\QMETA-INF/plux/entry_points.txt\\\\E\"");
        String reflect = read("reflect-config.json");
        assertThat(reflect).contains("{ \"name\": \"com.example.Plugins$Greeter\", \"allPublicConstructors\": true }")
            .contains("\"name\": \"com.example.Plugins\"")
            .contains("\"fields\": [ { \"name\": \"HELD\" } ]")
            .contains("{ \"name\": \"create\", \"parameterTypes\": [] }")
            .contains("{ \"name\": \"hello\", \"parameterTypes\": [\"java.lang.String\", \"int[]\"] }")
            .contains("{ \"name\": \"enabled\", \"parameterTypes\": [] }");
        // one object per class, in name order: the same sources give the same file
        assertThat(reflect.indexOf("\"com.example.Plugins\""))
            .isLessThan(reflect.indexOf("\"com.example.Plugins$Greeter\""));
        assertThat(reflect.split("\"name\": \"com.example.Plugins\"", -1)).hasSize(2);
    }

    @Test
    void anInheritedMemberIsRegisteredOnTheClassDeclaringItAndTheNamedClassForTheRuntimesLookups()
            throws IOException {
        // hand-written lines naming members through a subclass: Class.getMethod / getField find them in Base and
        // Constants, and native-image metadata registers a member on the class declaring it
        Path index = this.output.resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(index.getParent());
        Files.writeString(index, """
                [example.ns]
                made = com.example.Sub:make
                shared = com.example.Sub:SHARED
                [example.fn]
                inherited = com.example.Sub:greet
                """, StandardCharsets.UTF_8);
        String base = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginFunction;

                public class Base {
                    public static Plugin make() {
                        return null;
                    }

                    @PluginFunction(namespace = "example.fn", shouldLoad = "enabled")
                    public static Object greet() {
                        return "hello";
                    }

                    public static boolean enabled() {
                        return true;
                    }
                }
                """;
        String constants = """
                package com.example;

                public interface Constants {
                    dev.plux.core.PluginFactory SHARED = () -> null;
                }
                """;
        String sub = """
                package com.example;

                public class Sub extends Base implements Constants {
                }
                """;

        TestCompiler.Result result = TestCompiler.compile(this.output, List.of(),
                List.of("-A" + NativeImageMetadata.OPTION + "=com.example/plugins"), base, constants, sub);

        assertThat(result.errorMessages()).isEmpty();
        assertThat(read("reflect-config.json").lines()
            .filter((line) -> line.startsWith("  {"))
            .map((line) -> line.endsWith(",") ? line.substring(0, line.length() - 1) : line))
            .containsExactly(
                    // Base:greet is an entry of its own; make and enabled are there for Sub's entries
                    "  { \"name\": \"com.example.Base\", \"allPublicFields\": true, \"queryAllPublicMethods\": true,"
                            + " \"methods\": [ { \"name\": \"enabled\", \"parameterTypes\": [] },"
                            + " { \"name\": \"greet\", \"parameterTypes\": [] },"
                            + " { \"name\": \"make\", \"parameterTypes\": [] } ] }",
                    "  { \"name\": \"com.example.Constants\", \"fields\": [ { \"name\": \"SHARED\" } ] }",
                    // Class.forName, getField for the method entries (answered only with the bulk registration),
                    // getMethods (a bulk query)
                    "  { \"name\": \"com.example.Sub\", \"allPublicFields\": true, \"queryAllPublicMethods\": true }");
    }

    @Test
    void writesNothingWithoutTheOption() throws IOException {
        TestCompiler.Result result = TestCompiler.compile(this.output, SOURCE);
        assertThat(result.errorMessages()).isEmpty();
        assertThat(result.indexFile()).exists();
        assertThat(this.output.resolve("META-INF/native-image")).doesNotExist();
    }

    @Test
    void aValueThatIsNoGroupAndArtifactFailsTheCompilationNamingTheOption() throws IOException {
        TestCompiler.Result result = TestCompiler.compile(this.output, List.of(),
                List.of("-A" + NativeImageMetadata.OPTION + "=../escape"), SOURCE);
        assertThat(result.errorMessages()).singleElement().asString()
            .contains("-Aplux.nativeImage=../escape must be <group>/<artifact>");
        assertThat(this.output.resolve("META-INF/native-image")).doesNotExist();
    }

    private String read(String file) throws IOException {
        return Files.readString(this.output.resolve(DIRECTORY + file), StandardCharsets.UTF_8);
    }
}
