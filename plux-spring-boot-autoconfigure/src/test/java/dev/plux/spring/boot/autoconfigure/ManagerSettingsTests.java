package dev.plux.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ManagerSettingsTests {

    @Test
    void defaultBeanNameIsLowerCamelNamespacePlusPluginManager() {
        assertThat(ManagerSettings.defaultBeanName("localstack.plugins.services"))
            .isEqualTo("localstackPluginsServicesPluginManager");
    }

    @Test
    void defaultBeanNameSplitsAtDashesUnderscoresAndDots() {
        assertThat(ManagerSettings.defaultBeanName("my-ns_v2.cli")).isEqualTo("myNsV2CliPluginManager");
    }

    @Test
    void defaultBeanNameLowersTheFirstLetterAndKeepsTheRest() {
        assertThat(ManagerSettings.defaultBeanName("My.HTTP..handlers")).isEqualTo("myHTTPHandlersPluginManager");
    }

    @Test
    void defaultBeanNameOfANamespaceWithoutLettersIsPluginManager() {
        assertThat(ManagerSettings.defaultBeanName("..")).isEqualTo("pluginManager");
    }
}
