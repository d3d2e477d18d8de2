package dev.plux.spring.boot.actuate;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.plux.core.PluginException;
import dev.plux.runtime.Distribution;
import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagers;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code plux} actuator endpoint: every declared plugin of every configured namespace, in every state
 * ({@code DECLARED} and {@code RESOLVE_FAILED} included), with its entry point value, state, disabled reason, error
 * and distribution. {@code GET /actuator/plux} lists all namespaces, {@code GET /actuator/plux/{namespace}} one
 * (404 when it is not configured).
 *
 * <p>Listing reads what each manager declared from its index files and never resolves, creates or loads a
 * plugin, so no plugin code (not even a static initializer) runs on the request thread. A namespace no one has used
 * yet is read then, on the request thread: its index files, or a custom {@code PluginFinder} (whose failure the
 * namespace's {@code error} shows; the next request asks it again). An error is its root
 * cause (below {@code BeanCreationException}, {@code PluginException} and other wrappers): the type always, the
 * message only when values are shown; the distribution's location likewise, and a disabled reason that a plugin,
 * listener or filter gave (the text of its {@code PluginDisabled}; plux's own reasons, a false load condition and
 * the filter rule that excluded the plugin, are always shown). Hidden values read
 * {@value SanitizableData#SANITIZED_VALUE}, as in Boot's {@code env} endpoint, governed by
 * {@code management.endpoint.plux.show-values} ({@link Show#NEVER} by default; over HTTP,
 * {@link PluxEndpointWebExtension} applies {@code WHEN_AUTHORIZED} and {@code management.endpoint.plux.roles}).
 *
 * <p>The response records leave a {@code null} field out ({@code @JsonInclude(NON_NULL)}): over HTTP Actuator's own
 * JSON mapper does so for every {@link OperationResponseBody}, but over JMX Boot converts the answer with the
 * application's {@code JsonMapper}, which writes {@code null}s by default or as
 * {@code spring.jackson.default-property-inclusion} says; without the annotation an operator reading the endpoint
 * over JMX would see {@code error=null, disabledReason=null, bundle=null} where HTTP shows nothing.
 */
@Endpoint(id = "plux")
public class PluxEndpoint {

    /** The disabled reason of a plugin whose {@code shouldLoad()} was false (SPEC, plux-core). */
    private static final String CONDITION_REASON = "Load condition for plugin was false";

    /** How the disabled reason of a plugin a filter excluded begins (SPEC, plux-core); the filter's rule follows. */
    private static final String FILTERED_REASON = "A plugin filter disabled this plugin before it was initialized: ";

    private final Supplier<PluginManagers> managers;

    private final Show showValues;

    /**
     * Creates the endpoint with values hidden ({@link Show#NEVER}).
     *
     * @param managers the managers of the application context
     */
    public PluxEndpoint(PluginManagers managers) {
        this(managers, Show.NEVER);
    }

    /**
     * Creates the endpoint.
     *
     * @param managers the managers of the application context
     * @param showValues when error messages and distribution locations are shown; {@link Show#WHEN_AUTHORIZED}
     *        shows them outside HTTP (JMX), as Boot's {@code env} endpoint does
     */
    public PluxEndpoint(PluginManagers managers, Show showValues) {
        this(() -> managers, showValues);
    }

    /**
     * Creates the endpoint over managers obtained on the first request, so that creating the endpoint, which Boot
     * does while the context starts, creates no manager.
     *
     * @param managers supplies the managers of the application context
     * @param showValues when error messages and distribution locations are shown; {@link Show#WHEN_AUTHORIZED}
     *        shows them outside HTTP (JMX), as Boot's {@code env} endpoint does
     */
    public PluxEndpoint(Supplier<PluginManagers> managers, Show showValues) {
        this.managers = managers;
        this.showValues = showValues;
    }

    /**
     * Every configured namespace and its plugins.
     *
     * @return the namespaces, in configuration order
     */
    @ReadOperation
    public PluxDescriptor namespaces() {
        return describe(this.showValues.isShown(true));
    }

    /**
     * One namespace and its plugins.
     *
     * @param namespace the namespace
     * @return its description, or {@code null} (404) if the namespace is not configured
     */
    @ReadOperation
    public @Nullable NamespaceDescriptor namespace(@Selector String namespace) {
        return describe(namespace, this.showValues.isShown(true));
    }

    PluxDescriptor describe(boolean showValues) {
        Map<String, NamespaceDescriptor> namespaces = new LinkedHashMap<>();
        for (PluginManager<?> manager : this.managers.get().all()) {
            namespaces.put(manager.namespace(), describe(manager, showValues));
        }
        return new PluxDescriptor(namespaces);
    }

    @Nullable NamespaceDescriptor describe(String namespace, boolean showValues) {
        PluginManagers managers = this.managers.get();
        return managers.contains(namespace) ? describe(managers.get(namespace), showValues) : null;
    }

    private static NamespaceDescriptor describe(PluginManager<?> manager, boolean showValues) {
        List<? extends PluginContainer<?>> containers;
        try {
            containers = manager.listContainers();
        }
        catch (PluginException ex) {
            // a failing custom finder is not cached by the manager: report it, the next call tries again
            return new NamespaceDescriptor(List.of(), describe(ex, showValues));
        }
        return new NamespaceDescriptor(
                containers.stream().<PluginDescriptor>map((container) -> describe(container, showValues)).toList(),
                null);
    }

    private static PluginDescriptor describe(PluginContainer<?> container, boolean showValues) {
        Throwable failure = switch (container.state()) {
            case RESOLVE_FAILED -> container.resolveError();
            case INIT_FAILED -> container.initError();
            case LOAD_FAILED -> container.loadError();
            default -> null;
        };
        Distribution distribution = container.distribution().orElse(null);
        String location = (distribution == null) ? null
                : showValues ? distribution.location().toString() : SanitizableData.SANITIZED_VALUE;
        DistributionDescriptor origin = (distribution != null && location != null)
                ? new DistributionDescriptor(distribution.name(), distribution.version(), location) : null;
        // the bundle's file name only: its directory is a location, hidden like the distribution's
        String bundle = container.bundle().map((path) -> String.valueOf(path.getFileName())).orElse(null);
        return new PluginDescriptor(container.name(), container.entryPoint().value(), container.state().name(),
                disabledReason(container.disabledReason(), showValues),
                (failure != null) ? describe(failure, showValues) : null, origin, bundle);
    }

    /**
     * The reasons plux writes itself (SPEC) are shown always: a filter's names the rule that matched, which is
     * configuration, not data. Any other reason is the text of a {@code PluginDisabled} that a plugin, a factory, a
     * filter or a listener threw, as free as an error message and as likely to hold a secret, so it is hidden as one.
     */
    private static @Nullable String disabledReason(@Nullable String reason, boolean showValues) {
        if (reason == null || showValues || reason.equals(CONDITION_REASON) || reason.startsWith(FILTERED_REASON)) {
            return reason;
        }
        return SanitizableData.SANITIZED_VALUE;
    }

    private static ErrorDescriptor describe(Throwable failure, boolean showValues) {
        Throwable root = rootCause(failure);
        String message = message(root);
        return new ErrorDescriptor(root.getClass().getName(),
                (message == null || showValues) ? message : SanitizableData.SANITIZED_VALUE);
    }

    /**
     * Its message, or {@code null} when reading it throws (a message built from state that is not there): one such
     * plugin must not make the endpoint answer 500 for all (nor the health indicator fail, which uses it too).
     */
    static @Nullable String message(Throwable failure) {
        try {
            return failure.getMessage();
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            return null;
        }
    }

    /**
     * The innermost cause: what the plugin itself threw, below the framework's wrappers; a cause chain that loops
     * ends at its last new throwable. The health indicator reports the same one.
     */
    static Throwable rootCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current.getCause() != null && seen.put(current, Boolean.TRUE) == null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * The response of {@code GET /actuator/plux}.
     *
     * @param namespaces each configured namespace by name, in configuration order
     */
    public record PluxDescriptor(Map<String, NamespaceDescriptor> namespaces) implements OperationResponseBody {
    }

    /**
     * One namespace (the response of {@code GET /actuator/plux/{namespace}}).
     *
     * @param plugins its declared plugins, in declaration order
     * @param error why the namespace could not be read (a failing custom finder), else {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NamespaceDescriptor(List<PluginDescriptor> plugins, @Nullable ErrorDescriptor error)
            implements OperationResponseBody {
    }

    /**
     * One plugin.
     *
     * @param name the plugin's name
     * @param value the entry point value it was declared with ({@code com.x.Foo}, {@code com.x.Foo:member})
     * @param state its {@code PluginState}: DECLARED, RESOLVED, RESOLVE_FAILED, INITIALIZED, LOADED, DISABLED,
     *        INIT_FAILED, LOAD_FAILED
     * @param disabledReason why it is disabled, or {@code null}; a reason a plugin, listener or filter gave reads
     *        {@value SanitizableData#SANITIZED_VALUE} when values are hidden
     * @param error the root cause of its resolve, init or load failure, or {@code null}
     * @param distribution the jar or directory it came from, or {@code null} when unknown
     * @param bundle the file name of the plugin-directory bundle it came from ({@code extra-plugins.jar}), or
     *        {@code null} for a plugin of the class path
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PluginDescriptor(String name, String value, String state, @Nullable String disabledReason,
            @Nullable ErrorDescriptor error, @Nullable DistributionDescriptor distribution,
            @Nullable String bundle) {
    }

    /**
     * A recorded failure's root cause, without its stack trace.
     *
     * @param type the root cause's class name
     * @param message its message, {@value SanitizableData#SANITIZED_VALUE} when values are hidden, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorDescriptor(String type, @Nullable String message) {
    }

    /**
     * Where a plugin came from.
     *
     * @param name the distribution's name (Maven artifactId, manifest title, or file name)
     * @param version its version, or {@code null}
     * @param location the URL of the jar or directory, {@value SanitizableData#SANITIZED_VALUE} when values are
     *        hidden
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DistributionDescriptor(String name, @Nullable String version, String location) {
    }
}
