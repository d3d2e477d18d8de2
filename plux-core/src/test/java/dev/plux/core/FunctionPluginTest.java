package dev.plux.core;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FunctionPluginTest {

    @BeforeEach
    void reset() {
        Functions.calls.clear();
        Functions.enabled = true;
    }

    @Test
    void invokeCallsTheMethodWithTheArguments() throws Exception {
        FunctionPlugin plugin = new FunctionPlugin("fn", "greet", method(Functions.class, "greet", String.class));
        assertThat(plugin.invoke("bob")).isEqualTo("hello bob");
        assertThat(Functions.calls).containsExactly("greet(bob)");
    }

    @Test
    void invokeCallsAVarargsMethodAsAJavaCallWould() throws Exception {
        // as calling a plux function plugin passes its arguments to the function: join("-", "a", "b")
        FunctionPlugin join = new FunctionPlugin("fn", "join",
                method(Functions.class, "join", String.class, String[].class));
        assertThat(join.invoke("-", "a", "b")).isEqualTo("a-b");
        assertThat(join.invoke("-")).isEqualTo("");
        assertThat(join.invoke("-", new String[] { "a", "b" })).isEqualTo("a-b");
        FunctionPlugin count = new FunctionPlugin("fn", "count", method(Functions.class, "count", Object[].class));
        assertThat(count.invoke("x", "y")).isEqualTo(2);
        assertThat(count.invoke()).isEqualTo(0);
        assertThat(count.invoke(new Object[] { new Object[] { "x", "y", "z" } })).isEqualTo(3);
        FunctionPlugin sum = new FunctionPlugin("fn", "sum", method(Functions.class, "sum", int[].class));
        assertThat(sum.invoke(1, 2, 3)).isEqualTo(6);
        assertThatIllegalArgumentException().isThrownBy(() -> join.invoke());
    }

    @Test
    void invokeGathersVarargsWhenTheArgumentsComeAsAnArrayOfASubtype() throws Exception {
        // String[] argv passed on as invoke(argv) reaches invoke as its Object[], of runtime type String[]: a Java
        // call run(argv) works, so must this one (it threw ArrayStoreException)
        String[] argv = { "-", "a", "b" };
        FunctionPlugin join = new FunctionPlugin("fn", "join",
                method(Functions.class, "join", String.class, String[].class));
        assertThat(join.invoke((Object[]) argv)).isEqualTo("a-b");
        assertThat(join.invoke((Object[]) new String[] { "-", "a" })).isEqualTo("a");
        FunctionPlugin count = new FunctionPlugin("fn", "count", method(Functions.class, "count", Object[].class));
        assertThat(count.invoke((Object[]) argv)).isEqualTo(3);
        assertThat(argv).containsExactly("-", "a", "b");
    }

    @Test
    void invokeWithArgumentsOfTheWrongTypesNamesThePluginItsSignatureAndTheArgumentTypes() {
        // the JDK's own message is "argument type mismatch", naming neither the plugin nor what was passed
        FunctionPlugin greet = new FunctionPlugin("fn", "greet", method(Functions.class, "greet", String.class));
        assertThatIllegalArgumentException().isThrownBy(() -> greet.invoke(42))
            .withMessage("function plugin fn:greet cannot be called as " + Functions.class.getName()
                    + ".greet(java.lang.String) with arguments (java.lang.Integer): argument type mismatch")
            .withCauseInstanceOf(IllegalArgumentException.class);
        FunctionPlugin join = new FunctionPlugin("fn", "join",
                method(Functions.class, "join", String.class, String[].class));
        assertThatIllegalArgumentException().isThrownBy(() -> join.invoke("-", "a", 1))
            .withMessageStartingWith("function plugin fn:join cannot be called as " + Functions.class.getName()
                    + ".join(java.lang.String, java.lang.String...) with arguments (java.lang.String, "
                    + "java.lang.String, java.lang.Integer): ");
        FunctionPlugin sum = new FunctionPlugin("fn", "sum", method(Functions.class, "sum", int[].class));
        assertThatIllegalArgumentException().isThrownBy(() -> sum.invoke(1, null))
            .withMessageStartingWith("function plugin fn:sum cannot be called as " + Functions.class.getName()
                    + ".sum(int...) with arguments (java.lang.Integer, null): ");
        assertThatIllegalArgumentException().isThrownBy(() -> join.invoke())
            .withMessageStartingWith("function plugin fn:join cannot be called as " + Functions.class.getName()
                    + ".join(java.lang.String, java.lang.String...) with arguments (): ");
        assertThat(Functions.calls).isEmpty();
    }

    @Test
    void invokeRejectsANullArrayOfArgumentsWithoutCallingTheMethod() {
        // Method.invoke takes a null array for "no arguments"; the API's array is non-null (@NullMarked), as the
        // manager's loadArgs is, and invoke(null) is more likely meant as one null argument
        FunctionPlugin touch = new FunctionPlugin("fn", "touch", method(Functions.class, "touch"));
        assertThatThrownBy(() -> touch.invoke((Object[]) null)).isInstanceOf(NullPointerException.class)
            .hasMessage("function plugin fn:touch: invoke(...) was given a null array; invoke() passes no arguments, "
                    + "invoke((Object) null) one null argument");
        assertThat(Functions.calls).isEmpty();
    }

    @Test
    void anIllegalArgumentExceptionTheMethodThrowsIsPassedOnAsItIs() {
        FunctionPlugin plugin = new FunctionPlugin("fn", "reject", method(Functions.class, "reject", String.class));
        assertThatIllegalArgumentException().isThrownBy(() -> plugin.invoke("x")).withMessage("rejected x")
            .withNoCause();
    }

    @Test
    void invokeOfAVoidMethodReturnsNull() throws Exception {
        FunctionPlugin plugin = new FunctionPlugin("fn", "touch", method(Functions.class, "touch"));
        assertThat(plugin.invoke()).isNull();
        assertThat(Functions.calls).containsExactly("touch");
    }

    @Test
    void invokeThrowsWhatTheMethodThrew() {
        FunctionPlugin plugin = new FunctionPlugin("fn", "fail", method(Functions.class, "fail"));
        assertThatThrownBy(plugin::invoke).isInstanceOf(IllegalStateException.class).hasMessage("failing on purpose");
    }

    @Test
    void loadDoesNotCallTheMethod() throws Exception {
        FunctionPlugin plugin = new FunctionPlugin("fn", "touch", method(Functions.class, "touch"));
        assertThat(plugin.load()).isNull();
        assertThat(Functions.calls).isEmpty();
    }

    @Test
    void exposesNamespaceNameAndMethod() {
        Method touch = method(Functions.class, "touch");
        FunctionPlugin plugin = new FunctionPlugin("fn", "touch", touch);
        assertThat(plugin.namespace()).isEqualTo("fn");
        assertThat(plugin.name()).isEqualTo("touch");
        assertThat(plugin.method()).isEqualTo(touch);
        assertThat(plugin.toString()).contains("fn:touch", "Functions.touch()");
    }

    @Test
    void shouldLoadIsTrueWithoutACondition() {
        assertThat(new FunctionPlugin("fn", "touch", method(Functions.class, "touch")).shouldLoad()).isTrue();
    }

    @Test
    void shouldLoadCallsTheConditionNamedByTheAnnotation() {
        FunctionPlugin plugin = new FunctionPlugin("fn", "conditional", method(Functions.class, "conditional"));
        assertThat(plugin.shouldLoad()).isTrue();
        Functions.enabled = false;
        assertThat(plugin.shouldLoad()).isFalse();
    }

    @Test
    void conditionThatThrowsPropagates() {
        FunctionPlugin plugin = new FunctionPlugin("fn", "badCondition", method(Functions.class, "badCondition"));
        assertThatThrownBy(plugin::shouldLoad).isInstanceOf(IllegalStateException.class).hasMessage("no condition");
    }

    @Test
    void missingConditionMethodIsRejected() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new FunctionPlugin("fn", "x", method(BadConditions.class, "missing")))
            .withMessageContaining("shouldLoad = \"nope\"")
            .withMessageContaining("no public static no-argument boolean method nope()");
    }

    @Test
    void conditionNotReturningBooleanIsRejected() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new FunctionPlugin("fn", "x", method(BadConditions.class, "wrongType")))
            .withMessageContaining("notBoolean");
    }

    @Test
    void nonStaticConditionIsRejected() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new FunctionPlugin("fn", "x", method(BadConditions.class, "instanceCondition")))
            .withMessageContaining("instance");
    }

    @Test
    void conditionWithParametersIsRejected() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new FunctionPlugin("fn", "x", method(BadConditions.class, "parameterCondition")))
            .withMessageContaining("withParameter");
    }

    @Test
    void nonStaticMethodIsRejected() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new FunctionPlugin("fn", "x", method(BadConditions.class, "notStatic")))
            .withMessageContaining("fn:x")
            .withMessageContaining("must be public and static");
    }

    @Test
    void nonPublicMethodIsRejected() throws Exception {
        Method hidden = BadConditions.class.getDeclaredMethod("hidden");
        assertThatIllegalArgumentException().isThrownBy(() -> new FunctionPlugin("fn", "x", hidden))
            .withMessageContaining("must be public and static");
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static class Functions {

        static final List<String> calls = new ArrayList<>();

        static boolean enabled = true;

        public static String greet(String who) {
            calls.add("greet(" + who + ")");
            return "hello " + who;
        }

        public static String join(String separator, String... parts) {
            return String.join(separator, parts);
        }

        public static int count(Object... args) {
            return args.length;
        }

        public static int sum(int... values) {
            return java.util.Arrays.stream(values).sum();
        }

        public static void touch() {
            calls.add("touch");
        }

        public static void reject(String value) {
            throw new IllegalArgumentException("rejected " + value);
        }

        public static void fail() {
            throw new IllegalStateException("failing on purpose");
        }

        @PluginFunction(namespace = "fn", shouldLoad = "isEnabled")
        public static void conditional() {
            calls.add("conditional");
        }

        public static boolean isEnabled() {
            return enabled;
        }

        @PluginFunction(namespace = "fn", shouldLoad = "throwing")
        public static void badCondition() {
        }

        public static boolean throwing() {
            throw new IllegalStateException("no condition");
        }
    }

    public static class BadConditions {

        @PluginFunction(namespace = "fn", shouldLoad = "nope")
        public static void missing() {
        }

        @PluginFunction(namespace = "fn", shouldLoad = "notBoolean")
        public static void wrongType() {
        }

        public static String notBoolean() {
            return "yes";
        }

        @PluginFunction(namespace = "fn", shouldLoad = "instance")
        public static void instanceCondition() {
        }

        public boolean instance() {
            return true;
        }

        @PluginFunction(namespace = "fn", shouldLoad = "withParameter")
        public static void parameterCondition() {
        }

        public static boolean withParameter(String ignored) {
            return true;
        }

        public void notStatic() {
        }

        static void hidden() {
        }
    }
}
