package dev.plux.processor;

import java.io.IOException;
import java.nio.file.Path;

import javax.tools.Diagnostic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.plux.processor.TestCompiler.compile;
import static dev.plux.processor.TestCompiler.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kotlin plugins as kapt hands them to the processor: Java stubs shaped like the Kotlin compiler's bytecode (copied
 * from the stubs kapt 2.2.21 wrote for the Kotlin trial), with stand-ins for the Kotlin annotations they carry.
 */
@Timeout(60)
class KotlinStubsTest {

    private static final String METADATA = """
            package kotlin;

            public @interface Metadata {
                int k() default 1;
            }
            """;

    private static final String JVM_STATIC = """
            package kotlin.jvm;

            public @interface JvmStatic {
            }
            """;

    private static final String JVM_OVERLOADS = """
            package kotlin.jvm;

            public @interface JvmOverloads {
            }
            """;

    private static final String CONTINUATION = """
            package kotlin.coroutines;

            public interface Continuation<T> {
            }
            """;

    private static final String GREETER = """
            package com.example;

            import dev.plux.core.Plugin;
            import dev.plux.core.PluginNamespace;

            @PluginNamespace("kt.greeters")
            public interface Greeter extends Plugin {
            }
            """;

    @TempDir
    Path output;

    @Test
    void aJvmStaticFunctionOfACompanionObjectIsIndexedOnceAsTheOuterClassesStaticMethod() throws IOException {
        // Kotlin: class FactoryHolder { companion object { @JvmStatic @PluginName(...) fun create(): Plugin = ...
        // and @JvmStatic @PluginFunction(...) fun hello() = ... } }: both annotations are on both copies
        String holder = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginFunction;
                import dev.plux.core.PluginName;

                @kotlin.Metadata()
                public final class FactoryHolder {
                    public static final com.example.FactoryHolder.Companion Companion = null;

                    public FactoryHolder() {
                    }

                    @kotlin.jvm.JvmStatic()
                    @PluginName(value = "companion-static", namespace = "kt.greeters")
                    public static final Plugin create() {
                        return null;
                    }

                    @kotlin.jvm.JvmStatic()
                    @PluginFunction(namespace = "kt.functions")
                    public static final String hello() {
                        return null;
                    }

                    @kotlin.Metadata()
                    public static final class Companion {

                        private Companion() {
                        }

                        @kotlin.jvm.JvmStatic()
                        @PluginName(value = "companion-static", namespace = "kt.greeters")
                        public final Plugin create() {
                            return null;
                        }

                        @kotlin.jvm.JvmStatic()
                        @PluginFunction(namespace = "kt.functions")
                        public final String hello() {
                            return null;
                        }
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, JVM_STATIC, holder);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).as(result.toString()).isEmpty();
        assertThat(result.index()).endsWith("[kt.functions]\nhello = com.example.FactoryHolder:hello\n\n"
                + "[kt.greeters]\ncompanion-static = com.example.FactoryHolder:create\n");
    }

    @Test
    void theGetterOfAJvmStaticPropertyOfACompanionObjectIsIndexedOnceAsTheOuterClassesStaticMethod()
            throws IOException {
        // Kotlin: class GetterHolder { companion object { @JvmStatic @get:PluginName(...) val plugin: Plugin
        // get() = ... } }: kapt puts @JvmStatic on the synthetic getPlugin$annotations(), not on the getter's copy
        String holder = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @kotlin.Metadata()
                public final class GetterHolder {
                    public static final com.example.GetterHolder.Companion Companion = null;

                    @PluginName(value = "static-getter", namespace = "kt.greeters")
                    public static final Plugin getPlugin() {
                        return null;
                    }

                    @kotlin.Metadata()
                    public static final class Companion {

                        private Companion() {
                        }

                        @PluginName(value = "static-getter", namespace = "kt.greeters")
                        public final Plugin getPlugin() {
                            return null;
                        }

                        @kotlin.jvm.JvmStatic()
                        @java.lang.Deprecated()
                        public static void getPlugin$annotations() {
                        }
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, JVM_STATIC, holder);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).endsWith("[kt.greeters]\nstatic-getter = com.example.GetterHolder:getPlugin\n");
    }

