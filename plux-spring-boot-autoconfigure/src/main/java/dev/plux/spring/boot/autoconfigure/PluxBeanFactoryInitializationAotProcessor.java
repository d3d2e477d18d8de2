package dev.plux.spring.boot.autoconfigure;

import java.util.List;

import javax.lang.model.element.Modifier;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.aot.generate.GeneratedClass;
import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Registers, when an application is AOT-processed, the {@link PluginRuntimeHints} of the namespaces it
 * configures (registered in {@code META-INF/spring/aot.factories}), and, where the context creates plugins, an
 * initializer that registers their lifecycle ({@link CreatedPluginsLifecycle}) while the bean factory is set up, as
 * the registrar does when it runs: registered later, once beans are being created, a singleton clears every by-type
 * look-up the context has cached. Contributes nothing to a context without plux.
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
        boolean createsPlugins = beanFactory.containsBeanDefinition(CreatedPlugins.BEAN_NAME);
        return (generationContext, code) -> {
            hints.register(generationContext.getRuntimeHints(), settings);
            if (createsPlugins) {
                addLifecycleRegistration(generationContext, code);
            }
        };
    }

    /**
     * Generates, in plux's package (its lifecycle is package-private), a public method that registers the lifecycle,
     * and has the context's initialization call it.
     */
    private static void addLifecycleRegistration(GenerationContext generationContext,
            BeanFactoryInitializationCode code) {
        GeneratedClass generated = generationContext.getGeneratedClasses()
            .addForFeatureComponent("Registration", CreatedPluginsLifecycle.class,
                    (type) -> type.addJavadoc("Registers the lifecycle of the plugins plux creates.")
                        .addModifiers(Modifier.PUBLIC));
        GeneratedMethod method = generated.getMethods()
            .add("registerLifecycle", (builder) -> builder
                .addJavadoc("Registers the lifecycle of the plugins plux creates.")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameter(DefaultListableBeanFactory.class, "beanFactory")
                .addStatement("$T.register(beanFactory)", CreatedPluginsLifecycle.class));
        code.addInitializer(method.toMethodReference());
    }
}
