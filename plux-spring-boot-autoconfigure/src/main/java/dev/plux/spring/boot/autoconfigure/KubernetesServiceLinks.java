package dev.plux.spring.boot.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;

/**
 * The environment variables Kubernetes gives a pod for each Service of its namespace (service links, on unless the
 * pod sets {@code enableServiceLinks: false}). A Service named {@code plux-startup} gives every pod
 * {@code PLUX_STARTUP_SERVICE_HOST}, {@code PLUX_STARTUP_PORT_80_TCP_ADDR}, …, which Boot reads as keys under
 * {@code plux.startup}: none is a typo of a plux key, and no application can keep them out of its environment.
 * Only the exact forms Kubernetes writes match, so that a variable a user set by mistake is still checked. Used only
 * for a variable already found unknown, so a startup without one never loads this class.
 */
final class KubernetesServiceLinks {

    /**
     * {@code SERVICE} is the Service's name (a DNS-1035 label: a letter, then up to 62 letters, digits or dashes, not
     * ending in a dash) upper-cased, dashes as underscores. After it: {@code _SERVICE_HOST}, {@code _SERVICE_PORT},
     * {@code _SERVICE_PORT_NAME} for each named port (a DNS-1123 label, up to 63 letters, digits or dashes, not
     * starting or ending with a dash), {@code _PORT}, and for each port {@code _PORT_number_PROTOCOL} with
     * {@code _PROTO}, {@code _PORT} or {@code _ADDR} or nothing after it (a number 1 to 65535, the protocol TCP, UDP or
     * SCTP).
     */
    private static final Pattern SERVICE_LINK = Pattern.compile("[A-Z](?:[A-Z0-9_]{0,61}[A-Z0-9])?_(?:SERVICE_HOST"
            + "|SERVICE_PORT(?:_[A-Z0-9](?:[A-Z0-9_]{0,61}[A-Z0-9])?)?"
            + "|PORT(?:_(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
            + "_(?:TCP|UDP|SCTP)(?:_(?:PROTO|PORT|ADDR))?)?)");

    private KubernetesServiceLinks() {
    }

    /**
     * The name of the environment variable a property was read from.
     *
     * @param property a property of the process environment's source
     * @return the variable's name as set ({@code PLUX_STARTUP_SERVICE_HOST}), or {@code null} when its origin does
     *         not tell
     */
    static @Nullable String variable(@Nullable ConfigurationProperty property) {
        Origin origin = (property != null) ? property.getOrigin() : null;
        if (origin instanceof SystemEnvironmentOrigin environment) {
            return environment.getProperty();
        }
        if (origin instanceof PropertySourceOrigin source) {
            return source.getPropertyName();
        }
        return null;
    }

    /**
     * Whether a variable's name is one Kubernetes gives for a Service, exactly as it writes it.
     *
     * @param variable the variable's name, or {@code null}
     * @return whether it is a service link
     */
    static boolean isServiceLink(@Nullable String variable) {
        return variable != null && SERVICE_LINK.matcher(variable).matches();
    }
}
