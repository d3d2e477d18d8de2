package dev.plux.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.plux.processor.TestCompiler.compile;
import static dev.plux.processor.TestCompiler.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class PluginIndexProcessorTest {

    private static final String CLI_PLUGIN = """
            package com.example.cli;

            import dev.plux.core.Plugin;
            import dev.plux.core.PluginNamespace;

            @PluginNamespace("my.plugins.cli")
            public interface CliPlugin extends Plugin {
            }
            """;

    @TempDir
    Path output;

    @Test
    void aFactoryNamedLikeANestedPluginClassIsNoDuplicateOfIt() throws IOException {
        // the last round finds a member again by its simple name: a nested class of that name is not that member
        String plugins = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginFactory;
                import dev.plux.core.PluginName;

                public final class Greetings {

                    @PluginName(value = "made", namespace = "greet")
                    public static Plugin Hello() { return new Hello(); }

                    @PluginName(value = "held", namespace = "greet")
                    public static final PluginFactory Bye = Bye::new;

                    @PluginName(value = "hello", namespace = "greet")
                    public static class Hello implements Plugin {
                    }

                    @PluginName(value = "bye", namespace = "greet")
                    public static class Bye implements Plugin {
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, plugins);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).as(result.toString()).isEmpty();
        assertThat(result.index()).endsWith("[greet]\nbye = com.example.Greetings$Bye\n"
                + "held = com.example.Greetings:Bye\nhello = com.example.Greetings$Hello\n"
                + "made = com.example.Greetings:Hello\n");
    }

    /**
     * SPEC: the index is UTF-8, always. javac's {@code -encoding} (a build's {@code project.build.sourceEncoding}) is
     * also the encoding of what a processor writes through the Filer's {@code openWriter}, and the platform's when
     * unset: the index and the native-image metadata must not follow either.
     */
    @Test
    void theIndexAndNativeImageMetadataAreUtf8WhateverEncodingJavacReadsSourcesIn() throws IOException {
        String plugins = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public class Plugins {

                    // a method, not a class: a class file named so could not be written under LANG=C
                    @PluginName(value = "gr\u00fc\u00dfe", namespace = "gr\u00fc\u00dfe.ns")
                    public static Plugin gr\u00fc\u00dfe() {
                        return new Plugin() {
                        };
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(),
                List.of("-encoding", "ISO-8859-1", "-A" + NativeImageMetadata.OPTION + "=com.example/plugins"),
                plugins);

        assertThat(result.errorMessages()).as(result.toString()).isEmpty();
        // strict UTF-8 decoding: Latin-1 bytes (0xFC for the u-umlaut) would throw here
        assertThat(result.index())
            .contains("[gr\u00fc\u00dfe.ns]\ngr\u00fc\u00dfe = com.example.Plugins:gr\u00fc\u00dfe\n");
        assertThat(Files.readString(this.output.resolve("META-INF/native-image/com.example/plugins/reflect-config.json"),
                StandardCharsets.UTF_8)).contains("{ \"name\": \"gr\u00fc\u00dfe\", \"parameterTypes\": [] }");
    }

    @Test
    void writesEveryKindOfPluginSortedByNamespaceThenName() throws IOException {
        String plugins = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginFactory;
                import dev.plux.core.PluginFunction;
                import dev.plux.core.PluginName;
                import dev.plux.core.PluginSpec;

                public final class ServicePlugins {

                    @PluginName(value = "s3", namespace = "services")
                    public static Plugin s3() { return new Plugin() { }; }

                    @PluginName(value = "sqs", namespace = "services")
                    public static PluginSpec sqs() { return PluginSpec.of("services", "sqs", Plain.class); }

                    @PluginName(value = "sns", namespace = "services")
                    public static final PluginFactory SNS = Plain::new;

                    @PluginName(value = "kinesis", namespace = "services")
                    public static final PluginSpec KINESIS = PluginSpec.of("services", "kinesis", Plain.class);

                    @PluginFunction(namespace = "configurators", shouldLoad = "enabled")
                    public static void logging() { }

                    @PluginFunction(namespace = "configurators", name = "metrics-setup")
                    public static void metrics() { }

                    public static boolean enabled() { return true; }

                    @PluginName(value = "plain", namespace = "aaa.first")
                    public static class Plain implements Plugin {
                    }
                }
                """;
        String standalone = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @PluginName(value = "standalone", namespace = "services")
                public class Standalone implements Plugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, plugins, standalone);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).isEqualTo("""
                # Generated by plux-processor (dev.plux.processor.PluginIndexProcessor); do not edit.
                # Sources: @PluginName / @PluginFunction elements, and any hand-written index of the project.

                [aaa.first]
                plain = com.example.ServicePlugins$Plain

                [configurators]
                logging = com.example.ServicePlugins:logging
                metrics-setup = com.example.ServicePlugins:metrics

                [services]
                kinesis = com.example.ServicePlugins:KINESIS
                s3 = com.example.ServicePlugins:s3
                sns = com.example.ServicePlugins:SNS
                sqs = com.example.ServicePlugins:sqs
                standalone = com.example.Standalone
                """);
    }

    @Test
    void classInheritsNamespaceFromInterface() throws IOException {
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("my")
                public class MyCliPlugin implements CliPlugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, CLI_PLUGIN, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[my.plugins.cli]\nmy = com.example.cli.MyCliPlugin\n");
    }

    @Test
    void classInheritsNamespaceFromSuperclass() throws IOException {
        String base = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginNamespace;

                @PluginNamespace("from.superclass")
                public abstract class BasePlugin implements Plugin {
                }
                """;
        String plugin = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName("child")
                public class ChildPlugin extends BasePlugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, base, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[from.superclass]\nchild = com.example.ChildPlugin\n");
    }

    @Test
    void classInheritsNamespaceFromAnInterfaceOfItsSuperclass() throws IOException {
        String base = """
                package com.example.cli;

                public abstract class AbstractCliPlugin implements CliPlugin {
                }
                """;
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("deep")
                public class DeepPlugin extends AbstractCliPlugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, CLI_PLUGIN, base, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[my.plugins.cli]\ndeep = com.example.cli.DeepPlugin\n");
    }

    @Test
    void namespaceOnTheClassWinsOverInheritedOne() throws IOException {
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName(value = "own", namespace = "own.namespace")
                public class OwnNamespacePlugin implements CliPlugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, CLI_PLUGIN, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[own.namespace]\nown = com.example.cli.OwnNamespacePlugin\n")
            .doesNotContain("[my.plugins.cli]");
    }

    @Test
    void namespaceIsFoundOnAnAlreadyCompiledSupertype(@TempDir Path library) throws IOException {
        assertThat(compile(library, CLI_PLUGIN).success()).isTrue();
        String plugin = """
                package com.example.app;

                import com.example.cli.CliPlugin;
                import dev.plux.core.PluginName;

                @PluginName("app")
                public class AppCliPlugin implements CliPlugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(library), plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[my.plugins.cli]\napp = com.example.app.AppCliPlugin\n");
    }

    @Test
    void classesWithoutPluginNameAndAbstractSupertypesAreNotListed() throws IOException {
        String unnamed = """
                package com.example.cli;

                public class UnnamedPlugin implements CliPlugin {
                }
                """;
        String named = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("named")
                public class NamedPlugin implements CliPlugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, CLI_PLUGIN, unnamed, named);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("named = com.example.cli.NamedPlugin")
            .doesNotContain("UnnamedPlugin")
            .doesNotContain("CliPlugin\n");
    }

    @Test
    void compilationWithOnlyNamespaceTypesWritesNoIndex() throws IOException {
        TestCompiler.Result result = compile(this.output, CLI_PLUGIN);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.indexFile()).doesNotExist();
    }

    @Test
    void indexIsByteForByteTheSameWhateverTheOrderOfTheSources(@TempDir Path other) throws IOException {
        String first = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @PluginName(value = "zeta", namespace = "b.ns")
                public class Zeta implements Plugin {
                }
                """;
        String second = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @PluginName(value = "alpha", namespace = "b.ns")
                public class Alpha implements Plugin {
                }
                """;
        String third = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class Functions {
                    @PluginFunction(namespace = "a.ns")
                    public static void work() { }
                }
                """;

        TestCompiler.Result forward = compile(this.output, first, second, third);
        TestCompiler.Result backward = compile(other, third, second, first);

        assertThat(forward.success()).as(forward.toString()).isTrue();
        assertThat(backward.success()).as(backward.toString()).isTrue();
        assertThat(forward.indexBytes()).isEqualTo(backward.indexBytes());
        assertThat(forward.index()).containsSubsequence("[a.ns]", "[b.ns]", "alpha =", "zeta =");
    }

    @Test
    void classWhosePublicConstructorsAllTakeArgumentsCompilesWithANoteForTheSpringLayer() throws IOException {
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("injected")
                public class InjectedPlugin implements CliPlugin {
                    public InjectedPlugin(String greeting) {
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, CLI_PLUGIN, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("injected = com.example.cli.InjectedPlugin");
        List<Diagnostic<? extends JavaFileObject>> notes = result.ofKind(Diagnostic.Kind.NOTE)
            .stream()
            .filter((note) -> note.getMessage(Locale.ROOT).contains("InjectedPlugin"))
            .toList();
        assertThat(notes).singleElement().satisfies((note) -> {
            assertThat(note.getMessage(Locale.ROOT)).contains("no public no-argument constructor")
                .contains("Spring layer")
                .contains("without Spring: add a public no-argument constructor, or declare the plugin through a"
                        + " @PluginName public static factory method that calls this constructor");
            assertThat(note.getLineNumber()).isEqualTo(lineOf(plugin, "public class InjectedPlugin"));
        });
    }

    @Test
    void abstractClassIsAnErrorOnTheClass() throws IOException {
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("abstract")
                public abstract class AbstractNamedPlugin implements CliPlugin {
                }
                """;

        assertSingleError(compile(this.output, CLI_PLUGIN, plugin), plugin, "public abstract class AbstractNamedPlugin",
                "com.example.cli.AbstractNamedPlugin is abstract", "annotate its concrete subclasses");
    }

    @Test
    void interfaceIsAnErrorOnTheInterface() throws IOException {
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("iface")
                public interface NamedInterface extends CliPlugin {
                }
                """;

        assertSingleError(compile(this.output, CLI_PLUGIN, plugin), plugin, "public interface NamedInterface",
                "on interface com.example.cli.NamedInterface", "annotate the implementations");
    }

    @Test
    void classNotImplementingPluginIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName(value = "nope", namespace = "ns")
                public class NotAPlugin {
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public class NotAPlugin",
                "com.example.NotAPlugin does not implement dev.plux.core.Plugin");
    }

    @Test
    void classWithoutPublicConstructorIsAnError() throws IOException {
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("hidden")
                public class HiddenPlugin implements CliPlugin {
                    HiddenPlugin() {
                    }
                }
                """;

        assertSingleError(compile(this.output, CLI_PLUGIN, plugin), plugin, "public class HiddenPlugin",
                "com.example.cli.HiddenPlugin has no public constructor", "public static factory method");
    }

    @Test
    void nonPublicClassIsAnError() throws IOException {
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("packaged")
                class PackagePrivatePlugin implements CliPlugin {
                    public PackagePrivatePlugin() {
                    }
                }
                """;

        assertSingleError(compile(this.output, CLI_PLUGIN, plugin), plugin, "class PackagePrivatePlugin",
                "com.example.cli.PackagePrivatePlugin is not public");
    }

    @Test
    void nonPublicClassWithTheDefaultConstructorIsOneErrorNotTwo() throws IOException {
        // its implicit constructor has the class's access: making the class public makes it public too, so a second
        // error asking to "add" a public constructor would send the user to write one needlessly
        String plugin = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("packaged")
                class PackagePrivatePlugin implements CliPlugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, CLI_PLUGIN, plugin);
        assertSingleError(result, plugin, "class PackagePrivatePlugin",
                "com.example.cli.PackagePrivatePlugin is not public", "make the class public");
        assertThat(result.ofKind(Diagnostic.Kind.NOTE)).extracting((note) -> note.getMessage(Locale.ROOT))
            .noneMatch((message) -> message.contains("constructor"));
    }

    @Test
    void memberOfANonPublicClassIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                class HiddenFunctions {
                    @PluginFunction(namespace = "ns")
                    public static void work() { }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public static void work()",
                "declared in com.example.HiddenFunctions, which is not public", "make HiddenFunctions public");
    }

    @Test
    @Timeout(60)
    void anAnnotatedMemberWithPlainOverloadsIsAcceptedAsTheRuntimeTakesTheAnnotatedOrNoArgumentOne()
            throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginFunction;
                import dev.plux.core.PluginName;

                public class Functions {
                    @PluginFunction(namespace = "ns", name = "one")
                    public static void f() { }

                    public static void f(String argument) { }

                    @PluginName(value = "made", namespace = "ns")
                    public static Plugin make() {
                        return null;
                    }

                    public static Plugin make(String configuration) {
                        return null;
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("made = com.example.Functions:make\none = com.example.Functions:f\n");
    }

    @Test
    @Timeout(60)
    void twoPluginFunctionsOfOneNameAreAnErrorTheRuntimeCouldNotTellThemApart() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class Functions {
                    @PluginFunction(namespace = "ns", name = "one")
                    public static void f() { }

                    @PluginFunction(namespace = "ns", name = "two")
                    public static void f(String argument) { }
                }
                """;

        TestCompiler.Result result = compile(this.output, plugin);

        assertThat(result.errors()).as(result.toString()).hasSize(2).allSatisfy((error) -> assertThat(
                error.getMessage(Locale.ROOT)).contains("com.example.Functions has another public static"
                        + " @PluginFunction method named 'f'", "give this member a name of its own"));
    }

    @Test
    @Timeout(60)
    void aFactoryMethodThatIsAlsoAPluginFunctionIsAnErrorAsTheRuntimeResolvesBothEntriesAsTheFunction()
            throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginFunction;
                import dev.plux.core.PluginName;

                public class Factories {
                    @PluginName(value = "made", namespace = "ns")
                    @PluginFunction(namespace = "functions")
                    public static Plugin make() {
                        return null;
                    }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public static Plugin make()",
                "@PluginName(\"made\") method com.example.Factories.make() is also a @PluginFunction: the runtime"
                        + " resolves com.example.Factories:make as that function plugin, for this entry too, and"
                        + " never calls it as a factory", "keep one of the two annotations");
    }

    @Test
    @Timeout(60)
    void anAnnotatedRecordComponentIsOneErrorOnTheComponentThoughJavacCopiesTheAnnotationToFieldAndAccessor()
            throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFactory;
                import dev.plux.core.PluginName;

                public record Holder(
                        String label,
                        @PluginName(value = "held", namespace = "ns") PluginFactory factory) {
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "@PluginName(value = \"held\"",
                "@PluginName(\"held\") on record component com.example.Holder.factory: the runtime reads only a"
                        + " public static field or method, and a record component is an instance field with an"
                        + " instance accessor; declare a factory instead:"
                        + " @PluginName(value = \"held\", namespace = \"ns\") public static final PluginFactory"
                        + " FACTORY = ...;");
    }

    @Test
    @Timeout(60)
    void anAnnotatedEnumConstantIsAnErrorThatPointsToAFactoryField() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public enum Mode implements Plugin {
                    @PluginName(value = "fast", namespace = "ns")
                    FAST
                }
                """;

        // javac places an enum constant at its first annotation
        assertSingleError(compile(this.output, plugin), plugin, "@PluginName(value = \"fast\"",
                "@PluginName(\"fast\") on enum constant com.example.Mode.FAST: the runtime reads a public static"
                        + " field only as a dev.plux.core.PluginFactory or a dev.plux.core.PluginSpec, and an enum"
                        + " constant is neither; hand it out through a factory field:"
                        + " @PluginName(value = \"fast\", namespace = \"ns\") public static final PluginFactory"
                        + " FAST_FACTORY = () -> FAST;");
    }

    @Test
    @Timeout(60)
    void aFactoryMethodSharingItsNameWithAFieldIsAnErrorAsTheRuntimeTakesTheField() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public class Factories {
                    public static final String make = "not a factory";

                    @PluginName(value = "made", namespace = "ns")
                    public static Plugin make() {
                        return null;
                    }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public static Plugin make()",
                "com.example.Factories has a public static field named 'make', which the runtime takes before this"
                        + " method", "give this member a name of its own");
    }

    @Test
    void aNameTheRuntimeWouldNotDeclareIsAnErrorQuotedSafely() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class Functions {
                    @PluginFunction(namespace = "ns", name = "bidi\u202e")
                    public static void f() { }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public static void f() { }",
                "invalid plugin name 'bidi\\u202e'", "a control, separator or format character");
        String longName = "x".repeat(256);
        String tooLong = plugin.replace("bidi\u202e", longName);
        assertSingleError(compile(this.output, tooLong), tooLong, "public static void f() { }",
                "it is longer than 255 characters");
    }

    @Test
    void aValueTheRuntimeWouldRefuseAsTooLongIsAnErrorOnTheElement() throws IOException {
        // a generated member name can be that long; the runtime would list the entry as RESOLVE_FAILED
        String member = "m".repeat(1024 - "com.example.Functions:".length() + 1);
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class Functions {
                    @PluginFunction(namespace = "ns", name = "f")
                    public static void %s() { }
                }
                """.formatted(member);

        assertSingleError(compile(this.output, plugin), plugin, "public static void m",
                "@PluginFunction method com.example.Functions." + member.substring(0, 10),
                "its index value com.example.Functions:mmm", "is 1025 characters long, and the runtime refuses a"
                        + " value over 1024 characters: give the member a shorter name");
        String fits = plugin.replace(member, member.substring(1));
        TestCompiler.Result result = compile(this.output, fits);
        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("f = com.example.Functions:" + member.substring(1) + "\n");
    }

    @Test
    void aShouldLoadMethodMustBeDeclaredInTheClassItselfAsAtRunTime() throws IOException {
        String base = """
                package com.example;

                public class Base {
                    public static boolean enabled() { return true; }
                }
                """;
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class Functions extends Base {
                    @PluginFunction(namespace = "ns", shouldLoad = "enabled")
                    public static void f() { }
                }
                """;

        TestCompiler.Result result = compile(this.output, base, plugin);
        assertThat(result.success()).isFalse();
        assertThat(result.errors()).singleElement()
            .satisfies((error) -> assertThat(error.getMessage(Locale.ROOT)).contains("shouldLoad = \"enabled\""));
    }

    @Test
    void aGenericFactoryMethodReturningAPluginIsAccepted() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public class Factories {
                    @PluginName(value = "made", namespace = "ns")
                    @SuppressWarnings("unchecked")
                    public static <T extends Plugin> T make() { return (T) new Plugin() { }; }
                }
                """;

        TestCompiler.Result result = compile(this.output, plugin);
        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("made = com.example.Factories:make");
    }

    @Test
    void differentNamespacesInheritedAtTheSameDistanceAreAWarning() throws IOException {
        String a = """
                package com.example;

                @dev.plux.core.PluginNamespace("ns.a")
                public interface A extends dev.plux.core.Plugin {
                }
                """;
        String b = a.replace("ns.a", "ns.b").replace("interface A", "interface B");
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("both")
                public class Both implements B, A {
                }
                """;

        TestCompiler.Result result = compile(this.output, a, b, plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[ns.b]\nboth = com.example.Both");
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).singleElement()
            .satisfies((warning) -> assertThat(warning.getMessage(Locale.ROOT)).contains("class com.example.Both"
                    + " inherits different @PluginNamespace values from supertypes at the same distance ('ns.b' from"
                    + " com.example.B, 'ns.a' from com.example.A); it goes to 'ns.b'"));
    }

    @Test
    void aSupertypeAnotherProcessorGeneratesIsWaitedFor() throws IOException {
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("x")
                public class X implements GenIface {
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), List.of("-processor",
                PluginIndexProcessor.class.getName() + "," + SupertypeGeneratingProcessor.class.getName()), plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[ns.gen]\nx = com.example.X");
    }

    @Test
    @Timeout(60)
    void aFactoryMethodReturningATypeAnotherProcessorGeneratesIsWaitedFor() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginName;

                public class Factories {
                    @PluginName(value = "made", namespace = "ns")
                    public static GenIface make() {
                        return null;
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), List.of("-processor",
                PluginIndexProcessor.class.getName() + "," + SupertypeGeneratingProcessor.class.getName()), plugin);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[ns]\nmade = com.example.Factories:make");
    }

    @Test
    @Timeout(60)
    void anInheritedNamespaceConstantAnotherProcessorGeneratesIsWaitedFor() throws IOException {
        // the class and its supertype exist from the first round; only the supertype's @PluginNamespace value is
        // generated later: reading the class then wrote it under the namespace '<error>', and the build passed
        String api = """
                package com.example;

                @dev.plux.core.PluginNamespace(GenNames.NS)
                public interface Api extends dev.plux.core.Plugin {
                }
                """;
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("inherits")
                public class Inherits implements Api {
                }
                """;
        String own = """
                package com.example;

                @dev.plux.core.PluginName(value = GenNames.NAME, namespace = GenNames.NS)
                @dev.plux.core.PluginNamespace(GenNames.NS)
                public class Own implements dev.plux.core.Plugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, List.of(), List.of("-processor",
                PluginIndexProcessor.class.getName() + "," + SupertypeGeneratingProcessor.class.getName()), api,
                plugin, own);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).doesNotContain("<error>")
            .contains("[ns.gen]\ngen.name = com.example.Own\ninherits = com.example.Inherits\n");
    }

    @Test
    @Timeout(60)
    void anInheritedNamespaceConstantThatNeverExistsIsLeftToTheCompilersOwnError() throws IOException {
        String api = """
                package com.example;

                @dev.plux.core.PluginNamespace(Names.NO_SUCH_CONSTANT)
                public interface Api extends dev.plux.core.Plugin {
                }
                """;
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("inherits")
                public class Inherits implements Api {
                }
                """;

        TestCompiler.Result result = compile(this.output, api, plugin);

        assertThat(result.success()).isFalse();
        assertThat(result.errorMessages()).as(result.toString()).singleElement()
            .satisfies((message) -> assertThat(message).contains("cannot find symbol"));
        if (Files.exists(result.indexFile())) {
            assertThat(result.index()).doesNotContain("<error>");
        }
    }

    @Test
    @Timeout(60)
    void aSupertypeOrReturnTypeThatDoesNotExistIsLeftToTheCompilersOwnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName(value = "m", namespace = "ns")
                public class Missing extends NoSuchBase {
                    @PluginName(value = "made", namespace = "ns")
                    public static NoSuchPlugin make() {
                        return null;
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, plugin);

        // javac says 'cannot find symbol' for each; the processor must not add 'does not implement Plugin' or
        // 'returns NoSuchPlugin', which would send the author after the wrong problem
        assertThat(result.success()).isFalse();
        assertThat(result.errorMessages()).as(result.toString()).hasSize(2)
            .allSatisfy((message) -> assertThat(message).contains("cannot find symbol"));
    }

    @Test
    @Timeout(60)
    void anAnnotationValueTheCompilerCannotResolveIsNotWrittenAsAName() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName(value = Names.NO_SUCH_CONSTANT, namespace = "ns")
                public class Unnamed implements dev.plux.core.Plugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, plugin);

        assertThat(result.success()).isFalse();
        assertThat(result.errorMessages()).as(result.toString()).singleElement()
            .satisfies((message) -> assertThat(message).contains("cannot find symbol"));
        assertThat(result.indexFile()).doesNotExist();
    }

    @Test
    @Timeout(60)
    void anEnumIsAnErrorThatPointsToAFactoryInsteadOfAConstructor() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @PluginName(value = "e", namespace = "ns")
                public enum Singleton implements Plugin {
                    INSTANCE
                }
                """;

        TestCompiler.Result result = compile(this.output, plugin);

        assertSingleError(result, plugin, "public enum Singleton",
                "@PluginName(\"e\") enum com.example.Singleton", "plux cannot create an enum constant",
                "move the annotation to a factory field that hands one out: @PluginName(value = \"e\","
                        + " namespace = \"ns\") public static final PluginFactory FACTORY = () -> INSTANCE;");
        assertThat(result.errorMessages()).singleElement()
            .satisfies((message) -> assertThat(message).doesNotContain("add one"));
    }

    @Test
    void classWithoutNamespaceIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @PluginName("orphan")
                public class OrphanPlugin implements Plugin {
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public class OrphanPlugin",
                "com.example.OrphanPlugin has no namespace", "@PluginNamespace");
    }

    @Test
    void factoryMethodWithoutNamespaceIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public class Factories {
                    @PluginName("orphan")
                    public static Plugin orphan() { return null; }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public static Plugin orphan()",
                "method com.example.Factories.orphan() has no namespace");
    }

    @Test
    void nonStaticFactoryMethodIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public class Factories {
                    @PluginName(value = "instance", namespace = "ns")
                    public Plugin instance() { return null; }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public Plugin instance()",
                "com.example.Factories.instance() is not static");
    }

    @Test
    void nonPublicFactoryMethodIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public class Factories {
                    @PluginName(value = "hidden", namespace = "ns")
                    static Plugin hidden() { return null; }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "static Plugin hidden()",
                "com.example.Factories.hidden() is not public");
    }

    @Test
    void factoryMethodWithArgumentsOrWrongReturnTypeIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginName;

                public class Factories {
                    @PluginName(value = "wrong", namespace = "ns")
                    public static String wrong(int size) { return null; }
                }
                """;

        TestCompiler.Result result = compile(this.output, plugin);

        assertThat(result.success()).isFalse();
        assertThat(result.errorMessages()).hasSize(2)
            .anySatisfy((message) -> assertThat(message).contains("takes arguments"))
            .anySatisfy((message) -> assertThat(message).contains("returns java.lang.String"));
        assertThat(result.errors()).allSatisfy(
                (error) -> assertThat(error.getLineNumber()).isEqualTo(lineOf(plugin, "public static String wrong")));
    }

    @Test
    void nonStaticOrWronglyTypedFactoryFieldIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFactory;
                import dev.plux.core.PluginName;

                public class Fields {
                    @PluginName(value = "instance", namespace = "ns")
                    public final PluginFactory instance = null;

                    @PluginName(value = "text", namespace = "ns")
                    public static final String TEXT = "";
                }
                """;

        TestCompiler.Result result = compile(this.output, plugin);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).hasSize(2).anySatisfy((error) -> {
            assertThat(error.getMessage(Locale.ROOT)).contains("field com.example.Fields.instance is not static");
            assertThat(error.getLineNumber()).isEqualTo(lineOf(plugin, "public final PluginFactory instance"));
        }).anySatisfy((error) -> {
            assertThat(error.getMessage(Locale.ROOT))
                .contains("field com.example.Fields.TEXT has type java.lang.String");
            assertThat(error.getLineNumber()).isEqualTo(lineOf(plugin, "public static final String TEXT"));
        });
        assertThat(result.indexFile()).doesNotExist();
    }

    @Test
    void nonStaticPluginFunctionIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class Functions {
                    @PluginFunction(namespace = "ns")
                    public void work() { }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public void work()",
                "@PluginFunction method com.example.Functions.work() is not static");
    }

    @Test
    void pluginFunctionWithMissingConditionIsAnError() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class Functions {
                    @PluginFunction(namespace = "ns", shouldLoad = "isEnabled")
                    public static void work() { }

                    public boolean isEnabled() { return true; }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public static void work()",
                "shouldLoad = \"isEnabled\" must name a public static no-argument boolean method",
                "public static boolean isEnabled()");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "a b", "a=b", "a[b", "a]b", "#a", "a;b", "a:b" })
    void invalidPluginNameIsAnError(String name) throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @PluginName(value = "%s", namespace = "ns")
                public class BadName implements Plugin {
                }
                """.formatted(name);

        assertSingleError(compile(this.output, plugin), plugin, "public class BadName",
                "invalid plugin name '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a b", "a=b", "a[b", "a]b", "a#b", "a;b" })
    void invalidNamespaceIsAnError(String namespace) throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class BadNamespace {
                    @PluginFunction(namespace = "%s")
                    public static void work() { }
                }
                """.formatted(namespace);

        assertSingleError(compile(this.output, plugin), plugin, "public static void work()",
                "invalid namespace '" + namespace + "'");
    }

    @Test
    void functionWithAnEmptyNamespaceIsAnErrorSayingToSetIt() throws IOException {
        String plugin = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public class NoNamespace {
                    @PluginFunction(namespace = "")
                    public static void work() { }
                }
                """;

        assertSingleError(compile(this.output, plugin), plugin, "public static void work()",
                "@PluginFunction method com.example.NoNamespace.work() has no namespace: set it, as in"
                        + " @PluginFunction(namespace = \"...\")");
    }

    @Test
    void duplicateNameInANamespaceIsAnErrorOnBothElements() throws IOException {
        String first = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("same")
                public class FirstPlugin implements CliPlugin {
                }
                """;
        String second = """
                package com.example.cli;

                import dev.plux.core.PluginName;

                @PluginName("same")
                public class SecondPlugin implements CliPlugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, CLI_PLUGIN, first, second);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).hasSize(2).anySatisfy((error) -> {
            assertThat(error.getMessage(Locale.ROOT))
                .contains("duplicate plugin 'same' in namespace 'my.plugins.cli'")
                .contains("declared by com.example.cli.FirstPlugin")
                .contains("also used by com.example.cli.SecondPlugin");
            assertThat(error.getSource().getName()).endsWith("FirstPlugin.java");
        }).anySatisfy((error) -> {
            assertThat(error.getMessage(Locale.ROOT)).contains("declared by com.example.cli.SecondPlugin")
                .contains("also used by com.example.cli.FirstPlugin");
            assertThat(error.getSource().getName()).endsWith("SecondPlugin.java");
        });
        assertThat(result.indexFile()).doesNotExist();
    }

    @Test
    void processorSupportsTheLatestSourceVersionAndThePluxAnnotations() {
        PluginIndexProcessor processor = new PluginIndexProcessor();

        assertThat(processor.getSupportedSourceVersion()).isEqualTo(javax.lang.model.SourceVersion.latestSupported());
        assertThat(processor.getSupportedAnnotationTypes()).containsExactlyInAnyOrder("dev.plux.core.PluginName",
                "dev.plux.core.PluginNamespace", "dev.plux.core.PluginFunction");
    }

    @Test
    void processorIsRegisteredForTheCompilerAndForGradleAsAggregating() throws IOException {
        ClassLoader loader = PluginIndexProcessor.class.getClassLoader();

        assertThat(resource(loader, "META-INF/services/javax.annotation.processing.Processor"))
            .isEqualTo("dev.plux.processor.PluginIndexProcessor\n");
        assertThat(resource(loader, "META-INF/gradle/incremental.annotation.processors"))
            .isEqualTo("dev.plux.processor.PluginIndexProcessor,aggregating\n");
        assertThat(java.util.ServiceLoader.load(javax.annotation.processing.Processor.class, loader).stream()
            .map(java.util.ServiceLoader.Provider::type))
            .contains(PluginIndexProcessor.class);
    }

    private static String resource(ClassLoader loader, String name) throws IOException {
        try (var in = loader.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void assertSingleError(TestCompiler.Result result, String source, String elementLine,
            String... messageParts) {
        assertThat(result.success()).as(result.toString()).isFalse();
        assertThat(result.errors()).as(result.toString()).singleElement().satisfies((error) -> {
            assertThat(error.getMessage(Locale.ROOT)).contains(messageParts);
            assertThat(error.getLineNumber()).isEqualTo(lineOf(source, elementLine));
        });
        assertThat(result.indexFile()).doesNotExist();
    }
}
