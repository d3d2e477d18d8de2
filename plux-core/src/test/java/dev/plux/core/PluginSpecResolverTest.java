package dev.plux.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PluginSpecResolverTest {

    private final PluginSpecResolver resolver = new PluginSpecResolver();

    private final ClassLoader loader = getClass().getClassLoader();

    private PluginSpec resolve(String name, String value) throws Exception {
        return this.resolver.resolve(new EntryPoint("ns", name, value, null), this.loader);
    }

    private static String holder(String member) {
        return Fixtures.Holder.class.getName() + ":" + member;
    }

    @Test
    void resolvesAClassWithoutInitializingIt() throws Exception {
        PluginSpec spec = resolve("untouched", " " + Fixtures.Untouched.class.getName() + " ");
        assertThat(Fixtures.UNTOUCHED_INITS).hasValue(0);
        assertThat(spec.factory()).isEqualTo(new ClassPluginFactory(Fixtures.Untouched.class));
        assertThat(spec.value()).isEqualTo(Fixtures.Untouched.class.getName());
        assertThat(spec.namespace()).isEqualTo("ns");
        assertThat(spec.name()).isEqualTo("untouched");
    }

    @Test
    void resolvesAFieldHoldingAMatchingSpec() throws Exception {
        PluginSpec spec = resolve("spec", holder("SPEC"));
        assertThat(spec).isEqualTo(Fixtures.Holder.SPEC);
        assertThat(spec.value()).isEqualTo(holder("SPEC"));
    }

    @Test
    void rejectsAFieldHoldingASpecOfAnotherNameNamingBoth() {
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("other", holder("SPEC")))
            .withMessageContaining("ns:spec")
            .withMessageContaining("ns:other");
    }

    @Test
    void resolvesAFieldHoldingAFactory() throws Exception {
        assertThat(resolve("f", holder("FACTORY")).factory()).isSameAs(Fixtures.Holder.FACTORY);
    }

    @Test
    void resolvesAMethodReturningAPluginAsAFactoryCallingIt() throws Exception {
        PluginSpec spec = resolve("m", holder("create"));
        assertThat(spec.factory().create()).isInstanceOf(Fixtures.Simple.class);
        assertThat(spec.factory().create()).isNotSameAs(spec.factory().create());
    }

    @Test
    void resolvesAMethodReturningASpec() throws Exception {
        assertThat(resolve("method-spec", holder("spec")).factory())
            .isEqualTo(new ClassPluginFactory(Fixtures.Simple.class));
    }

    @Test
    void resolvesAPluginFunction() throws Exception {
        PluginSpec spec = resolve("guarded", Fixtures.Functions.class.getName() + ":guarded");
        assertThat(spec.factory().create()).isInstanceOfSatisfying(FunctionPlugin.class,
                (plugin) -> assertThat(plugin.name()).isEqualTo("guarded"));
    }

    @Test
    void failsAtResolutionWhenTheFunctionConditionIsMissing() {
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> resolve("bad", Fixtures.Functions.class.getName() + ":badCondition"))
            .withMessageContaining("text");
    }

    @Test
    void rejectsValuesThatAreNotClassNames() {
        for (String value : new String[] { "com.example.", "1abc", "a b", "a:b:c", "a:", ":b", "com/example/X" }) {
            assertThatExceptionOfType(PluginException.class).as(value).isThrownBy(() -> resolve("x", value))
                .withMessageContaining("not a binary class name");
        }
    }

    @Test
    void escapesControlCharactersInMessages() {
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("x\u0001", "a\u0002"))
            .withMessageContaining("x\\u0001")
            .withMessageContaining("a\\u0002");
    }

    @Test
    void failsForAMissingClass() {
        assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> resolve("x", "com.example.Missing"));
    }

    @Test
    void rejectsClassesThatCannotBePlugins() {
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("x", String.class.getName()))
            .withMessageContaining("does not implement");
        assertThatExceptionOfType(PluginException.class)
            .isThrownBy(() -> resolve("x", Fixtures.Abstract.class.getName()))
            .withMessageContaining("abstract");
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("x", Plugin.class.getName()))
            .withMessageContaining("abstract");
        assertThatExceptionOfType(PluginException.class)
            .isThrownBy(() -> resolve("x", Fixtures.Hidden.class.getName()))
            .withMessageContaining("not public");
    }

    @Test
    void rejectsMembersOfTheWrongKind() {
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("x", holder("NOTHING")))
            .withMessageContaining("holds null");
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("x", holder("text")))
            .withMessageContaining("returns java.lang.String");
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("x", holder("nullSpec")))
            .withMessageContaining("returned null");
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("x", holder("instanceField")))
            .withMessageContaining("no public static field instanceField");
        assertThatExceptionOfType(PluginException.class).isThrownBy(() -> resolve("x", holder("absent")))
            .withMessageContaining("absent");
    }

    @Test
    void rethrowsTheFailureOfAFactoryMethodUnwrapped() throws Exception {
        PluginSpec spec = resolve("x", holder("failing"));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> spec.factory().create())
            .withMessage("factory method failed");
    }
}
