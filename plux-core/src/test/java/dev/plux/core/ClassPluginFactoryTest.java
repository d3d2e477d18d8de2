package dev.plux.core;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClassPluginFactoryTest {

    @Test
    void createsANewInstanceEachTime() throws Exception {
        ClassPluginFactory factory = new ClassPluginFactory(Fixtures.Simple.class);
        assertThat(factory.create()).isInstanceOf(Fixtures.Simple.class).isNotSameAs(factory.create());
        assertThat(factory.pluginClass()).isEqualTo(Fixtures.Simple.class);
    }

    @Test
    void rethrowsTheConstructorsExceptionUnwrapped() {
        assertThatExceptionOfType(IOException.class)
            .isThrownBy(() -> new ClassPluginFactory(Fixtures.FailingConstructor.class).create())
            .withMessage("constructor failed");
    }

    @Test
    void refusesAnAbstractClass() {
        assertThatExceptionOfType(PluginException.class)
            .isThrownBy(() -> new ClassPluginFactory(Fixtures.Abstract.class).create())
            .withMessageContaining("abstract");
    }
}
