package dev.plux.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@Timeout(60)
class PluginSpecTest {

    private static final PluginFactory FACTORY = SamplePlugin::new;

    @Test
    void ofTwiceWithTheSameArgumentsIsEqual() {
        PluginSpec first = PluginSpec.of("my.ns", "sample", SamplePlugin.class);
        PluginSpec second = PluginSpec.of("my.ns", "sample", SamplePlugin.class);
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void ofUsesTheClassNameAsValueAndAClassFactory() {
        PluginSpec spec = PluginSpec.of("my.ns", "sample", SamplePlugin.class);
        assertThat(spec.namespace()).isEqualTo("my.ns");
        assertThat(spec.name()).isEqualTo("sample");
        assertThat(spec.value()).isEqualTo(SamplePlugin.class.getName());
        assertThat(spec.factory()).isEqualTo(new ClassPluginFactory(SamplePlugin.class));
    }

    @Test
    void valueDefaultsToTheFactoryClassName() {
        PluginSpec spec = new PluginSpec("my.ns", "sample", FACTORY);
        assertThat(spec.value()).isEqualTo(FACTORY.getClass().getName());
    }

    @Test
    void explicitValueIsKept() {
        PluginSpec spec = new PluginSpec("my.ns", "sample", FACTORY, "com.x.Holder:sample");
        assertThat(spec.value()).isEqualTo("com.x.Holder:sample");
    }

    @Test
    void equalityIgnoresTheValue() {
        PluginSpec first = new PluginSpec("my.ns", "sample", FACTORY, "a");
        PluginSpec second = new PluginSpec("my.ns", "sample", FACTORY, "b");
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void differentNamespaceNameOrFactoryIsNotEqual() {
        PluginSpec spec = new PluginSpec("my.ns", "sample", FACTORY);
        assertThat(spec).isNotEqualTo(new PluginSpec("other.ns", "sample", FACTORY))
            .isNotEqualTo(new PluginSpec("my.ns", "other", FACTORY))
            .isNotEqualTo(new PluginSpec("my.ns", "sample", SamplePlugin::new))
            .isNotEqualTo("my.ns:sample");
    }

    @Test
    void nullPartsAreRejected() {
        assertThatNullPointerException().isThrownBy(() -> new PluginSpec(null, "n", FACTORY))
            .withMessage("namespace");
        assertThatNullPointerException().isThrownBy(() -> new PluginSpec("ns", null, FACTORY)).withMessage("name");
        assertThatNullPointerException().isThrownBy(() -> new PluginSpec("ns", "n", null))
            .withMessage("factory");
        assertThatNullPointerException().isThrownBy(() -> new PluginSpec("ns", "n", FACTORY, null))
            .withMessage("value");
    }

    @Test
    void toStringShowsNamespaceNameAndValue() {
        assertThat(new PluginSpec("my.ns", "sample", FACTORY, "com.x.Foo")).hasToString("PluginSpec[my.ns:sample = com.x.Foo]");
    }

    public static class SamplePlugin implements Plugin {
    }
}
