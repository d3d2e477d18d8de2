package dev.plux.runtime;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DistributionsTest {

    private static final String INDEX = "[test.dist]\na = " + TestPlugins.Noop.class.getName() + "\n";

    private static final PluginSpec SPEC = PluginSpec.of("test.dist", "a", TestPlugins.Noop.class);

    @TempDir
    Path temp;

    private static URL indexIn(Path jar) throws IOException {
        return new URL("jar:" + jar.toUri().toURL() + "!/" + IndexFile.LOCATION);
    }

    @Test
    void readsArtifactIdAndVersionFromPomPropertiesOfAJar() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(IndexFile.LOCATION, INDEX);
        entries.put("META-INF/maven/com.example/zz-shaded/pom.properties", "artifactId=zz-shaded\nversion=9\n");
        entries.put("META-INF/maven/com.example/my-plugins/pom.properties",
                "groupId=com.example\nartifactId=my-plugins\nversion=1.2.3\n");
        Path jar = TempIndex.jar(this.temp, "my-plugins-1.2.3.jar", entries, Map.of("Implementation-Title", "ignored"));
        Optional<Distribution> distribution = Distributions.of(SPEC, indexIn(jar));
        assertThat(distribution).hasValue(new Distribution("my-plugins", "1.2.3", jar.toUri().toURL()));
    }

    @Test
    void fallsBackToTheManifestImplementationTitleAndVersion() throws IOException {
        Path jar = TempIndex.jar(this.temp, "titled.jar", Map.of(IndexFile.LOCATION, INDEX),
                Map.of("Implementation-Title", "Titled Plugins", "Implementation-Version", "2.0"));
        assertThat(Distributions.of(SPEC, indexIn(jar)))
            .hasValue(new Distribution("Titled Plugins", "2.0", jar.toUri().toURL()));
    }

    @Test
    void fallsBackToTheFileName() throws IOException {
        Path jar = TempIndex.jar(this.temp, "plain plugins.jar", Map.of(IndexFile.LOCATION, INDEX), Map.of());
        assertThat(Distributions.of(SPEC, indexIn(jar))).hasValueSatisfying((distribution) -> {
            assertThat(distribution.name()).isEqualTo("plain plugins.jar");
            assertThat(distribution.version()).isNull();
        });
    }

    @Test
    void readsAClassesDirectory() throws IOException {
        Path classes = TempIndex.directory(this.temp, "classes", INDEX);
        Path pom = classes.resolve("META-INF/maven/com.example/dir-plugins/pom.properties");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "artifactId=dir-plugins\nversion=0.1\n");
        URL index = classes.resolve(IndexFile.LOCATION).toUri().toURL();
        assertThat(Distributions.of(SPEC, index)).hasValue(new Distribution("dir-plugins", "0.1", classes.toUri().toURL()));
        Path bare = TempIndex.directory(this.temp, "bare-classes", INDEX);
        assertThat(Distributions.of(SPEC, bare.resolve(IndexFile.LOCATION).toUri().toURL()))
            .hasValueSatisfying((distribution) -> assertThat(distribution.name()).isEqualTo("bare-classes"));
    }

    @Test
    void tellsTheDistributionOfAPluginLoadedThroughAnIndexInAJar() throws IOException {
        Path jar = TempIndex.jar(this.temp, "indexed.jar", Map.of(IndexFile.LOCATION, INDEX,
                "META-INF/maven/g/indexed/pom.properties", "artifactId=indexed\nversion=3\n"), Map.of());
        try (URLClassLoader loader = TempIndex.loader(jar)) {
            PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.dist").classLoader(loader).build();
            assertThat(manager.getContainer("a").distribution()).hasValueSatisfying((distribution) -> {
                assertThat(distribution.name()).isEqualTo("indexed");
                assertThat(distribution.version()).isEqualTo("3");
            });
        }
    }

    @Test
    void usesTheCodeSourceOfThePluginClassWithoutAnIndexFile() {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder("test.dist").finder(() -> List.of(SPEC)).build();
        assertThat(manager.getContainer("a").distribution()).hasValueSatisfying(
                (distribution) -> assertThat(distribution.location().toExternalForm()).contains("test-classes"));
    }
}
