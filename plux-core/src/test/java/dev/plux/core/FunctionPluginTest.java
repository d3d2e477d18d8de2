package dev.plux.core;

import java.io.IOException;
import java.lang.reflect.Method;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FunctionPluginTest {

    @AfterEach
    void resetCondition() {
        Fixtures.condition = true;
    }

    private static Method method(String name, Class<?>... parameters) throws NoSuchMethodException {
        return Fixtures.Functions.class.getMethod(name, parameters);
    }

    @Test
    void invokesTheMethodAndLoadsToNull() throws Exception {
        FunctionPlugin plugin = new FunctionPlugin("ns", "guarded", method("guarded", String.class));
        assertThat(plugin.invoke("world")).isEqualTo("hello world");
        assertThat(plugin.load("ignored")).isNull();
        assertThat(plugin.namespace()).isEqualTo("ns");
        assertThat(plugin.name()).isEqualTo("guarded");
        assertThat(plugin.method().getName()).isEqualTo("guarded");
        assertThat(plugin.toString()).contains("ns:guarded");
    }

    @Test
    void asksTheConditionNamedByTheAnnotationEachTime() throws Exception {
        FunctionPlugin plugin = new FunctionPlugin("ns", "guarded", method("guarded", String.class));
        assertThat(plugin.shouldLoad()).isTrue();
        Fixtures.condition = false;
        assertThat(plugin.shouldLoad()).isFalse();
    }

    @Test
    void loadsWithoutCondition() throws Exception {
        assertThat(new FunctionPlugin("ns", "plain", method("plain")).shouldLoad()).isTrue();
    }

    @Test
    void rethrowsTheFunctionsCheckedExceptionUnwrapped() throws Exception {
        FunctionPlugin plugin = new FunctionPlugin("ns", "throwing", method("throwing"));
        assertThatExceptionOfType(IOException.class).isThrownBy(plugin::invoke).withMessage("function failed");
    }

    @Test
    void rethrowsAFailingConditionUnwrapped() throws Exception {
        FunctionPlugin plugin = new FunctionPlugin("ns", "fails", method("withFailingCondition"));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(plugin::shouldLoad)
            .withMessage("condition failed");
    }

    @Test
    void rejectsANonStaticMethodAndAConditionThatIsNotBoolean() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new FunctionPlugin("ns", "x", method("instanceMethod")))
            .withMessageContaining("public and static");
        assertThatIllegalArgumentException().isThrownBy(() -> new FunctionPlugin("ns", "x", method("badCondition")))
            .withMessageContaining("no public static no-argument boolean method text()");
    }

    @Test
    void isDisabledThroughAManagerWhenTheConditionIsFalse() {
        Fixtures.condition = false;
        var manager = dev.plux.runtime.PluginManager.builder("ns")
            .finder(() -> java.util.List.of(new PluginSpec("ns", "guarded", () -> new FunctionPlugin("ns", "guarded",
                    Fixtures.Functions.class.getMethod("guarded", String.class)))))
            .build();
        assertThatExceptionOfType(PluginDisabled.class).isThrownBy(() -> manager.load("guarded"))
            .withMessage("plugin ns:guarded is disabled, reason: Load condition for plugin was false");
    }
}
