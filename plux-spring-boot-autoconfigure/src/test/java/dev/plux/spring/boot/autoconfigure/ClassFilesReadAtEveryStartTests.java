package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring reads an auto-configuration and the registrar it imports from their class files, with ASM, at every context
 * start, and reads all of each: the registrar that held plux's definitions (about 15 KB) cost about 64 KB of
 * allocation and half a point of a small application's start (benchmarks/README.md, "Seventeenth session"). What
 * they do belongs to {@link PluginManagerDefinitions}, which the JVM loads once.
 */
@Timeout(10)
class ClassFilesReadAtEveryStartTests {

    @Test
    void theRegistrarOnlyHandsOverToTheDefinitions() throws IOException {
        assertThat(Arrays.stream(PluginManagerRegistrar.class.getDeclaredMethods())
            .filter((method) -> !method.isSynthetic())
            .map(Method::getName)).containsExactly("registerBeanDefinitions");
        assertThat(classFile(PluginManagerRegistrar.class)).as("the class file Spring reads at every start")
            .hasSizeLessThan(2048);
    }

    @Test
    void theAutoConfigurationDeclaresItsBeanAndLeavesTheWorkToTheDefinitions() throws IOException {
        assertThat(Arrays.stream(PluxAutoConfiguration.class.getDeclaredMethods())
            .filter((method) -> !method.isSynthetic())
            .map(Method::getName)).containsExactly("pluginManagers");
        assertThat(classFile(PluxAutoConfiguration.class)).as("the class file Spring reads at every start")
            .hasSizeLessThan(2048);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            assertThat(in).isNotNull();
            return in.readAllBytes();
        }
    }
}
