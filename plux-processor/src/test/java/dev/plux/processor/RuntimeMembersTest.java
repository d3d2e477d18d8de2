package dev.plux.processor;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.core.PluginSpecResolver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.plux.processor.TestCompiler.compile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor's view of which member a {@code Class:member} entry names agrees with the runtime's
 * ({@link PluginSpecResolver}: {@code Class.getField}, then {@code Class.getMethods}): static interface methods are
 * not inherited, default methods are not static, and a static member hidden in a subclass is seen as reflection
 * sees it. Each case is compiled, then resolved by the runtime over the compiled classes.
 */
@Timeout(60)
class RuntimeMembersTest {

    private static final Pattern WARNED_PLUGIN = Pattern.compile("plugin '(\\w+)' in namespace 'ns'");

    private static final String PLAIN = """
            package com.example;

            public class Plain implements dev.plux.core.Plugin {
            }
            """;

    private static final String FACTORIES = """
            package com.example;

            public interface Factories {
                dev.plux.core.PluginFactory CONSTANT = Plain::new;

                static dev.plux.core.Plugin create() { return new Plain(); }

                default dev.plux.core.Plugin instance() { return new Plain(); }
            }
            """;

    private static final String IMPL = """
            package com.example;

            public class Impl implements Factories {
            }
            """;

    private static final String SUB_FACTORIES = """
            package com.example;

            public interface SubFactories extends Factories {
            }
            """;

    private static final String BASE = """
            package com.example;

            public class Base {
                public static dev.plux.core.PluginFactory hiddenByInstance = Plain::new;
                public static dev.plux.core.PluginFactory hiddenPrivately = Plain::new;

                public static dev.plux.core.Plugin make() { return new Plain(); }

                public static dev.plux.core.Plugin withArgs(String name) { return new Plain(); }
            }
            """;

    private static final String SUB = """
            package com.example;

            public class Sub extends Base {
                public Object hiddenByInstance;
                private static Object hiddenPrivately;
            }
            """;

    private static final String ANNOTATED = """
            package com.example;

            @dev.plux.core.PluginName(value = "annotated", namespace = "other")
            public class Annotated implements dev.plux.core.Plugin {
            }
            """;

    @TempDir
    Path output;

    @Test
    void theProcessorWarnsAboutExactlyTheHandWrittenMembersTheRuntimeCannotResolve() throws Exception {
        Map<String, String> lines = new TreeMap<>(Map.of("interfaceStatic", "com.example.Factories:create",
                "inheritedInterfaceStatic", "com.example.Impl:create", "subInterfaceStatic",
                "com.example.SubFactories:create", "defaultMethod", "com.example.Impl:instance", "interfaceConstant",
                "com.example.Impl:CONSTANT", "hiddenByInstance", "com.example.Sub:hiddenByInstance",
                "hiddenPrivately", "com.example.Sub:hiddenPrivately", "inheritedStatic", "com.example.Sub:make",
                "withArgs", "com.example.Sub:withArgs"));
        StringBuilder index = new StringBuilder("[ns]\n");
        lines.forEach((name, value) -> index.append(name).append(" = ").append(value).append('\n'));
        writeHandWrittenIndex(index.toString());

        TestCompiler.Result result = compile(this.output, PLAIN, FACTORIES, IMPL, SUB_FACTORIES, BASE, SUB, ANNOTATED);

        assertThat(result.success()).as(result.toString()).isTrue();
        Map<String, String> warnings = warningsByPlugin(result);
        Set<String> failing = failingAtRunTime(lines);
        assertThat(failing).containsExactlyInAnyOrder("inheritedInterfaceStatic", "subInterfaceStatic",
                "defaultMethod", "hiddenByInstance", "withArgs");
        assertThat(warnings.keySet()).isEqualTo(failing);
        assertThat(warnings.get("inheritedInterfaceStatic")).contains("'create' is a static method of interface"
                + " com.example.Factories, which a class or interface extending it does not inherit;"
                + " name com.example.Factories:create");
        assertThat(warnings.get("defaultMethod")).contains("'instance' is an instance method of"
                + " com.example.Factories: the runtime takes only static members");
        assertThat(warnings.get("hiddenByInstance")).contains("the public field 'hiddenByInstance' the runtime"
                + " finds in com.example.Sub is an instance field (it hides com.example.Base.hiddenByInstance)");
        assertThat(warnings.get("withArgs")).contains("the public static methods named 'withArgs' all take"
                + " arguments, and none is a @PluginFunction");
    }

