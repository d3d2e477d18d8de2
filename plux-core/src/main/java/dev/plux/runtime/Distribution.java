package dev.plux.runtime;

import java.net.URL;

import org.jspecify.annotations.Nullable;

/**
 * The jar or directory a plugin came from, like a Python distribution.
 *
 * @param name the Maven artifactId from {@code META-INF/maven/**}{@code /pom.properties}, else the manifest's
 *        {@code Implementation-Title}, else the file name
 * @param version the matching version, or {@code null} when none is recorded
 * @param location the jar file or classes directory
 */
public record Distribution(String name, @Nullable String version, URL location) {
}
