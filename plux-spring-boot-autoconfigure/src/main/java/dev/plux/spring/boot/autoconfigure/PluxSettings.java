package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plux.core.Plugin;
import dev.plux.runtime.MatchingPluginFilter;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * {@link PluxProperties} read from the environment and validated: every invalid input is an
 * {@link InvalidPluxPropertiesException} that names the property.
 *
 * @param autowire whether class plugins are created through the application context
 * @param exclusions the context's global exclusions ({@code plux.exclude})
 * @param managers one entry per namespace, in configuration order
 */
record PluxSettings(boolean autowire, MatchingPluginFilter exclusions, List<ManagerSettings> managers) {

    static PluxSettings bind(Environment environment, @Nullable ClassLoader classLoader) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new NamespaceConverter());
        Binder binder = new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment), conversion);
        BindResult<PluxProperties> bound = binder.bind("plux", PluxProperties.class);
        return of(bound.orElseGet(PluxProperties::new), classLoader);
    }

    static PluxSettings of(PluxProperties properties, @Nullable ClassLoader classLoader) {
        MatchingPluginFilter exclusions = new MatchingPluginFilter();
        List<PluxProperties.Exclusion> exclude = properties.getExclude();
        for (int i = 0; i < exclude.size(); i++) {
            PluxProperties.Exclusion exclusion = exclude.get(i);
            String prefix = "plux.exclude[" + i + "].";
            checkGlob(prefix + "namespace", exclusion.getNamespace());
            checkGlob(prefix + "name", exclusion.getName());
            checkGlob(prefix + "value", exclusion.getValue());
            exclusions.addExclusion(exclusion.getNamespace(), exclusion.getName(), exclusion.getValue());
        }
        List<ManagerSettings> managers = new ArrayList<>();
        Map<String, String> namespaces = new HashMap<>();
        Map<String, String> beanNames = new HashMap<>();
        List<PluxProperties.Namespace> items = properties.getNamespaces();
        for (int i = 0; i < items.size(); i++) {
            managers.add(manager(i, items.get(i), classLoader, namespaces, beanNames));
        }
        return new PluxSettings(properties.isAutowire(), exclusions, List.copyOf(managers));
    }

    private static ManagerSettings manager(int index, PluxProperties.Namespace item, @Nullable ClassLoader classLoader,
            Map<String, String> namespaces, Map<String, String> beanNames) {
        String prefix = "plux.namespaces[" + index + "].";
        String namespace = item.getNamespace();
        if (namespace == null || namespace.isBlank()) {
            throw new InvalidPluxPropertiesException(prefix + "namespace", namespace, "must not be empty");
        }
        namespace = namespace.trim();
        String first = namespaces.putIfAbsent(namespace, prefix + "namespace");
        if (first != null) {
            throw new InvalidPluxPropertiesException(prefix + "namespace", namespace,
                    "is configured twice (also " + first + ")");
        }
        String beanName = item.getBeanName();
        String beanNameProperty = prefix + "bean-name";
        String beanNameValue = beanName;
        if (beanName == null || beanName.isBlank()) {
            // the default name derives from the namespace, so that is the property to blame
            beanName = ManagerSettings.defaultBeanName(namespace);
            beanNameProperty = prefix + "namespace";
            beanNameValue = namespace;
        }
        beanName = beanName.trim();
        String firstBean = beanNames.putIfAbsent(beanName, beanNameProperty);
        if (firstBean != null) {
            throw new InvalidPluxPropertiesException(beanNameProperty, beanNameValue,
                    "bean name " + beanName + " is used twice (also by " + firstBean + "); set a distinct "
                            + prefix + "bean-name");
        }
        Class<? extends Plugin> pluginType = pluginType(prefix + "plugin-type", item.getPluginType(), classLoader);
        if (item.isFailFast() && !item.isLoadOnStartup()) {
            throw new InvalidPluxPropertiesException(prefix + "fail-fast", "true",
                    "has no effect without " + prefix + "load-on-startup=true; set both or remove fail-fast");
        }
        List<String> include = globs(prefix + "include", item.getInclude());
        List<String> exclude = globs(prefix + "exclude", item.getExclude());
        return new ManagerSettings(index, namespace, beanName, pluginType, item.isLoadOnStartup(), item.isFailFast(),
                include, exclude);
    }

    private static Class<? extends Plugin> pluginType(String property, @Nullable String className,
            @Nullable ClassLoader classLoader) {
        if (className == null || className.isBlank()) {
            return Plugin.class;
        }
        Class<?> type;
        try {
            type = ClassUtils.forName(className.trim(), classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new InvalidPluxPropertiesException(property, className,
                    "no such class on the class path (" + ex + ")");
        }
        if (!Plugin.class.isAssignableFrom(type)) {
            throw new InvalidPluxPropertiesException(property, className, "is not a " + Plugin.class.getName());
        }
        return type.asSubclass(Plugin.class);
    }

    private static @Nullable List<String> globs(String property, List<String> globs) {
        if (globs.isEmpty()) {
            return null;
        }
        for (int i = 0; i < globs.size(); i++) {
            checkGlob(property + "[" + i + "]", globs.get(i));
        }
        return List.copyOf(globs);
    }

    private static void checkGlob(String property, @Nullable String glob) {
        if (glob == null) {
            return;
        }
        try {
            new MatchingPluginFilter().addExclusion(null, glob, null);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidPluxPropertiesException(property, glob, "is not a valid glob: " + ex.getMessage());
        }
    }

    List<ManagerSettings> startupManagers() {
        return this.managers.stream().filter(ManagerSettings::loadOnStartup).toList();
    }
}
