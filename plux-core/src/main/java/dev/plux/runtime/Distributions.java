package dev.plux.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import dev.plux.core.ClassPluginFactory;
import dev.plux.core.PluginSpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which jar or directory a plugin came from, and reads its name and version: Maven's
 * {@code pom.properties}, else the manifest, else the file name. What a jar says is cached
 * by location and read again when the jar's size or modification time changes; a directory is read each time.
 */
final class Distributions {

    private static final Logger logger = LoggerFactory.getLogger(Distributions.class);

    private static final String INDEX_SUFFIX = "/" + IndexFile.LOCATION;

    /** Where a Spring Boot executable jar keeps the application's own classes and resources. */
    private static final String BOOT_CLASSES = "BOOT-INF/classes";

    // by location text; the values hold no URL, whose stream handler could keep a class loader alive
    private static final Map<String, Read> cache = new ConcurrentHashMap<>();

    private Distributions() {
    }

    static Optional<Distribution> of(PluginSpec spec, @Nullable URL indexFile) {
        URL location = (indexFile != null) ? locationOfIndex(indexFile) : locationOfCode(spec);
        if (location == null) {
            return Optional.empty();
        }
        if (directoryOf(location) != null) {
            // a classes directory is small, and a build rewrites it in place: read it each time
            return Optional.of(read(location));
        }
        String key = location.toExternalForm();
        @Nullable Stamp stamp = Stamp.of(location);
        Read cached = cache.get(key);
        if (cached == null || !Objects.equals(cached.stamp(), stamp)) {
            // a jar replaced in place (another version) has another size or modification time
            Distribution distribution = read(location);
            cached = new Read(stamp, distribution.name(), distribution.version());
            cache.put(key, cached);
        }
        return Optional.of(new Distribution(cached.name(), cached.version(), location));
    }

    /** Forgets what was read for the jar or directory of an index file (its URL's text). */
    static void forgetIndex(String indexFile) {
        String location = locationText(indexFile);
        if (location != null) {
            cache.remove(location);
        }
    }

    static @Nullable URL locationOfIndex(URL indexFile) {
        String location = locationText(indexFile.toExternalForm());
        if (location == null) {
            return null;
        }
        try {
            // in the context of the index URL: a location of the same protocol keeps its stream handler
            return new URL(indexFile, applicationOf(location));
        }
        catch (MalformedURLException ex) {
            logger.debug("cannot tell the distribution of {}", indexFile, ex);
            return null;
        }
    }

    private static @Nullable String locationText(String indexFile) {
        if (indexFile.startsWith("jar:")) {
            int separator = indexFile.lastIndexOf("!/");
            return (separator < 0) ? null : indexFile.substring(4, separator);
        }
        if (indexFile.endsWith(INDEX_SUFFIX)) {
            return indexFile.substring(0, indexFile.length() - IndexFile.LOCATION.length());
        }
        return null;
    }

    private static @Nullable URL locationOfCode(PluginSpec spec) {
        Class<?> type = (spec.factory() instanceof ClassPluginFactory classFactory) ? classFactory.pluginClass()
                : spec.factory().getClass();
        CodeSource codeSource = type.getProtectionDomain().getCodeSource();
        URL location = (codeSource != null) ? codeSource.getLocation() : null;
        if (location == null) {
            return null;
        }
        String text = location.toExternalForm();
        String application = applicationOf(text);
        if (application.equals(text) && text.startsWith("jar:") && text.endsWith("!/")) {
            // a jar's root (a launcher's jar:nested:<app>/!BOOT-INF/lib/x.jar!/): the jar, as an index names it
            application = text.substring(4, text.length() - 2);
        }
        try {
            return application.equals(text) ? location : new URL(location, application);
        }
        catch (MalformedURLException ex) {
            // no stream handler for the jar's protocol here: the root names the jar too (see readJar, fileName)
            return location;
        }
    }

