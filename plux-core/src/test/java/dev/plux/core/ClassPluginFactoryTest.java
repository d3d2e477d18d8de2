package dev.plux.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class ClassPluginFactoryTest {

    @Test
    void createsANewInstanceWithThePublicNoArgumentConstructor() throws Exception {
        ClassPluginFactory factory = new ClassPluginFactory(SimplePlugin.class);
        Plugin first = factory.create();
        assertThat(first).isInstanceOf(SimplePlugin.class).isNotSameAs(factory.create());
    }

    @Test
    void classWithoutANoArgumentConstructorFailsWithAHintAboutSpring() {
        assertThatThrownBy(() -> new ClassPluginFactory(NeedsBeans.class).create()).isInstanceOf(PluginException.class)
            .hasMessageContaining(NeedsBeans.class.getName())
            .hasMessageContaining("has no public no-argument constructor")
            .hasMessageContaining("Spring layer")
            .hasMessageContaining("PluginFactory")
            .hasMessageContaining("without Spring: add a public no-argument constructor, or declare the plugin"
                    + " through a @PluginName public static factory method that calls this constructor");
    }

    @Test
    void innerClassFailsSayingToMakeItStaticNotToUseSpring() {
        // its only constructor takes the enclosing instance, which no one (Spring neither) has to give
        assertThatThrownBy(() -> new ClassPluginFactory(Inner.class).create()).isInstanceOf(PluginException.class)
            .hasMessage("plugin class " + Inner.class.getName() + " is an inner class (a non-static nested class):"
                    + " it cannot be created without an instance of " + ClassPluginFactoryTest.class.getName()
                    + "; declare it static");
    }

    @Test
    void nonPublicNoArgumentConstructorFailsSayingToMakeItPublic() {
        assertThatThrownBy(() -> new ClassPluginFactory(PrivateConstructor.class).create())
            .isInstanceOf(PluginException.class)
            .hasMessage("plugin class " + PrivateConstructor.class.getName() + " has no public no-argument"
                    + " constructor: its no-argument constructor is private; make it public");
    }

    @Test
    void abstractClassCannotBeCreated() {
        assertThatThrownBy(() -> new ClassPluginFactory(AbstractPlugin.class).create())
            .isInstanceOf(PluginException.class)
            .hasMessageContaining("is abstract");
    }

    @Test
    void constructorFailureIsThrownUnwrapped() {
        assertThatThrownBy(() -> new ClassPluginFactory(FailingPlugin.class).create())
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("constructor failed");
    }

    @Test
    void errorsFromTheConstructorAreThrownAsTheyAre() {
        assertThatThrownBy(() -> new ClassPluginFactory(ErrorPlugin.class).create())
            .isInstanceOf(AssertionError.class)
            .hasMessage("constructor error");
    }

    @Test
    void factoriesOfTheSameClassAreEqual() {
        assertThat(new ClassPluginFactory(SimplePlugin.class)).isEqualTo(new ClassPluginFactory(SimplePlugin.class))
            .isNotEqualTo(new ClassPluginFactory(FailingPlugin.class));
    }

    @Test
    void classIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> new ClassPluginFactory(null)).withMessage("pluginClass");
    }

    public static class SimplePlugin implements Plugin {
    }

    public abstract static class AbstractPlugin implements Plugin {
    }

    public class Inner implements Plugin {
    }

    public static class PrivateConstructor implements Plugin {

        private PrivateConstructor() {
        }
    }

    public static class NeedsBeans implements Plugin {

        public NeedsBeans(String bean) {
        }
    }

    public static class FailingPlugin implements Plugin {

        public FailingPlugin() {
            throw new IllegalStateException("constructor failed");
        }
    }

    public static class ErrorPlugin implements Plugin {

        public ErrorPlugin() {
            throw new AssertionError("constructor error");
        }
    }
}
