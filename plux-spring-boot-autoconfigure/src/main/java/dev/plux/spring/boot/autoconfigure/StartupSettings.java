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
}