    /**
     * The application a Spring Boot executable jar's {@code BOOT-INF/classes} belongs to, which its plugins report
     * as a plugin of a jar reports the jar (its name, {@code classes}, tells a user nothing): the jar itself, for
     * the launcher's {@code nested:<jar>/!BOOT-INF/classes/} (with or without {@code jar:…!/} around it) and the
     * older {@code file:<jar>!/BOOT-INF/classes}; the directory holding {@code BOOT-INF/}, for an unpacked jar.
     * Any other location is returned as it is.
     *
     * @param location a location's URL text
     * @return the application's URL text, or {@code location}
     */
    static String applicationOf(String location) {
        String text = location;
        if (text.startsWith("jar:") && text.endsWith("!/")) {
            // a code source location names the classes as a jar's root
            text = text.substring(4, text.length() - 2);
        }
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        if (trimmed.startsWith("nested:") && trimmed.endsWith("/!" + BOOT_CLASSES)) {
            // the path is a URI's raw path in which the launcher escaped every '!' (so "/!" is its separator); a
            // file URI leaves '!' as it is, so the jar's location reads as the class path spells a jar
            return "file:" + trimmed.substring("nested:".length(), trimmed.length() - BOOT_CLASSES.length() - 2)
                .replace("%21", "!");
        }
        if (trimmed.startsWith("file:") && trimmed.endsWith("!/" + BOOT_CLASSES)) {
            return trimmed.substring(0, trimmed.length() - BOOT_CLASSES.length() - 2);
        }
        if (trimmed.startsWith("file:") && trimmed.endsWith("/" + BOOT_CLASSES) && !trimmed.contains("!/")) {
            return trimmed.substring(0, trimmed.length() - BOOT_CLASSES.length());
        }
        return location;
    }

    private static Distribution read(URL location) {
        try {
            Path directory = directoryOf(location);
            if (directory != null) {
                return readDirectory(directory, location);
            }
            NestedJars.Nested nested = NestedJars.of(location.toExternalForm());
            if (nested != null) {
                // a library in a Spring Boot jar: read from the application's jar file, whatever handlers exist
                Distribution distribution = NestedJars.read(nested, location);
                return (distribution != null) ? distribution : new Distribution(fileName(location), null, location);
            }
            return readJar(location);
        }
        catch (IOException | RuntimeException ex) {
            // metadata is a nicety: a jar we cannot open still has a name
            logger.debug("cannot read distribution metadata of {}", location, ex);
            return new Distribution(fileName(location), null, location);
        }
    }

    private static @Nullable Path directoryOf(URL location) {
        if (!"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            Path path = Paths.get(location.toURI());
            return Files.isDirectory(path) ? path : null;
        }
        catch (URISyntaxException | IllegalArgumentException ex) {
            return null;
        }
    }

