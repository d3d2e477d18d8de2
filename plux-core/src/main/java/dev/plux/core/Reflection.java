package dev.plux.core;

import java.lang.reflect.InvocationTargetException;

/** Unwraps reflective calls so callers see what the plugin code threw. */
final class Reflection {

    private Reflection() {
    }

    /**
     * The exception a reflectively called method threw; an {@link Error} is thrown as it is.
     */
    static Exception unwrap(InvocationTargetException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof Exception exception) {
            return exception;
        }
        return ex;
    }
}
