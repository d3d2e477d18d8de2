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
        assertThinEntryPoint(PluginManagerRegistrar.class, "registerBeanDefinitions");
    }

    @Test
    void theAutoConfigurationDeclaresItsBeanAndLeavesTheWorkToTheDefinitions() throws IOException {
        assertThinEntryPoint(PluxAutoConfiguration.class, "pluginManagers");
    }

    private static void assertThinEntryPoint(Class<?> type, String onlyMethod) throws IOException {
        assertThat(Arrays.stream(type.getDeclaredMethods()).filter((method) -> !method.isSynthetic())
            .map(Method::getName)).containsExactly(onlyMethod);
        try (InputStream classFile = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            assertThat(classFile).isNotNull();
            assertThat(classFile.readAllBytes()).as("the class file Spring reads at every start")
                .hasSizeLessThan(2048);
        }
    }
}
