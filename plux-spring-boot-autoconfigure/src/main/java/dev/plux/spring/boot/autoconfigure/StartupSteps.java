package dev.plux.spring.boot.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Records the steps of startup loading that run off the starting thread ({@code plux.namespace.list} on a listing
 * thread, {@code plux.plugin.load} on a loading thread) through the context's {@link ApplicationStartup}. The starting
 * thread waits, untimed, for the listing or the plugin to finish: a context's {@code ApplicationStartup} that throws
 * (a custom one, a filter of Boot's {@code BufferingApplicationStartup}) must not leave either unfinished, which would
 * hang startup. Recording is diagnostics, so such a failure is logged and the step dropped; neither throws.
 */
final class StartupSteps {

    private static final Logger logger = LoggerFactory.getLogger(StartupSteps.class);

    private StartupSteps() {
    }

    /**
     * Starts and tags a step.
     *
     * @param applicationStartup the context's
     * @param name the step's name
     * @param tags keys and values, alternately
     * @return the step, or a step that records nothing when the {@code ApplicationStartup} failed
     */
    static StartupStep start(ApplicationStartup applicationStartup, String name, String... tags) {
        StartupStep step = null;
        try {
            step = applicationStartup.start(name);
            tag(step, tags);
            return step;
        }
        catch (RuntimeException | Error ex) {
            logger.warn("The application startup could not record step {} {}: {}", name, String.join(",", tags),
                    ex.toString());
            if (step != null) {
                // not left running, where it would be the parent of every step started after it
                endQuietly(step);
            }
            return ApplicationStartup.DEFAULT.start(name);
        }
    }

    /**
     * Tags and ends a step.
     *
     * @param step what {@link #start} returned
     * @param tags keys and values, alternately
     */
    static void end(StartupStep step, String... tags) {
        try {
            tag(step, tags);
        }
        catch (RuntimeException | Error ex) {
            logger.warn("The application startup could not tag step {} with {}: {}", step.getName(),
                    String.join(",", tags), ex.toString());
        }
        endQuietly(step);
    }

    private static void tag(StartupStep step, String... tags) {
        for (int i = 0; i + 1 < tags.length; i += 2) {
            step.tag(tags[i], tags[i + 1]);
        }
    }

    private static void endQuietly(StartupStep step) {
        try {
            step.end();
        }
        catch (RuntimeException | Error ex) {
            logger.warn("The application startup could not end step {}: {}", step.getName(), ex.toString());
        }
    }
}
