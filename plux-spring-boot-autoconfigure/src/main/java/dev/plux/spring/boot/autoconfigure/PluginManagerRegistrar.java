package dev.plux.spring.boot.autoconfigure;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Where Spring enters plux's bean definitions ({@link PluxAutoConfiguration} imports it): it hands them to
 * {@link PluginManagerDefinitions}, which binds the settings and registers the managers.
 *
 * <p>Nothing else belongs here. Spring reads an imported class from its class file, with ASM, at every context
 * start, and its work grows with the file: this one is about 1.4 KB, where the registrar that held the
 * definitions was about 15 KB, read again by every context (benchmarks/README.md, "Seventeenth session").
 * {@code PluginManagerDefinitions} is only loaded by the JVM, once ({@code ClassFilesReadAtEveryStartTests}).
 */
final class PluginManagerRegistrar implements ImportBeanDefinitionRegistrar {

    private final Environment environment;

    private final ResourceLoader resourceLoader;

    // Spring passes these to an ImportBeanDefinitionRegistrar's constructor (no *Aware setters needed)
    PluginManagerRegistrar(Environment environment, ResourceLoader resourceLoader) {
        this.environment = environment;
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        PluginManagerDefinitions.register(this.environment, this.resourceLoader, registry);
    }
}
