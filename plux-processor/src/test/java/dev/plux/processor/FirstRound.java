package dev.plux.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import dev.plux.core.Plugin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a test's code over the elements javac makes of some sources, in the first processing round ({@code -proc:only},
 * plux-core on the class path), for tests of the processor's element look-ups that count javac's calls.
 */
final class FirstRound {

    private FirstRound() {
    }

    /** A source file of the given path (without {@code .java}) and text. */
    static JavaFileObject source(String path, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + path + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    /** Compiles the sources, running {@code inFirstRound} once; fails the test when javac reports an error. */
    static void run(Consumer<ProcessingEnvironment> inFirstRound, JavaFileObject... sources) {
        AbstractProcessor processor = new AbstractProcessor() {
            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("*");
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
                if (!roundEnv.processingOver()) {
                    inFirstRound.accept(this.processingEnv);
                }
                return false;
            }
        };
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String pluxCore = Path.of(URI.create(Plugin.class.getProtectionDomain().getCodeSource().getLocation()
            .toString())).toString();
        JavaCompiler.CompilationTask task = compiler.getTask(null, null, diagnostics,
                List.of("-proc:only", "-classpath", pluxCore), null, List.of(sources));
        task.setProcessors(List.of(processor));

        assertThat(task.call()).as(diagnostics.getDiagnostics().toString()).isTrue();
    }

    /** The element, answering the named methods from the suppliers instead (to count or redirect javac's calls). */
    @SuppressWarnings("unchecked")
    static <T> T delegating(Class<T> type, T element, Map<String, Supplier<Object>> answers) {
        return (T) Proxy.newProxyInstance(FirstRound.class.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    Supplier<Object> answer = answers.get(method.getName());
                    if (answer != null) {
                        return answer.get();
                    }
                    try {
                        return method.invoke(element, args);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
    }
}
