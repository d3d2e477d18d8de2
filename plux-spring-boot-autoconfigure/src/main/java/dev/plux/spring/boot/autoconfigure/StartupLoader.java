package dev.plux.spring.boot.autoconfigure;

import dev.plux.runtime.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Loads the {@code load-on-startup} namespaces once every singleton exists (so plugins can use any bean and
 * {@code @EventListener} methods are registered). With {@code fail-fast} the first failure is thrown from here,
 * which fails the context's refresh with the {@code PluginException} (namespace, name, cause) in the chain.
 */
final class StartupLoader implements SmartInitializingSingleton {

    private static final Logger logger = LoggerFactory.getLogger(StartupLoader.class);

    private final BeanFactory beanFactory;

    private final PluxSettings settings;

    StartupLoader(BeanFactory beanFactory, PluxSettings settings) {
        this.beanFactory = beanFactory;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (ManagerSettings settings : this.settings.startupManagers()) {
            PluginManager<?> manager = this.beanFactory.getBean(settings.beanName(), PluginManager.class);
            int loaded = manager.loadAll(settings.failFast()).size();
            logger.info("plux namespace {}: loaded {} of {} plugins on startup", settings.namespace(), loaded,
                    manager.listNames().size());
        }
    }
}
