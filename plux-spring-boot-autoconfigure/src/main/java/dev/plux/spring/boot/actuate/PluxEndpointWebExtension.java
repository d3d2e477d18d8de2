package dev.plux.spring.boot.actuate;

import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@link PluxEndpoint} over HTTP: error messages, distribution locations and disabled reasons a plugin or
 * listener gave are shown according to
 * {@code management.endpoint.plux.show-values} for the request's principal, with
 * {@code management.endpoint.plux.roles} for {@link Show#WHEN_AUTHORIZED} (any authenticated user when empty), as
 * Boot's {@code env} endpoint does.
 */
@EndpointWebExtension(endpoint = PluxEndpoint.class)
public class PluxEndpointWebExtension {

    private final PluxEndpoint delegate;

    private final Show showValues;

    private final Set<String> roles;

    /**
     * Creates the extension.
     *
     * @param delegate the endpoint
     * @param showValues when values are shown
     * @param roles the roles that may see values when {@code showValues} is {@link Show#WHEN_AUTHORIZED}
     */
    public PluxEndpointWebExtension(PluxEndpoint delegate, Show showValues, Set<String> roles) {
        this.delegate = delegate;
        this.showValues = showValues;
        this.roles = Set.copyOf(roles);
    }

    /**
     * Every configured namespace and its plugins.
     *
     * @param securityContext the request's security context
     * @return the namespaces, in configuration order
     */
    @ReadOperation
    public PluxEndpoint.PluxDescriptor namespaces(SecurityContext securityContext) {
        return this.delegate.describe(this.showValues.isShown(securityContext, this.roles));
    }

    /**
     * One namespace and its plugins.
     *
     * @param securityContext the request's security context
     * @param namespace the namespace
     * @return its description, or 404 if the namespace is not configured
     */
    @ReadOperation
    public WebEndpointResponse<PluxEndpoint.NamespaceDescriptor> namespace(SecurityContext securityContext,
            @Selector String namespace) {
        PluxEndpoint.NamespaceDescriptor descriptor = this.delegate.describe(namespace,
                this.showValues.isShown(securityContext, this.roles));
        return (descriptor != null) ? new WebEndpointResponse<>(descriptor, WebEndpointResponse.STATUS_OK)
                : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }
}
