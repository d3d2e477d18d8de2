package dev.plux.core;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.plux.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class PluginSpecResolverTest {

    private static final String NS = "test.ns";

    private static final String HOLDERS = Holders.class.getName();

    private final PluginSpecResolver resolver = new PluginSpecResolver();

    private final ClassLoader classLoader = getClass().getClassLoader();

    @TempDir
    Path directory;

    @Test
    void classNameResolvesToAClassFactory() throws Exception {
        PluginSpec spec = resolve("simple", SimplePlugin.class.getName());
        assertThat(spec.namespace()).isEqualTo(NS);
        assertThat(spec.name()).isEqualTo("simple");
        assertThat(spec.value()).isEqualTo(SimplePlugin.class.getName());
        assertThat(spec.factory()).isEqualTo(new ClassPluginFactory(SimplePlugin.class));
        assertThat(spec.factory().create()).isInstanceOf(SimplePlugin.class);
    }

    @Test
    void aClassThatIsNoPluginOfAnyCopyOfPluxCoreIsNotBlamedOnTheCopy() throws Exception {
        // a loader with its own plux-core: a class that implements neither copy's Plugin is simply no plugin, and
        // "remove plux-core from that loader" would not make it one
        Path classes = this.directory.resolve("copy-classes");
        TestFiles.compile(classes, Map.of("com.example.copy.NotAPlugin", "package com.example.copy;\n"
                + "public class NotAPlugin { }\n", "com.example.copy.CopyPlugin", "package com.example.copy;\n"
                + "public class CopyPlugin implements dev.plux.core.Plugin { }\n"));
        Path core = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (URLClassLoader copy = new URLClassLoader(new java.net.URL[] { TestFiles.url(classes),
            TestFiles.url(core) }, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> this.resolver.resolve(new EntryPoint(NS, "not", "com.example.copy.NotAPlugin",
                    null), copy)).hasMessageContaining("class com.example.copy.NotAPlugin does not implement"
                            + " dev.plux.core.Plugin")
                .hasMessageNotContaining("own copy");
            assertThatThrownBy(() -> this.resolver.resolve(new EntryPoint(NS, "copied", "com.example.copy.CopyPlugin",
                    null), copy)).hasMessageContaining("has its own copy of plux-core");
        }
    }

    @Test
    @Timeout(30)
    void aDottedNameOfTwentyThousandSegmentsIsCheckedWithoutRecursion() {
        String name = "a.".repeat(20_000) + "Plugin";
        assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> resolve("long", name));
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("long", name + ".:member"))
            .withMessageContaining("not a binary class name");
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("long", "a..b"))
            .withMessageContaining("not a binary class name");
    }

    @Test
    void formatCharactersAreEscapedInMessages() {
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("bidi\u202e", "1bad\u2028"))
            .satisfies((ex) -> assertThat(ex.getMessage()).contains("bidi\\u202e", "1bad\\u2028")
                .doesNotContain("\u202e", "\u2028"));
    }

    @Test
    void aFormatCharacterOutsideTheBasicMultilingualPlaneIsEscapedAsItsSurrogatePairAsEveryMessageEscapesIt() {
        // a tag character (U+E0001): "\\ue0001" would read as U+E000 followed by '1'; the index reader's and the
        // processor's messages write the two halves, and so must this one
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("tag\udb40\udc01", "1bad"))
            .satisfies((ex) -> assertThat(ex.getMessage()).contains("tag\\udb40\\udc01")
                .doesNotContain("\udb40", "\\ue0001"));
    }

    @Test
    void aLongValueIsQuotedAtMost200CharactersInTheMessage() {
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("long", "x-".repeat(500)))
            .satisfies((ex) -> assertThat(ex.getMessage()).contains("x-".repeat(100) + "...[800 more characters]")
                .hasSizeLessThan(400));
    }

    @Test
    void aValueOfExactly200CharactersIsQuotedWholeWithoutACutMarker() {
        String value = "x-".repeat(100);
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("exact", value))
            .satisfies((ex) -> assertThat(ex.getMessage()).contains(" = " + value + ": ")
                .doesNotContain("more characters"));
    }

    @Test
    void nestedClassIsNamedWithItsBinaryName() throws Exception {
        PluginSpec spec = resolve("inner", Outer.Inner.class.getName());
        assertThat(Outer.Inner.class.getName()).endsWith("$Outer$Inner");
        assertThat(spec.factory()).isEqualTo(new ClassPluginFactory(Outer.Inner.class));
    }

    @Test
    void surroundingWhitespaceOfTheValueIsIgnored() throws Exception {
        PluginSpec spec = resolve("simple", "  " + SimplePlugin.class.getName() + " ");
        assertThat(spec.value()).isEqualTo(SimplePlugin.class.getName());
    }

    @Test
    void classWhoseConstructorTakesArgumentsResolvesAndFailsOnlyWhenCreated() throws Exception {
        PluginSpec spec = resolve("needsBeans", NeedsBeans.class.getName());
        assertThatThrownBy(() -> spec.factory().create()).isInstanceOf(PluginException.class)
            .hasMessageContaining("no public no-argument constructor")
            .hasMessageContaining("Spring layer");
    }

    @Test
    void fieldHoldingASpecResolvesToThatSpecWithTheEntryPointValue() throws Exception {
        PluginSpec spec = resolve("fromSpecField", HOLDERS + ":SPEC");
        assertThat(spec).isEqualTo(Holders.SPEC);
        assertThat(spec.value()).isEqualTo(HOLDERS + ":SPEC");
        assertThat(spec.factory()).isSameAs(Holders.SPEC.factory());
    }

    @Test
    void fieldHoldingAFactoryResolvesToThatFactory() throws Exception {
        PluginSpec spec = resolve("fromFactory", HOLDERS + ":FACTORY");
        assertThat(spec.factory()).isSameAs(Holders.FACTORY);
        assertThat(spec.value()).isEqualTo(HOLDERS + ":FACTORY");
        assertThat(spec.factory().create()).isInstanceOf(SimplePlugin.class);
    }

    @Test
    void methodReturningAPluginBecomesTheFactory() throws Exception {
        PluginSpec spec = resolve("made", HOLDERS + ":makePlugin");
        Plugin first = spec.factory().create();
        Plugin second = spec.factory().create();
        assertThat(first).isInstanceOf(SimplePlugin.class).isNotSameAs(second);
        assertThat(spec.value()).isEqualTo(HOLDERS + ":makePlugin");
    }

    @Test
    void methodReturningAPluginThatThrowsFailsWhenCreated() throws Exception {
        PluginSpec spec = resolve("failing", HOLDERS + ":failingPlugin");
        assertThatThrownBy(() -> spec.factory().create()).isInstanceOf(IllegalStateException.class)
            .hasMessage("cannot make it");
    }

    @Test
    void methodReturningNullFailsWhenCreatedSayingWhatToReturnInstead() throws Exception {
        PluginSpec spec = resolve("nullPlugin", HOLDERS + ":nullPlugin");
        assertThatThrownBy(() -> spec.factory().create()).isInstanceOf(PluginException.class)
            .hasMessage("method " + HOLDERS + ".nullPlugin() returned null; a factory must return a plugin (to leave"
                    + " it out, throw PluginDisabled or return one whose shouldLoad() is false)");
    }

    @Test
    void methodReturningASpecIsCalledWhileResolving() throws Exception {
        PluginSpec spec = resolve("fromSpecMethod", HOLDERS + ":specMethod");
        assertThat(spec.namespace()).isEqualTo(NS);
        assertThat(spec.name()).isEqualTo("fromSpecMethod");
        assertThat(spec.value()).isEqualTo(HOLDERS + ":specMethod");
        assertThat(spec.factory().create()).isInstanceOf(SimplePlugin.class);
    }

    @Test
    void pluginFunctionBecomesAFunctionPlugin() throws Exception {
        PluginSpec spec = resolve("hello", HOLDERS + ":hello");
        Plugin plugin = spec.factory().create();
        assertThat(plugin).isInstanceOfSatisfying(FunctionPlugin.class, (function) -> {
            assertThat(function.namespace()).isEqualTo(NS);
            assertThat(function.name()).isEqualTo("hello");
            assertThat(function.shouldLoad()).isTrue();
        });
        assertThat(((FunctionPlugin) plugin).invoke("you")).isEqualTo("hello you");
    }

    @Test
    void pluginFunctionWithShouldLoadTakesItsCondition() throws Exception {
        PluginSpec spec = resolve("never", HOLDERS + ":never");
        assertThat(spec.factory().create().shouldLoad()).isFalse();
    }

    @Test
    void pluginFunctionWithAMissingConditionFailsResolution() {
        assertThatThrownBy(() -> resolve("typo", HOLDERS + ":typo")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("doesNotExist");
    }

    @Test
    void unknownClassFailsWithClassNotFound() {
        assertThatExceptionOfType(ClassNotFoundException.class)
            .isThrownBy(() -> resolve("missing", "com.example.DoesNotExist"))
            .withMessageContaining("com.example.DoesNotExist");
    }

    @Test
    void unknownClassOfAMemberFailsWithClassNotFound() {
        assertThatExceptionOfType(ClassNotFoundException.class)
            .isThrownBy(() -> resolve("missing", "com.example.DoesNotExist:member"));
    }

    @Test
    void classThatIsNotAPluginIsRejected() {
        assertThatThrownBy(() -> resolve("string", "java.lang.String")).isInstanceOfSatisfying(PluginException.class,
                (ex) -> {
                    assertThat(ex).hasMessageContaining("test.ns:string = java.lang.String")
                        .hasMessageContaining("does not implement dev.plux.core.Plugin");
                    assertThat(ex.namespace()).isEqualTo(NS);
                    assertThat(ex.name()).isEqualTo("string");
                });
    }

    @Test
    void abstractClassIsRejected() {
        assertThatThrownBy(() -> resolve("abstract", AbstractPlugin.class.getName()))
            .isInstanceOf(PluginException.class)
            .hasMessageContaining("is abstract");
    }

    @Test
    void interfaceIsRejected() {
        assertThatThrownBy(() -> resolve("interface", Plugin.class.getName())).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("interface " + Plugin.class.getName() + " is an interface; name a concrete class"
                    + " implementing it");
    }

    @Test
    void nonPublicClassIsRejected() {
        assertThatThrownBy(() -> resolve("hidden", HiddenPlugin.class.getName())).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("class " + HiddenPlugin.class.getName() + " is not public; make it public (plux"
                    + " creates plugins from another package)");
    }

    @Test
    void missingMemberIsRejected() {
        assertThatThrownBy(() -> resolve("missing", HOLDERS + ":nothingHere")).isInstanceOf(PluginException.class)
            .hasMessageContaining(HOLDERS + " has no public static field nothingHere");
    }

    @Test
    void nonStaticMemberIsTreatedAsMissing() {
        assertThatThrownBy(() -> resolve("instance", HOLDERS + ":instanceMethod")).isInstanceOf(PluginException.class)
            .hasMessageContaining("has no public static field instanceMethod");
    }

    @Test
    void aMemberOfAClassPluxCannotReachFailsResolutionSayingToMakeTheClassPublic() {
        String holder = "dev.plux.PackagePrivateHolder";
        for (String member : new String[] { "make", "FACTORY", "function" }) {
            assertThatThrownBy(() -> resolve(member, holder + ":" + member)).isInstanceOf(PluginException.class)
                .hasMessageEndingWith(": " + holder + "." + member + " is declared in class " + holder + ", which is"
                        + " not public: plux cannot call or read it from another package; make " + holder + " public");
        }
    }

    @Test
    void aMemberThatExistsButCannotBeUsedIsNamedWithWhatToChange() {
        assertThatThrownBy(() -> resolve("instance", HOLDERS + ":instanceMethod")).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("; but method " + HOLDERS + ".instanceMethod() is not static: make it public static");
        assertThatThrownBy(() -> resolve("private", HOLDERS + ":privateFactory")).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("; but method " + HOLDERS + ".privateFactory() is not public: make it public static");
        assertThatThrownBy(() -> resolve("fn", HOLDERS + ":privateFunction")).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("; but method " + HOLDERS + ".privateFunction() is neither public nor static:"
                    + " make it public static");
        assertThatThrownBy(() -> resolve("field", HOLDERS + ":hiddenFactory")).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("; but field " + HOLDERS + ".hiddenFactory is neither public nor static:"
                    + " make it public static");
        assertThatThrownBy(() -> resolve("args", HOLDERS + ":withArguments")).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("; but method " + HOLDERS + ".withArguments(java.lang.String) takes arguments: a"
                    + " factory method takes none (a method called with arguments is a @PluginFunction)");
        // what is missing altogether keeps the message as it was
        assertThatThrownBy(() -> resolve("missing", HOLDERS + ":nothingHere")).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("and no public static @PluginFunction method nothingHere");
        // Object's methods are no member the user can change (nor hide with a static one): missing as well
        assertThatThrownBy(() -> resolve("hash", HOLDERS + ":hashCode")).isInstanceOf(PluginException.class)
            .hasMessageEndingWith("and no public static @PluginFunction method hashCode");
    }

    @Test
    void fieldOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> resolve("text", HOLDERS + ":TEXT")).isInstanceOf(PluginException.class)
            .hasMessageContaining("holds a java.lang.String, not a PluginSpec or PluginFactory");
    }

    @Test
    void fieldHoldingNullIsRejected() {
        assertThatThrownBy(() -> resolve("nothing", HOLDERS + ":NOTHING")).isInstanceOf(PluginException.class)
            .hasMessageContaining("holds null");
    }

    @Test
    void methodOfTheWrongReturnTypeIsRejected() {
        assertThatThrownBy(() -> resolve("text", HOLDERS + ":textMethod")).isInstanceOf(PluginException.class)
            .hasMessageContaining("returns java.lang.String, not a Plugin or PluginSpec");
    }

    @Test
    void methodReturningANullSpecIsRejected() {
        assertThatThrownBy(() -> resolve("nullSpec", HOLDERS + ":nullSpec")).isInstanceOf(PluginException.class)
            .hasMessageContaining("returned null");
    }

    @Test
    void specWithAnotherNameIsRejectedNamingBoth() {
        assertThatThrownBy(() -> resolve("declared", HOLDERS + ":SPEC")).isInstanceOf(PluginException.class)
            .hasMessageContaining("the PluginSpec it holds is test.ns:fromSpecField")
            .hasMessageContaining("the entry point declares test.ns:declared");
    }

    @Test
    void aLongDeclaredNameIsQuotedAtMost200CharactersWhenTheSpecNamesAnotherPlugin() {
        // SPEC: messages quote at most 200 characters of any text from a file; a declared name may have 255
        String name = "n".repeat(255);
        assertThatThrownBy(() -> resolve(name, HOLDERS + ":SPEC")).isInstanceOf(PluginException.class)
            .hasMessageContaining("the entry point declares test.ns:" + "n".repeat(200) + "...[55 more characters]")
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("n".repeat(201)));
    }

    @Test
    void specWithAnotherNamespaceIsRejectedNamingBoth() {
        EntryPoint entryPoint = new EntryPoint("other.ns", "fromSpecField", HOLDERS + ":SPEC", null);
        assertThatThrownBy(() -> this.resolver.resolve(entryPoint, this.classLoader))
            .isInstanceOf(PluginException.class)
            .hasMessageContaining("test.ns:fromSpecField")
            .hasMessageContaining("other.ns:fromSpecField");
    }

    @Test
    void malformedValuesAreRejected() {
        for (String value : new String[] { "", "not a class", "com..Foo", "com.Foo:", ":member", "com.Foo:a:b",
                "com.Foo:a.b", "1com.Foo", "com/Foo", "com.Foo # comment", "com.Foo ; comment", "com.Foo#x",
                "com.Foo [extra]", "com.Foo:make [extra1, extra2]", "com.Foo:make:more" }) {
            assertThatThrownBy(() -> resolve("bad", value)).as(value)
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("it is not a binary class name or class:member");
        }
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        EntryPoint entryPoint = new EntryPoint("n\u001bs", "na\nme", "com.x.\u0007Bell", null);
        assertThatThrownBy(() -> this.resolver.resolve(entryPoint, this.classLoader))
            .isInstanceOf(PluginException.class)
            .hasMessageContaining("n\\u001bs:na\\u000ame = com.x.\\u0007Bell")
            .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\u001b", "\n", "\u0007"));
    }

    @Test
    void controlCharacterInsideAClassNameIsMalformedRatherThanLookedUp() {
        // Character.isJavaIdentifierPart accepts BEL (U+0007), so only an explicit check keeps it out of Class.forName
        for (String value : new String[] { "com.x.B\u0007ell", "com.x.Foo:me\u0000mber" }) {
            assertThatThrownBy(() -> resolve("bell", value)).as(value)
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("it is not a binary class name or class:member")
                .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\u0007", "\u0000"));
        }
    }

    @Test
    void plainClassEntryDoesNotRunTheStaticInitializer() throws Exception {
        String property = compileTracked("NotInitialized");
        try (URLClassLoader loader = TestFiles.classLoader(this.directory)) {
            PluginSpec spec = this.resolver.resolve(new EntryPoint(NS, "tracked", "gen.NotInitialized", null), loader);
            assertThat(System.getProperty(property)).isNull();
            assertThat(((ClassPluginFactory) spec.factory()).pluginClass().getClassLoader()).isSameAs(loader);
            spec.factory().create();
            assertThat(System.getProperty(property)).isEqualTo("initialized");
        }
        finally {
            System.clearProperty(property);
        }
    }

    @Test
    void memberEntryRunsTheStaticInitializer() throws Exception {
        String property = compileTracked("Initialized");
        try (URLClassLoader loader = TestFiles.classLoader(this.directory)) {
            this.resolver.resolve(new EntryPoint(NS, "tracked", "gen.Initialized:create", null), loader);
            assertThat(System.getProperty(property)).isEqualTo("initialized");
        }
        finally {
            System.clearProperty(property);
        }
    }

    @Test
    void failingStaticInitializerOfAMemberEntryIsThrown() throws Exception {
        TestFiles.compile(this.directory, Map.of("gen.Exploding", """
                package gen;
                public class Exploding implements dev.plux.core.Plugin {
                    static { if (true) throw new IllegalStateException("boom in static init"); }
                    public static dev.plux.core.Plugin create() { return new Exploding(); }
                }
                """));
        try (URLClassLoader loader = TestFiles.classLoader(this.directory)) {
            assertThatExceptionOfType(ExceptionInInitializerError.class)
                .isThrownBy(() -> this.resolver.resolve(new EntryPoint(NS, "x", "gen.Exploding:create", null), loader))
                .havingCause()
                .withMessage("boom in static init");
        }
    }

    @Test
    void classThatCannotBeLinkedIsThrownAsALinkageError() throws Exception {
        TestFiles.compile(this.directory, Map.of("gen.Base", """
                package gen;
                public abstract class Base implements dev.plux.core.Plugin {
                }
                """, "gen.Dependent", """
                package gen;
                public class Dependent extends Base {
                    public static dev.plux.core.Plugin create() { return new Dependent(); }
                }
                """));
        Files.delete(this.directory.resolve("gen/Base.class"));
        try (URLClassLoader loader = TestFiles.classLoader(this.directory)) {
            assertThatExceptionOfType(NoClassDefFoundError.class)
                .isThrownBy(() -> this.resolver.resolve(new EntryPoint(NS, "x", "gen.Dependent", null), loader))
                .withMessageContaining("gen/Base");
            assertThatExceptionOfType(NoClassDefFoundError.class).isThrownBy(
                    () -> this.resolver.resolve(new EntryPoint(NS, "x", "gen.Dependent:create", null), loader));
        }
    }

    /** Compiles {@code gen.<name>}, whose static initializer sets a system property; returns the property. */
    private String compileTracked(String name) throws IOException {
        String property = "plux.test." + name + "." + System.nanoTime();
        TestFiles.compile(this.directory, Map.of("gen." + name, """
                package gen;
                public class %1$s implements dev.plux.core.Plugin {
                    static { System.setProperty("%2$s", "initialized"); }
                    public static dev.plux.core.Plugin create() { return new %1$s(); }
                }
                """.formatted(name, property)));
        return property;
    }

    private PluginSpec resolve(String name, String value) throws Exception {
        return this.resolver.resolve(new EntryPoint(NS, name, value, null), this.classLoader);
    }

    public static class SimplePlugin implements Plugin {
    }

    public abstract static class AbstractPlugin implements Plugin {
    }

    static class HiddenPlugin implements Plugin {
    }

    public static class NeedsBeans implements Plugin {

        public NeedsBeans(String bean) {
        }
    }

    public static class Outer {

        public static class Inner implements Plugin {
        }
    }

    public static class Holders {

        public static final PluginSpec SPEC = new PluginSpec(NS, "fromSpecField", SimplePlugin::new);

        public static final PluginFactory FACTORY = SimplePlugin::new;

        public static final String TEXT = "not a plugin";

        public static final PluginFactory NOTHING = null;

        public static Plugin makePlugin() {
            return new SimplePlugin();
        }

        public static Plugin nullPlugin() {
            return null;
        }

        public static Plugin failingPlugin() {
            throw new IllegalStateException("cannot make it");
        }

        public static PluginSpec specMethod() {
            return PluginSpec.of(NS, "fromSpecMethod", SimplePlugin.class);
        }

        public static PluginSpec nullSpec() {
            return null;
        }

        public static String textMethod() {
            return "text";
        }

        public Plugin instanceMethod() {
            return new SimplePlugin();
        }

        private static Plugin privateFactory() {
            return new SimplePlugin();
        }

        @PluginFunction(namespace = NS)
        void privateFunction() {
        }

        private final PluginFactory hiddenFactory = SimplePlugin::new;

        public static Plugin withArguments(String argument) {
            return new SimplePlugin();
        }

        @PluginFunction(namespace = NS)
        public static String hello(String who) {
            return "hello " + who;
        }

        @PluginFunction(namespace = NS, shouldLoad = "no")
        public static void never() {
        }

        public static boolean no() {
            return false;
        }

        @PluginFunction(namespace = NS, shouldLoad = "doesNotExist")
        public static void typo() {
        }
    }
}
