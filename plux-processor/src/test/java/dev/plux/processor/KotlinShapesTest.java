package dev.plux.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

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
        FirstRound.run((environment) -> {
            TypeElement many = environment.getElementUtils().getTypeElement("com.example.Many");
            TypeElement manyCompanion = environment.getElementUtils().getTypeElement("com.example.Many.Companion");
            TypeElement countedOuter = FirstRound.delegating(TypeElement.class, many,
                    Map.of("getEnclosedElements", () -> {
                        listings.incrementAndGet();
                        return many.getEnclosedElements();
                    }));
            TypeElement companionInCounted = FirstRound.delegating(TypeElement.class, manyCompanion,
                    Map.of("getEnclosingElement", () -> countedOuter));
            KotlinShapes shapes = new KotlinShapes(new RuntimeMembers(environment.getElementUtils(),
                    environment.getTypeUtils()), environment.getTypeUtils());
            for (ExecutableElement method : ElementFilter.methodsIn(manyCompanion.getEnclosedElements())) {
                ExecutableElement copy = FirstRound.delegating(ExecutableElement.class, method,
                        Map.of("getEnclosingElement", () -> companionInCounted));
                if (shapes.isJvmStaticCopy(copy, PluginDiscovery.PLUGIN_NAME)) {
                    copies.add(method.getSimpleName().toString());
                }
            }
        }, FirstRound.source("com/example/Many", code),
                FirstRound.source("kotlin/Metadata", "package kotlin; public @interface Metadata { }"),
                FirstRound.source("kotlin/jvm/JvmStatic", "package kotlin.jvm; public @interface JvmStatic { }"));

        assertThat(copies).hasSize(300).contains("m0", "m299");
        assertThat(listings).hasValue(1);
    }
}
