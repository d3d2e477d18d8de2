package dev.plux;

import dev.plux.core.Plugin;
import dev.plux.core.PluginFactory;
import dev.plux.core.PluginFunction;

/**
 * Public static members of a class plux-core cannot reach: package-private, in another package than the resolver,
 * as a hand-written index line may name one.
 */
final class PackagePrivateHolder {

    public static final PluginFactory FACTORY = TestPlugins.Noop::new;

    private PackagePrivateHolder() {
    }

    public static Plugin make() {
        return new TestPlugins.Noop();
    }

    @PluginFunction(namespace = "test.ns")
    public static void function() {
    }
}
