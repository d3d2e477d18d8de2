package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Registers, when an application is AOT-processed, the {@link PluginRuntimeHints} of the namespaces it
 * configures (registered in {@code META-INF/spring/aot.factories}). Contributes nothing to a context without
 * plux.
 */
final class PluxBeanFactoryInitializationAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean(PluxSettings.BEAN_NAME)) {
            return null;
        }
        // the registrar's instance: nothing is created or bound here
        PluxSettings settings = beanFactory.getBean(PluxSettings.BEAN_NAME, PluxSettings.class);
        ClassLoader beanClassLoader = beanFactory.getBeanClassLoader();
        ClassLoader classLoader = (beanClassLoader != null) ? beanClassLoader : ClassUtils.getDefaultClassLoader();
        if (classLoader == null) {
            classLoader = PluxBeanFactoryInitializationAotProcessor.class.getClassLoader();
        }
        // the context's resolver decides, as at run time, which injection points are lazy and how they are proxied
        AutowireCandidateResolver resolver = (beanFactory instanceof DefaultListableBeanFactory listable)
                ? listable.getAutowireCandidateResolver() : null;
        // the post-processors that proxy beans (which Spring's processing has created already): a plugin gets the
        // same proxies at run time
        List<ProxyProcessorSupport> proxyProcessors = beanFactory.getBeanProvider(ProxyProcessorSupport.class)
            .orderedStream()
            .toList();
        PluginRuntimeHints hints = new PluginRuntimeHints(classLoader, resolver, proxyProcessors);
        return (generationContext, code) -> hints.register(generationContext.getRuntimeHints(), settings);
    }
}
