package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.HierarchicalBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.context.event.EventListener;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;

/**
 * A plugin the context created ({@link CreatedPlugins}) is not a bean of it: what Spring does for beans only (listener
 * methods, scopes), and silently not for a plugin, is warned of when the plugin is created (once, as a plugin is
 * created once), naming the plugin, so that an author who expected it learns why it never happens.
 */
final class NotABean {

    private static final Logger logger = LoggerFactory.getLogger(NotABean.class);

    private NotABean() {
    }

    /**
     * Warns of what Spring does for beans only and the plugin's class asks for; never fails the plugin (a failure
     * while checking, such as a native image's missing reflection registration, is logged at debug level).
     *
     * @param pluginClass the class plux created
     * @param spec the plugin's spec, for the messages
     * @param beanFactory the context's bean factory
     */
    static void warn(Class<?> pluginClass, PluginSpec spec, ListableBeanFactory beanFactory) {
        try {
            warnOfEventListeners(pluginClass, spec);
            warnOfScope(pluginClass, spec);
            warnOfBeansOfTheClass(pluginClass, spec, beanFactory);
        }
        catch (VirtualMachineError ex) {
            throw ex;
        }
        catch (RuntimeException | Error ex) {
            // only advice: a class Spring could create but whose members cannot all be read here still loads; an
            // Error too: a native image without a hint for a member the check reads throws GraalVM's
            // MissingReflectionRegistrationError, which GraalVM for JDK 21 declares an Error, not a LinkageError
            logger.debug("plux namespace {}: plugin {} ({}) could not be checked for what Spring does for beans"
                    + " only", spec.namespace(), spec.name(), pluginClass.getName(), ex);
        }
    }

    /**
     * Warns of {@code @EventListener} methods (or methods with an annotation meta-annotated with it, such as
     * {@code @TransactionalEventListener}): Spring's {@code EventListenerMethodProcessor} registers those of the
     * bean definitions only, once the singletons exist.
     *
     * @param pluginClass the class plux created
     * @param spec the plugin's spec, for the message
     */
    private static void warnOfEventListeners(Class<?> pluginClass, PluginSpec spec) {
        if (!AnnotationUtils.isCandidateClass(pluginClass, EventListener.class)) {
            return;
        }
        Map<Method, EventListener> listeners = MethodIntrospector.selectMethods(pluginClass,
                (MethodIntrospector.MetadataLookup<EventListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, EventListener.class));
        if (listeners.isEmpty()) {
            return;
        }
        List<String> methods = listeners.keySet()
            .stream()
            .map(Method::getName)
            .sorted()
            .distinct()
            .collect(Collectors.toList());
        logger.warn("plux namespace {}: plugin {} ({}) has @EventListener methods that Spring never calls: {}. Spring"
                + " registers the listener methods of beans only, and a plugin is not a bean of the context; listen"
                + " in a bean and call the plugin from there, or, for plux's lifecycle events, register a"
                + " PluginLifecycleListener bean", spec.namespace(), spec.name(), pluginClass.getName(), methods);
    }

    /**
     * Warns of a scope annotation on the plugin's class ({@code @Scope("prototype")}, {@code @RequestScope}, Spring
     * Cloud's {@code @RefreshScope}, each meta-annotated {@code @Scope}): Spring reads it from bean definitions only.
     * A plugin is created once and kept until its context closes, never re-created per scope nor behind a scoped
     * proxy, so a refresh leaves it, and the values it read when created, as they were.
     *
     * @param pluginClass the class plux created
     * @param spec the plugin's spec, for the message
     */
    private static void warnOfScope(Class<?> pluginClass, PluginSpec spec) {
        // the class's own annotations, as component scanning reads a bean class's scope
        MergedAnnotation<Scope> scope = MergedAnnotations.from(pluginClass, SearchStrategy.DIRECT).get(Scope.class);
        if (!scope.isPresent()) {
            return;
        }
        String name = scope.getString("scopeName");
        if (name.isEmpty() || name.equals(ConfigurableBeanFactory.SCOPE_SINGLETON)) {
            return;
        }
        logger.warn("plux namespace {}: plugin {} ({}) is annotated @{}, scope '{}', which Spring applies to beans only:"
                + " a plugin is not a bean of the context, it is created once and kept, not scoped, until the context"
                + " closes, and values it read when created stay as they were after a refresh. Remove the annotation;"
                + " to follow values that change at run time, inject a @ConfigurationProperties bean (Spring Cloud"
                + " rebinds it in place) or a scoped bean (a proxy to its current instance) and read it on each call",
                spec.namespace(), spec.name(), pluginClass.getName(), scope.getRoot().getType().getSimpleName(),
                name);
    }

