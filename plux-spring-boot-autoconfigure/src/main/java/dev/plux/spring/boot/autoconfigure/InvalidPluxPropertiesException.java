package dev.plux.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A {@code plux.*} property has a value plux cannot use. Thrown while the context starts; the failure analyzer
 * turns it into a message that names the property.
 */
public class InvalidPluxPropertiesException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The full property name. */
    private final String property;

    /** The offending value, or {@code null} when missing. */
    private final @Nullable String value;

    /** What is wrong with the value. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param property the full property name, such as {@code plux.namespaces[1].plugin-type}
     * @param value the offending value, or {@code null} when it is missing
     * @param reason what is wrong, as a sentence fragment ("is not a dev.plux.core.Plugin")
     */
    public InvalidPluxPropertiesException(String property, @Nullable String value, String reason) {
        super("invalid property " + property + ((value != null) ? " = '" + value + "'" : "") + ": " + reason);
        this.property = property;
        this.value = value;
        this.reason = reason;
    }

    /**
     * The property name.
     *
     * @return the full property name
     */
    public String property() {
        return this.property;
    }

    /**
     * The offending value.
     *
     * @return the value, or {@code null} when missing
     */
    public @Nullable String value() {
        return this.value;
    }

    /**
     * What is wrong.
     *
     * @return the reason
     */
    public String reason() {
        return this.reason;
    }
}
