package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.plux.runtime.PluginManager;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Loads the {@code load-on-startup} namespaces once every singleton exists (so plugins can use any bean and
 * {@code @EventListener} methods are registered), on {@code plux.startup.parallelism} daemon threads while the
 * starting thread waits (see {@link StartupRun}). A plugin that fails with {@code fail-fast}, a namespace whose
 * {@code startup-timeout} passes, or an interrupted wait fails the context's refresh with a
 * {@link PluginStartupException}.
 */
final class StartupLoader implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;

    private final PluxSettings settings;

    // the same autowired type as CreatedPlugins' and the registry's: the context looks each type up once
    StartupLoader(ConfigurableListableBeanFactory beanFactory, PluxSettings settings) {
        this.beanFactory = beanFactory;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (this.settings.startupManagers().isEmpty()) {
            return;
        }
        // the timeouts count from here, before the first namespace is read
        long start = System.nanoTime();
        List<StartupRun.Namespace> namespaces = new ArrayList<>();
        for (ManagerSettings settings : this.settings.startupManagers()) {
            if (!this.beanFactory.containsBeanDefinition(settings.beanName())) {
                // an ancestor context's manager (PluginManagerRegistrar): that context loads it on startup
                continue;
            }
            PluginManager<?> manager = this.beanFactory.getBean(settings.beanName(), PluginManager.class);
            List<String> names = StartupListing.names(settings, manager, start,
                    this.settings.startup().progressInterval());
            namespaces.add(new StartupRun.Namespace(settings, manager, names, (name) -> excludes(manager, name)));
        }
        if (!namespaces.isEmpty()) {
            new StartupRun(namespaces, this.settings.startup(), start).run();
        }
    }

    /** Whether the context's filters rule the plugin out, so that its failure (a missing class) fails nothing. */
    private boolean excludes(PluginManager<?> manager, String name) {
        return manager.exists(name) && this.settings.excludes(manager.getContainer(name).entryPoint());
    }
}
