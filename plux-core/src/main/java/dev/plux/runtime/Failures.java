package dev.plux.runtime;

/** What the manager may record as a plugin failure, and what it must let through. */
final class Failures {

    private Failures() {
    }

    /**
     * Rethrows errors the JVM cannot recover from. A plugin's {@code ExceptionInInitializerError} or
     * {@code NoClassDefFoundError} is its own failure; an {@code OutOfMemoryError} belongs to the whole process.
     */
    static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }
}