    @Test
    void theProcessorWarnsAboutHandWrittenClassesAndInheritedMembersTheRuntimeCannotUse() throws Exception {
        String notAPlugin = """
                package com.example;

                public class NotAPlugin {
                }
                """;
        String abstractOne = """
                package com.example;

                public abstract class AbstractOne implements dev.plux.core.Plugin {
                }
                """;
        String pluginInterface = """
                package com.example;

                public interface PluginInterface extends dev.plux.core.Plugin {
                }
                """;
        String hidden = """
                package com.example;

                class Hidden implements dev.plux.core.Plugin {
                }
                """;
        String packageBase = """
                package com.example;

                class PackageBase {
                    public static final dev.plux.core.PluginFactory FACTORY = Plain::new;

                    public static dev.plux.core.Plugin make() { return new Plain(); }
                }
                """;
        String publicSub = """
                package com.example;

                public class PublicSub extends PackageBase {
                }
                """;
        Map<String, String> lines = new TreeMap<>(Map.of("notAPlugin", "com.example.NotAPlugin", "abstractOne",
                "com.example.AbstractOne", "pluginInterface", "com.example.PluginInterface", "hidden",
                "com.example.Hidden", "plain", "com.example.Plain", "inheritedMethod", "com.example.PublicSub:make",
                "inheritedField", "com.example.PublicSub:FACTORY"));
        StringBuilder index = new StringBuilder("[ns]\n");
        lines.forEach((name, value) -> index.append(name).append(" = ").append(value).append('\n'));
        writeHandWrittenIndex(index.toString());

        TestCompiler.Result result = compile(this.output, PLAIN, notAPlugin, abstractOne, pluginInterface, hidden,
                packageBase, publicSub, ANNOTATED);

        assertThat(result.success()).as(result.toString()).isTrue();
        Map<String, String> warnings = warningsByPlugin(result);
        Set<String> failing = failingAtRunTime(lines);
        assertThat(failing).containsExactlyInAnyOrder("notAPlugin", "abstractOne", "pluginInterface", "hidden",
                "inheritedMethod", "inheritedField");
        assertThat(warnings.keySet()).isEqualTo(failing);
        assertThat(warnings.get("notAPlugin")).contains("class com.example.NotAPlugin does not implement"
                + " dev.plux.core.Plugin");
        assertThat(warnings.get("abstractOne")).contains("class com.example.AbstractOne is abstract");
        assertThat(warnings.get("pluginInterface")).contains("com.example.PluginInterface is an interface");
        assertThat(warnings.get("hidden")).contains("class com.example.Hidden is not public");
        assertThat(warnings.get("inheritedMethod")).contains("'make' is declared in com.example.PackageBase, which"
                + " is not public: the runtime finds it through com.example.PublicSub but cannot call or read it"
                + " from another package; name a public class");
    }

    @Test
    void aNestedClassWrittenWithItsCanonicalNameIsWarnedWithItsBinaryName() throws Exception {
        String outer = """
                package com.example;

                public class Outer {
                    public static class Inner implements dev.plux.core.Plugin {
                        public static dev.plux.core.Plugin make() { return new Inner(); }
                    }
                }
                """;
        Map<String, String> lines = Map.of("dotted", "com.example.Outer.Inner", "dottedMember",
                "com.example.Outer.Inner:make", "binary", "com.example.Outer$Inner");
        StringBuilder index = new StringBuilder("[ns]\n");
        new TreeMap<>(lines).forEach((name, value) -> index.append(name).append(" = ").append(value).append('\n'));
        writeHandWrittenIndex(index.toString());

        TestCompiler.Result result = compile(this.output, outer, ANNOTATED);

        assertThat(result.success()).as(result.toString()).isTrue();
        Map<String, String> warnings = warningsByPlugin(result);
        assertThat(warnings.keySet()).isEqualTo(failingAtRunTime(lines)).containsOnly("dotted", "dottedMember");
        assertThat(warnings.get("dotted")).contains("com.example.Outer.Inner is the canonical name of a nested class;"
                + " the runtime loads classes by their binary name: write com.example.Outer$Inner");
        assertThat(warnings.get("dottedMember")).contains("write com.example.Outer$Inner:make");
    }

