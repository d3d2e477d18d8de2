package dev.plux.spring.boot.autoconfigure.observation;

import dev.plux.core.PluginSpec;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of a {@code plux.plugin.load} observation: which plugin is being created and loaded, and how it
 * ended. Read by {@link PluginLoadObservationConvention}s.
 */
public class PluginLoadContext extends Observation.Context {

    private final PluginSpec spec;

    private @Nullable Outcome outcome;

    private @Nullable String disabledReason;

    /**
     * Creates the context of one plugin's init and load.
     *
     * @param spec the plugin's spec
     */
    public PluginLoadContext(PluginSpec spec) {
        this.spec = spec;
    }

    /**
     * The plugin's spec.
     *
     * @return the spec
     */
    public PluginSpec getSpec() {
        return this.spec;
    }

    /**
     * How the load ended.
     *
     * @return the outcome, or {@code null} while the plugin is still loading
     */
    public @Nullable Outcome getOutcome() {
        return this.outcome;
    }

    /**
     * Records how the load ended.
     *
     * @param outcome the outcome
     */
    public void setOutcome(Outcome outcome) {
        this.outcome = outcome;
    }

    /**
     * Why the plugin was disabled.
     *
     * @return the reason, or {@code null} unless the outcome is {@link Outcome#DISABLED}
     */
    public @Nullable String getDisabledReason() {
        return this.disabledReason;
    }

    /**
     * Records why the plugin was disabled.
     *
     * @param disabledReason the reason
     */
    public void setDisabledReason(@Nullable String disabledReason) {
        this.disabledReason = disabledReason;
    }

    /**
     * How the init and load of a plugin ended; the value of the {@code outcome} key.
     */
    public enum Outcome {

        /** The plugin was created and loaded. */
        LOADED,

        /** The plugin was disabled (a filter, its load condition, or a {@code PluginDisabled}). */
        DISABLED,

        /** Its factory or its {@code load} failed. */
        FAILED;

        /**
         * The tag value.
         *
         * @return the lower-case name, such as {@code "loaded"}
         */
        public String tagValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
