package dev.plux.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PluginSpecTest {

    @Test
    void ofNamesTheClassAsValue() {
        PluginSpec spec = PluginSpec.of("ns", "a", Fixtures.Simple.class);
        assertThat(spec.namespace()).isEqualTo("ns");
        assertThat(spec.name()).isEqualTo("a");
        assertThat(spec.value()).isEqualTo(Fixtures.Simple.class.getName());
        assertThat(spec.factory()).isEqualTo(new ClassPluginFactory(Fixtures.Simple.class));
        assertThat(spec).hasToString("PluginSpec[ns:a = " + Fixtures.Simple.class.getName() + "]");
    }

    @Test
    void isEqualByNamespaceNameAndFactoryIgnoringValue() {
        PluginSpec spec = PluginSpec.of("ns", "a", Fixtures.Simple.class);
        PluginSpec sameWithOtherValue = new PluginSpec("ns", "a", new ClassPluginFactory(Fixtures.Simple.class), "x");
        assertThat(spec).isEqualTo(sameWithOtherValue).hasSameHashCodeAs(sameWithOtherValue);
        assertThat(spec).isNotEqualTo(PluginSpec.of("ns", "b", Fixtures.Simple.class));
        assertThat(spec).isNotEqualTo(PluginSpec.of("other", "a", Fixtures.Simple.class));
        assertThat(spec).isNotEqualTo(PluginSpec.of("ns", "a", Fixtures.Untouched.class));
    }

    @Test
    void usesTheFactoryClassAsDefaultValue() {
        PluginFactory factory = Fixtures.Simple::new;
        assertThat(new PluginSpec("ns", "a", factory).value()).isEqualTo(factory.getClass().getName());
    }
}
