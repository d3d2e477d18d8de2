package dev.plux.processor;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.plux.core.Plugin;

/**
 * Compiles real sources in-process with the system Java compiler and {@link PluginIndexProcessor}, as a build
 * would, into a class output directory.
 */
final class TestCompiler {

    private static final Pattern TYPE_NAME = Pattern
        .compile("(?:class|interface|record|enum)\\s+(\\w+)");

    private static final Pattern PACKAGE = Pattern.compile("package\\s+([\\w.]+)\\s*;");

    private TestCompiler() {
    }

    /** Compiles the given sources (each a whole compilation unit) into {@code output}. */
    static Result compile(Path output, String... sources) throws IOException {
        return compile(output, List.of(), sources);
    }

    /** Compiles with extra class path entries (already compiled types), into {@code output}. */
    static Result compile(Path output, List<Path> classPath, String... sources) throws IOException {
        return compile(output, classPath, List.of(), sources);
    }

    /** Compiles with extra class path entries and extra compiler options (such as {@code -Akey=value}). */
    static Result compile(Path output, List<Path> classPath, List<String> extraOptions, String... sources)
            throws IOException {
        Files.createDirectories(output);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (String source : sources) {
            units.add(new Source(source));
        }
        List<String> path = new ArrayList<>();
        path.add(output.toString());
        classPath.forEach((entry) -> path.add(entry.toString()));
        path.add(location(Plugin.class));
        path.add(location(PluginIndexProcessor.class));
        path.add(System.getProperty("java.class.path"));
        List<String> options = new ArrayList<>(List.of("-d", output.toString(), "-classpath",
                String.join(File.pathSeparator, path), "-processor", PluginIndexProcessor.class.getName(),
                "-implicit:none", "-encoding", "UTF-8"));
        options.addAll(extraOptions);
        boolean success = compiler.getTask(null, null, diagnostics, options, null, units).call();
        return new Result(success, output, List.copyOf(diagnostics.getDiagnostics()));
    }

    /**
     * Compiles source files as a build tool does, from disk and with {@code options} such as
     * {@code -sourcepath src/main/java}, into {@code output}.
     */
    static Result compileFiles(Path output, List<String> options, List<Path> files) throws IOException {
        Files.createDirectories(output);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> path = List.of(output.toString(), location(Plugin.class), location(PluginIndexProcessor.class));
        List<String> all = new ArrayList<>(List.of("-d", output.toString(), "-classpath",
                String.join(File.pathSeparator, path), "-processor", PluginIndexProcessor.class.getName(),
                "-implicit:none", "-encoding", "UTF-8"));
        all.addAll(options);
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            boolean success = compiler
                .getTask(null, fileManager, diagnostics, all, null, fileManager.getJavaFileObjectsFromPaths(files))
                .call();
            return new Result(success, output, List.copyOf(diagnostics.getDiagnostics()));
        }
    }

    /**
     * Compiles one module as a modular build would: {@code module-info.java} among the sources, plux-core on the
     * module path, and the processor found by the compiler where {@code processorOptions} say
     * ({@code --processor-path ...} or {@code --processor-module-path ...}), not named with {@code -processor}.
     */
    static Result compileModule(Path output, List<String> processorOptions, String moduleInfo, String... sources)
            throws IOException {
        Files.createDirectories(output);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        units.add(new Source(URI.create("string:///module-info.java"), moduleInfo));
        for (String source : sources) {
            units.add(new Source(source));
        }
        List<String> options = new ArrayList<>(List.of("-d", output.toString(), "--module-path",
                location(Plugin.class), "-implicit:none", "-encoding", "UTF-8"));
        options.addAll(processorOptions);
        boolean success = compiler.getTask(null, null, diagnostics, options, null, units).call();
        return new Result(success, output, List.copyOf(diagnostics.getDiagnostics()));
    }

    /**
     * Compiles several modules at once, as {@code javac --module-source-path src -d out -m a,b} does: each module's
     * sources under {@code sourceRoot/<module>/}, each module's classes in {@code output/<module>/}, plux-core on the
     * module path and the processor on the processor path.
     */
    static Result compileModules(Path output, Path sourceRoot, List<String> modules) throws IOException {
        Files.createDirectories(output);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-d", output.toString(), "--module-source-path", sourceRoot.toString(),
                "--module-path", location(Plugin.class), "--processor-path", location(PluginIndexProcessor.class),
                "--module", String.join(",", modules), "-encoding", "UTF-8");
        boolean success = compiler.getTask(null, null, diagnostics, options, null, null).call();
        return new Result(success, output, List.copyOf(diagnostics.getDiagnostics()));
    }

    /** Where the processor's classes are (a classes directory in the build, without a module name). */
    static Path processorLocation() {
        return Path.of(location(PluginIndexProcessor.class));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The 1-based line of the first line of {@code source} containing {@code text}. */
    static long lineOf(String source, String text) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line contains " + text);
    }

    /** What one compilation produced. */
    record Result(boolean success, Path output, List<Diagnostic<? extends JavaFileObject>> diagnostics) {

        Path indexFile() {
            return this.output.resolve(EntryPointsFile.LOCATION);
        }

        String index() throws IOException {
            return Files.readString(indexFile(), StandardCharsets.UTF_8);
        }

        byte[] indexBytes() throws IOException {
            return Files.readAllBytes(indexFile());
        }

        List<Diagnostic<? extends JavaFileObject>> ofKind(Diagnostic.Kind kind) {
            return this.diagnostics.stream().filter((diagnostic) -> diagnostic.getKind() == kind).toList();
        }

        List<Diagnostic<? extends JavaFileObject>> errors() {
            return ofKind(Diagnostic.Kind.ERROR);
        }

        List<String> errorMessages() {
            return errors().stream().map((diagnostic) -> diagnostic.getMessage(Locale.ROOT)).toList();
        }

        @Override
        public String toString() {
            return this.diagnostics.toString();
        }
    }

    private static final class Source extends SimpleJavaFileObject {

        private final String code;

        Source(String code) {
            this(uri(code), code);
        }

        Source(URI uri, String code) {
            super(uri, Kind.SOURCE);
            this.code = code;
        }

        private static URI uri(String code) {
            Matcher packageName = PACKAGE.matcher(code);
            Matcher typeName = TYPE_NAME.matcher(code);
            if (!typeName.find()) {
                throw new IllegalArgumentException("no type in " + code);
            }
            String prefix = packageName.find() ? packageName.group(1).replace('.', '/') + "/" : "";
            return URI.create("string:///" + prefix + typeName.group(1) + Kind.SOURCE.extension);
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return this.code;
        }
    }
}
