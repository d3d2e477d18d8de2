package dev.plux.spring.boot.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Binds the {@link PluginStateMeterBinder} of a child context to the meter registry of an ancestor context. Boot
 * binds a context's {@code MeterBinder} beans only to the registries created in that context, so in a child that
 * uses its parent's registry nobody else would, and the gauges of the child's own namespaces would be missing. The
 * binder removes its gauges when the child closes (it is {@link AutoCloseable}).
 */
final class AncestorRegistryBinding implements SmartInitializingSingleton {

    private static final Logger logger = LoggerFactory.getLogger(AncestorRegistryBinding.class);

    private final ListableBeanFactory beanFactory;

    private final ObjectProvider<MeterRegistry> registry;

    AncestorRegistryBinding(ListableBeanFactory beanFactory, ObjectProvider<MeterRegistry> registry) {
        this.beanFactory = beanFactory;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // this context's binders only (getBeansOfType does not look into ancestors): the parent's are Boot's to bind
        var binders = this.beanFactory.getBeansOfType(PluginStateMeterBinder.class).values();
        if (binders.isEmpty() || this.beanFactory.getBeanNamesForType(MeterRegistry.class).length > 0) {
            // nothing to bind, or a registry of this context (registered after the condition was checked): Boot's
            return;
        }
        // the primary one (Boot's composite) when an ancestor has several
        MeterRegistry registry = this.registry.getIfUnique();
        if (registry == null) {
            logger.debug("no unique meter registry in an ancestor context: the plux.plugins gauges of this"
                    + " context's namespaces are not registered");
            return;
        }
        binders.forEach((binder) -> binder.bindTo(registry));
    }
}
