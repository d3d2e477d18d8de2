package dev.plux.spring.boot.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * A namespace's {@code startup-timeout} as it was written, with where it was set, for the report of a timeout: a
 * number without a unit is milliseconds to Boot, so {@code startup-timeout: 30}, meant as seconds, fails startup at
 * once, and the report must show that rather than only blame the plugins. Read only when a failure is analyzed.
 *
 * @param value the value as written, or {@code null} when the environment no longer gives one
 * @param origin where it was set, or {@code null} when Boot cannot tell
 */
record StartupTimeoutSetting(@Nullable String value, @Nullable Object origin) {

    /**
     * The timeout of a namespace's configuration item.
     *
     * @param environment the failed context's environment
     * @param item the namespace's item, such as {@code plux.namespaces[0]}
     * @return the setting
     */
    static StartupTimeoutSetting of(Environment environment, String item) {
        String property = item + ".startup-timeout";
        String value = environment.getProperty(property);
        return new StartupTimeoutSetting(value, (value != null) ? PropertyOrigin.of(environment, property) : null);
    }

    /**
     * The value and where it was set, in parentheses after the property, or nothing when unknown.
     *
     * @return such as {@code " (30, set in class path resource [application.yml] - 7:24; a number without a unit is
     *         milliseconds)"}
     */
    String described() {
        if (this.value == null) {
            return "";
        }
        return " (" + this.value + ((this.origin != null) ? ", set in " + this.origin : "")
                + (isUnitless() ? "; a number without a unit is milliseconds" : "") + ")";
    }

    /**
     * What to check first when the value has no unit, or nothing.
     *
     * @return a sentence followed by a space, or an empty string
     */
    String advice() {
        return isUnitless() ? "If " + this.value + " was meant as seconds, write " + this.value + "s. " : "";
    }

    private boolean isUnitless() {
        return this.value != null && !this.value.isBlank() && this.value.trim().chars().allMatch(Character::isDigit);
    }
}
