/**
 * The framework-free plux runtime: the plugin vocabulary ({@link dev.plux.core}) and the manager that finds,
 * creates and loads plugins ({@link dev.plux.runtime}).
 *
 * <p>A descriptor rather than only an {@code Automatic-Module-Name}: an automatic module cannot say that it needs
 * {@code org.slf4j}, so an application that {@code requires dev.plux.core} failed at run time with a
 * {@code NoClassDefFoundError} unless it also required slf4j itself.
 *
 * <p>plux-core creates plugins and reads factory members reflectively: a plugin module must export (or open) each
 * package that holds plugin classes or factory members to this module, for example
 * {@code exports com.example.plugins to dev.plux.core;}.
 */
module dev.plux.core {
    requires org.slf4j;
    // the load watcher asks which thread holds the lock a plugin's loading thread is blocked on (LoadCycles)
    requires java.management;
    // the nullness annotations are for compilers and tools: not needed at run time, nor by a module compiled against
    // plux-core (transitive would make javac fail with "module not found: org.jspecify" without the jar)
    requires static org.jspecify;

    exports dev.plux.core;
    exports dev.plux.runtime;
}
