package dev.plux.spring.boot.autoconfigure.observation;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives the meters of the observation {@code plux.plugin.load} a description, which Prometheus shows as
 * {@code # HELP} and {@code /actuator/metrics} as {@code description}: Micrometer's meter observation handler makes
 * the timer {@code plux.plugin.load} and the long task timer {@code plux.plugin.load.active} without one, so an
 * operator saw an empty help text next to the gauge {@code plux.plugins}, which has its own. Only meters of these
 * names without a description are changed (a convention that renames the observation keeps its meters as they are).
 */
final class PluxMeterDescriptions implements MeterFilter {

    private static final Map<String, String> DESCRIPTIONS = Map.of(DefaultPluginLoadObservationConvention.NAME,
            "Time of the first load attempt of a plux plugin (filters, creation, load condition, load),"
                    + " by namespace, plugin and outcome (loaded, disabled, failed)",
            DefaultPluginLoadObservationConvention.NAME + ".active",
            // its tags are taken when the attempt starts and its series keeps them: the outcome never shows here
            "plux plugins whose first load attempt is running, by namespace and plugin (outcome is always unknown)");

    @Override
    public Meter.Id map(Meter.Id id) {
        String description = (id.getDescription() == null) ? DESCRIPTIONS.get(id.getName()) : null;
        if (description == null) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description,
                id.getType());
    }
}