    @Test
    void aFactoryMethodBesideAnInstanceFieldThatHidesAStaticOneIsNoClash() throws Exception {
        String base = """
                package com.example;

                public class Base {
                    public static dev.plux.core.PluginFactory made = Plain::new;
                }
                """;
        String sub = """
                package com.example;

                public class Sub extends Base {
                    public Object made;

                    @dev.plux.core.PluginName(value = "made", namespace = "ns")
                    public static dev.plux.core.Plugin made() { return new Sub.Own(); }

                    public static class Own implements dev.plux.core.Plugin {
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, PLAIN, base, sub);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("made = com.example.Sub:made");
        assertThat(resolveAndCreate("made", "com.example.Sub:made").getClass().getName())
            .isEqualTo("com.example.Sub$Own");
    }

    @Test
    void aFactoryMethodHidingAStaticPluginFunctionOfTheSameSignatureIsNoClash() throws Exception {
        String base = """
                package com.example;

                public class Base {
                    @dev.plux.core.PluginFunction(namespace = "functions")
                    public static dev.plux.core.Plugin make() { return new Plain(); }
                }
                """;
        String sub = """
                package com.example;

                public class Sub extends Base {
                    @dev.plux.core.PluginName(value = "made", namespace = "ns")
                    public static dev.plux.core.Plugin make() { return new Sub.Own(); }

                    public static class Own implements dev.plux.core.Plugin {
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, PLAIN, base, sub);

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("made = com.example.Sub:make", "make = com.example.Base:make");
        assertThat(resolveAndCreate("made", "com.example.Sub:make").getClass().getName())
            .isEqualTo("com.example.Sub$Own");
    }

    @Test
    void aHandWrittenLineWhoseClassHasASupertypeMissingFromTheCompileClassPathIsNotJudgedByWhatIsMissing(
            @TempDir Path library) throws Exception {
        String base = """
                package lib;

                public class Base implements dev.plux.core.Plugin {
                    public static final dev.plux.core.PluginFactory FACTORY = FromBase::new;

                    public static dev.plux.core.Plugin make() { return new FromBase(); }
                }
                """;
        String kind = """
                package lib;

                public interface PluginKind extends dev.plux.core.Plugin {
                    dev.plux.core.PluginFactory CONSTANT = FromInterface::new;
                }
                """;
        String fromBase = """
                package lib;

                public class FromBase extends Base {
                }
                """;
        String fromInterface = """
                package lib;

                public class FromInterface implements PluginKind {
                }
                """;
        String abstractFromBase = """
                package lib;

                public abstract class AbstractFromBase extends Base {
                }
                """;
        String packageOwn = """
                package lib;

                class PackageOwn extends Base {
                    public static final dev.plux.core.PluginFactory OWN = FromBase::new;
                }
                """;
        assertThat(compile(library, base, kind, fromBase, fromInterface, abstractFromBase, packageOwn).success())
            .isTrue();
        // the library's own dependency is not on the compile class path: javac sees error types in the hierarchy
        Files.delete(library.resolve("lib/Base.class"));
        Files.delete(library.resolve("lib/PluginKind.class"));
        Map<String, String> lines = new TreeMap<>(Map.of("fromBase", "lib.FromBase", "fromInterface",
                "lib.FromInterface", "inheritedMethod", "lib.FromBase:make", "inheritedField", "lib.FromBase:FACTORY",
                "interfaceConstant", "lib.FromInterface:CONSTANT", "abstractFromBase", "lib.AbstractFromBase", "ownField", "lib.PackageOwn:OWN"));
        StringBuilder index = new StringBuilder("[ns]\n");
        lines.forEach((name, value) -> index.append(name).append(" = ").append(value).append('\n'));
        writeHandWrittenIndex(index.toString());

        TestCompiler.Result result = compile(this.output, List.of(library), ANNOTATED);

        // what the class says of itself is still checked; what its missing supertypes would say is not guessed
        assertThat(result.success()).as(result.toString()).isTrue();
        Map<String, String> warnings = warningsByPlugin(result);
        assertThat(warnings.keySet()).as(result.toString()).containsExactly("abstractFromBase", "ownField");
        assertThat(warnings.get("abstractFromBase")).contains("class lib.AbstractFromBase is abstract");
        assertThat(warnings.get("ownField")).contains("'OWN' is declared in lib.PackageOwn, which is not public");
    }

    /** The processor's warnings, by the plugin of namespace 'ns' each names. */
    private static Map<String, String> warningsByPlugin(TestCompiler.Result result) {
        Map<String, String> warnings = new TreeMap<>();
        for (Diagnostic<?> warning : result.ofKind(Diagnostic.Kind.WARNING)) {
            String message = warning.getMessage(Locale.ROOT);
            Matcher plugin = WARNED_PLUGIN.matcher(message);
            assertThat(plugin.find()).as(message).isTrue();
            warnings.put(plugin.group(1), message);
        }
        return warnings;
    }

    /** The names of the lines the runtime cannot resolve, or whose plugin it then cannot create. */
    private Set<String> failingAtRunTime(Map<String, String> lines) throws IOException {
        Set<String> failing = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] { this.output.toUri().toURL() },
                getClass().getClassLoader())) {
            for (Map.Entry<String, String> line : lines.entrySet()) {
                try {
                    PluginSpec spec = new PluginSpecResolver()
                        .resolve(new EntryPoint("ns", line.getKey(), line.getValue(), null), loader);
                    assertThat(spec.factory().create()).isInstanceOf(Plugin.class);
                }
                catch (Exception ex) {
                    failing.add(line.getKey());
                }
            }
        }
        return failing;
    }

    private Plugin resolveAndCreate(String name, String value) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] { this.output.toUri().toURL() },
                getClass().getClassLoader())) {
            return new PluginSpecResolver().resolve(new EntryPoint("ns", name, value, null), loader)
                .factory()
                .create();
        }
    }

    private void writeHandWrittenIndex(String text) throws IOException {
        Path index = this.output.resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(index.getParent());
        Files.writeString(index, text, StandardCharsets.UTF_8);
    }

    @Test
    void theMembersOfAClassAreListedOnceForAllTheNamesLookedUpInIt() throws IOException {
        // a class may hold thousands of factory methods, each checked for a field or method of its name: javac
        // builds the list of a class's members anew on every call, so listing it per name is quadratic
        StringBuilder source = new StringBuilder("package com.example;\n\npublic class Many {\n");
        for (int i = 0; i < 300; i++) {
            source.append("    public static dev.plux.core.Plugin m").append(i).append("() { return null; }\n");
        }
        source.append("    public static final dev.plux.core.PluginFactory f = null;\n}\n");
        AtomicInteger listings = new AtomicInteger();
        List<String> found = new ArrayList<>();
        FirstRound.run((environment) -> {
            TypeElement many = environment.getElementUtils().getTypeElement("com.example.Many");
            TypeElement counted = FirstRound.delegating(TypeElement.class, many, Map.of("getEnclosedElements", () -> {
                listings.incrementAndGet();
                return many.getEnclosedElements();
            }));
            RuntimeMembers members = new RuntimeMembers(environment.getElementUtils(), environment.getTypeUtils());
            for (int i = 0; i < 300; i++) {
                members.publicStaticMethods(counted, "m" + i)
                    .forEach((method) -> found.add(method.getSimpleName().toString()));
                VariableElement field = members.publicField(counted, "m" + i);
                if (field != null) {
                    found.add(field.getSimpleName().toString());
                }
            }
            VariableElement field = members.publicField(counted, "f");
            found.add(String.valueOf(field));
        }, FirstRound.source("com/example/Many", source.toString()));

        assertThat(found).hasSize(301).contains("m0", "m299", "f");
        assertThat(listings).hasValue(1);
    }
}
