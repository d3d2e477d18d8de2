package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.plux.core.EntryPoint;
import dev.plux.core.PluginFunction;
import dev.plux.runtime.IndexPluginFinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.support.ClassHintUtils;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.core.MethodParameter;

/**
 * What a native image needs to find and create the plugins of the configured namespaces, all of it reachable
 * only by name: the index resources, the plux properties (bound again at run time), every plugin type, and
 * for each index entry its class (public constructors) or its member (the static field, or the static method
 * and, for a {@link PluginFunction}, its {@code shouldLoad} method), for invocation. An entry whose class is not
 * on the class path at build time gets no hint and a warning: the build goes on, as the running application
 * would, with that plugin failing to resolve. No class is initialized here, so the value of a static field (a
 * {@code PluginSpec} naming another class) is not read: that class needs hints of its own (README, "AOT and native
 * images").
 */
final class PluginRuntimeHints {

    static final String INDEX_RESOURCE = "META-INF/plux/entry_points.txt";

    private static final Logger logger = LoggerFactory.getLogger(PluginRuntimeHints.class);

    private final ClassLoader classLoader;

    /** The bean factory's: what it decides is lazy, and the proxy class it would inject; {@code null}: none. */
    private final @Nullable AutowireCandidateResolver resolver;

    /** The context's proxy-making post-processors ({@code @Async}'s, an aspect's auto-proxy creator), in order. */
    private final List<ProxyProcessorSupport> proxyProcessors;

    PluginRuntimeHints(ClassLoader classLoader, @Nullable AutowireCandidateResolver resolver) {
        this(classLoader, resolver, List.of());
    }

    PluginRuntimeHints(ClassLoader classLoader, @Nullable AutowireCandidateResolver resolver,
            List<ProxyProcessorSupport> proxyProcessors) {
        this.classLoader = classLoader;
        this.resolver = resolver;
        this.proxyProcessors = proxyProcessors;
    }

    void register(RuntimeHints hints, PluxSettings settings) {
        hints.resources().registerPattern(INDEX_RESOURCE);
        BindableRuntimeHintsRegistrar.forTypes(PluxProperties.class).registerHints(hints, this.classLoader);
        // Boot's registrar sees Namespace as a JavaBean; plux binds an object item through its binding constructor
        // (found with getConstructors()) and converts a plain-string item through Namespace(String)
        for (Constructor<?> constructor : PluxProperties.Namespace.class.getConstructors()) {
            hints.reflection().registerConstructor(constructor, ExecutableMode.INVOKE);
        }
        if (!settings.pluginDirectories().isEmpty()) {
            // Processing cannot tell a native build from a JVM one: Boot's plugins process the application alike for
            // both (its native profile is also how an AOT jar for the JVM is built), and nothing marks a native build
            // until native-image runs. So the warning says what holds for each.
            logger.warn("plux.plugin-directories is set ({}): a JVM run of the processed application"
                    + " (-Dspring.aot.enabled=true) reads them as usual, but a native image built from it fails at"
                    + " startup while the property is set, since {}; the native-image hints cover the plugins of the"
                    + " class path only", directories(settings), PluxSettings.NO_PLUGIN_DIRECTORIES_IN_NATIVE_IMAGES);
        }
        IndexPluginFinder finder = new IndexPluginFinder(this.classLoader);
        for (ManagerSettings manager : settings.managers()) {
            hints.reflection().registerType(manager.pluginType());
            for (EntryPoint entryPoint : finder.entryPoints(manager.namespace())) {
                register(hints, entryPoint);
            }
        }
    }