    @Test
    void anInstanceMethodOfAKotlinNestedObjectIsNotTakenForACompanionsCopy() throws IOException {
        // Kotlin: class Two { companion object { @JvmStatic @PluginName(...) fun create() }
        // object Other { @PluginName(...) fun create() } }: Other is no companion, its create() is not static
        String holder = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @kotlin.Metadata()
                public final class Two {
                    public static final com.example.Two.Companion Companion = null;

                    @kotlin.jvm.JvmStatic()
                    @PluginName(value = "two", namespace = "kt.greeters")
                    public static final Plugin create() {
                        return null;
                    }

                    @kotlin.Metadata()
                    public static final class Companion {

                        private Companion() {
                        }

                        @kotlin.jvm.JvmStatic()
                        @PluginName(value = "two", namespace = "kt.greeters")
                        public final Plugin create() {
                            return null;
                        }
                    }

                    @kotlin.Metadata()
                    public static final class Other {
                        public static final com.example.Two.Other INSTANCE = null;

                        private Other() {
                        }

                        @PluginName(value = "other", namespace = "kt.greeters")
                        public final Plugin create() {
                            return null;
                        }
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, JVM_STATIC, holder);

        assertThat(result.errorMessages()).containsExactly("@PluginName(\"other\") method com.example.Two.Other"
                + ".create() is not static: a factory method must be public static; in Kotlin, annotate the function"
                + " @JvmStatic (without it, a function of an object or companion object is an instance method of the"
                + " singleton)");
    }

    @Test
    void anInstanceMethodOfAJavaCompanionClassIsCheckedWhateverItsAnnotations() throws IOException {
        // Java, no @kotlin.Metadata: a nested class named Companion, @kotlin.jvm.JvmStatic on its instance method and
        // an unannotated static method of that name outside; nothing but the instance method can be the entry
        String holder = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public final class JavaHolder {

                    public static Plugin create() {
                        return null;
                    }

                    public static final class Companion {

                        @kotlin.jvm.JvmStatic
                        @PluginName(value = "java-companion", namespace = "java.greeters")
                        public Plugin create() {
                            return null;
                        }
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, JVM_STATIC, holder);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).singleElement().satisfies((error) -> {
            assertThat(error.getLineNumber()).isEqualTo(lineOf(holder, "public Plugin create()"));
            assertThat(error.getMessage(null)).isEqualTo("@PluginName(\"java-companion\") method"
                    + " com.example.JavaHolder.Companion.create() is not static: a factory method must be public"
                    + " static");
        });
    }

    @Test
    void aKotlinObjectIsAnErrorThatSaysWhatToWriteInKotlin() throws IOException {
        // Kotlin: @PluginName("singleton") object SingletonGreeter : Greeter
        String singleton = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName(value = "singleton")
                @kotlin.Metadata()
                public final class SingletonGreeter implements com.example.Greeter {
                    public static final com.example.SingletonGreeter INSTANCE = null;

                    private SingletonGreeter() {
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, GREETER, singleton);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).singleElement().satisfies((error) -> {
            assertThat(error.getLineNumber()).isEqualTo(lineOf(singleton, "public final class SingletonGreeter"));
            assertThat(error.getMessage(null)).isEqualTo("@PluginName(\"singleton\") object"
                    + " com.example.SingletonGreeter: plux creates a class plugin through a public constructor, and a"
                    + " Kotlin object has none (its only instance is SingletonGreeter.INSTANCE); declare it as a class"
                    + " (class SingletonGreeter),"
                    + " or move the annotation to a function of the object that hands the instance out: @JvmStatic"
                    + " @PluginName(value = \"singleton\", namespace = \"kt.greeters\") fun plugin(): Plugin = this");
        });
        assertThat(result.indexFile()).doesNotExist();
    }

    @Test
    void aKotlinClassWithAnInstanceInItsCompanionIsNotCalledAnObject() throws IOException {
        // Kotlin: @PluginName("held") class HeldGreeter private constructor() : Greeter {
        // companion object { @JvmField val INSTANCE = HeldGreeter() } }: a class, the companion's field moved out
        String held = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName(value = "held")
                @kotlin.Metadata()
                public final class HeldGreeter implements com.example.Greeter {
                    public static final com.example.HeldGreeter INSTANCE = null;
                    public static final com.example.HeldGreeter.Companion Companion = null;

                    private HeldGreeter() {
                    }

                    @kotlin.Metadata()
                    public static final class Companion {

                        private Companion() {
                        }
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, GREETER, held);

        assertThat(result.errorMessages()).containsExactly("@PluginName(\"held\") class com.example.HeldGreeter has no"
                + " public constructor: plux creates a class plugin through a public constructor; add one, or expose"
                + " the plugin through a @PluginName public static factory method");
    }

    @Test
    void aJavaSingletonKeepsTheJavaMessage() throws IOException {
        String singleton = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName(value = "singleton")
                public final class SingletonGreeter implements com.example.Greeter {
                    public static final com.example.SingletonGreeter INSTANCE = new SingletonGreeter();

                    private SingletonGreeter() {
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, GREETER, singleton);

        assertThat(result.errorMessages()).singleElement()
            .satisfies((message) -> assertThat(message).contains("has no public constructor")
                .doesNotContain("Kotlin"));
    }

    @Test
    void aFunctionOfACompanionOrObjectWithoutJvmStaticIsAnErrorThatNamesJvmStatic() throws IOException {
        // Kotlin: companion object { @PluginName(...) fun create(): Plugin } and object Factories { same }
        String holder = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @kotlin.Metadata()
                public final class CompanionPlain {
                    public static final com.example.CompanionPlain.Companion Companion = null;

                    @kotlin.Metadata()
                    public static final class Companion {

                        private Companion() {
                        }

                        @PluginName(value = "companion-plain", namespace = "kt.greeters")
                        public final Plugin create() {
                            return null;
                        }
                    }
                }
                """;
        String object = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @kotlin.Metadata()
                public final class ObjectFactories {
                    public static final com.example.ObjectFactories INSTANCE = null;

                    private ObjectFactories() {
                    }

                    @PluginName(value = "object-plain", namespace = "kt.greeters")
                    public final Plugin createPlain() {
                        return null;
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, holder, object);

        assertThat(result.errorMessages()).containsExactlyInAnyOrder(
                "@PluginName(\"companion-plain\") method com.example.CompanionPlain.Companion.create() is not static:"
                        + " a factory method must be public static; in Kotlin, annotate the function @JvmStatic"
                        + " (without it, a function of an object or companion object is an instance method of the"
                        + " singleton)",
                "@PluginName(\"object-plain\") method com.example.ObjectFactories.createPlain() is not static:"
                        + " a factory method must be public static; in Kotlin, annotate the function @JvmStatic"
                        + " (without it, a function of an object or companion object is an instance method of the"
                        + " singleton)");
    }

    @Test
    void aPropertyWithoutJvmFieldIsAnErrorThatNamesJvmField() throws IOException {
        // Kotlin: companion object { @PluginName(...) val FACTORY: PluginFactory = ... } and
        // @get:PluginName(...) val GETTER: PluginFactory = ...
        String holder = """
                package com.example;

                import dev.plux.core.PluginFactory;
                import dev.plux.core.PluginName;

                @kotlin.Metadata()
                public final class CompanionVal {
                    @PluginName(value = "companion-val", namespace = "kt.greeters")
                    private static final PluginFactory FACTORY = null;
                    private static final PluginFactory GETTER = null;
                    public static final com.example.CompanionVal.Companion Companion = null;

                    @kotlin.Metadata()
                    public static final class Companion {

                        private Companion() {
                        }

                        public final PluginFactory getFACTORY() {
                            return null;
                        }

                        @PluginName(value = "companion-getter", namespace = "kt.greeters")
                        public final PluginFactory getGETTER() {
                            return null;
                        }
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, holder);

        assertThat(result.errorMessages()).contains(
                "@PluginName(\"companion-val\") field com.example.CompanionVal.FACTORY is not public: a factory field"
                        + " must be public static; in Kotlin, annotate the property @JvmField (without it, its field"
                        + " is private and read through a getter)",
                "@PluginName(\"companion-getter\") method com.example.CompanionVal.Companion.getGETTER() returns"
                        + " dev.plux.core.PluginFactory: a factory method must return a dev.plux.core.Plugin or a"
                        + " dev.plux.core.PluginSpec; in Kotlin, a PluginFactory property is read as a field:"
                        + " annotate the property @JvmField and put @PluginName on it without a use-site target such"
                        + " as @get:");
        // the getter is not static either, but @JvmStatic would not help: that error gives no such advice
        assertThat(result.errorMessages()).filteredOn((message) -> message.contains("getGETTER() is not static"))
            .singleElement()
            .satisfies((message) -> assertThat(message).doesNotContain("@JvmStatic"));
    }

    @Test
    void aFunctionReturningAPluginFactoryIsNotToldAboutProperties() throws IOException {
        // Kotlin: companion object { @JvmStatic @PluginName(...) fun factory(): PluginFactory = ... and the same
        // without @JvmStatic }: functions, not properties, so no @JvmField or @get: to remove
        String holder = """
                package com.example;

                import dev.plux.core.PluginFactory;
                import dev.plux.core.PluginName;

                @kotlin.Metadata()
                public final class FactoryFunctions {
                    public static final com.example.FactoryFunctions.Companion Companion = null;

                    @kotlin.jvm.JvmStatic()
                    @PluginName(value = "static-factory", namespace = "kt.greeters")
                    public static final PluginFactory factory() {
                        return null;
                    }

                    @kotlin.Metadata()
                    public static final class Companion {

                        private Companion() {
                        }

                        @kotlin.jvm.JvmStatic()
                        @PluginName(value = "static-factory", namespace = "kt.greeters")
                        public final PluginFactory factory() {
                            return null;
                        }

                        @PluginName(value = "plain-factory", namespace = "kt.greeters")
                        public final PluginFactory plainFactory() {
                            return null;
                        }
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, JVM_STATIC, holder);

        assertThat(result.errorMessages()).containsExactlyInAnyOrder(
                "@PluginName(\"static-factory\") method com.example.FactoryFunctions.factory() returns"
                        + " dev.plux.core.PluginFactory: a factory method must return a dev.plux.core.Plugin or a"
                        + " dev.plux.core.PluginSpec",
                "@PluginName(\"plain-factory\") method com.example.FactoryFunctions.Companion.plainFactory() is not"
                        + " static: a factory method must be public static; in Kotlin, annotate the function"
                        + " @JvmStatic (without it, a function of an object or companion object is an instance method"
                        + " of the singleton)",
                "@PluginName(\"plain-factory\") method com.example.FactoryFunctions.Companion.plainFactory() returns"
                        + " dev.plux.core.PluginFactory: a factory method must return a dev.plux.core.Plugin or a"
                        + " dev.plux.core.PluginSpec");
    }

    @Test
    void aFunctionWithJvmOverloadsIsAnErrorThatSaysToRemoveIt() throws IOException {
        // Kotlin: @PluginFunction(namespace = "kt.functions") @JvmOverloads fun greet(greeting: String = "hi") = ...
        String facade = """
                package com.example;

                import dev.plux.core.PluginFunction;

                @kotlin.Metadata()
                public final class TopLevelKt {

                    @PluginFunction(namespace = "kt.functions")
                    @kotlin.jvm.JvmOverloads()
                    public static final String greet() {
                        return null;
                    }

                    @PluginFunction(namespace = "kt.functions")
                    @kotlin.jvm.JvmOverloads()
                    public static final String greet(String greeting) {
                        return null;
                    }
                }
                """;
        TestCompiler.Result result = compile(this.output, METADATA, JVM_OVERLOADS, facade);

        assertThat(result.errorMessages()).hasSize(2)
            .allSatisfy((message) -> assertThat(message).isEqualTo("@PluginFunction method com.example.TopLevelKt"
                    + ".greet(): com.example.TopLevelKt has another public static @PluginFunction method named 'greet',"
                    + " and the runtime could take either; in Kotlin, remove @JvmOverloads: the overloads it adds"
                    + " carry the annotation too, and the index names a member by its name alone"));
    }

    @Test
    void aFunctionWithJvmOverloadsBehindAFieldOfItsNameIsToldAboutTheField() throws IOException {
        // Kotlin: @JvmField val greet = PluginFactory { ... } and @PluginFunction @JvmOverloads fun greet(g: String =
        // "hi") in one file: the field comes first whatever the overloads, so removing @JvmOverloads is no fix
        String facade = """
                package com.example;

                import dev.plux.core.PluginFactory;
                import dev.plux.core.PluginFunction;

                @kotlin.Metadata()
                public final class FieldFirstKt {
                    public static final PluginFactory greet = null;

                    @PluginFunction(namespace = "kt.functions")
                    @kotlin.jvm.JvmOverloads()
                    public static final String greet() {
                        return null;
                    }

                    @PluginFunction(namespace = "kt.functions")
                    @kotlin.jvm.JvmOverloads()
                    public static final String greet(String greeting) {
                        return null;
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, JVM_OVERLOADS, facade);

        assertThat(result.errorMessages()).hasSize(2)
            .allSatisfy((message) -> assertThat(message).isEqualTo("@PluginFunction method com.example.FieldFirstKt"
                    + ".greet(): com.example.FieldFirstKt has a public static field named 'greet', which the runtime"
                    + " takes before this method; the index names a member by its name alone: give this member a"
                    + " name of its own"));
    }

    @Test
    void aKotlinEnumClassIsAnErrorThatShowsTheFactoryInKotlin() throws IOException {
        // Kotlin: @PluginName("enum") enum class EnumGreeter : Greeter { ONE }
        String greeter = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName(value = "enum")
                @kotlin.Metadata()
                public enum EnumGreeter implements com.example.Greeter {
                    ONE;
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, GREETER, greeter);

        assertThat(result.errorMessages()).containsExactly("@PluginName(\"enum\") enum com.example.EnumGreeter: plux"
                + " cannot create an enum constant (an enum's constructors are private); move the annotation to a"
                + " factory field that hands one out: companion object { @JvmField @PluginName(value = \"enum\","
                + " namespace = \"kt.greeters\") val FACTORY = PluginFactory { ONE } }");
    }

    @Test
    void aKotlinInnerClassIsAnErrorThatSaysToRemoveInner() throws IOException {
        // Kotlin: class Outer { @PluginName("inner") inner class InnerGreeter : Greeter }
        String outer = """
                package com.example;

                import dev.plux.core.PluginName;

                @kotlin.Metadata()
                public final class Outer {

                    @PluginName(value = "inner")
                    @kotlin.Metadata()
                    public final class InnerGreeter implements com.example.Greeter {
                        public InnerGreeter() {
                        }
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, METADATA, GREETER, outer);

        assertThat(result.errorMessages()).containsExactly("@PluginName(\"inner\") class com.example.Outer.InnerGreeter"
                + " is an inner class: plux cannot create it without an enclosing instance; in Kotlin, remove 'inner'"
                + " (a nested class without it is static)");
    }

    @Test
    void aJavaFunctionTakingAContinuationIsIndexed() throws IOException {
        // Java code may take a kotlin.coroutines.Continuation itself (its caller passes one to invoke): no suspend
        String java = """
                package com.example;

                import dev.plux.core.PluginFunction;

                public final class Resumer {

                    @PluginFunction(namespace = "java.functions")
                    public static Object resume(kotlin.coroutines.Continuation<? super String> continuation) {
                        return null;
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, CONTINUATION, java);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).endsWith("[java.functions]\nresume = com.example.Resumer:resume\n");
    }

    @Test
    void aSuspendFunctionIsAnErrorAsNoFunctionPluginCanCallIt() throws IOException {
        // Kotlin: @PluginFunction(namespace = "kt.functions") suspend fun suspended(): String = "..."
        String facade = """
                package com.example;

                import dev.plux.core.PluginFunction;

                @kotlin.Metadata()
                public final class TopLevelKt {

                    @PluginFunction(namespace = "kt.functions")
                    public static final Object suspended(kotlin.coroutines.Continuation<? super String> $completion) {
                        return null;
                    }
                }
                """;
        TestCompiler.Result result = compile(this.output, METADATA, CONTINUATION, facade);

        assertThat(result.success()).isFalse();
        assertThat(result.errorMessages()).containsExactly("@PluginFunction method com.example.TopLevelKt.suspended()"
                + " is a Kotlin suspend function: plux calls a function plugin as a plain method, and FunctionPlugin"
                + ".invoke cannot pass the kotlin.coroutines.Continuation it takes; declare the function without"
                + " suspend (runBlocking { ... } in it runs coroutines)");
    }
}
