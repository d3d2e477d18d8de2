package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.plux.runtime.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger logger = LoggerFactory.getLogger(StartupLoader.class);

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
            PluginManager<?> manager = this.beanFactory.getBean(settings.beanName(), PluginManager.class);
            namespaces.add(new StartupRun.Namespace(settings, manager, namesToLoad(settings, manager)));
        }
        new StartupRun(namespaces, this.settings.startup(), start).run();
    }

    /**
     * The plugins to load: every declared one, except those the namespace's {@code include}/{@code exclude}
     * rule out by name. Those are skipped before they are resolved, so that excluding a plugin whose class is
     * missing (the failure analyzer's advice) keeps it from failing startup.
     */
    private List<String> namesToLoad(ManagerSettings settings, PluginManager<?> manager) {
        List<String> names;
        try {
            names = manager.listNames();
        }
        catch (RuntimeException ex) {
            // a custom finder failed: nothing of the namespace can load; the manager asks the finder again later
            if (settings.failFast()) {
                throw StartupReport.unlisted(settings, ex);
            }
            logger.error("plux namespace {}: its plugins could not be listed, so none is loaded on startup: {}",
                    settings.namespace(), StartupReport.describe(ex), ex);
            return List.of();
        }
        PluginManagerFactory factory = this.beanFactory.getBean(PluginManagerFactory.BEAN_NAME,
                PluginManagerFactory.class);
        NameGlobFilter filter = factory.nameFilter(settings.namespace());
        if (filter == null) {
            return names;
        }
        List<String> kept = new ArrayList<>(names.size());
        for (String name : names) {
            if (filter.excludesName(settings.namespace(), name)) {
                logger.debug("plux namespace {}: plugin {} is excluded by name, not loaded on startup",
                        settings.namespace(), name);
            }
            else {
                kept.add(name);
            }
        }
        return kept;
    }
}
