package dev.plux.spring.boot.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * {@code plux.enabled} set to a value that keeps plux's auto-configuration from running, with where it was set.
 * Spring Boot's {@code @ConditionalOnBooleanProperty} matches only {@code true} (in any case): {@code false}, but
 * also a slip such as {@code ture}, {@code no} or an empty value, turns plux off. Read only when a failure is
 * analyzed.
 *
 * @param value the value as the environment gives it
 * @param origin where it was set ({@code class path resource [application.yml] - 2:12}), or {@code null} when
 *        Boot cannot tell
 */
record PluxTurnedOff(String value, @Nullable Object origin) {

    private static final String ENABLED = "plux.enabled";

    /**
     * The setting that turns plux off in this environment, if one does.
     *
     * @param environment the failed context's environment
     * @return the setting, or {@code null} when {@code plux.enabled} is unset or {@code true}
     */
    static @Nullable PluxTurnedOff of(Environment environment) {
        String value = environment.getProperty(ENABLED);
        if (value == null || "true".equalsIgnoreCase(value)) {
            return null;
        }
        return new PluxTurnedOff(value, PropertyOrigin.of(environment, ENABLED));
    }

    /**
     * Says that plux is off and why: the value, and for a value other than {@code false}, that it is read as
     * {@code false}; then where it was set.
     *
     * @param registers what plux would have registered ({@code PluginManager bean})
     * @return the sentences
     */
    String explain(String registers) {
        StringBuilder text = new StringBuilder("plux is turned off (").append(ENABLED).append('=').append(this.value)
            .append("), so it registers no ").append(registers).append('.');
        if (!"false".equalsIgnoreCase(this.value)) {
            text.append(" Only true turns plux on: Spring Boot's @ConditionalOnBooleanProperty reads any other value"
                    + " as false.");
        }
        if (this.origin != null) {
            text.append(' ').append(ENABLED).append(" is set in ").append(this.origin).append('.');
        }
        return text.toString();
    }

    /**
     * What to do: turn plux on, or make the component work without it.
     *
     * @param injected the type the component injects ({@code PluginManager<com.example.ServicePlugin>})
     * @return the action
     */
    String action(String injected) {
        String turnOn = "false".equalsIgnoreCase(this.value) ? "remove " + ENABLED + "=" + this.value
                : "set " + ENABLED + "=true or remove it";
        return String.format("Turn plux on (%s), or, for a component that must also work with plux turned off,"
                + " inject ObjectProvider<%s> and call getIfAvailable().", turnOn, injected);
    }
}
