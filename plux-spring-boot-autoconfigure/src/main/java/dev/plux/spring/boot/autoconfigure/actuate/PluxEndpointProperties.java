package dev.plux.spring.boot.autoconfigure.actuate;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@code plux} endpoint ({@code management.endpoint.plux.*}), named and shaped as Boot's
 * {@code management.endpoint.env.*}.
 */
@ConfigurationProperties("management.endpoint.plux")
public class PluxEndpointProperties {

    /**
     * When to show the values of the plux endpoint that may be sensitive: error messages (which can hold
     * connection strings or credentials), distribution locations (absolute jar paths) and the disabled reasons a
     * plugin, listener or filter gave. Hidden values read '******'. Error types, states, names, versions and plux's own
     * disabled reasons (a false load condition, the filter rule) are always shown.
     */
    private Show showValues = Show.NEVER;

    /**
     * Roles used to determine whether a user is authorized to be shown the endpoint's values when show-values is
     * when-authorized. When empty, all authenticated users are authorized.
     */
    private final Set<String> roles = new LinkedHashSet<>();

    /** Creates the properties with their defaults. */
    public PluxEndpointProperties() {
    }

    /**
     * When to show sensitive values.
     *
     * @return the setting; {@link Show#NEVER} by default
     */
    public Show getShowValues() {
        return this.showValues;
    }

    /**
     * Sets when to show sensitive values.
     *
     * @param showValues the setting
     */
    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    /**
     * The roles that may see sensitive values when {@link #getShowValues()} is {@link Show#WHEN_AUTHORIZED}.
     *
     * @return the roles, mutable for binding
     */
    public Set<String> getRoles() {
        return this.roles;
    }
}