    private static String directories(PluxSettings settings) {
        return settings.pluginDirectories().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private void register(RuntimeHints hints, EntryPoint entryPoint) {
        String value = entryPoint.value().strip();
        int colon = value.indexOf(':');
        String className = (colon < 0) ? value : value.substring(0, colon);
        Class<?> type;
        try {
            // false: naming a class for a hint must not run its static initializer
            type = Class.forName(className, false, this.classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            logger.warn("No native-image hints for plux plugin {}:{} = {}: class {} is not on the class path at"
                    + " build time ({})", entryPoint.namespace(), entryPoint.name(), value, className, ex.toString());
            return;
        }
        if (colon < 0) {
            hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
            // whatever plux.autowire was when the application was processed: it is bound again when the processed
            // application starts, and a class plugin created through the context needs these
            registerForInjection(hints, type, entryPoint);
            registerPostProcessorProxies(hints, type, entryPoint);
            return;
        }
        hints.reflection().registerType(type);
        String member = value.substring(colon + 1);
        boolean found;
        try {
            found = registerMember(hints, type, member);
        }
        catch (LinkageError ex) {
            // a public signature of the holder names a class missing at build time (an optional dependency)
            logger.warn("No native-image hints for plux plugin {}:{} = {}: the members of {} cannot be read at build"
                    + " time ({})", entryPoint.namespace(), entryPoint.name(), value, className, ex.toString());
            return;
        }
        if (!found) {
            logger.warn("No native-image hints for plux plugin {}:{} = {}: {} has no public static member {}",
                    entryPoint.namespace(), entryPoint.name(), value, className, member);
        }
    }

    private static boolean registerMember(RuntimeHints hints, Class<?> type, String member) {
        boolean found = false;
        try {
            Field field = type.getField(member);
            if (Modifier.isStatic(field.getModifiers())) {
                hints.reflection().registerField(field);
                found = true;
            }
        }
        catch (NoSuchFieldException ex) {
            // a method, then
        }
        for (Method method : type.getMethods()) {
            if (method.getName().equals(member) && Modifier.isStatic(method.getModifiers())) {
                hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
                found = true;
                registerShouldLoad(hints, method);
            }
        }
        return found;
    }

    /**
     * A class plugin created through the context ({@code plux.autowire}) is a bean AOT never saw: Spring finds and
     * calls its injection points and lifecycle methods ({@code @Autowired}, {@code @Value}, {@code @PostConstruct},
     * {@code @PreDestroy}) by reflection, declared in the class or a superclass, or as a default method of an
     * interface one of them implements (Spring's {@code ReflectionUtils.getDeclaredMethods} adds those). Registered
     * whatever {@code plux.autowire} was when the application was processed: the processed application binds it
     * again when it starts. An injection point marked {@code @Lazy} gets the proxy Spring injects there
     * ({@link #registerLazyProxy}).
     *
     * <p>A signature naming a class missing at build time (an optional dependency) makes reflection fail for every
     * member of its kind in that class or interface, never for one alone: each such unit is skipped on its own, the
     * others keep their hints, and one warning names them all.
     */
    private void registerForInjection(RuntimeHints hints, Class<?> type, EntryPoint entryPoint) {
        List<String> skipped = new ArrayList<>();
        Set<Class<?>> interfaces = new HashSet<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            Class<?> declaring = current;
            readable(skipped, "the constructors of " + declaring.getName(), () -> {
                // each member by name: Spring 7's hint predicates (and native-image's metadata) match invocation of
                // a method or constructor per member
                for (Constructor<?> constructor : declaring.getDeclaredConstructors()) {
                    hints.reflection().registerConstructor(constructor, ExecutableMode.INVOKE);
                    registerLazyProxies(hints, constructor, skipped);
                }
            });
            readable(skipped, "the methods of " + declaring.getName(), () -> {
                for (Method method : declaring.getDeclaredMethods()) {
                    hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
                    if (!Modifier.isStatic(method.getModifiers())) {
                        registerLazyProxies(hints, method, skipped);
                    }
                }
            });
            readable(skipped, "the fields of " + declaring.getName(), () -> {
                for (Field field : declaring.getDeclaredFields()) {
                    hints.reflection().registerField(field);
                    if (!Modifier.isStatic(field.getModifiers())) {
                        registerLazyProxy(hints, new DependencyDescriptor(field, true), "field " + field, skipped);
                    }
                }
            });
            registerDefaultMethods(hints, declaring.getInterfaces(), interfaces, skipped);
        }
        if (!skipped.isEmpty()) {
            logger.warn("No native-image hints for some members of {} (plux plugin {}:{}): {}", type.getName(),
                    entryPoint.namespace(), entryPoint.name(), String.join("; ", skipped));
        }
    }

    /**
     * The default methods of the interfaces and of their superinterfaces (Spring asks an interface's public
     * methods, which include its superinterfaces'), each interface read on its own and once; and every such
     * interface as a type, so that its declared methods can be listed: the check for {@code @EventListener} methods
     * ({@code NotABean}) lists those of every interface the plugin class implements.
     */
    private void registerDefaultMethods(RuntimeHints hints, Class<?>[] implemented, Set<Class<?>> seen,
            List<String> skipped) {
        for (Class<?> candidate : implemented) {
            if (!seen.add(candidate)) {
                continue;
            }
            hints.reflection().registerType(candidate);
            readable(skipped, "the default methods of " + candidate.getName(), () -> {
                for (Method method : candidate.getDeclaredMethods()) {
                    if (method.isDefault()) {
                        hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
                        registerLazyProxies(hints, method, skipped);
                    }
                }
            });
            registerDefaultMethods(hints, candidate.getInterfaces(), seen, skipped);
        }
    }

    private void registerLazyProxies(RuntimeHints hints, Executable executable, List<String> skipped) {
        for (int i = 0; i < executable.getParameterCount(); i++) {
            registerLazyProxy(hints, new DependencyDescriptor(MethodParameter.forExecutable(executable, i), true),
                    "parameter " + i + " of " + executable, skipped);
        }
    }

    /**
     * For a {@code @Lazy} injection point, Spring injects a proxy that resolves the dependency on first use: a JDK
     * proxy for an interface type, a class proxy otherwise. A native image can define neither at run time. As for the
     * beans AOT knows ({@code AutowiredAnnotationBeanPostProcessor}'s contribution), the context's resolver builds
     * the proxy class now, which a class proxy's generated class is written out with (Spring's AOT processing
     * collects the classes it generates), and the proxy is registered. A type Spring cannot proxy (a final class)
     * fails on the JVM too: it is skipped here, named in the warning.
     */
    private void registerLazyProxy(RuntimeHints hints, DependencyDescriptor injectionPoint, String description,
            List<String> skipped) {
        if (this.resolver == null) {
            return;
        }
        try {
            Class<?> proxy = this.resolver.getLazyResolutionProxyClass(injectionPoint, null);
            if (proxy != null) {
                ClassHintUtils.registerProxyIfNecessary(proxy, hints);
            }
        }
        catch (RuntimeException | LinkageError ex) {
            skipped.add("the lazy-resolution proxy of " + description + " (" + ex + ")");
        }
    }

    /**
     * A class plugin created through the context is wrapped in the proxies its post-processors make ({@code @Async},
     * {@code @Cacheable}, an aspect), which a native image can no more define at run time than a lazy-resolution
     * proxy. As Spring does for the beans it knows when it processes the application, each post-processor that makes
     * proxies is asked for the type it would make of the class (a class proxy's generated class is written out with
     * the generated classes; a JDK proxy is registered as one). A post-processor that cannot tell is named in a
     * warning, and the others still run.
     */
    private void registerPostProcessorProxies(RuntimeHints hints, Class<?> type, EntryPoint entryPoint) {
        Class<?> current = type;
        for (ProxyProcessorSupport processor : this.proxyProcessors) {
            if (!(processor instanceof SmartInstantiationAwareBeanPostProcessor smart)) {
                continue;
            }
            try {
                // the bean name the plugin is created under (createBean names it after its class)
                Class<?> proxied = smart.determineBeanType(current, type.getName());
                if (proxied != current) {
                    ClassHintUtils.registerProxyIfNecessary(proxied, hints);
                    current = proxied;
                }
            }
            catch (RuntimeException | LinkageError ex) {
                logger.warn("No native-image hints for the proxy {} would make of plux plugin {}:{} ({}): {}",
                        processor.getClass().getName(), entryPoint.namespace(), entryPoint.name(), type.getName(),
                        ex.toString());
            }
        }
    }

    /** Runs {@code registration}; a {@link LinkageError} skips only it, described in {@code skipped}. */
    private static void readable(List<String> skipped, String unit, Runnable registration) {
        try {
            registration.run();
        }
        catch (LinkageError ex) {
            skipped.add(unit + " (" + ex + ")");
        }
    }

    /**
     * The {@code shouldLoad} method of a {@link PluginFunction}, looked up where {@code FunctionPlugin} looks it up:
     * in the class declaring the function, which for an inherited function is not the class the entry names (and
     * which may hide the method with one of its own).
     */
    private static void registerShouldLoad(RuntimeHints hints, Method method) {
        PluginFunction function = method.getAnnotation(PluginFunction.class);
        if (function == null || function.shouldLoad().isEmpty()) {
            return;
        }
        for (Method candidate : method.getDeclaringClass().getMethods()) {
            if (candidate.getName().equals(function.shouldLoad()) && candidate.getParameterCount() == 0) {
                hints.reflection().registerMethod(candidate, ExecutableMode.INVOKE);
            }
        }
    }
}
