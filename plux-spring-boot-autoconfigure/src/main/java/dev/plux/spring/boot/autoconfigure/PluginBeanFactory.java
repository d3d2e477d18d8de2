package dev.plux.spring.boot.autoconfigure;

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
 */
final class PluginBeanFactory {

    private PluginBeanFactory() {
    }

    /**
     * The factory plugins are created with.
     *
     * @param context the context's bean factory
     * @return the context's bean factory, or a child of it with the annotation post-processors
     */
    static ConfigurableListableBeanFactory of(ConfigurableListableBeanFactory context) {
        if (context.containsBeanDefinition(AnnotationConfigUtils.AUTOWIRED_ANNOTATION_PROCESSOR_BEAN_NAME)) {
            return context;
        }
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
}
