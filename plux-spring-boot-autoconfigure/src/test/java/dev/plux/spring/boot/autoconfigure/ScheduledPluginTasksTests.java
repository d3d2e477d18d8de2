package dev.plux.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluginManagerCustomizer;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.PreDestroyPlugin;
import jakarta.annotation.PreDestroy;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code @Scheduled} in class plugins the context creates, for plugins that are not loaded: their tasks run until the
 * context closes, as the plugins live until then (SPEC, Spring Boot layer 0.2), and the two ways the module README
 * gives a plugin author whose task must run only once the plugin is loaded.
 */
@Timeout(30)
class ScheduledPluginTasksTests {

    private static final String NS = "test.scheduled.tasks";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PluxAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
        .withUserConfiguration(Scheduling.class)
        .withBean(DestroyLog.class)
        .withPropertyValues("plux.namespaces[0]=" + NS)
        .withBean(PluginManagerCustomizer.class, () -> (namespace, builder) -> builder.finder(() -> List.of(
                PluginSpec.of(NS, "pre-destroy", PreDestroyPlugin.class),
                PluginSpec.of(NS, "not-loaded", NotLoadedTicking.class),
                PluginSpec.of(NS, "vetoed", VetoedTicking.class),
                PluginSpec.of(NS, "failing-load", FailingLoadTicking.class),
                PluginSpec.of(NS, "schedules-on-load", SchedulesOnLoad.class),
                PluginSpec.of(NS, "not-loaded-schedules-on-load", NotLoadedSchedulesOnLoad.class),
                PluginSpec.of(NS, "guarded", Guarded.class),
                PluginSpec.of(NS, "not-loaded-guarded", NotLoadedGuarded.class)))
            .listener(new PluginLifecycleListener() {
                @Override
                public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                    if (spec.name().equals("vetoed")) {
                        throw new PluginDisabled(NS, spec.name(), "vetoed by a listener");
                    }
                }
            }));

    @Test
    void aPluginCreatedButNotLoadedRunsItsTasksUntilTheContextClosesAndIsDestroyedInItsPlaceThen() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        List<ScheduledTask> tasks = new CopyOnWriteArrayList<>();
        this.contextRunner.withUserConfiguration(ClassProxies.class).run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManager<?> manager = context.getBean(PluginManager.class);
            manager.load("pre-destroy");
            // shouldLoad() false, a veto, and a load() that throws, behind a class proxy made before @Scheduled's
            // processor ran, which so keeps the proxy's tasks
            assertThat(catchThrowable(() -> manager.load("not-loaded"))).isInstanceOf(PluginDisabled.class);
            assertThat(catchThrowable(() -> manager.load("vetoed"))).isInstanceOf(PluginDisabled.class)
                .hasMessageContaining("vetoed by a listener");
            assertThat(catchThrowable(() -> manager.load("failing-load"))).isInstanceOf(PluginException.class)
                .hasMessageContaining("load fails on purpose");
            Object notLoaded = manager.getContainer("not-loaded").plugin();
            Object vetoed = manager.getContainer("vetoed").plugin();
            Object failingProxy = manager.getContainer("failing-load").plugin();
            assertThat(AopUtils.isCglibProxy(failingProxy)).isTrue();
            Object failing = AopProxyUtils.getSingletonTarget(failingProxy);
            // after their load attempts ended, the plugins live on and their tasks run
            for (Object plugin : new Object[] { notLoaded, vetoed, failing }) {
                Semaphore ticks = (plugin instanceof Ticking ticking) ? ticking.ticks
                        : ((FailingLoadTicking) plugin).ticks;
                ticks.drainPermits();
                assertThat(ticks.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(log.get().events()).isEmpty();
            // the only plugins created with tasks: two Ticking.tick, one FailingLoadTicking.tick (Spring 7 wraps the
            // ScheduledMethodRunnable, whose toString names the method, so the target is not at hand)
            tasks.addAll(context.getBean(ScheduledTaskHolder.class).getScheduledTasks());
            assertThat(tasks).extracting(ScheduledTask::toString)
                .containsExactlyInAnyOrder(Ticking.class.getName() + ".tick", Ticking.class.getName() + ".tick",
                        FailingLoadTicking.class.getName() + ".tick");
        });
        // closing cancels their tasks and destroys them, newest first with the loaded plugin, before the bean they use
        assertThat(tasks).allSatisfy((task) -> assertThat(task.nextExecution()).isNull());
        assertThat(log.get().events()).containsExactly("failing-load", "vetoed", "not-loaded", "pre-destroy",
                "log destroyed");
    }

    @Test
    void aTaskScheduledFromLoadRunsForALoadedPluginOnlyAndItsDestroyCallbackCancelsIt() {
        AtomicReference<DestroyLog> log = new AtomicReference<>();
        AtomicReference<SchedulesOnLoad> loaded = new AtomicReference<>();
        this.contextRunner.run((context) -> {
            log.set(context.getBean(DestroyLog.class));
            PluginManager<?> manager = context.getBean(PluginManager.class);
            assertThat(catchThrowable(() -> manager.load("not-loaded-schedules-on-load")))
                .isInstanceOf(PluginDisabled.class);
            // its load() never ran, so it has no task
            SchedulesOnLoad notLoaded = (SchedulesOnLoad) manager.getContainer("not-loaded-schedules-on-load").plugin();
            assertThat((Object) notLoaded.task).isNull();
            loaded.set((SchedulesOnLoad) manager.load("schedules-on-load"));
            assertThat(loaded.get().ticks.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
        });
        assertThat(log.get().events()).containsExactly("schedules-on-load cancels its task",
                "not-loaded-schedules-on-load has no task", "log destroyed");
        ScheduledFuture<?> task = loaded.get().task;
        assertThat(task != null && task.isCancelled()).isTrue();
    }

    @Test
    void aScheduledTaskThatChecksAFlagItsLoadSetsDoesNoWorkForAPluginNotLoaded() {
        this.contextRunner.run((context) -> {
            PluginManager<?> manager = context.getBean(PluginManager.class);
            assertThat(catchThrowable(() -> manager.load("not-loaded-guarded"))).isInstanceOf(PluginDisabled.class);
            Guarded notLoaded = (Guarded) manager.getContainer("not-loaded-guarded").plugin();
            // its task runs (until the context closes) and finds the flag unset every time
            assertThat(notLoaded.ticks.tryAcquire(3, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(notLoaded.work.availablePermits()).isZero();
            Guarded loaded = (Guarded) manager.load("guarded");
            assertThat(loaded.work.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }

    /** A scheduled method, in a plugin that writes its destruction. */
    public static class Ticking implements Plugin {

        final Semaphore ticks = new Semaphore(0);

        private final DestroyLog log;

        private final String name;

        Ticking(DestroyLog log, String name) {
            this.log = log;
            this.name = name;
        }

        @Scheduled(fixedDelay = 10)
        void tick() {
            this.ticks.release();
        }

        @PreDestroy
        void destroy() {
            this.log.add(this.name);
        }
    }

    /** {@link Ticking}, disabled by its load condition. */
    public static class NotLoadedTicking extends Ticking {

        /**
         * Creates the plugin.
         *
         * @param log where its destruction is written
         */
        public NotLoadedTicking(DestroyLog log) {
            super(log, "not-loaded");
        }

        @Override
        public boolean shouldLoad() {
            return false;
        }
    }

    /** {@link Ticking}, which a listener vetoes. */
    public static class VetoedTicking extends Ticking {

        /**
         * Creates the plugin.
         *
         * @param log where its destruction is written
         */
        public VetoedTicking(DestroyLog log) {
            super(log, "vetoed");
        }
    }

    /** A scheduled method, in a plugin whose load fails. Public methods, so that a class proxy calls them. */
    public static class FailingLoadTicking implements Plugin {

        final Semaphore ticks = new Semaphore(0);

        private final DestroyLog log;

        /**
         * Creates the plugin.
         *
         * @param log where its destruction is written
         */
        public FailingLoadTicking(DestroyLog log) {
            this.log = log;
        }

        /** Counts a run of its task. */
        @Scheduled(fixedDelay = 10)
        public void tick() {
            this.ticks.release();
        }

        @Override
        public Object load(Object... args) {
            throw new IllegalStateException("load fails on purpose");
        }

        /** Writes its destruction. */
        @PreDestroy
        public void destroy() {
            this.log.add("failing-load");
        }
    }

    /**
     * Schedules its task from {@code load()} with the context's {@link TaskScheduler} and cancels it in its destroy
     * callback: a plugin that is not loaded has no task.
     */
    public static class SchedulesOnLoad implements Plugin {

        final Semaphore ticks = new Semaphore(0);

        volatile @Nullable ScheduledFuture<?> task;

        private final TaskScheduler scheduler;

        private final DestroyLog log;

        private final String name;

        /**
         * Creates the plugin.
         *
         * @param scheduler the context's task scheduler
         * @param log where its destruction is written
         */
        public SchedulesOnLoad(TaskScheduler scheduler, DestroyLog log) {
            this(scheduler, log, "schedules-on-load");
        }

        SchedulesOnLoad(TaskScheduler scheduler, DestroyLog log, String name) {
            this.scheduler = scheduler;
            this.log = log;
            this.name = name;
        }

        @Override
        public @Nullable Object load(Object... args) {
            this.task = this.scheduler.scheduleWithFixedDelay(this.ticks::release, Duration.ofMillis(10));
            return null;
        }

        @PreDestroy
        void cancel() {
            ScheduledFuture<?> scheduled = this.task;
            this.log.add(this.name + ((scheduled != null) ? " cancels its task" : " has no task"));
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }

    /** {@link SchedulesOnLoad}, disabled by its load condition. */
    public static class NotLoadedSchedulesOnLoad extends SchedulesOnLoad {

        /**
         * Creates the plugin.
         *
         * @param scheduler the context's task scheduler
         * @param log where its destruction is written
         */
        public NotLoadedSchedulesOnLoad(TaskScheduler scheduler, DestroyLog log) {
            super(scheduler, log, "not-loaded-schedules-on-load");
        }

        @Override
        public boolean shouldLoad() {
            return false;
        }
    }

    /** A scheduled method that works only once {@code load()} has set a flag. */
    public static class Guarded implements Plugin {

        final Semaphore ticks = new Semaphore(0);

        final Semaphore work = new Semaphore(0);

        private volatile boolean loaded;

        @Override
        public @Nullable Object load(Object... args) {
            this.loaded = true;
            return null;
        }

        @Scheduled(fixedDelay = 10)
        void tick() {
            this.ticks.release();
            if (this.loaded) {
                this.work.release();
            }
        }
    }

    /** {@link Guarded}, disabled by its load condition. */
    public static class NotLoadedGuarded extends Guarded {

        @Override
        public boolean shouldLoad() {
            return false;
        }
    }

    /**
     * Wraps {@link FailingLoadTicking} in a class proxy before the other post-processors run, as the AOP auto-proxy
     * creator does ({@code @Transactional}, aspects), so {@code @Scheduled}'s processor sees the proxy.
     */
    @Configuration(proxyBeanMethods = false)
    static class ClassProxies {

        @Bean
        static BeanPostProcessor firstClassProxies() {
            return new FirstClassProxies();
        }
    }

    /** See {@link ClassProxies}. */
    static final class FirstClassProxies implements BeanPostProcessor, PriorityOrdered {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!(bean instanceof FailingLoadTicking)) {
                return bean;
            }
            ProxyFactory factory = new ProxyFactory(bean);
            factory.setProxyTargetClass(true);
            factory.addAdvice((MethodInterceptor) MethodInvocation::proceed);
            return factory.getProxy();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
