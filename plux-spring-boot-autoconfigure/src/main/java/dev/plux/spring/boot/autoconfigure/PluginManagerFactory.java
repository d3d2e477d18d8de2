package dev.plux.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import dev.plux.core.Plugin;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.runtime.PluginInstantiator;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Builds the {@link PluginManager} of each configured namespace with what the application context provides:
 * its class loader, the plugin directories ({@code plux.plugin-directories}), the context's own filters ({@code plux.exclude} and the namespace's include/exclude; never
 * {@code MatchingPluginFilter.global()}), the plugin type, every {@link PluginLifecycleListener} bean in order,
 * the event publisher, the autowiring instantiator, and finally every {@link PluginManagerCustomizer} bean in
 * order. Each manager bean is a call of {@link #create(String, Class)} on this bean (a factory method Spring AOT
 * writes out as code).
 */
final class PluginManagerFactory {

    static final String BEAN_NAME = "dev.plux.spring.boot.autoconfigure.internalPluginManagerFactory";

    private final PluxSettings settings;

    private final CreatedPlugins createdPlugins;

    private final ConfigurableListableBeanFactory beanFactory;

    private final ApplicationEventPublisher publisher;

    PluginManagerFactory(PluxSettings settings, CreatedPlugins createdPlugins,
            ConfigurableListableBeanFactory beanFactory, ApplicationEventPublisher publisher) {
        this.settings = settings;
        this.createdPlugins = createdPlugins;
        this.beanFactory = beanFactory;
        this.publisher = publisher;
    }

    /**
     * Builds the manager of a configured namespace.
     *
     * @param namespace the namespace
     * @param pluginType the plugin type the bean definition declares
     * @return its manager
     * @throws IllegalStateException if the namespace is not configured with that plugin type (the settings bean
     *         of an AOT-processed application checks that at startup already, {@link ProcessedManagers})
     */
    PluginManager<? extends Plugin> create(String namespace, Class<? extends Plugin> pluginType) {
        ManagerSettings manager = this.settings.manager(namespace);
        if (manager == null || manager.pluginType() != pluginType) {
            throw new IllegalStateException("plux namespace " + namespace + " with plugin type "
                    + pluginType.getName() + " has a PluginManager bean but is not so configured in plux.namespaces "
                    + this.settings.namespaces() + ": " + ProcessedManagers.PROCESSED_WITH_OTHERS);
        }
        return build(manager, manager.pluginType());
    }

    private <P extends Plugin> PluginManager<P> build(ManagerSettings manager, Class<P> pluginType) {
        String namespace = manager.namespace();
        PluginManager.Builder<P> builder = PluginManager.<P>builder(namespace).pluginType(pluginType);
        ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
        if (classLoader != null) {
            builder.classLoader(classLoader);
        }
        if (!this.settings.exclusions().isEmpty()) {
            builder.filter(this.settings.exclusions());
        }
        NameGlobFilter names = this.settings.nameFilter(namespace);
        if (names != null) {
            builder.filter(names);
        }
        List<Path> directories = this.settings.pluginDirectories();
        for (int i = 0; i < directories.size(); i++) {
            // what set it, so that plux-core's warning about a missing directory names the property to fix
            builder.pluginDirectory(directories.get(i), this.settings.pluginDirectoryOrigins().get(i));
        }
        this.beanFactory.getBeanProvider(PluginLifecycleListener.class).orderedStream().forEach(builder::listener);
        EventPublishingListener publishing = new EventPublishingListener(this.publisher);
        builder.listener(publishing);
        if (this.settings.autowire()) {
            builder.instantiator(new AutowiringPluginInstantiator(this.createdPlugins, classLoader, pluginType));
            // outermost, before a customizer's: closing waits for whole attempts, not half an observation
            builder.interceptor(this.createdPlugins.interceptor());
        }
        else {
            builder.instantiator(PluginInstantiator.FACTORY);
        }
        List<PluginManagerCustomizer> customizers = this.beanFactory.getBeanProvider(PluginManagerCustomizer.class)
            .orderedStream()
            .toList();
        customizers.forEach((customizer) -> customize(customizer, manager, builder));
        PluginManager<P> built;
        try {
            built = builder.build();
        }
        catch (IllegalStateException ex) {
            // only a customizer can make the builder refuse (a finder, a module layer): plux-core's message names
            // neither the setting nor the customizer, so the user would not know what to change
            throw new IllegalStateException(notBuilt(manager, customizers, ex), ex);
        }
        if (names != null) {
            names.bind(built);
        }
        publishing.bind(built);
        return built;
    }

    /**
     * Runs one customizer; a failure names that customizer (bean name and class), the namespace and its item:
     * Spring's own message would only say that the manager's factory method threw, as if plux had failed.
     */
    private void customize(PluginManagerCustomizer customizer, ManagerSettings manager,
            PluginManager.Builder<?> builder) {
        try {
            customizer.customize(manager.namespace(), builder);
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (Throwable ex) {
            // any Throwable: a checked exception thrown sneakily or an Error (an assertion, a missing class) of the
            // application's customizer would otherwise come out as Spring's "factory method 'create' threw"
            throw new IllegalStateException("PluginManagerCustomizer " + describe(customizer)
                    + " failed to customize the PluginManager of plux namespace " + manager.namespace() + " ("
                    + manager.property() + "): " + ex, ex);
        }
    }

    /**
     * Why the manager of a namespace could not be built, with what the application set that led there: its item,
     * {@code plux.plugin-directories} (a custom finder replaces the index finder the directories add to) and the
     * customizers applied to it.
     */
    private String notBuilt(ManagerSettings manager, List<PluginManagerCustomizer> customizers,
            IllegalStateException ex) {
        StringBuilder message = new StringBuilder("The PluginManager of plux namespace ").append(manager.namespace())
            .append(" (").append(manager.property()).append(") cannot be built: ").append(ex.getMessage());
        message.append("; the PluginManagerCustomizers applied to it: ")
            .append(customizers.stream().map(this::describe).collect(Collectors.joining(", ")));
        List<String> directories = this.settings.pluginDirectoryOrigins();
        if (!directories.isEmpty()) {
            // plux-core checks the directories first, so this is what it refused
            message.append(". Every namespace's manager reads plux.plugin-directories (")
                .append(String.join("; ", directories))
                .append("), and a custom finder replaces the index finder they add to: remove the finder, or the")
                .append(" property");
        }
        return message.toString();
    }

    /** {@code bean 'name' (class)}, or the class alone for a customizer that is no bean of this factory. */
    private String describe(PluginManagerCustomizer customizer) {
        String type = customizer.getClass().getName();
        try {
            // with the ancestors': the customizers applied come from them too (getBeanProvider)
            for (var entry : BeanFactoryUtils.beansOfTypeIncludingAncestors(this.beanFactory,
                    PluginManagerCustomizer.class).entrySet()) {
                if (entry.getValue() == customizer) {
                    return "bean '" + entry.getKey() + "' (" + type + ")";
                }
            }
        }
        catch (RuntimeException ex) {
            // only a name for the message: the customizer's own failure is what is reported
        }
        return type;
    }
}
