package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Warns when Spring Cloud says the environment changed ({@code EnvironmentChangeEvent}: a refresh, a
 * {@code POST /actuator/env}) and a {@code plux.*} key now has another value than when the context started, once
 * for each such change (an INFO when the keys are back to their startup values), with the reason startup would give
 * when the changed configuration would fail it. plux binds its configuration once ({@link PluxSettings}): the
 * managers, their filters and startup loading keep what they started with, while {@code /actuator/env} shows the new
 * values, and no Spring Cloud rebinding reaches plux. Without this warning the change would be ignored without a
 * word.
 *
 * <p>The keys are compared as Spring Cloud finds the refreshed keys: each key's value in the first source that holds
 * it. The event is recognised by its class name, so plux needs no Spring Cloud to compile; any context's event
 * triggers the comparison, which looks at this context's environment only (a child's change passed up to its
 * parent finds the parent's keys unchanged).
 */
final class PluxConfigurationChangeWarning implements SmartApplicationListener, ApplicationContextAware {

    /** Spring Cloud's event, published after the environment changed (spring-cloud-context). */
    static final String ENVIRONMENT_CHANGE_EVENT =
            "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

    private static final Logger logger = LoggerFactory.getLogger(PluxConfigurationChangeWarning.class);

    private static final ConfigurationPropertyName PLUX = ConfigurationPropertyName.of("plux");

    /** A warning names at most this many keys: a whole new configuration file is said in one line. */
    private static final int KEYS_NAMED = 20;

    private @Nullable Environment environment;

    /** The class loader the settings were bound with (plugin types), to check the changed configuration alike. */
    private @Nullable ClassLoader classLoader;

    /** The {@code plux.*} keys and values when the context started. */
    private Map<String, String> started = Map.of();

    /**
     * The keys and values at the last event: Spring Cloud publishes the event on every refresh, also one that changed
     * nothing (Spring Cloud Bus refreshes every instance on any change), and a change is said once, not at each.
     * Guarded by this listener: a {@code POST /actuator/env} can land during a refresh, each publishing the event on
     * its own request thread, and both must not take the same change as new.
     */
    private Map<String, String> seen = Map.of();

    PluxConfigurationChangeWarning() {
    }

    @Override
    public synchronized void setApplicationContext(ApplicationContext context) {
        // created with the context's singletons, after the registrar bound the settings from this same environment
        this.environment = context.getEnvironment();
        this.classLoader = context.getClassLoader();
        this.started = pluxKeys(this.environment);
        this.seen = this.started;
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        for (Class<?> type = eventType; type != null; type = type.getSuperclass()) {
            if (type.getName().equals(ENVIRONMENT_CHANGE_EVENT)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationEvent event) {
        Environment environment = this.environment;
        if (environment == null) {
            return;
        }
        Map<String, String> keys = pluxKeys(environment);
        if (keys.equals(this.seen)) {
            return;
        }
        this.seen = keys;
        Map<String, String> changes = changes(this.started, keys);
        if (changes.isEmpty()) {
            logger.info("plux.* is back to the configuration the application context started with");
            return;
        }
        List<String> named = new ArrayList<>();
        changes.forEach((key, change) -> named.add(key + " (" + change + ")"));
        String list = (named.size() <= KEYS_NAMED) ? String.join(", ", named)
                : String.join(", ", named.subList(0, KEYS_NAMED)) + " and " + (named.size() - KEYS_NAMED) + " more";
        logger.warn("plux.* changed after the application context started: {}. plux binds its configuration once, at"
                + " startup: its plugin managers, their include/exclude filters, plux.exclude and load-on-startup keep"
                + " the configuration they started with (/actuator/configprops shows it; /actuator/env shows the new"
                + " values), and a namespace added now gets no manager. Restart the application to apply the change.{}",
                list, invalid(environment));
    }

    /**
     * Why the changed configuration would fail startup, as a sentence to append, or nothing. Spring Cloud's restart
     * endpoint closes the running context before the new one binds, so a typo found only then leaves the
     * application without one; binding here, as startup does, says so while the old context still runs. The binding
     * has startup's checks without its side effects: it creates no manager and opens no plugin directory (a path is
     * only resolved), and warns of no key plux ignores (startup did, and the WARN names every key added); a
     * {@code plugin-type} is looked up as startup does, so a class named anew is loaded, not initialised.
     */
    private String invalid(Environment environment) {
        try {
            PluxSettingsBinding.bind(environment, this.classLoader, false);
            return "";
        }
        catch (RuntimeException ex) {
            return " As it is now, the configuration would fail startup: " + ex.getMessage();
        }
    }

    /**
     * Each {@code plux.*} key of the environment with its value, taken from the first source that holds it.
     */
    static Map<String, String> pluxKeys(Environment environment) {
        Map<String, String> keys = new HashMap<>();
        for (ConfigurationPropertySource source : PluxPropertySources.of(environment)) {
            // a source that cannot list its names (random.*) holds no plux key a refresh could change
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(PLUX::isAncestorOf).forEach((name) -> {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    if (property != null) {
                        keys.putIfAbsent(name.toString(), String.valueOf(property.getValue()));
                    }
                });
            }
        }
        return keys;
    }

    /**
     * The keys whose value differs, sorted, each with {@code added}, {@code removed} or {@code changed}.
     */
    static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changes = new TreeMap<>();
        before.forEach((key, value) -> {
            if (!after.containsKey(key)) {
                changes.put(key, "removed");
            }
            else if (!Objects.equals(value, after.get(key))) {
                changes.put(key, "changed");
            }
        });
        after.keySet().stream().filter((key) -> !before.containsKey(key)).forEach((key) -> changes.put(key, "added"));
        return changes;
    }
}