    /**
     * Warns when the plugin's class is also a bean of the context or an ancestor (a {@code @Component} that the
     * application's component scanning found, a {@code @Bean} method): plux never uses that bean but creates the
     * plugin itself, so the plugin is never the bean, each with its own state, tasks and destruction. The beans are
     * named with their scope unless singletons, and as in a parent context unless in the plugin's own.
     *
     * @param pluginClass the class plux created
     * @param spec the plugin's spec, for the message
     * @param beanFactory the context's bean factory
     */
    private static void warnOfBeansOfTheClass(Class<?> pluginClass, PluginSpec spec, ListableBeanFactory beanFactory) {
        // the beans of type Plugin, not of the plugin class: a bean that Spring AOP made a JDK proxy of
        // (spring.aop.proxy-target-class=false) has only the class's interfaces, Plugin among them. One look, as
        // those of the plugin class are among them: without eager init Spring caches no look, each passes over every
        // bean definition. No eager init: asking must not create a lazy bean, nor a FactoryBean, of the application
        Class<?> type = Plugin.class.isAssignableFrom(pluginClass) ? Plugin.class : pluginClass;
        List<String> beans = Arrays.stream(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, type, true,
                false))
            .filter((name) -> pluginClass.equals(userClass(name, beanFactory)))
            .map((name) -> describe(name, beanFactory))
            .toList();
        if (beans.isEmpty()) {
            return;
        }
        // not "two instances": a prototype or lazy bean nobody asked for has none yet
        logger.warn("plux namespace {}: plugin {} ({}) is also a bean ({}): plux does not use the bean but creates the"
                + " plugin itself, so the plugin is never the bean (any instance of it): each has its own state,"
                + " @Scheduled tasks and destruction. Keep the class out of component scanning (no @Component) and"
                + " declare no @Bean of it, and use the plugin through its PluginManager; or, to use the bean,"
                + " exclude the plugin", spec.namespace(), spec.name(), pluginClass.getName(), beans);
    }

    /**
     * The class a bean is of, below a class proxy and below a JDK proxy of Spring AOP's, whose target class only its
     * instance knows: one created already (a singleton proxy is made as the bean is created, so a bean not created
     * yet is still told by its definition's class).
     */
    private static @Nullable Class<?> userClass(String name, ListableBeanFactory beanFactory) {
        Class<?> type = beanFactory.getType(name, false);
        if (type == null || !Proxy.isProxyClass(type)) {
            return (type != null) ? ClassUtils.getUserClass(type) : null;
        }
        Object instance = existingSingleton(name, beanFactory);
        return (instance != null) ? AopProxyUtils.ultimateTargetClass(instance) : type;
    }

    /** The singleton of that name in the context or the nearest ancestor holding it, if created; never creates it. */
    private static @Nullable Object existingSingleton(String name, BeanFactory beanFactory) {
        BeanFactory current = beanFactory;
        // bounded, as a context hierarchy is shallow
        for (int depth = 0; current != null && depth < 100; depth++) {
            if (current instanceof SingletonBeanRegistry registry && registry.containsSingleton(name)) {
                return registry.getSingleton(name);
            }
            current = (current instanceof HierarchicalBeanFactory hierarchical) ? hierarchical.getParentBeanFactory()
                    : null;
        }
        return null;
    }

    /**
     * A bean's name, with its scope unless it is a singleton, and where it is unless in the plugin's own context:
     * {@code other (prototype, in a parent context)}.
     */
    private static String describe(String name, ListableBeanFactory beanFactory) {
        List<String> notes = new ArrayList<>(2);
        // from the definition: isSingleton would create a FactoryBean to ask it
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            try {
                BeanDefinition definition = configurable.getMergedBeanDefinition(name);
                if (!definition.isSingleton()) {
                    notes.add(definition.isPrototype() ? BeanDefinition.SCOPE_PROTOTYPE : definition.getScope());
                }
            }
            catch (NoSuchBeanDefinitionException ex) {
                // a singleton registered as an object, with no definition
            }
        }
        if (beanFactory instanceof HierarchicalBeanFactory hierarchical && !hierarchical.containsLocalBean(name)) {
            notes.add("in a parent context");
        }
        return notes.isEmpty() ? name : name + " (" + String.join(", ", notes) + ")";
    }
}
