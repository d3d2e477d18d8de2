package dev.plux.spring.boot.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Adds the directories of {@code plux.plugin-directories} to every manager of the context, resolved against the
 * working directory once, when the context creates this customizer.
 */
final class PluginDirectoriesCustomizer implements PluginManagerCustomizer {

    private final List<Path> directories;

    PluginDirectoriesCustomizer(List<String> directories) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < directories.size(); i++) {
            String directory = directories.get(i);
            if (directory == null || directory.isBlank()) {
                continue;
            }
            try {
                paths.add(Path.of(directory.strip()).toAbsolutePath().normalize());
            }
            catch (InvalidPathException ex) {
                throw new InvalidConfigurationPropertyValueException("plux.plugin-directories[" + i + "]", directory,
                        "not a valid path: " + ex.getMessage());
            }
        }
        this.directories = List.copyOf(paths);
    }

    @Override
    public void customize(String namespace, PluginManager.Builder<?> builder) {
        this.directories.forEach(builder::pluginDirectory);
    }

    List<Path> directories() {
        return this.directories;
    }

    @Override
    public String toString() {
        return "plux.plugin-directories " + this.directories;
    }
}
