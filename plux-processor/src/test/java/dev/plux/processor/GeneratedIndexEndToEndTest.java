package dev.plux.processor;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import dev.plux.core.FunctionPlugin;
import dev.plux.core.Plugin;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.plux.processor.TestCompiler.compile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index the processor writes is the one the plux runtime reads: compile plugins, then load them through a
 * {@link PluginManager} over a class loader that sees only the compiled output.
 */
@Timeout(60)
class GeneratedIndexEndToEndTest {

    @TempDir
    Path output;

    @Test
    void pluginManagerLoadsEveryKindOfPluginFromTheGeneratedIndex() throws Exception {
        String greetings = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginNamespace;

                @PluginNamespace("e2e.greetings")
                public interface GreetingPlugin extends Plugin {
                }
                """;
        String hello = """
                package com.example;

                import dev.plux.core.PluginName;

                @PluginName("hello")
                public class Hello implements GreetingPlugin {
                    @Override
                    public Object load(Object... args) { return "hello " + args[0]; }
                }
                """;
        String factories = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginFactory;
                import dev.plux.core.PluginFunction;
                import dev.plux.core.PluginName;

                public final class Factories {
                    public static int calls;

                    @PluginName(value = "fromMethod", namespace = "e2e.greetings")
                    public static Plugin fromMethod() {
                        return new GreetingPlugin() {
                            @Override
                            public Object load(Object... args) { return "method " + args[0]; }
                        };
                    }

                    @PluginName(value = "fromField", namespace = "e2e.greetings")
                    public static final PluginFactory FROM_FIELD = Hello::new;

                    @PluginFunction(namespace = "e2e.greetings", name = "counter", shouldLoad = "enabled")
                    public static void count() { calls++; }

                    public static boolean enabled() { return true; }
                }
                """;
        TestCompiler.Result result = compile(this.output, greetings, hello, factories);
        assertThat(result.success()).as(result.toString()).isTrue();

        try (URLClassLoader loader = new URLClassLoader(new URL[] { this.output.toUri().toURL() },
                getClass().getClassLoader())) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder("e2e.greetings")
                .classLoader(loader)
                .loadArgs("world")
                .build();

            assertThat(manager.listNames()).containsExactlyInAnyOrder("counter", "fromField", "fromMethod", "hello");
            Plugin plugin = manager.load("hello");
            assertThat(plugin.getClass().getName()).isEqualTo("com.example.Hello");
            assertThat(manager.getContainer("hello").loadValue()).isEqualTo("hello world");
            assertThat(manager.getContainer("hello").pluginSpec().value()).isEqualTo("com.example.Hello");
            assertThat(manager.loadAll()).hasSize(4);
            assertThat(manager.getContainer("fromMethod").loadValue()).isEqualTo("method world");
            assertThat(manager.getContainer("fromField").state()).isEqualTo(PluginState.LOADED);
            FunctionPlugin counter = (FunctionPlugin) manager.load("counter");
            counter.invoke();
            assertThat(loader.loadClass("com.example.Factories").getField("calls").getInt(null)).isEqualTo(1);
        }
    }

    @Test
    void pluginNeedingConstructorInjectionResolvesButFailsAtInitOutsideSpring() throws IOException {
        String injected = """
                package com.example;

                import dev.plux.core.Plugin;
                import dev.plux.core.PluginName;

                @PluginName(value = "injected", namespace = "e2e.spring")
                public class Injected implements Plugin {
                    public Injected(String bean) { }
                }
                """;
        assertThat(compile(this.output, injected).success()).isTrue();

        try (URLClassLoader loader = new URLClassLoader(new URL[] { this.output.toUri().toURL() },
                getClass().getClassLoader())) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder("e2e.spring").classLoader(loader).build();

            assertThat(manager.exists("injected")).isTrue();
            assertThat(manager.loadAll()).isEmpty();
            assertThat(manager.getContainer("injected").state()).isEqualTo(PluginState.INIT_FAILED);
        }
    }
}
