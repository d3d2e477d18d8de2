package dev.plux.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another project's processor, as a test fixture: in its first round it generates {@code com.example.GenIface}, a
 * plugin interface with a namespace, which a compiled plugin class implements, and {@code com.example.GenNames},
 * constants {@code NS} and {@code NAME} that annotations may use.
 */
public class SupertypeGeneratingProcessor extends AbstractProcessor {

    private boolean generated;

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
        if (!this.generated) {
            this.generated = true;
            try (Writer writer = this.processingEnv.getFiler().createSourceFile("com.example.GenIface").openWriter()) {
                writer.write("package com.example; @dev.plux.core.PluginNamespace(\"ns.gen\")"
                        + " public interface GenIface extends dev.plux.core.Plugin { }");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            try (Writer writer = this.processingEnv.getFiler().createSourceFile("com.example.GenNames").openWriter()) {
                writer.write("package com.example; public final class GenNames { public static final String NS ="
                        + " \"ns.gen\"; public static final String NAME = \"gen.name\"; }");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return false;
    }
}
