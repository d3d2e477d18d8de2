package dev.plux.spring.boot.autoconfigure;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.runtime.PluginState;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.PluginManagers;
import dev.plux.spring.boot.autoconfigure.fixtures.BeanTypeCopyBundle;
import jakarta.annotation.PostConstruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Class plugins created through the context fail or disable themselves as they would without Spring: what the
 * plugin threw is recorded, not Spring's wrapper of it.
 */
@Timeout(30)
class AutowiringPluginInstantiatorTests {

    private static final String NS = "test.autowiring";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
        .withPropertyValues("plux.namespaces[0]=" + NS)
        .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.finder(() -> List.of(
                PluginSpec.of(NS, "self-disabling", SelfDisabling.class),
                PluginSpec.of(NS, "broken", Broken.class),
                PluginSpec.of(NS, "broken-init", BrokenInit.class),
                PluginSpec.of(NS, "needs-a-bean", NeedsABean.class),
                PluginSpec.of(NS, "needs-a-failing-bean", NeedsAFailingBean.class))))
        .withBean(FailingService.class, () -> {
            throw new IllegalStateException("the service broke");
        }, (definition) -> definition.setLazyInit(true));

    @Test
    void aPluginThatDisablesItselfInItsConstructorIsDisabled() {
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get(NS);
            assertThat(catchThrowable(() -> manager.load("self-disabling"))).isInstanceOf(PluginDisabled.class);
            assertThat(manager.getContainer("self-disabling").state()).isEqualTo(PluginState.DISABLED);
            assertThat(manager.getContainer("self-disabling").disabledReason()).isEqualTo("no licence");
        });
    }

    @Test
    void aConstructorOrInitMethodFailureIsRecordedAsWhatThePluginThrew() {
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get(NS);
            assertThat(catchThrowable(() -> manager.load("broken"))).isInstanceOf(PluginException.class);
            assertThat(manager.getContainer("broken").state()).isEqualTo(PluginState.INIT_FAILED);
            assertThat(manager.getContainer("broken").initError()).isInstanceOf(IllegalStateException.class)
                .hasMessage("no database");
            assertThat(catchThrowable(() -> manager.load("broken-init"))).isInstanceOf(PluginException.class);
            assertThat(manager.getContainer("broken-init").initError()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad config");
        });
    }

    @Test
    void aMissingBeanStaysSpringsReport() {
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get(NS);
            assertThat(catchThrowable(() -> manager.load("needs-a-bean"))).isInstanceOf(PluginException.class);
            assertThat(manager.getContainer("needs-a-bean").initError())
                .isInstanceOf(UnsatisfiedDependencyException.class);
        });
    }

    @Test
    void aMissingBeanOfAClassOfTheApplicationsOwnChildFirstLoaderIsNotBlamedOnACopyInABundle(@TempDir Path work)
            throws Exception {
        // devtools' restart class loader looks the application's classes up in itself first, and its parent has them
        // too: a missing bean of such a type is a missing bean, not a bundle's copy of its type
        BeanTypeCopyBundle classes = BeanTypeCopyBundle.build(work);
        try (URLClassLoader application = classes.application(); URLClassLoader restart = classes.restartLike()) {
            new ApplicationContextRunner().withClassLoader(restart)
                .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
                .withPropertyValues("plux.namespaces=test.clocks")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    PluginManager<?> clocks = context.getBean(PluginManagers.class).get("test.clocks");

                    assertThat(catchThrowable(() -> clocks.load("clock"))).isInstanceOf(PluginException.class)
                        .hasMessageContaining("No qualifying bean of type 'acme.shared.Clock'")
                        .hasMessageNotContaining("own copy");
                    assertThat(clocks.getContainer("clock").initError())
                        .isInstanceOf(UnsatisfiedDependencyException.class);
                });
        }
    }

    @Test
    void aFailingDependencyStaysSpringsReportNamingThePlugin() {
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManagers.class).get(NS);
            assertThat(catchThrowable(() -> manager.load("needs-a-failing-bean"))).isInstanceOf(PluginException.class);
            // the service's failure is not the plugin's own: Spring's report says which parameter needed it
            assertThat(manager.getContainer("needs-a-failing-bean").initError())
                .isInstanceOf(UnsatisfiedDependencyException.class)
                .hasMessageContaining(NeedsAFailingBean.class.getName());
        });
    }

    /** A service whose creation fails. */
    public static class FailingService {
    }

    /** Needs the failing service. */
    public static class NeedsAFailingBean implements Plugin {

        /**
         * Takes the service.
         *
         * @param service a bean that fails to be created
         */
        public NeedsAFailingBean(FailingService service) {
        }
    }

    /** Disables itself from its constructor. */
    public static class SelfDisabling implements Plugin {

        /** Always disables. */
        public SelfDisabling() {
            throw new PluginDisabled(NS, "self-disabling", "no licence");
        }
    }

    /** Fails in its constructor. */
    public static class Broken implements Plugin {

        /** Always fails. */
        public Broken() {
            throw new IllegalStateException("no database");
        }
    }

    /** Fails in its init method. */
    public static class BrokenInit implements Plugin {

        /** Always fails. */
        @PostConstruct
        public void init() {
            throw new IllegalArgumentException("bad config");
        }
    }

    /** Needs a bean nobody defines. */
    public static class NeedsABean implements Plugin {

        /**
         * Takes a bean.
         *
         * @param missing a bean that does not exist
         */
        public NeedsABean(Runnable missing) {
        }
    }
}
