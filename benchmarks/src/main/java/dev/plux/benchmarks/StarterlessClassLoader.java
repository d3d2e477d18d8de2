package dev.plux.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader over the plugin jars whose Boot auto-configuration candidates ({@code AutoConfiguration.imports})
 * leave out plux's: the application as Boot sees it without the starter, which is the plain context of the
 * starter-overhead measurements. Excluding plux's auto-configurations with {@code spring.autoconfigure.exclude}
 * instead, as earlier sessions did, makes the plain context pay for the exclusion (Boot converts the property and
 * loads each excluded class to check it; about 0.4% of this small context), so plux's overhead read smaller than
 * it is. The plux classes stay on the class path, untouched: Boot never hears of them.
 */
final class StarterlessClassLoader extends URLClassLoader {

    private static final String IMPORTS = "META-INF/spring/"
            + "org.springframework.boot.autoconfigure.AutoConfiguration.imports";

    private static final String PLUX_PACKAGE = "dev.plux.";

    /** The candidate list without plux's lines, read once from the application class path into a file. */
    private static final URL STARTERLESS_IMPORTS = starterlessImports();

    StarterlessClassLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!IMPORTS.equals(name)) {
            return super.getResources(name);
        }
        // The search is part of a start with or without the starter (the application's class loader looks for the
        // file in every jar, the 100 plugin jars too): only its result differs.
        Collections.list(super.getResources(name));
        return Collections.enumeration(List.of(STARTERLESS_IMPORTS));
    }

    private static URL starterlessImports() {
        try {
            StringBuilder kept = new StringBuilder();
            for (URL url : Collections.list(StarterlessClassLoader.class.getClassLoader().getResources(IMPORTS))) {
                try (InputStream in = url.openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter((line) -> !line.strip().startsWith(PLUX_PACKAGE))
                        .forEach((line) -> kept.append(line).append('\n'));
                }
            }
            Path file = Files.createTempFile("starterless-", ".imports");
            file.toFile().deleteOnExit();
            Files.writeString(file, kept);
            return file.toUri().toURL();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