    /**
     * Opens the jar through its URL rather than as a file, so that jars nested in a Spring Boot fat jar
     * ({@code nested:} locations) are read too.
     */
    private static Distribution readJar(URL location) throws IOException {
        String text = location.toExternalForm();
        // a jar's root already (a code source whose jar's protocol has no handler here) is not wrapped again
        URL root = (text.startsWith("jar:") && text.endsWith("!/")) ? location : new URL("jar:" + text + "!/");
        URLConnection connection = root.openConnection();
        connection.setUseCaches(false);
        if (!(connection instanceof JarURLConnection jarConnection)) {
            return new Distribution(fileName(location), null, location);
        }
        try (JarFile jar = jarConnection.getJarFile()) {
            JarEntry pom = null;
            PomChoice choice = new PomChoice(fileName(location));
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (choice.offer(entry.getName())) {
                    pom = entry;
                }
            }
            if (pom != null) {
                try (InputStream in = jar.getInputStream(pom)) {
                    Distribution distribution = fromPom(in, location);
                    if (distribution != null) {
                        return distribution;
                    }
                }
            }
            return fromManifest(jar.getManifest(), location);
        }
    }

    private static Distribution readDirectory(Path directory, URL location) throws IOException {
        // the directory's own name picks among several pom.properties (an unpacked shaded jar), as a jar's file name does
        String name = fileName(location);
        Distribution distribution = fromDirectoryMetadata(directory, location, name);
        return (distribution != null) ? distribution : new Distribution(name, null, location);
    }

    /**
     * Reads the Maven {@code pom.properties} (chosen as in a jar, see {@link PomChoice}, by the name the directory
     * goes by: a shaded tree has one per library), else the manifest's title and version, of a classes directory.
     *
     * @param name what the directory goes by: a directory bundle's name, or the directory's own name
     * @return the distribution, or {@code null} when the directory names none
     */
    static @Nullable Distribution fromDirectoryMetadata(Path directory, URL location, String name)
            throws IOException {
        Path maven = directory.resolve("META-INF/maven");
        if (Files.isDirectory(maven)) {
            PomChoice choice = new PomChoice(name);
            Path pom = null;
            try (Stream<Path> files = Files.walk(maven)) {
                // regular files only: opening a named pipe would wait for a writer
                for (Path file : (Iterable<Path>) files::iterator) {
                    String entry = "META-INF/maven/" + maven.relativize(file).toString().replace('\\', '/');
                    if (file.getFileName().toString().equals("pom.properties") && Files.isRegularFile(file)
                            && choice.offer(entry)) {
                        pom = file;
                    }
                }
            }
            if (pom != null) {
                try (InputStream in = Files.newInputStream(pom)) {
                    Distribution distribution = fromPom(in, location);
                    if (distribution != null) {
                        return distribution;
                    }
                }
            }
        }
        Path manifestFile = directory.resolve(JarFile.MANIFEST_NAME);
        if (Files.isRegularFile(manifestFile)) {
            try (InputStream in = Files.newInputStream(manifestFile)) {
                return fromManifestTitle(new Manifest(in), location);
            }
        }
        return null;
    }

    /** The artifact of a {@code pom.properties}, or {@code null} when it names none. */
    static @Nullable Distribution fromPom(InputStream in, URL location) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        String artifactId = properties.getProperty("artifactId");
        if (artifactId == null || artifactId.isBlank()) {
            return null;
        }
        return new Distribution(artifactId.strip(), blankToNull(properties.getProperty("version")), location);
    }

    private static Distribution fromManifest(@Nullable Manifest manifest, URL location) {
        Distribution distribution = fromManifestTitle(manifest, location);
        return (distribution != null) ? distribution : new Distribution(fileName(location), null, location);
    }

    /** The manifest's {@code Implementation-Title} and version, or {@code null} when it has no title. */
    static @Nullable Distribution fromManifestTitle(@Nullable Manifest manifest, URL location) {
        if (manifest == null) {
            return null;
        }
        Attributes attributes = manifest.getMainAttributes();
        String title = blankToNull(attributes.getValue(Attributes.Name.IMPLEMENTATION_TITLE));
        return (title != null)
                ? new Distribution(title, blankToNull(attributes.getValue(Attributes.Name.IMPLEMENTATION_VERSION)),
                        location)
                : null;
    }

    private static String fileName(URL location) {
        String path = decodePath(location.getPath());
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if ("jar".equals(location.getProtocol()) && path.endsWith("!")) {
            // a jar's root, jar:<jar>!/: the jar's name
            path = path.substring(0, path.length() - 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * A URL's path decoded as a URI path: only {@code %XX} is an escape. {@link URLDecoder} decodes form data, where
     * {@code +} is a space, and would report {@code a+b.jar} as {@code a b.jar}. A malformed escape is kept as it is.
     */
    private static String decodePath(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return path;
        }
    }

    /** What was read from a jar: no URL. */
    private record Read(@Nullable Stamp stamp, String name, @Nullable String version) {
    }

    /** Size and modification time of a jar file, to notice it was replaced. */
    private record Stamp(long size, FileTime modified) {

        static @Nullable Stamp of(URL location) {
            if (!"file".equals(location.getProtocol())) {
                // nested or custom locations: read once, until IndexPluginFinder.refresh
                return null;
            }
            try {
                BasicFileAttributes attributes = Files.readAttributes(Paths.get(location.toURI()),
                        BasicFileAttributes.class);
                return new Stamp(attributes.size(), attributes.lastModifiedTime());
            }
            catch (IOException | URISyntaxException | RuntimeException ex) {
                return null;
            }
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return (text == null || text.isBlank()) ? null : text.strip();
    }
}
