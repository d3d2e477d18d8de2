package dev.plux.runtime;

import org.jspecify.annotations.Nullable;

/**
 * Picks the {@code META-INF/maven/<group>/<artifact>/pom.properties} that names a jar. A shaded jar holds one per
 * library it carries besides its own; the first in name order would name a library (a plugin {@code
 * acme-greeting-1.0.jar} shading {@code acme-base} reported as {@code acme-base}). So the artifact the jar's file
 * name starts with ({@code <artifact>-} or {@code <artifact>.jar}, in any case) wins, the longest such one; without
 * one the first in name order, so that a renamed jar still always reports the same artifact. A directory (a
 * directory bundle's {@code classes/}, a build's output) is chosen for likewise by the name it goes by, which may
 * also be {@code <artifact>} itself.
 */
final class PomChoice {

    private static final String MAVEN = "META-INF/maven/";

    private static final String POM = "/pom.properties";

    private final String fileName;

    private @Nullable String chosen;

    private int chosenMatch = -1;

    /**
     * Starts a choice for one jar or directory.
     *
     * @param fileName the jar's file name, e.g. {@code acme-greeting-1.0.jar}; for a directory the name it goes by
     * (a directory bundle's, {@code acme-greeting-1.0}; a class-path directory's own name)
     */
    PomChoice(String fileName) {
        this.fileName = fileName;
    }

    /**
     * Offers an entry of the jar.
     *
     * @param entryName the entry's name
     * @return whether it is a {@code pom.properties} and now the chosen one
     */
    boolean offer(String entryName) {
        if (!entryName.startsWith(MAVEN) || !entryName.endsWith(POM)) {
            return false;
        }
        int match = match(entryName);
        String current = this.chosen;
        if (current == null || match > this.chosenMatch
                || (match == this.chosenMatch && entryName.compareTo(current) < 0)) {
            this.chosen = entryName;
            this.chosenMatch = match;
            return true;
        }
        return false;
    }

    /** The chosen entry's name, or {@code null} when no {@code pom.properties} was offered. */
    @Nullable String chosen() {
        return this.chosen;
    }

    /** The length of the entry's artifact when the file name starts with it, else 0. */
    private int match(String entryName) {
        String path = entryName.substring(0, entryName.length() - POM.length());
        String artifact = path.substring(path.lastIndexOf('/') + 1);
        // in any case, as a bundle is any *.jar in any case: a jar copied through a case-insensitive file system
        boolean matches = !artifact.isEmpty() && (startsWithIgnoringCase(artifact + "-")
                || this.fileName.equalsIgnoreCase(artifact + ".jar") || this.fileName.equalsIgnoreCase(artifact));
        return matches ? artifact.length() : 0;
    }

    private boolean startsWithIgnoringCase(String prefix) {
        return this.fileName.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
