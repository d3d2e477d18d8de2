package dev.plux.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.plux.processor.TestCompiler.compile;
import static dev.plux.processor.TestCompiler.lineOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compilations into the same class output, as an IDE or a second {@code mvn compile} does them.
 */
@Timeout(60)
class PluginIndexProcessorIncrementalTest {

    @TempDir
    Path output;

    @Test
    void entriesOfClassesNotRecompiledAreKept() throws IOException {
        assertThat(compile(this.output, plugin("A", "a"), plugin("B", "b")).success()).isTrue();

        TestCompiler.Result result = compile(this.output, plugin("C", "c"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("a = com.example.A\nb = com.example.B\nc = com.example.C\n");
    }

    @Test
    void entriesOfClassesWithDollarsInTheirNamesAreKeptToo() throws IOException {
        String outer = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                public class Outer {
                    @PluginName(value = "nested", namespace = "ns")
                    public static class In$ner implements Plugin {
                    }
                }
                """;
        assertThat(compile(this.output, outer, plugin("A", "a")).success()).isTrue();

        // the next build compiles only A: Outer$In$ner (nested class In$ner) must still be found by its binary name
        TestCompiler.Result result = compile(this.output, plugin("A", "a"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("nested = com.example.Outer$In$ner");
    }

    @Test
    void entriesOfClassesThatNoLongerExistAreDropped() throws IOException {
        assertThat(compile(this.output, plugin("A", "a"), plugin("B", "b")).success()).isTrue();
        assertThat(compile(this.output, plugin("C", "c")).success()).isTrue();
        Files.delete(this.output.resolve("com/example/B.class"));

        TestCompiler.Result result = compile(this.output, plugin("C", "c"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("a = com.example.A\nc = com.example.C\n").doesNotContain("com.example.B");
    }

    @Test
    void recompiledClassReplacesItsEntries() throws IOException {
        assertThat(compile(this.output, plugin("A", "old-name"), plugin("B", "b")).success()).isTrue();

        TestCompiler.Result result = compile(this.output, plugin("A", "new-name"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("b = com.example.B\nnew-name = com.example.A\n")
            .doesNotContain("old-name");
    }

    @Test
    void recompiledClassWithoutItsAnnotationLosesItsEntry() throws IOException {
        assertThat(compile(this.output, plugin("A", "a"), plugin("B", "b")).success()).isTrue();
        String unannotated = """
                package com.example;

                public class A implements dev.plux.core.Plugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, unannotated, plugin("B", "b"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("b = com.example.B").doesNotContain("com.example.A");
    }

    @Test
    void entriesOfClassesNotRecompiledSurviveAHandWrittenIndexCopiedOverTheGeneratedOne() throws IOException {
        String functions = """
                package com.example;

                public class Functions {
                    @dev.plux.core.PluginFunction(namespace = "fn")
                    public static void f() { }

                    public static class Nested {
                        @dev.plux.core.PluginName(value = "make", namespace = "fn")
                        public static dev.plux.core.Plugin make() { return null; }
                    }
                }
                """;
        assertThat(compile(this.output, plugin("A", "a"), plugin("B", "b"), functions).success()).isTrue();
        // Maven with useIncrementalCompilation=false (or an IDE) copies an edited hand-written index over the
        // generated one, then compiles only the changed sources: the index no longer tells the other plugins
        writeHandWrittenIndex("""
                [ns]
                hand = com.example.B
                """);

        TestCompiler.Result result = compile(this.output, plugin("C", "c"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[fn]\nf = com.example.Functions:f\nmake = com.example.Functions$Nested:make\n")
            .contains("[ns]\na = com.example.A\nb = com.example.B\nc = com.example.C\n"
                    + EntryPointsFile.HAND_WRITTEN_MARKER + " line 2\nhand = com.example.B\n");
    }

    @Test
    void aClassNotRecompiledWhoseSupertypeIsGoneIsAWarningBesideAHandWrittenIndexNotAWrongError(
            @TempDir Path library) throws IOException {
        assertThat(compile(library, api("lib.ns")).success()).isTrue();
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("a")
                public class A implements Api {
                }
                """;
        assertThat(compile(this.output, List.of(library), plugin).success()).isTrue();
        writeHandWrittenIndex("""
                [ns]
                hand = com.example.B
                """);

        // the next build's class path lacks the library: A's class file names a supertype javac cannot find
        TestCompiler.Result result = compile(this.output, plugin("B", "b"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).singleElement().satisfies((warning) -> assertThat(
                warning.getMessage(Locale.ROOT)).contains("com.example.A in the class output, not compiled in this"
                        + " run, uses a type missing from the compile class path; its plugin is left out"));
        assertThat(result.index()).contains("b = com.example.B").doesNotContain("com.example.A");
    }

    @Test
    void aNewPluginNamedLikeAClassNotRecompiledBesideAHandWrittenIndexIsADuplicate() throws IOException {
        assertThat(compile(this.output, plugin("A", "same")).success()).isTrue();
        writeHandWrittenIndex("""
                [other]
                hand = com.example.A
                """);
        String clash = plugin("D", "same");

        TestCompiler.Result result = compile(this.output, clash);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).singleElement().satisfies((error) -> {
            assertThat(error.getMessage(Locale.ROOT)).contains("duplicate plugin 'same' in namespace 'ns' (declared by"
                    + " com.example.D): the name is also used by com.example.A, a class not compiled in this run");
            assertThat(error.getLineNumber()).isEqualTo(lineOf(clash, "public class D"));
        });
    }

    @Test
    void aKeptClassEntryFollowsTheNamespaceItsRecompiledSupertypeNowGivesIt() throws IOException {
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("a")
                public class A implements Api {
                }
                """;
        assertThat(compile(this.output, api("old.ns"), plugin, plugin("B", "b")).success()).isTrue();

        // javac recompiles only the changed interface (an IDE, Maven without incremental compilation): A's class file
        // is the same, but the namespace it inherits is not
        TestCompiler.Result result = compile(this.output, api("new.ns"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[new.ns]\na = com.example.A\n").doesNotContain("old.ns")
            .contains("[ns]\nb = com.example.B\n");
    }

    @Test
    void aKeptClassEntryWhoseSupertypeIsMissingFromTheClassPathKeepsItsNamespace(@TempDir Path library)
            throws IOException {
        assertThat(compile(library, api("lib.ns")).success()).isTrue();
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("a")
                public class A implements Api {
                }
                """;
        assertThat(compile(this.output, List.of(library), plugin).success()).isTrue();

        // this compilation's class path lacks the library: javac cannot tell the namespace A inherits
        TestCompiler.Result result = compile(this.output, plugin("B", "b"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[lib.ns]\na = com.example.A\n").contains("[ns]\nb = com.example.B\n");
    }

    @Test
    void aKeptClassEntryWhoseSupertypeNoLongerGivesANamespaceIsAnErrorAsInAFullBuild() throws IOException {
        String plugin = """
                package com.example;

                @dev.plux.core.PluginName("a")
                public class A implements Api {
                }
                """;
        assertThat(compile(this.output, api("old.ns"), plugin).success()).isTrue();
        String withoutNamespace = """
                package com.example;

                public interface Api extends dev.plux.core.Plugin {
                }
                """;

        TestCompiler.Result result = compile(this.output, withoutNamespace, plugin("B", "b"));

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).singleElement().satisfies((error) -> assertThat(error.getMessage(Locale.ROOT))
            .contains("@PluginName(\"a\") class com.example.A (kept from the previous build's index) has no"
                    + " namespace any more")
            .contains("put @PluginNamespace(\"...\") on one of its supertypes"));
    }

    @Test
    @Timeout(60)
    void indexGeneratedByTheEarlierReleaseIsMergedAsGeneratedNotAsHandWritten() throws IOException {
        // plux 0.1 wrote its header with the processor's old package; a build upgraded without a clean finds it
        writeHandWrittenIndex("""
                # Generated by plux-processor (dev.plux.build.PluginIndexProcessor); do not edit.

                [ns]
                a = com.example.A
                gone = com.example.Gone
                """);

        TestCompiler.Result result = compile(this.output, plugin("A", "renamed"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).as(result.toString()).isEmpty();
        assertThat(result.index()).contains("renamed = com.example.A")
            .doesNotContain("a = com.example.A", "com.example.Gone", EntryPointsFile.HAND_WRITTEN_MARKER);
    }

    @Test
    void duplicateOfAnEntryKeptFromTheEarlierRunIsAnError() throws IOException {
        assertThat(compile(this.output, plugin("A", "same")).success()).isTrue();
        String clash = plugin("D", "same");

        TestCompiler.Result result = compile(this.output, clash);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).singleElement().satisfies((error) -> {
            assertThat(error.getMessage(Locale.ROOT)).contains("duplicate plugin 'same' in namespace 'ns'")
                .contains("declared by com.example.D")
                .contains("kept from the previous build's index: com.example.A");
            assertThat(error.getLineNumber()).isEqualTo(lineOf(clash, "public class D"));
        });
        assertThat(indexOnDisk()).contains("same = com.example.A").doesNotContain("com.example.D");
    }

    @Test
    void handWrittenIndexIsMergedAndItsEntriesSurviveRecompilation() throws IOException {
        writeHandWrittenIndex("""
                # registered by hand
                [ns]
                manual = com.example.Manual
                [other.ns]
                member = com.example.Manual:create
                """);
        String manual = """
                package com.example;

                public class Manual implements dev.plux.core.Plugin {
                    public static dev.plux.core.Plugin create() { return new Manual(); }
                }
                """;

        TestCompiler.Result first = compile(this.output, manual, plugin("A", "a"));
        // as Maven does on the next build: every source again, the generated index still in the class output
        TestCompiler.Result second = compile(this.output, manual, plugin("A", "a"));

        assertThat(first.success()).as(first.toString()).isTrue();
        assertThat(second.success()).as(second.toString()).isTrue();
        assertThat(first.ofKind(Diagnostic.Kind.WARNING)).isEmpty();
        String expected = """
                [ns]
                a = com.example.A
                # plux:hand-written line 3
                manual = com.example.Manual

                [other.ns]
                # plux:hand-written line 5
                member = com.example.Manual:create
                """;
        assertThat(first.index()).endsWith(expected);
        assertThat(second.indexBytes()).isEqualTo(first.indexBytes());
    }

    @Test
    void handWrittenLineWithAnUnknownClassIsKeptAndWarnedWithFileLineAndClass() throws IOException {
        writeHandWrittenIndex("""
                # registered by hand
                [ns]
                manual = com.example.Manual
                typo = com.example.Manaul
                gone = com.example.Gone:create
                """);
        String manual = """
                package com.example;

                public class Manual implements dev.plux.core.Plugin {
                }
                """;

        // the processor runs when the compilation has a plux annotation; without one, javac never calls it and the
        // hand-written file stays in the class output as it is (nothing dropped, nothing checked)
        TestCompiler.Result first = compile(this.output, manual, plugin("A", "a"));
        // the next build reads the generated index back: the warning still names the hand-written line
        TestCompiler.Result second = compile(this.output, manual, plugin("A", "a"));

        for (TestCompiler.Result result : List.of(first, second)) {
            assertThat(result.success()).as(result.toString()).isTrue();
            assertThat(result.index()).contains("typo = com.example.Manaul", "gone = com.example.Gone:create",
                    "manual = com.example.Manual");
            assertThat(result.ofKind(Diagnostic.Kind.WARNING)).extracting((w) -> w.getMessage(Locale.ROOT))
                .containsExactlyInAnyOrder("hand-written META-INF/plux/entry_points.txt line 4 (under"
                        + " src/main/resources by convention): class com.example.Manaul is not on the compile class"
                        + " path; the line 'typo = com.example.Manaul' is kept in the index, but plugin 'typo' in"
                        + " namespace 'ns' will fail to resolve at run time unless the class is there then (a typo"
                        + " in the class name?)",
                        "hand-written META-INF/plux/entry_points.txt line 5 (under src/main/resources by convention):"
                                + " class com.example.Gone is not on the compile class path; the line 'gone ="
                                + " com.example.Gone:create' is kept in the index, but plugin 'gone' in namespace"
                                + " 'ns' will fail to resolve at run time unless the class is there then (a typo in"
                                + " the class name?)");
        }
        assertThat(second.indexBytes()).isEqualTo(first.indexBytes());
    }

    @Test
    @Timeout(60)
    void handWrittenIndexMavenDeletedFromTheClassOutputIsMergedFromTheResources(@TempDir Path project)
            throws IOException {
        // maven-compiler-plugin's incremental build deletes the files the previous compilation created before it
        // compiles again, the index among them: when the hand-written file was added after that compilation, the
        // copy the resources plugin has just made is deleted too, and the compiler finds no index in target/classes
        Path resource = project.resolve("src/main/resources").resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, "[ns]\nmanual = com.example.Manual\n", StandardCharsets.UTF_8);
        Path classes = project.resolve("target/classes");
        String manual = """
                package com.example;

                public class Manual implements dev.plux.core.Plugin {
                }
                """;

        TestCompiler.Result result = compile(classes, manual, plugin("A", "a"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("[ns]\na = com.example.A\n# plux:hand-written line 2\n"
                + "manual = com.example.Manual\n");
    }

    @Test
    @Timeout(60)
    void duplicatesOfAHandWrittenIndexNameItsFile(@TempDir Path project) throws IOException {
        Path resource = project.resolve("src/main/resources").resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, "[ns]\ntwice = com.example.A\ntwice = com.example.B\na = com.example.B\n",
                StandardCharsets.UTF_8);
        Path classes = project.resolve("target/classes");
        Files.createDirectories(classes.resolve(EntryPointsFile.LOCATION).getParent());
        Files.copy(resource, classes.resolve(EntryPointsFile.LOCATION));

        TestCompiler.Result result = compile(classes, plugin("A", "a"), plugin("B", "b"));

        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).extracting((w) -> w.getMessage(Locale.ROOT))
            .anySatisfy((warning) -> assertThat(warning).startsWith("ignoring duplicate plugin 'twice' in namespace"
                    + " 'ns' (from a hand-written " + resource + " line 3: com.example.B)"));
        assertThat(result.errorMessages()).singleElement().asString().contains("the name is already used by 'a' in"
                + " namespace 'ns' (from a hand-written " + resource + " line 4: com.example.B)");
    }

    @Test
    @Timeout(60)
    void aHandWrittenIndexThatIsNotUtf8IsAnErrorNamingTheFileTheLineAndTheFix(@TempDir Path project)
            throws IOException {
        // saved as ISO-8859-1: the u-umlaut of the comment is one byte, 0xFC, at offset 8 on line 2
        Path resource = project.resolve("src/main/resources").resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(resource.getParent());
        Files.write(resource, "[ns]\n# f\u00fcr A\nmanual = com.example.A\n".getBytes(StandardCharsets.ISO_8859_1));
        Path classes = project.resolve("target/classes");
        Files.createDirectories(classes.resolve(EntryPointsFile.LOCATION).getParent());
        Files.copy(resource, classes.resolve(EntryPointsFile.LOCATION));

        TestCompiler.Result result = compile(classes, plugin("A", "a"));

        assertThat(result.success()).isFalse();
        // cleaning the build output would not help: the build copies the same file again
        assertThat(result.errorMessages()).containsExactly("cannot read the hand-written " + resource
                + ", which the build copies into the class output: the index is not UTF-8: invalid bytes at offset 8"
                + " (line 2); save it as UTF-8");
    }

    @Test
    @Timeout(60)
    void handWrittenIndexOfAGradleProjectIsNotMergedFromTheResources(@TempDir Path project) throws IOException {
        // Gradle puts the resources next to the classes (build/resources/main): the runtime reads both files, and a
        // merged copy would declare each hand-written plugin twice
        Path resource = project.resolve("src/main/resources").resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, "[ns]\nmanual = com.example.A\n", StandardCharsets.UTF_8);

        TestCompiler.Result result = compile(project.resolve("build/classes/java/main"), plugin("A", "a"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).doesNotContain("manual");
    }

    @Test
    @Timeout(60)
    void handWrittenLineOfATestIndexIsWarnedNamingTheFileUnderSrcTestResources(@TempDir Path project)
            throws IOException {
        // Maven: src/test/resources is copied into target/test-classes before the test sources are compiled
        Path resource = project.resolve("src/test/resources").resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, "[ns]\ntypo = com.example.Tpyo\n", StandardCharsets.UTF_8);
        Path testClasses = project.resolve("target/test-classes");
        Files.createDirectories(testClasses.resolve(EntryPointsFile.LOCATION).getParent());
        Files.copy(resource, testClasses.resolve(EntryPointsFile.LOCATION));

        TestCompiler.Result result = compile(testClasses, plugin("A", "a"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).extracting((w) -> w.getMessage(Locale.ROOT))
            .containsExactly("hand-written " + resource + " line 2: class com.example.Tpyo is not on the compile"
                    + " class path; the line 'typo = com.example.Tpyo' is kept in the index, but plugin 'typo' in"
                    + " namespace 'ns' will fail to resolve at run time unless the class is there then (a typo in the"
                    + " class name?)");
    }

    @Test
    @Timeout(60)
    void handWrittenLineOfATestIndexNotFoundInTheResourcesNamesTheTestResourcesConvention(@TempDir Path project)
            throws IOException {
        Path testClasses = project.resolve("target/test-classes");
        Path index = testClasses.resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(index.getParent());
        Files.writeString(index, "[ns]\nx\n", StandardCharsets.UTF_8);

        TestCompiler.Result result = compile(testClasses, plugin("A", "a"));

        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).extracting((w) -> w.getMessage(Locale.ROOT))
            .singleElement().asString()
            .startsWith("hand-written META-INF/plux/entry_points.txt line 2 (under src/test/resources by convention):"
                    + " the line has no usable plugin name");
    }

    @Test
    @Timeout(60)
    void handWrittenLineWithAnUnknownMemberIsKeptAndWarnedWithFileLineAndMember() throws IOException {
        writeHandWrittenIndex("""
                [ns]
                made = com.example.Factories:craete
                ok = com.example.Factories:create
                field = com.example.Factories:FACTORY
                """);
        String factories = """
                package com.example;

                public class Factories {
                    public static final dev.plux.core.PluginFactory FACTORY = null;

                    public static dev.plux.core.Plugin create() {
                        return null;
                    }

                    static dev.plux.core.Plugin hidden() {
                        return null;
                    }
                }
                """;

        TestCompiler.Result result = compile(this.output, factories, plugin("A", "a"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("made = com.example.Factories:craete");
        assertThat(result.ofKind(Diagnostic.Kind.WARNING)).extracting((w) -> w.getMessage(Locale.ROOT))
            .containsExactly("hand-written META-INF/plux/entry_points.txt line 2 (under src/main/resources by"
                    + " convention): class com.example.Factories has no public static field or method named"
                    + " 'craete'; the line 'made = com.example.Factories:craete' is kept in the index, but plugin"
                    + " 'made' in namespace 'ns' will fail to resolve at run time (a typo in the member name?)");
    }

    @Test
    void handWrittenLineWithABadValueIsKeptAndWarned() throws IOException {
        writeHandWrittenIndex("""
                [ns]
                empty =
                spaced = com.example.Not A Class
                """);

        TestCompiler.Result first = compile(this.output, plugin("A", "a"));
        TestCompiler.Result second = compile(this.output, plugin("A", "a"));

        for (TestCompiler.Result result : List.of(first, second)) {
            assertThat(result.success()).as(result.toString()).isTrue();
            assertThat(result.index()).contains("# plux:hand-written line 2\nempty = \n")
                .contains("# plux:hand-written line 3\nspaced = com.example.Not A Class\n");
            assertThat(result.ofKind(Diagnostic.Kind.WARNING)).extracting((w) -> w.getMessage(Locale.ROOT))
                .containsExactlyInAnyOrder("hand-written META-INF/plux/entry_points.txt line 2 (under"
                        + " src/main/resources by convention): '' is not a class name (binary.ClassName or"
                        + " binary.ClassName:member); the line 'empty = ' is kept in the index, but plugin 'empty'"
                        + " in namespace 'ns' will fail to resolve at run time",
                        "hand-written META-INF/plux/entry_points.txt line 3 (under src/main/resources by"
                                + " convention): 'com.example.Not A Class' is not a class name (binary.ClassName"
                                + " or binary.ClassName:member); the line 'spaced = com.example.Not A Class' is"
                                + " kept in the index, but plugin 'spaced' in namespace 'ns' will fail to resolve"
                                + " at run time");
        }
    }

    @Test
    void handWrittenLinesThatAreNoEntriesAreKeptAsWrittenAndEachWarnedWithTheirLine() throws IOException {
        writeHandWrittenIndex("""
                outside = com.example.A
                [ns]
                typo com.example.A
                [other.ns
                lost = com.example.A
                [ns2]
                kept = com.example.A
                """);

        TestCompiler.Result first = compile(this.output, plugin("A", "a"));
        // the next build reads the generated index back: the lines stay, and so do the warnings and their lines
        TestCompiler.Result second = compile(this.output, plugin("A", "a"));

        // %s, not %d: plux writes the line number in ASCII digits, %d in the locale's (Arabic ones under ar-EG)
        String where = "hand-written META-INF/plux/entry_points.txt line %s (under src/main/resources by convention): ";
        String ignored = "' is kept in the index as written, and the runtime ignores it";
        for (TestCompiler.Result result : List.of(first, second)) {
            assertThat(result.success()).as(result.toString()).isTrue();
            assertThat(result.ofKind(Diagnostic.Kind.WARNING)).extracting((w) -> w.getMessage(Locale.ROOT))
                .containsExactly(
                        where.formatted(1) + "the line is outside any [namespace] section; the line 'outside ="
                                + " com.example.A" + ignored,
                        where.formatted(3) + "the line has no usable plugin name (expected 'name = value', a name of"
                                + " at most 255 characters without control or format characters); the line 'typo"
                                + " com.example.A' is kept in the index as written, and the runtime reports it as a"
                                + " malformed entry of namespace 'ns' and declares no plugin",
                        where.formatted(4) + "malformed section header (a namespace in [ ] of at most 255"
                                + " characters, without control or format characters); the line '[other.ns" + ignored,
                        where.formatted(5) + "the line is below a malformed section header; the line 'lost ="
                                + " com.example.A" + ignored);
        }
        assertThat(first.index()).endsWith("""
                # plux:hand-written line 1
                outside = com.example.A

                [ns]
                a = com.example.A
                # plux:hand-written line 3
                typo com.example.A

                [ns2]
                # plux:hand-written line 7
                kept = com.example.A

                # plux:hand-written line 4
                [other.ns
                # plux:hand-written line 5
                lost = com.example.A
                """);
        assertThat(second.indexBytes()).isEqualTo(first.indexBytes());
    }

    @Test
    void handWrittenEntryClashingWithAnAnnotatedPluginIsAnErrorNamingBoth() throws IOException {
        writeHandWrittenIndex("""
                [ns]
                same = com.example.Manual
                """);
        String manual = """
                package com.example;

                public class Manual implements dev.plux.core.Plugin {
                }
                """;
        String annotated = plugin("A", "same");

        TestCompiler.Result result = compile(this.output, manual, annotated);

        assertThat(result.success()).isFalse();
        assertThat(result.errors()).singleElement().satisfies((error) -> {
            assertThat(error.getMessage(Locale.ROOT)).contains("declared by com.example.A")
                .contains("from a hand-written META-INF/plux/entry_points.txt line 2: com.example.Manual")
                .contains("remove the other entry from the hand-written index");
            assertThat(error.getLineNumber()).isEqualTo(lineOf(annotated, "public class A"));
        });
    }

    @Test
    void handWrittenEntryThatRepeatsTheAnnotationIsNotAClash() throws IOException {
        writeHandWrittenIndex("""
                [ns]
                a = com.example.A
                """);

        TestCompiler.Result result = compile(this.output, plugin("A", "a"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).containsOnlyOnce("a = com.example.A");
    }

    @Test
    void handWrittenEntryThatRepeatsTheAnnotationStaysWhenTheAnnotationGoes() throws IOException {
        writeHandWrittenIndex("""
                [ns]
                a = com.example.A
                """);
        assertThat(compile(this.output, plugin("A", "a"), plugin("B", "b")).success()).isTrue();
        String plainA = """
                package com.example;

                public class A implements dev.plux.core.Plugin {
                }
                """;

        // the next build: every source again, the resource unchanged (Maven does not copy it again), A without
        // its annotation; the line is the hand-written file's, so it stays
        TestCompiler.Result result = compile(this.output, plainA, plugin("B", "b"));

        assertThat(result.success()).as(result.toString()).isTrue();
        assertThat(result.index()).contains("# plux:hand-written line 2\na = com.example.A\n")
            .contains("b = com.example.B");
    }

    @Test
    @Timeout(60)
    void duplicateNameInsideTheHandWrittenIndexKeepsBothLinesTheFirstWinningWithAWarningOnEveryBuild()
            throws IOException {
        writeHandWrittenIndex("""
                [ns]
                twice = com.example.A
                twice = com.example.B
                """);

        TestCompiler.Result first = compile(this.output, plugin("A", "a"), plugin("B", "b"));
        // the next build reads the generated index back: the line is still there, and so is the warning (a
        // -Werror build must not pass on the second run of unchanged sources)
        TestCompiler.Result second = compile(this.output, plugin("A", "a"), plugin("B", "b"));

        for (TestCompiler.Result result : List.of(first, second)) {
            assertThat(result.success()).as(result.toString()).isTrue();
            // hand-written lines are never dropped: the second stays below the first, where the runtime ignores it
            // as it would have in the hand-written file
            assertThat(result.index()).contains("[ns]\na = com.example.A\nb = com.example.B\n"
                    + EntryPointsFile.HAND_WRITTEN_MARKER + " line 2\ntwice = com.example.A\n"
                    + EntryPointsFile.HAND_WRITTEN_MARKER + " line 3\ntwice = com.example.B\n");
            assertThat(result.ofKind(javax.tools.Diagnostic.Kind.WARNING)).as(result.toString()).singleElement()
                .satisfies((warning) -> assertThat(warning.getMessage(Locale.ROOT))
                    .contains("ignoring duplicate plugin 'twice' in namespace 'ns' (from a hand-written"
                            + " META-INF/plux/entry_points.txt line 3: com.example.B)")
                    .contains("line 2: com.example.A"));
        }
        assertThat(second.indexBytes()).isEqualTo(first.indexBytes());
    }

    private void writeHandWrittenIndex(String text) throws IOException {
        Path index = this.output.resolve(EntryPointsFile.LOCATION);
        Files.createDirectories(index.getParent());
        Files.writeString(index, text, StandardCharsets.UTF_8);
    }

    private String indexOnDisk() throws IOException {
        return Files.readString(this.output.resolve(EntryPointsFile.LOCATION), StandardCharsets.UTF_8);
    }

    private static String api(String namespace) {
        return """
                package com.example;

                @dev.plux.core.PluginNamespace("%s")
                public interface Api extends dev.plux.core.Plugin {
                }
                """.formatted(namespace);
    }

    private static String plugin(String className, String name) {
        return """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @PluginName(value = "%s", namespace = "ns")
                public class %s implements Plugin {
                }
                """.formatted(name, className);
    }
}
