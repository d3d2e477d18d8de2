package dev.plux.spring.boot.autoconfigure.observation;

import java.util.Locale;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginState;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of a {@code plux.plugin.load} observation: which plugin is being created and loaded, and how it
 * ended. Read by {@link PluginLoadObservationConvention}s.
 */
public class PluginLoadContext extends Observation.Context {

    private final PluginContainer<?> container;

    private @Nullable Outcome outcome;

    /**
     * Creates the context of one plugin's first load attempt.
     *
     * @param container the plugin's container
     */
    public PluginLoadContext(PluginContainer<?> container) {
        this.container = container;
    }

    /**
     * The plugin's container: its state, errors and disabled reason once the attempt is over.
     *
     * @return the container
     */
    public PluginContainer<?> getContainer() {
        return this.container;
    }

    /**
     * The plugin's namespace.
     *
     * @return the namespace
     */
    public String getNamespace() {
        return this.container.entryPoint().namespace();
    }

    /**
     * The plugin's name.
     *
     * @return the name
     */
    public String getPluginName() {
        return this.container.name();
    }

    /**
     * How the attempt ended.
     *
     * @return the outcome, or {@code null} while the plugin is still loading
     */
    public @Nullable Outcome getOutcome() {
        return this.outcome;
    }

    /**
     * Records how the attempt ended.
     *
     * @param outcome the outcome, or {@code null} while the plugin is still loading
     */
    public void setOutcome(@Nullable Outcome outcome) {
        this.outcome = outcome;
    }

    /**
     * Why the plugin was disabled.
     *
     * @return the reason, or {@code null} unless the outcome is {@link Outcome#DISABLED} (and when the plugin was
     *         disabled by a {@code PluginDisabled} without a reason)
     */
    public @Nullable String getDisabledReason() {
        return (this.outcome == Outcome.DISABLED) ? this.container.disabledReason() : null;
    }

    /**
     * How the first load attempt of a plugin ended; the value of the {@code outcome} key.
     */
    public enum Outcome {

        /** The plugin was created and loaded. */
        LOADED,

        /** The plugin was disabled (a filter, its load condition, or a {@code PluginDisabled}). */
        DISABLED,

        /** It failed to resolve, its factory failed or its {@code load} failed. */
        FAILED;

        /**
         * The outcome a final container state stands for.
         *
         * @param state the container's state after the attempt
         * @return the outcome, or {@code null} for a state that is not final
         */
        public static @Nullable Outcome of(PluginState state) {
            return switch (state) {
                case LOADED -> LOADED;
                case DISABLED -> DISABLED;
                case RESOLVE_FAILED, INIT_FAILED, LOAD_FAILED -> FAILED;
                default -> null;
            };
        }

        /**
         * The tag value.
         *
         * @return the lower-case name, such as {@code "loaded"}
         */
        public String tagValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
