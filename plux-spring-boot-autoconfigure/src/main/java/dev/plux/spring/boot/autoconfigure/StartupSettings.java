package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;

/**
 * The validated {@code plux.startup.*} settings: how the {@code load-on-startup} namespaces are loaded.
 *
 * @param parallelism how many threads load plugins at once (at least 1)
 * @param progressInterval how long a plugin loads before a warning names it, and again at each interval (positive)
 */
record StartupSettings(int parallelism, Duration progressInterval) {

    static final StartupSettings DEFAULTS = new StartupSettings(1, Duration.ofSeconds(10));

    /**
     * Below this, {@code progress-interval} is most likely a number meant as seconds but read, as every Boot
     * duration without a unit, as milliseconds ({@code progress-interval: 10}); it stays valid (a test may want a
     * short one), and startup loading warns about it once.
     */
    static final Duration SHORT_PROGRESS_INTERVAL = Duration.ofMillis(100);
}
