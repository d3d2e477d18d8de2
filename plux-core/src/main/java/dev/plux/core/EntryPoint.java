package dev.plux.core;

import java.net.URL;

import org.jspecify.annotations.Nullable;

/**
 * One {@code name = value} line of an index file ({@code META-INF/plux/entry_points.txt}), in its section.
 *
 * @param namespace the section the line is in
 * @param name the text before {@code =} (for a malformed line without {@code =}, the whole trimmed line)
 * @param value the text after {@code =}: {@code binary.ClassName} or {@code binary.ClassName:member} (empty for a
 *        line without {@code =})
 * @param source the index file that declared it, or {@code null} when the entry point was made in code
 */
public record EntryPoint(String namespace, String name, String value, @Nullable URL source) {
}
