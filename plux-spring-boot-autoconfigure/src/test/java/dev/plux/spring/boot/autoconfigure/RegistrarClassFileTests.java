package dev.plux.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring reads an imported registrar from its class file, with ASM, at every context start, and reads all of it: the
 * registrar that held plux's definitions (about 15 KB) cost about 64 KB of allocation and half a point of a small
 * application's start (benchmarks/README.md, "Seventeenth session"). What it does belongs to
 * {@link PluginManagerDefinitions}, which the JVM loads once.
 */
@Timeout(10)
class RegistrarClassFileTests {

    @Test
    void theRegistrarThatSpringReadsAtEveryStartOnlyHandsOverToTheDefinitions() throws IOException {
        assertThat(Arrays.stream(PluginManagerRegistrar.class.getDeclaredMethods()).filter((method) -> !method
            .isSynthetic()).map(Method::getName)).containsExactly("registerBeanDefinitions");
        try (InputStream classFile = PluginManagerRegistrar.class
            .getResourceAsStream(PluginManagerRegistrar.class.getSimpleName() + ".class")) {
            assertThat(classFile).isNotNull();
            assertThat(classFile.readAllBytes()).as("the class file Spring reads at every start")
                .hasSizeLessThan(2048);
        }
    }
}
