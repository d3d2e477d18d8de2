package dev.plux.processor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.plux.processor.TestCompiler.compile;
import static dev.plux.processor.TestCompiler.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor beside another processor of the same build that changes the classes it processes (Lombok, which
 * adds and removes constructors, and makes members static): what plux checks and writes must not depend on the order
 * of the two on the processor path.
 */
@Timeout(60)
class PluginIndexProcessorOtherProcessorsTest {

    private static final String LOMBOK = "lombok.launch.AnnotationProcessorHider$AnnotationProcessor";

    private static final String PLUX = PluginIndexProcessor.class.getName();

    private static final String GREETER = """
            package com.example;

            @dev.plux.core.PluginNamespace("greeters")
            public interface Greeter extends dev.plux.core.Plugin {
            }
            """;

    @TempDir
    Path output;

    /** {@code -processor a,b}: javac runs them in this order in each round. */
    private static List<String> processors(boolean pluxFirst) {
        return List.of("-processor", pluxFirst ? PLUX + "," + LOMBOK : LOMBOK + "," + PLUX);
    }

    @ParameterizedTest(name = "plux first: {0}")
    @ValueSource(booleans = { true, false })
    void aConstructorLombokMakesPrivateIsAnErrorWhateverTheOrder(boolean pluxFirst) throws IOException {
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("private")
                @lombok.NoArgsConstructor(access = lombok.AccessLevel.PRIVATE)
                public class PrivateOnly implements Greeter {
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), processors(pluxFirst), GREETER, plugin);

        assertThat(result.success()).as(result.toString()).isFalse();
        assertThat(result.errors()).singleElement().satisfies((error) -> {
            assertThat(error.getMessage(Locale.ROOT))
                .startsWith("@PluginName(\"private\") class com.example.PrivateOnly has no public constructor");
            assertThat(error.getLineNumber()).isEqualTo(lineOf(plugin, "public class PrivateOnly"));
        });
        assertThat(result.indexFile()).doesNotExist();
    }

    @ParameterizedTest(name = "plux first: {0}")
    @ValueSource(booleans = { true, false })
    void aValueBuilderClassWhoseOnlyConstructorIsPackagePrivateIsAnErrorWhateverTheOrder(boolean pluxFirst)
            throws IOException {
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("built")
                @lombok.Value
                @lombok.Builder
                public class Built implements Greeter {
                    String prefix;
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), processors(pluxFirst), GREETER, plugin);

        assertThat(result.errorMessages()).as(result.toString()).singleElement().asString()
            .startsWith("@PluginName(\"built\") class com.example.Built has no public constructor");
    }

    @ParameterizedTest(name = "plux first: {0}")
    @ValueSource(booleans = { true, false })
    void aConstructorLombokGeneratesForInjectionGetsTheSpringNoteWhateverTheOrder(boolean pluxFirst)
            throws IOException {
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("injected")
                @lombok.RequiredArgsConstructor
                public class Injected implements Greeter {
                    private final Runnable service;
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), processors(pluxFirst), GREETER, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.NOTE)).extracting((note) -> note.getMessage(Locale.ROOT))
            .anySatisfy((note) -> assertThat(note).startsWith(
                    "@PluginName(\"injected\") class com.example.Injected has no public no-argument constructor"));
        assertThat(result.index()).contains("[greeters]\ninjected = com.example.Injected\n");
    }

    @ParameterizedTest(name = "plux first: {0}")
    @ValueSource(booleans = { true, false })
    void aFactoryMethodLombokMakesStaticIsIndexedWhateverTheOrder(boolean pluxFirst) throws IOException {
        String factories = """
                package com.example;

                @lombok.experimental.UtilityClass
                public class Factories {
                    @dev.plux.core.PluginName(value = "made", namespace = "greeters")
                    public dev.plux.core.Plugin make() {
                        return new dev.plux.core.Plugin() { };
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), processors(pluxFirst), GREETER, factories);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[greeters]\nmade = com.example.Factories:make\n");
    }

    @ParameterizedTest(name = "plux first: {0}")
    @ValueSource(booleans = { true, false })
    void aClassNestedInAUtilityClassIsStaticAsLombokMakesItWhateverTheOrder(boolean pluxFirst) throws IOException {
        String plugins = """
                package com.example;

                @lombok.experimental.UtilityClass
                public class Plugins {
                    @dev.plux.core.PluginName("nested")
                    public class Nested implements Greeter {
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), processors(pluxFirst), GREETER, plugins);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[greeters]\nnested = com.example.Plugins$Nested\n");
    }

    @ParameterizedTest(name = "plux first: {0}")
    @ValueSource(booleans = { true, false })
    void aNameFromAConstantLombokGeneratesIsReadWhateverTheOrder(boolean pluxFirst) throws IOException {
        String names = """
                package com.example;

                @lombok.experimental.FieldNameConstants
                public class Names {
                    String fieldNamed;
                }
                """;
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName(Names.Fields.fieldNamed)
                public class FieldNamed implements Greeter {
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), processors(pluxFirst), GREETER, names, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[greeters]\nfieldNamed = com.example.FieldNamed\n");
    }

    @Test
    void pluginsOfLombokClassesAreIndexedOnceWithPluxFirst() throws IOException {
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("logged")
                @lombok.extern.java.Log
                @lombok.NoArgsConstructor
                public class Logged implements Greeter {
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), processors(true), GREETER, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).endsWith("[greeters]\nlogged = com.example.Logged\n");
    }
}
