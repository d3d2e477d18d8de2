package dev.plux.spring.boot.autoconfigure.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations plux makes, with their key names: the one place that spells them, read by
 * {@link DefaultPluginLoadObservationConvention} and by documentation tooling.
 */
public enum PluxObservationDocumentation implements ObservationDocumentation {

    /**
     * One plugin's first load attempt (filters, init, load condition, load), observed around the core's
     * {@code PluginLoadInterceptor}: a timer {@code plux.plugin.load} and a span per plugin.
     */
    PLUGIN_LOAD {

        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultPluginLoadObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return PluginLoadLowCardinalityKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return PluginLoadHighCardinalityKeys.values();
        }
    };

    /**
     * Low-cardinality keys of {@link #PLUGIN_LOAD}: they tag the timer.
     */
    public enum PluginLoadLowCardinalityKeys implements KeyName {

        /** The plugin's namespace. */
        NAMESPACE {
            @Override
            public String asString() {
                return "namespace";
            }
        },

        /** The plugin's name. */
        PLUGIN {
            @Override
            public String asString() {
                return "plugin";
            }
        },

        /** How the attempt ended: {@code loaded}, {@code disabled}, {@code failed} ({@code unknown} while running). */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        }
    }

    /**
     * High-cardinality keys of {@link #PLUGIN_LOAD}: on the span only.
     */
    public enum PluginLoadHighCardinalityKeys implements KeyName {

        /** Why the plugin was disabled (a filter, its load condition, a {@code PluginDisabled}). */
        DISABLED_REASON {
            @Override
            public String asString() {
                return "disabled.reason";
            }
        }
    }
}
