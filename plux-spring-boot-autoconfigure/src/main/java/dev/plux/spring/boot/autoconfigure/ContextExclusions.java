package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.plux.core.PluginSpec;
import dev.plux.runtime.MatchingPluginFilter;
import dev.plux.runtime.PluginFilter;
import org.jspecify.annotations.Nullable;

/**
 * The context's global exclusions ({@code plux.exclude}), each remembered with its property, so that a plugin's
 * disabled reason names the item that excluded it: {@code plux.exclude[0] (namespace 'test.*', name '*also*')}.
 * Matching is {@link MatchingPluginFilter}'s: fnmatch globs on namespace, name and value, AND-ed.
 */
final class ContextExclusions implements PluginFilter {

    private final List<Item> items = new ArrayList<>();

    /**
     * Adds {@code plux.exclude[index]}.
     *
     * @throws IllegalArgumentException if a glob is malformed
     */
    void add(int index, @Nullable String namespace, @Nullable String name, @Nullable String value) {
        MatchingPluginFilter filter = new MatchingPluginFilter();
        filter.addExclusion(namespace, name, value);
        this.items.add(new Item(describe(index, namespace, name, value), filter));
    }

    /** Whether {@code other} holds the same items ({@code plux.exclude[i]} with the same globs). */
    boolean configuresAlike(ContextExclusions other) {
        return this.items.stream().map(Item::description).toList()
            .equals(other.items.stream().map(Item::description).toList());
    }

    boolean isEmpty() {
        return this.items.isEmpty();
    }

    @Override
    public boolean excludes(PluginSpec spec) {
        return matching(spec) != null;
    }

    @Override
    public String describeExclusion(PluginSpec spec) {
        Item item = matching(spec);
        return (item != null) ? item.description() : toString();
    }

    private @Nullable Item matching(PluginSpec spec) {
        for (Item item : this.items) {
            if (item.filter().excludes(spec)) {
                return item;
            }
        }
        return null;
    }

    private static String describe(int index, @Nullable String namespace, @Nullable String name,
            @Nullable String value) {
        List<String> globs = new ArrayList<>();
        // an empty glob means any, as an unset one does (MatchingPluginFilter)
        if (namespace != null && !namespace.isEmpty()) {
            globs.add("namespace '" + namespace + "'");
        }
        if (name != null && !name.isEmpty()) {
            globs.add("name '" + name + "'");
        }
        if (value != null && !value.isEmpty()) {
            globs.add("value '" + value + "'");
        }
        return "plux.exclude[" + index + "]" + (globs.isEmpty() ? " (every plugin)" : " (" + String.join(", ", globs)
                + ")");
    }

    @Override
    public String toString() {
        return "plux.exclude " + this.items.stream().map(Item::description).toList();
    }

    private record Item(String description, MatchingPluginFilter filter) {
    }
}
