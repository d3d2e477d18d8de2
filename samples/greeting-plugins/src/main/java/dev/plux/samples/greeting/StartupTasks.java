package dev.plux.samples.greeting;

import dev.plux.core.PluginFunction;

/**
 * Function plugins: static methods exposed as plugins of namespace {@code plux.samples.startup}.
 */
public final class StartupTasks {

    private StartupTasks() {
    }

    /**
     * Returns the banner line of the sample.
     *
     * @return the banner
     */
    @PluginFunction(namespace = "plux.samples.startup")
    public static String banner() {
        return "plux sample: plugins discovered at build time, loaded at run time";
    }

    /**
     * Warms caches; only loaded when {@link #isWarmUpEnabled()} says so.
     *
     * @return how many entries were warmed
     */
    @PluginFunction(namespace = "plux.samples.startup", name = "warm-up", shouldLoad = "isWarmUpEnabled")
    public static int warmUp() {
        return 42;
    }

    /**
     * The load condition of {@code warm-up}: the system property {@code sample.warm-up}, true by default.
     *
     * @return whether warm-up runs
     */
    public static boolean isWarmUpEnabled() {
        // not under plux.: plux fails startup on a key there that it does not know, system properties included
        return Boolean.parseBoolean(System.getProperty("sample.warm-up", "true"));
    }
}
