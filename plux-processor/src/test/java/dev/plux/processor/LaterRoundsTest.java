package dev.plux.processor;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.plux.core.Plugin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LaterRounds} in a real compilation: what it finds again in the last round, and how often it looks at a
 * class to do so (a class may hold thousands of annotated factory methods).
 */
@Timeout(60)
class LaterRoundsTest {

    private static final int FACTORIES = 300;

    @TempDir
    Path output;

    @Test
    void theAnnotatedMembersOfAClassAreFoundAgainWithOneLookAtTheClass() throws IOException {
        StringBuilder source = new StringBuilder("""
                package com.example;

                import dev.plux.core.PluginName;

                public class Factories {
                    @PluginName(value = "overload", namespace = "ns")
                    public static dev.plux.core.Plugin overload() { return null; }
                    @PluginName(value = "overload2", namespace = "ns")
                    public static dev.plux.core.Plugin overload(String s) { return null; }
                    public static dev.plux.core.Plugin overload(int notAnnotated) { return null; }
                """);
        for (int i = 0; i < FACTORIES; i++) {
            source.append("    @PluginName(value = \"p").append(i).append("\", namespace = \"ns\")\n")
                .append("    public static dev.plux.core.Plugin f").append(i).append("() { return null; }\n");
        }
        source.append("}\n");
        Collecting processor = new Collecting();

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = Path.of(URI.create(Plugin.class.getProtectionDomain().getCodeSource().getLocation()
            .toString())).toString();
        JavaCompiler.CompilationTask task = compiler.getTask(null, null, diagnostics,
                List.of("-d", this.output.toString(), "-classpath", classPath, "-proc:only"), null,
                List.of(new Source("com/example/Factories.java", source.toString())));
        task.setProcessors(List.of(processor));

        assertThat(task.call()).as(diagnostics.getDiagnostics().toString()).isTrue();
        assertThat(processor.found).hasSize(FACTORIES + 2)
            .contains("overload()", "overload(java.lang.String)", "f0()", "f" + (FACTORIES - 1) + "()")
            .doesNotContain("overload(int)");
        assertThat(processor.enclosedElementsLooks).hasValue(1);
    }

    /** Puts aside what carries {@code @PluginName}, and counts how often the last round lists a class's members. */
    private static final class Collecting extends AbstractProcessor {

        private final LaterRounds laterRounds = new LaterRounds();

        private final List<String> found = new ArrayList<>();

        private final AtomicInteger enclosedElementsLooks = new AtomicInteger();

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of(PluginDiscovery.PLUGIN_NAME);
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
            Elements elements = this.processingEnv.getElementUtils();
            for (TypeElement annotation : annotations) {
                roundEnv.getElementsAnnotatedWith(annotation)
                    .forEach((element) -> this.laterRounds.putAside(element, PluginDiscovery.PLUGIN_NAME, elements));
            }
            if (roundEnv.processingOver()) {
                for (LaterRounds.Found each : this.laterRounds.takeWaiting(counting(elements))) {
                    this.found.add(each.element().toString());
                }
            }
            return false;
        }

        private Elements counting(Elements elements) {
            return (Elements) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Elements.class },
                    (proxy, method, args) -> {
                        Object result = invoke(method, elements, args);
                        return (result instanceof TypeElement type) ? counting(type) : result;
                    });
        }

        private TypeElement counting(TypeElement type) {
            return (TypeElement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { TypeElement.class }, (proxy, method, args) -> {
                        if (method.getName().equals("getEnclosedElements")) {
                            this.enclosedElementsLooks.incrementAndGet();
                        }
                        return invoke(method, type, args);
                    });
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
                throws Throwable {
            try {
                return method.invoke(target, args);
            }
            catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        }
    }

    private static final class Source extends SimpleJavaFileObject {

        private final String code;

        Source(String path, String code) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return this.code;
        }
    }
}
