package dev.plux.spring.boot.autoconfigure.observation;

import dev.plux.spring.boot.autoconfigure.observation.PluxObservationDocumentation.PluginLoadHighCardinalityKeys;
import dev.plux.spring.boot.autoconfigure.observation.PluxObservationDocumentation.PluginLoadLowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The default convention of the {@code plux.plugin.load} observation: low-cardinality keys {@code namespace},
 * {@code plugin} and {@code outcome} ({@code loaded}, {@code disabled}, {@code failed}; {@code unknown} while
 * running), so a meter registry gets a timer {@code plux.plugin.load} and a tracer a span per plugin; the
 * high-cardinality key {@code disabled.reason} on a disabled plugin's span. Key names:
 * {@link PluxObservationDocumentation}.
 */
public class DefaultPluginLoadObservationConvention implements PluginLoadObservationConvention {

    /** The observation name, which becomes the timer name. */
    public static final String NAME = "plux.plugin.load";

    /**
     * Creates the convention.
     */
    public DefaultPluginLoadObservationConvention() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(PluginLoadContext context) {
        return "plux load " + context.getNamespace() + ":" + context.getPluginName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(PluginLoadContext context) {
        PluginLoadContext.Outcome outcome = context.getOutcome();
        return KeyValues.of(PluginLoadLowCardinalityKeys.NAMESPACE.withValue(context.getNamespace()),
                PluginLoadLowCardinalityKeys.PLUGIN.withValue(context.getPluginName()),
                PluginLoadLowCardinalityKeys.OUTCOME.withValue((outcome != null) ? outcome.tagValue() : "unknown"));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(PluginLoadContext context) {
        String reason = context.getDisabledReason();
        return (reason != null) ? KeyValues.of(PluginLoadHighCardinalityKeys.DISABLED_REASON.withValue(reason))
                : KeyValues.empty();
    }
}
