package dev.plux.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import dev.plux.core.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KotlinShapes} on the elements javac makes of kapt-shaped stubs; how the processor reports them is in
 * {@link KotlinStubsTest}.
 */
@Timeout(60)
class KotlinShapesTest {

    @Test
    void theOuterClassIsListedOnceForAllTheJvmStaticCopiesOfItsCompanion() {
        // a companion may hold thousands of @JvmStatic factories, each looking for its static twin in the outer
        // class: javac builds the list of a class's members anew on every call, so listing it per copy is quadratic
        StringBuilder outer = new StringBuilder("""
                package com.example;

                @kotlin.Metadata
                public final class Many {
                    public static final Companion Companion = null;
                """);
        StringBuilder companion = new StringBuilder("""
                    @kotlin.Metadata
                    public static final class Companion {
                """);
        for (int i = 0; i < 300; i++) {
            String function = "@kotlin.jvm.JvmStatic @dev.plux.core.PluginName(value = \"m" + i
                    + "\", namespace = \"ns\")";
            outer.append("    ").append(function).append(" public static dev.plux.core.Plugin m").append(i)
                .append("() { return null; }\n");
            companion.append("        ").append(function).append(" public dev.plux.core.Plugin m").append(i)
                .append("() { return null; }\n");
        }
        String code = outer.append(companion).append("    }\n}\n").toString();
        AtomicInteger listings = new AtomicInteger();
        List<String> copies = new ArrayList<>();
        AbstractProcessor lookingUp = new AbstractProcessor() {
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
                if (roundEnv.processingOver()) {
                    return false;
                }
                TypeElement many = this.processingEnv.getElementUtils().getTypeElement("com.example.Many");
                TypeElement manyCompanion = this.processingEnv.getElementUtils()
                    .getTypeElement("com.example.Many.Companion");
                TypeElement countedOuter = delegating(TypeElement.class, many,
                        Map.of("getEnclosedElements", () -> {
                            listings.incrementAndGet();
                            return many.getEnclosedElements();
                        }));
                TypeElement companionInCounted = delegating(TypeElement.class, manyCompanion,
                        Map.of("getEnclosingElement", () -> countedOuter));
                KotlinShapes shapes = new KotlinShapes(new RuntimeMembers(this.processingEnv.getElementUtils(),
                        this.processingEnv.getTypeUtils()), this.processingEnv.getTypeUtils());
                for (ExecutableElement method : ElementFilter.methodsIn(manyCompanion.getEnclosedElements())) {
                    ExecutableElement copy = delegating(ExecutableElement.class, method,
                            Map.of("getEnclosingElement", () -> companionInCounted));
                    if (shapes.isJvmStaticCopy(copy, PluginDiscovery.PLUGIN_NAME)) {
                        copies.add(method.getSimpleName().toString());
                    }
                }
                return false;
            }
        };
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String pluxCore = Path.of(URI.create(Plugin.class.getProtectionDomain().getCodeSource().getLocation()
            .toString())).toString();
        JavaCompiler.CompilationTask task = compiler.getTask(null, null, diagnostics,
                List.of("-proc:only", "-classpath", pluxCore), null, List.of(source("com/example/Many", code),
                        source("kotlin/Metadata", "package kotlin; public @interface Metadata { }"),
                        source("kotlin/jvm/JvmStatic", "package kotlin.jvm; public @interface JvmStatic { }")));
        task.setProcessors(List.of(lookingUp));

        assertThat(task.call()).as(diagnostics.getDiagnostics().toString()).isTrue();
        assertThat(copies).hasSize(300).contains("m0", "m299");
        assertThat(listings).hasValue(1);
    }

    private static JavaFileObject source(String path, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + path + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    /** The element, answering the named methods from the suppliers instead. */
    @SuppressWarnings("unchecked")
    private static <T> T delegating(Class<T> type, T element, Map<String, Supplier<Object>> answers) {
        return (T) Proxy.newProxyInstance(KotlinShapesTest.class.getClassLoader(), new Class<?>[] { type },
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
