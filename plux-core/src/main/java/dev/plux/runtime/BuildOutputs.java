package dev.plux.runtime;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Recognizes a build tool's output directory on the class path — what an IDE run, {@code spring-boot:run} or a test
 * puts there instead of a jar — and names the module it belongs to. The directory's own name ({@code classes},
 * {@code main}) tells a user nothing; the module's directory ({@code greeting-plugins}) is what they know it by.
 */
final class BuildOutputs {

    private BuildOutputs() {
    }

    /**
     * The name of the module whose build output a directory is: {@code <module>/target/classes} and
     * {@code <module>/target/test-classes} (Maven), {@code <module>/build/classes/<language>/<source set>} and
     * {@code <module>/build/resources/<source set>} (Gradle).
     *
     * @param directory a directory on the class path
     * @return the module directory's name, or {@code null} when the directory is no such output
     */
    static @Nullable String moduleOf(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        String name = name(absolute);
        if (("classes".equals(name) || "test-classes".equals(name)) && "target".equals(name(absolute.getParent()))) {
            return name(ancestor(absolute, 2));
        }
        Path above = ancestor(absolute, 1);
        if ("resources".equals(name(above)) && "build".equals(name(ancestor(absolute, 2)))) {
            return name(ancestor(absolute, 3));
        }
        if ("classes".equals(name(ancestor(absolute, 2))) && "build".equals(name(ancestor(absolute, 3)))) {
            return name(ancestor(absolute, 4));
        }
        return null;
    }

    private static @Nullable Path ancestor(Path path, int levels) {
        Path current = path;
        for (int i = 0; i < levels && current != null; i++) {
            current = current.getParent();
        }
        return current;
    }

    private static @Nullable String name(@Nullable Path path) {
        Path name = (path != null) ? path.getFileName() : null;
        return (name != null) ? name.toString() : null;
    }
}
