package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.plux.runtime.PluginManager;
import org.jspecify.annotations.Nullable;
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
        Duration interval = this.settings.startup().progressInterval();
        if (interval.compareTo(StartupSettings.SHORT_PROGRESS_INTERVAL) < 0) {
            // progress-interval: 10, meant as seconds, is 10 ms: a warning per loading plugin every 10 ms follows
            logger.warn("plux.startup.progress-interval is {}: each plugin still loading on startup is named in a"
                    + " warning at every interval (a number without a unit is milliseconds: write 10s for ten"
                    + " seconds)", StartupReport.duration(interval));
        }
        // an ancestor context's manager (PluginManagerDefinitions) is left to that context, which loads it on startup
        List<ManagerSettings> own = this.settings.startupManagers().stream()
            .filter((settings) -> this.beanFactory.containsBeanDefinition(settings.beanName()))
            .toList();
        List<StartupNamespace> namespaces = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            ManagerSettings settings = own.get(i);
            PluginManager<?> manager = this.beanFactory.getBean(settings.beanName(), PluginManager.class);
            List<String> names = StartupListing.names(settings, manager, start,
                    this.settings.startup().progressInterval(),
                    firstDeadline(namespaces, own.subList(i, own.size())), i > 0,
                    this.beanFactory.getApplicationStartup());
            namespaces.add(new StartupNamespace(settings, manager, names, (name) -> excludes(manager, name)));
        }
        if (!namespaces.isEmpty()) {
            StartupRun run = new StartupRun(namespaces, this.settings.startup(), start,
                    this.beanFactory.getApplicationStartup());
            try {
                run.run();
            }
            catch (RuntimeException | Error ex) {
                // the refresh fails and the context closes: not waiting for the plugins startup gave up on, also when
                // an Error (OutOfMemoryError, StackOverflowError) strikes the starting thread, which fails it as well;
                // nor for those a loading thread still running took before the outcome, but had not begun to load
                if (this.beanFactory.containsSingleton(CreatedPlugins.BEAN_NAME)) {
                    this.beanFactory.getBean(CreatedPlugins.BEAN_NAME, CreatedPlugins.class)
                        .abandonAttempts(run.threads());
                }
                throw ex;
            }
        }
    }

    /**
     * The namespace whose startup timeout passes first (they all count from the start of startup loading), the
     * earliest configured on a tie, or {@code null} when none has one: of those listed already that have plugins
     * (none of which loads before every namespace is listed) and those not listed yet.
     */
    private static StartupListing.@Nullable Deadline firstDeadline(List<StartupNamespace> listed,
            List<ManagerSettings> unlisted) {
        StartupListing.Deadline first = null;
        for (StartupNamespace namespace : listed) {
            if (!namespace.tasks.isEmpty()) {
                first = earlier(first, new StartupListing.Deadline(namespace.settings, namespace));
            }
        }
        for (ManagerSettings settings : unlisted) {
            first = earlier(first, new StartupListing.Deadline(settings, null));
        }
        return first;
    }

    private static StartupListing.@Nullable Deadline earlier(StartupListing.@Nullable Deadline first,
            StartupListing.Deadline candidate) {
        Duration timeout = candidate.settings().startupTimeout();
        if (timeout == null) {
            return first;
        }
        if (first == null || timeout.compareTo(Objects.requireNonNull(first.settings().startupTimeout())) < 0) {
            return candidate;
        }
        return first;
    }

    /**
     * Whether the manager's filters rule the plugin out, so that its failure (a missing class) fails nothing: all of
     * them, plux's (the namespace's include/exclude, {@code plux.exclude}, the global filter) and those a
     * {@code PluginManagerCustomizer} added, as loading the plugin would ask them.
     */
    private static boolean excludes(PluginManager<?> manager, String name) {
        return manager.exists(name) && manager.excludes(manager.getContainer(name).entryPoint());
    }
}
