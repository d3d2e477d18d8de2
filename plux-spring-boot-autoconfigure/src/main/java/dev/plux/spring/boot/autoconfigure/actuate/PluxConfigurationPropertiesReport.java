package dev.plux.spring.boot.autoconfigure.actuate;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.plux.spring.boot.autoconfigure.PluxProperties;
import dev.plux.spring.boot.autoconfigure.PluxSettings;

/**
 * plux's configuration as Actuator's {@code configprops} endpoint shows it, under the {@code plux} prefix: the
 * {@link PluxProperties} that {@link PluxSettings} were bound from once, not bound again. The endpoint reports every
 * bean whose class or factory method is annotated {@code @ConfigurationProperties}, serialized with Jackson and
 * sanitized; plux binds its settings itself, so without this bean nothing of plux appeared there (0.1 had a
 * {@code PluxProperties} bean).
 *
 * <p>Jackson serializes it as the properties ({@link JsonValue}). Boot's binding post-processor still visits the
 * bean, as every such bean, and finds nothing to bind: this class has no getter or setter. The annotation is on the
 * bean's factory method ({@link PluxActuatorAutoConfiguration}), not here: on this class, Boot's configuration
 * processor would take the constructor's parameter for a property and describe {@code plux.properties} to IDEs.
 */
final class PluxConfigurationPropertiesReport {

    /**
     * The name of the bean, the one 0.1's {@code PluxProperties} bean had, so that {@code configprops} lists plux
     * under the same key.
     */
    static final String BEAN_NAME = "plux-dev.plux.spring.boot.autoconfigure.PluxProperties";

    private final PluxProperties properties;

    PluxConfigurationPropertiesReport(PluxSettings settings) {
        this.properties = settings.properties();
    }

    @JsonValue
    PluxProperties properties() {
        return this.properties;
    }
}
