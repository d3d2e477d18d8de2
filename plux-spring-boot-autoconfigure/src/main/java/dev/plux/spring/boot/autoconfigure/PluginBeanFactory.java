package dev.plux.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.AutowiredAnnotationBeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.CommonAnnotationBeanPostProcessor;

/**
 * The bean factory that creates and destroys the plugins of a context ({@link CreatedPlugins}).
 *
 * <p>Usually the context's own. An AOT-processed context has no annotation post-processors: AOT wrote their work
 * out as code, for the beans it knew when the application was processed, and plugins are created at run time from
 * classes it never saw. There a plugin gets a child factory of the context with Spring's own
 * {@link AutowiredAnnotationBeanPostProcessor} and {@link CommonAnnotationBeanPostProcessor}, so its
 * {@code @Autowired} and {@code @Value} members, {@code @PostConstruct} and {@code @PreDestroy} work as in a JVM
 * context; dependencies still come from the context.
 *
 * <p>The child copies the context's post-processors ({@code @Async}'s, an aspect's auto-proxy creator, the
 * {@code Aware} callbacks), which the context registers one by one while it refreshes: a child made before the last
 * of them (a post-processor that takes a {@code PluginManager} is created among the first) would lack the later ones
 * for good, where a JVM context's plugins get them. So the child is made again whenever the context has registered
 * more post-processors since.
 */
final class PluginBeanFactory {

    private final ConfigurableListableBeanFactory context;

    private final boolean processedAheadOfTime;

    /** The child of an AOT-processed context, with how many post-processors the context had when it was made. */
    private volatile @Nullable Child child;

    PluginBeanFactory(ConfigurableListableBeanFactory context) {
        this.context = context;
        this.processedAheadOfTime = !context
            .containsBeanDefinition(AnnotationConfigUtils.AUTOWIRED_ANNOTATION_PROCESSOR_BEAN_NAME);
    }

    /**
     * Whether the context runs AOT-processed code, so that plugins are created through a child factory.
     *
     * @return {@code true} when the context has no annotation post-processors
     */
    boolean processedAheadOfTime() {
        return this.processedAheadOfTime;
    }

    /**
     * The factory plugins are created and destroyed with now.
     *
     * @return the context's bean factory, or a child of it with the context's post-processors as they are now and
     *         the annotation post-processors
     */
    ConfigurableListableBeanFactory get() {
        if (!this.processedAheadOfTime) {
            return this.context;
        }
        int postProcessors = this.context.getBeanPostProcessorCount();
        Child current = this.child;
        if (current == null || current.postProcessors() != postProcessors) {
            // two threads may both make one: either is complete, and a plugin asks the one it was created with
            current = new Child(child(this.context), postProcessors);
            this.child = current;
        }
        return current.factory();
    }

    private static DefaultListableBeanFactory child(ConfigurableListableBeanFactory context) {
        DefaultListableBeanFactory child = new DefaultListableBeanFactory(context);
        // the context's value resolvers, conversion, autowire candidate resolver and post-processors (Aware, ...)
        child.copyConfigurationFrom(context);
        CommonAnnotationBeanPostProcessor common = new CommonAnnotationBeanPostProcessor();
        common.setBeanFactory(child);
        child.addBeanPostProcessor(common);
        AutowiredAnnotationBeanPostProcessor autowired = new AutowiredAnnotationBeanPostProcessor();
        autowired.setBeanFactory(child);
        child.addBeanPostProcessor(autowired);
        return child;
    }

    /** A child factory and the number of the context's post-processors it copied. */
    private record Child(DefaultListableBeanFactory factory, int postProcessors) {
    }
}
