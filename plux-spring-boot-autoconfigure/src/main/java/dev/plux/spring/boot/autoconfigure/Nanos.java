package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;

/**
 * Durations as the nanoseconds that startup loading's schedulers and waits take, saturated: a configured timeout or
 * interval may be any {@link Duration}, and one too long for a {@code long} must not fail startup.
 */
final class Nanos {

    private Nanos() {
    }

    /**
     * The nanoseconds left until {@code timeout}, counted from {@code startNanos} ({@link System#nanoTime()}), has
     * passed; zero or negative once it has. Saturated, as {@link #of} is.
     */
    static long left(Duration timeout, long startNanos) {
        // in Duration's arithmetic, which holds any timeout, and only then in nanoseconds
        return of(timeout.minusNanos(System.nanoTime() - startNanos));
    }

    /**
     * The duration in nanoseconds, saturated: a duration beyond what a {@code long} holds (a million days, a way to
     * write "practically for ever") is {@link Long#MAX_VALUE}, which the schedulers take as a wait that long, rather
     * than an {@link ArithmeticException} that would fail startup.
     */
    static long of(Duration duration) {
        try {
            return duration.toNanos();
        }
        catch (ArithmeticException ex) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
