package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup loading records one {@code plux.plugin.load} step per plugin through the context's
 * {@code ApplicationStartup}, so that {@code /actuator/startup} shows which plugin makes startup slow.
 */
@Timeout(30)
class StartupLoadStepsTests {

    private static final String NS = "test.startup.steps";

    private static final String ON_DEMAND = "test.startup.steps.demand";

    private static final String UNLISTABLE = "test.startup.steps.unlistable";

    private final Map<String, List<PluginSpec>> specs = new LinkedHashMap<>();

    /** Namespaces whose finder fails, as a remote registry that cannot be reached. */
    private final Set<String> unlistable = new HashSet<>();

    private final BufferingApplicationStartup startup = new BufferingApplicationStartup(10_000);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner(() -> {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.setApplicationStartup(this.startup);
        return context;
    }).withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class))
        .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> {
            List<PluginSpec> served = this.specs.get(namespace);
            if (this.unlistable.contains(namespace)) {
                builder.finder(() -> {
                    throw new IllegalStateException("registry unreachable");
                });
            }
            else if (served != null) {
                builder.finder(() -> served);
            }
        });

    @Test
    void eachPluginLoadedOnStartupIsAStepTaggedWithItsNamespacePluginAndOutcome() {
        plugin(NS, "fine", true, () -> {
        });
        plugin(NS, "broken", true, () -> {
            throw new IllegalStateException("unreachable");
        });
        plugin(NS, "off", false, () -> {
        });
        plugin(ON_DEMAND, "later", true, () -> {
        });
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[1].namespace=" + ON_DEMAND)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                // a plugin loaded after startup, on demand, is no startup step
                context.getBean("testStartupStepsDemandPluginManager", PluginManager.class).load("later");
                List<StartupStep> steps = pluginSteps();
                assertThat(steps).extracting(StartupLoadStepsTests::tags)
                    .containsExactly("namespace=" + NS + ",plugin=fine,outcome=loaded",
                            "namespace=" + NS + ",plugin=broken,outcome=failed",
                            "namespace=" + NS + ",plugin=off,outcome=disabled");
                // loaded one at a time while the context starts: each a child of Spring's step for the loader bean
                StartupStep loader = step("spring.beans.smart-initialize",
                        "beanName=" + PluginManagerDefinitions.STARTUP_LOADER_BEAN_NAME);
                assertThat(steps).extracting(StartupStep::getParentId).containsOnly(loader.getId());
            });
    }

    @Test
    void pluginsLoadingAtTheSameTimeOnSeveralThreadsAreEachAStep() {
        // both plugins are loading at once: neither passes the barrier until the other has reached it
        CyclicBarrier together = new CyclicBarrier(2);
        plugin(NS, "left", true, () -> together.await(20, TimeUnit.SECONDS));
        plugin(NS, "right", true, () -> together.await(20, TimeUnit.SECONDS));
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.startup.parallelism=2")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(pluginSteps()).extracting(StartupLoadStepsTests::tags)
                    .containsExactlyInAnyOrder("namespace=" + NS + ",plugin=left,outcome=loaded",
                            "namespace=" + NS + ",plugin=right,outcome=loaded");
                // Spring makes the most recently started unfinished step the parent: the loader's, or the step of a
                // plugin loading at the same time on another thread
                StartupStep loader = step("spring.beans.smart-initialize",
                        "beanName=" + PluginManagerDefinitions.STARTUP_LOADER_BEAN_NAME);
                List<Long> pluginIds = pluginSteps().stream().map(StartupStep::getId).toList();
                assertThat(pluginSteps()).extracting(StartupStep::getParentId)
                    .allSatisfy((parent) -> assertThat(parent)
                        .isIn(loader.getId(), pluginIds.get(0), pluginIds.get(1)));
                // every step ended before the context went on: none of Spring's later steps is nested in one
                assertThat(this.startup.getBufferedTimeline().getEvents()).map(TimelineEvent::getStartupStep)
                    .filteredOn((step) -> !step.getName().equals("plux.plugin.load"))
                    .extracting(StartupStep::getParentId)
                    .doesNotContainAnyElementsOf(pluginIds);
            });
    }

    @Test
    void listingEachNamespaceIsAStepTaggedWithItsNamespaceAndPluginCount() {
        // reading the index files and plugin directories, or a custom finder's listing, can be what is slow
        plugin(NS, "one", true, () -> {
        });
        plugin(NS, "two", true, () -> {
        });
        this.unlistable.add(UNLISTABLE);
        this.contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true",
                    "plux.namespaces[1].namespace=" + UNLISTABLE, "plux.namespaces[1].load-on-startup=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                List<StartupStep> listings = this.startup.getBufferedTimeline().getEvents().stream()
                    .map(TimelineEvent::getStartupStep)
                    .filter((step) -> step.getName().equals("plux.namespace.list"))
                    .toList();
                assertThat(listings).extracting(StartupLoadStepsTests::tags)
                    .containsExactly("namespace=" + NS + ",outcome=listed,plugins=2",
                            "namespace=" + UNLISTABLE + ",outcome=failed");
                StartupStep loader = step("spring.beans.smart-initialize",
                        "beanName=" + PluginManagerDefinitions.STARTUP_LOADER_BEAN_NAME);
                assertThat(listings).extracting(StartupStep::getParentId).containsOnly(loader.getId());
            });
    }

    // A custom ApplicationStartup (a tracing bridge) that throws: recording is diagnostics, the plugins still load
    // and startup neither hangs (the listing or the plugin left unfinished) nor fails

    @Test
    @Timeout(15)
    void anApplicationStartupThatFailsToStartTheListingStepNeitherHangsNorFailsStartup() {
        loadsDespite(brokenStartup("plux.namespace.list", true));
    }

    @Test
    @Timeout(15)
    void anApplicationStartupThatFailsToEndTheListingStepNeitherHangsNorFailsStartup() {
        loadsDespite(brokenStartup("plux.namespace.list", false));
    }

    @Test
    @Timeout(15)
    void anApplicationStartupThatFailsToStartAPluginStepNeitherHangsNorFailsStartup() {
        loadsDespite(brokenStartup("plux.plugin.load", true));
    }

    @Test
    @Timeout(15)
    void anApplicationStartupThatFailsToEndAPluginStepNeitherHangsNorFailsStartup() {
        loadsDespite(brokenStartup("plux.plugin.load", false));
    }

    private void loadsDespite(ApplicationContextRunner contextRunner) {
        List<String> loaded = new CopyOnWriteArrayList<>();
        plugin(NS, "first", true, () -> loaded.add("first"));
        plugin(NS, "second", true, () -> loaded.add("second"));
        contextRunner
            .withPropertyValues("plux.namespaces[0].namespace=" + NS, "plux.namespaces[0].load-on-startup=true")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(loaded).containsExactly("first", "second");
            });
    }

    /** A context whose ApplicationStartup throws when it starts, or when it ends, a step of startup loading. */
    private ApplicationContextRunner brokenStartup(String brokenStep, boolean onStart) {
        ApplicationStartup broken = new ApplicationStartup() {
            @Override
            public StartupStep start(String name) {
                StartupStep step = ApplicationStartup.DEFAULT.start(name);
                // steps recorded off the starting thread; one on it fails the refresh, as Spring's own do
                if (!name.equals(brokenStep)) {
                    return step;
                }
                if (onStart) {
                    throw new IllegalStateException("recorder unavailable");
                }
                return new StartupStep() {
                    @Override
                    public String getName() {
                        return name;
                    }

                    @Override
                    public long getId() {
                        return step.getId();
                    }

                    @Override
                    public @Nullable Long getParentId() {
                        return step.getParentId();
                    }

                    @Override
                    public StartupStep tag(String key, String value) {
                        return this;
                    }

                    @Override
                    public StartupStep tag(String key, Supplier<String> value) {
                        return this;
                    }

                    @Override
                    public Tags getTags() {
                        return step.getTags();
                    }

                    @Override
                    public void end() {
                        throw new IllegalStateException("recorder unavailable");
                    }
                };
            }
        };
        return this.contextRunner.withInitializer((context) -> context.setApplicationStartup(broken));
    }

    @Test
    void noStepWithoutStartupLoading() {
        plugin(NS, "fine", true, () -> {
        });
        this.contextRunner.withPropertyValues("plux.namespaces[0].namespace=" + NS).run((context) -> {
            assertThat(context).hasNotFailed();
            context.getBean("testStartupStepsPluginManager", PluginManager.class).loadAll();
            assertThat(pluginSteps()).isEmpty();
        });
    }

    private List<StartupStep> pluginSteps() {
        return this.startup.getBufferedTimeline().getEvents().stream()
            .map(TimelineEvent::getStartupStep)
            .filter((step) -> step.getName().equals("plux.plugin.load"))
            .toList();
    }

    private StartupStep step(String name, String tag) {
        return this.startup.getBufferedTimeline().getEvents().stream()
            .map(TimelineEvent::getStartupStep)
            .filter((step) -> step.getName().equals(name) && tags(step).contains(tag))
            .findFirst()
            .orElseThrow();
    }

    private static String tags(StartupStep step) {
        List<String> tags = new ArrayList<>();
        step.getTags().forEach((tag) -> tags.add(tag.getKey() + "=" + tag.getValue()));
        return String.join(",", tags);
    }

    private void plugin(String namespace, String name, boolean shouldLoad, Body body) {
        this.specs.computeIfAbsent(namespace, (key) -> new ArrayList<>())
            .add(new PluginSpec(namespace, name, () -> new Plugin() {
                @Override
                public boolean shouldLoad() {
                    return shouldLoad;
                }

                @Override
                public @Nullable Object load(Object... args) throws Exception {
                    body.run();
                    return null;
                }
            }));
    }

    @FunctionalInterface
    private interface Body {

        void run() throws Exception;
    }
}
