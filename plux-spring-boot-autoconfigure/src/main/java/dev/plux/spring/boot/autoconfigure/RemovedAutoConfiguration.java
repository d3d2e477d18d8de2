package dev.plux.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * plux 0.1's integration auto-configurations, gone since 0.2 merged them two by two, each with the feature it made,
 * the switch that turns that feature alone off now (each checked by a test of the integration), and the class that
 * replaced it, whose exclusion turns off its sibling's feature as well.
 */
enum RemovedAutoConfiguration {

    ENDPOINT("actuate.PluxEndpointAutoConfiguration", "the plux endpoint", "management.endpoint.plux.access=none",
            "the plux health indicator", "actuate.PluxActuatorAutoConfiguration"),

    HEALTH("actuate.PluxHealthContributorAutoConfiguration", "the plux health indicator",
            "management.health.plux.enabled=false", "the plux endpoint", "actuate.PluxActuatorAutoConfiguration"),

    METRICS("observation.PluxMetricsAutoConfiguration", "the plux.plugins gauge",
            "management.metrics.enable.plux.plugins=false", "the plux.plugin.load observation",
            "observation.PluxMicrometerAutoConfiguration"),

    OBSERVATION("observation.PluxObservationAutoConfiguration", "the plux.plugin.load observation",
            "management.observations.enable.plux=false", "the plux.plugins gauge",
            "observation.PluxMicrometerAutoConfiguration");

    private static final String PACKAGE = "dev.plux.spring.boot.autoconfigure.";

    private final String className;

    private final String feature;

    private final String turnOff;

    private final String sibling;

    private final String replacement;

    RemovedAutoConfiguration(String className, String feature, String turnOff, String sibling, String replacement) {
        this.className = PACKAGE + className;
        this.feature = feature;
        this.turnOff = turnOff;
        this.sibling = sibling;
        this.replacement = PACKAGE + replacement;
    }

    /**
     * The removed auto-configuration of that name.
     *
     * @param className a class name
     * @return the removed auto-configuration, or {@code null} if the name is none of them
     */
    static @Nullable RemovedAutoConfiguration named(String className) {
        for (RemovedAutoConfiguration removed : values()) {
            if (removed.className.equals(className)) {
                return removed;
            }
        }
        return null;
    }

    /**
     * The warning for an exclusion of this class.
     *
     * @param where what excluded it: the property and where it is set, or the annotations
     * @return the warning
     */
    String message(String where) {
        return where + " names " + this.className + ", an auto-configuration of plux 0.1 that no longer exists:"
                + " Spring Boot ignores it, so " + this.feature + " is on. To turn it off, set " + this.turnOff
                + "; to turn off " + this.sibling + " too, exclude " + this.replacement + " instead.";
    }
}
