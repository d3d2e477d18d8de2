package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import javax.tools.ToolProvider;

import dev.plux.core.Plugin;
import dev.plux.spring.boot.autoconfigure.fixtures.AotPlugins;
import dev.plux.spring.boot.autoconfigure.fixtures.CloseablePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.DestroyLog;
import dev.plux.spring.boot.autoconfigure.fixtures.EventListeningPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.HelloCliPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.PreDestroyPlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.S3ServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.ServicePlugin;
import dev.plux.spring.boot.autoconfigure.fixtures.SqsServicePlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@ExtendWith(OutputCaptureExtension.class)
class PluginRuntimeHintsTests {

    private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

    @Test
    void indexResourceIsIncluded() {
        RuntimeHints hints = hints("plux.namespaces", "test.spring.cli");
        assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/plux/entry_points.txt")).accepts(hints);
    }

    @Test
    void classEntryGetsItsPublicConstructorsForInvocation() throws Exception {
        RuntimeHints hints = hints("plux.namespaces", "test.spring.aot");
        assertThat(this.reflection.onConstructorInvocation(HelloCliPlugin.class.getConstructor())).accepts(hints);
        assertThat(this.reflection.onType(HelloCliPlugin.class).withMemberCategory(
                MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
    }

    @Test
    void classEntryCreatedThroughTheContextGetsItsLifecycleAndInjectionMembers() throws Exception {
        RuntimeHints hints = hints("plux.namespaces", "test.spring.destroy.a");
        assertThat(this.reflection.onMethodInvocation(PreDestroyPlugin.class, "cleanUp")).accepts(hints);
        assertThat(this.reflection.onConstructorInvocation(PreDestroyPlugin.class.getConstructor(DestroyLog.class)))
            .accepts(hints);
    }

    @Test
    void whatTheNotABeanCheckReadsOfAPluginClassIsReachableInANativeImage() {
        // NotABean looks for @EventListener methods with MethodIntrospector: the declared methods (and their
        // annotations) of the class, its superclasses and every interface it implements, plugin type or not
        RuntimeHints listening = hints("plux.namespaces", "test.spring.notabean");
        assertThat(this.reflection.onMethodInvocation(EventListeningPlugin.class, "onRefresh")).accepts(listening);
        assertThat(this.reflection.onType(Plugin.class)).accepts(listening);
        RuntimeHints closeable = hints("plux.namespaces", "test.spring.destroy.a");
        assertThat(this.reflection.onType(CloseablePlugin.class)).accepts(closeable);
        assertThat(this.reflection.onType(AutoCloseable.class)).accepts(closeable);
    }

    @Test
    void injectionMembersAreRegisteredEvenWhenProcessedWithoutAutowireSinceItIsReadAtRunTime() throws Exception {
        // plux.autowire is bound when the processed application starts: a native image processed with false and
        // run with true creates its class plugins through the context, which needs their injection members
        RuntimeHints processedWithoutAutowire = hints("plux.namespaces", "test.spring.destroy.a", "plux.autowire",
                "false");
        assertThat(this.reflection.onMethodInvocation(PreDestroyPlugin.class, "cleanUp"))
            .accepts(processedWithoutAutowire);
        assertThat(this.reflection.onConstructorInvocation(PreDestroyPlugin.class.getConstructor(DestroyLog.class)))
            .accepts(processedWithoutAutowire);
    }

    @Test
    void aClassPluginWhoseMemberNamesAMissingClassKeepsItsConstructorHintAndTheBuildGoesOn(@TempDir Path directory,
            CapturedOutput output) throws Exception {
        RuntimeHints hints = hintsWithoutOptional(directory, "Opt", "public class Opt implements dev.plux.core.Plugin {"
                + " public void useOptional(Optional o) {} }", "opt = p.Opt");
        assertThat(this.reflection.onType(TypeReference.of("p.Opt"))
            .withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
        assertThat(output).contains("No native-image hints for some members of p.Opt (plux plugin"
                + " test.hints.optional:opt): the methods of p.Opt (java.lang.NoClassDefFoundError: p/Optional)");
    }

    @Test
    void anInterfaceWhoseDefaultMethodNamesAMissingClassLosesOnlyItsOwnHints(@TempDir Path directory,
            CapturedOutput output) throws Exception {
        // Broken's default method names p.Optional, missing at build time: Initializing, implemented after it,
        // and the class's own members keep their hints
        withCompiledWithoutOptional(directory, Map.of("Broken", "public interface Broken {"
                + " default void use(Optional o) {} }", "Initializing", "public interface Initializing {"
                + " @jakarta.annotation.PostConstruct default void init() {} }", "Two",
                "public class Two implements dev.plux.core.Plugin, Broken, Initializing {"
                + " public void own() {} private String field; }"), "two = p.Two", (hints, loader) -> {
                    assertThat(this.reflection.onMethodInvocation(method(loader, "p.Initializing", "init")))
                        .accepts(hints);
                    assertThat(this.reflection.onMethodInvocation(method(loader, "p.Two", "own"))).accepts(hints);
                    assertThat(this.reflection.onFieldAccess(type(loader, "p.Two"), "field")).accepts(hints);
                });
        assertThat(output).containsOnlyOnce("No native-image hints")
            .contains("No native-image hints for some members of p.Two (plux plugin test.hints.compiled:two): the"
                    + " default methods of p.Broken (java.lang.NoClassDefFoundError: p/Optional)");
    }

    @Test
    void aClassWhoseMethodNamesAMissingClassKeepsItsFieldsAndItsInterfacesDefaultMethods(@TempDir Path directory,
            CapturedOutput output) throws Exception {
        withCompiledWithoutOptional(directory, Map.of("Initializing", "public interface Initializing {"
                + " @jakarta.annotation.PostConstruct default void init() {} }", "Opt",
                "public class Opt implements dev.plux.core.Plugin, Initializing {"
                + " public void useOptional(Optional o) {} private String field; }"), "opt = p.Opt",
                (hints, loader) -> {
                    assertThat(this.reflection.onMethodInvocation(method(loader, "p.Initializing", "init")))
                        .accepts(hints);
                    assertThat(this.reflection.onFieldAccess(type(loader, "p.Opt"), "field")).accepts(hints);
                });
        assertThat(output).containsOnlyOnce("No native-image hints")
            .contains("No native-image hints for some members of p.Opt (plux plugin test.hints.compiled:opt): the"
                    + " methods of p.Opt (java.lang.NoClassDefFoundError: p/Optional)");
    }

    @Test
    void pluginDirectoriesWarnThatANativeImageWouldNotStartButAJvmRunOfTheProcessedApplicationReadsThem(
            @TempDir Path directory, CapturedOutput output) {
        // processing is the same for a native image and for a JVM run with -Dspring.aot.enabled=true (Boot's native
        // profile is how both are built): the warning must hold for either, and say which it concerns
        RuntimeHints hints = hints("plux.namespaces", "test.spring.cli", "plux.plugin-directories",
                directory.toString());
        assertThat(this.reflection.onType(HelloCliPlugin.class)).accepts(hints);
        assertThat(output).containsOnlyOnce("plux.plugin-directories")
            .contains("plux.plugin-directories is set (" + directory.toAbsolutePath().normalize() + "): a JVM run of"
                    + " the processed application (-Dspring.aot.enabled=true) reads them as usual, but a native image"
                    + " built from it fails at startup while the property is set, since a native image cannot load"
                    + " plugin classes from jars or directories at run time")
            .contains("the native-image hints cover the plugins of the class path only")
            .doesNotContain("On the JVM the processed application");
    }

    @Test
    void lazyInjectionPointsGetTheProxiesSpringCreatesForThemAtRunTime() {
        // a @Lazy parameter or field is injected as a lazy-resolution proxy, which a native image cannot define
        // at run time: a JDK proxy for an interface type, a class proxy (generated at build time) otherwise
        RuntimeHints hints = hints("plux.namespaces", "test.spring.lazy");
        assertThat(RuntimeHintsPredicates.proxies()
            .forInterfaces(AopProxyUtils.completeJdkProxyInterfaces(Environment.class))).accepts(hints);
        List<TypeReference> classProxies = hints.reflection()
            .typeHints()
            .map(TypeHint::getType)
            .filter((type) -> type.getName().startsWith(DestroyLog.class.getName() + "$$SpringCGLIB$$"))
            .toList();
        assertThat(classProxies).hasSize(1);
        assertThat(this.reflection.onType(classProxies.get(0))
            .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
        // and the plugin without @Lazy gets none
        RuntimeHints eager = hints("plux.namespaces", "test.spring.destroy.a");
        assertThat(eager.proxies().jdkProxyHints()).isEmpty();
        assertThat(eager.reflection().typeHints().map(TypeHint::getType).map(TypeReference::getName))
            .noneMatch((name) -> name.contains("$$SpringCGLIB$$"));
    }

    /** The candidate resolver of an annotation-config context, which decides what is lazy and builds proxies. */
    static AutowireCandidateResolver lazyProxies() {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.setAutowireCandidateResolver(new ContextAnnotationAutowireCandidateResolver());
        return beanFactory.getAutowireCandidateResolver();
    }

    @Test
    void theConstructorsNamespacesAreBoundThroughAreInvocable() throws Exception {
        RuntimeHints hints = hints();
        // the binding constructor (object items, found with getConstructors()) and the plain-string one
        assertThat(this.reflection.onConstructorInvocation(PluxSettingsBinding.NAMESPACE_CONSTRUCTOR)).accepts(hints);
        assertThat(this.reflection.onConstructorInvocation(PluxProperties.Namespace.class.getConstructor(String.class)))
            .accepts(hints);
    }

    @Test
    void aMemberEntryWhoseHolderNamesAMissingClassWarnsAndTheBuildGoesOn(@TempDir Path directory,
            CapturedOutput output) throws Exception {
        hintsWithoutOptional(directory, "Holder", "public class Holder {"
                + " public static dev.plux.core.Plugin make() { return null; }"
                + " public static void useOptional(Optional o) {} }", "made = p.Holder:make");
        assertThat(output).contains("No native-image hints for plux plugin test.hints.optional:made = p.Holder:make:"
                + " the members of p.Holder cannot be read at build time (java.lang.NoClassDefFoundError: p/Optional)");
    }

    /**
     * The hints of namespace {@code test.hints.optional} holding {@code entry}, over class {@code p.<name>} whose
     * public signature names {@code p.Optional}, an optional dependency missing when the application is processed.
     */
    private RuntimeHints hintsWithoutOptional(Path directory, String name, String body, String entry)
            throws Exception {
        Path sources = Files.createDirectories(directory.resolve("src/p"));
        Files.writeString(sources.resolve("Optional.java"), "package p; public class Optional {}");
        Files.writeString(sources.resolve(name + ".java"), "package p; " + body);
        Path classes = Files.createDirectories(directory.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-cp",
                System.getProperty("java.class.path"), "-d", classes.toString(), sources.resolve("Optional.java")
                    .toString(), sources.resolve(name + ".java").toString())).isZero();
        Files.delete(classes.resolve("p/Optional.class"));
        Path index = Files.createDirectories(classes.resolve("META-INF/plux")).resolve("entry_points.txt");
        Files.writeString(index, "[test.hints.optional]\n" + entry + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                getClass().getClassLoader())) {
            MockEnvironment environment = new MockEnvironment().withProperty("plux.namespaces", "test.hints.optional");
            RuntimeHints hints = new RuntimeHints();
            new PluginRuntimeHints(loader, lazyProxies()).register(hints, PluxSettings.bind(environment, loader));
            return hints;
        }
    }

    @Test
    void defaultInterfaceMethodsSpringCallsOnAPluginCreatedThroughTheContextAreInvocable(@TempDir Path directory)
            throws Exception {
        // Spring looks for @PostConstruct, @PreDestroy and @Autowired among the default methods of the interfaces
        // of each class of a bean (ReflectionUtils.getDeclaredMethods): on the JVM they are called
        withCompiled(directory, Map.of("Initializing", "public interface Initializing {"
                + " @jakarta.annotation.PostConstruct default void init() {} }", "Base",
                "public abstract class Base implements dev.plux.core.Plugin, Initializing {}", "Dflt",
                "public class Dflt extends Base {}"), "dflt = p.Dflt", (hints, loader) -> {
                    Method init = method(loader, "p.Initializing", "init");
                    assertThat(this.reflection.onMethodInvocation(init)).accepts(hints);
                });
    }

    @Test
    void aFunctionsShouldLoadMethodIsRegisteredWhereTheRuntimeLooksItUpInTheFunctionsOwnClass(
            @TempDir Path directory) throws Exception {
        // the entry names a subclass that hides the shouldLoad method: FunctionPlugin asks the class declaring the
        // function, as the JVM run does
        withCompiled(directory, Map.of("Base", "public class Base {"
                + " @dev.plux.core.PluginFunction(namespace = \"test.hints.compiled\", shouldLoad = \"enabled\")"
                + " public static String fn() { return \"\"; } public static boolean enabled() { return true; } }",
                "Holder", "public class Holder extends Base { public static boolean enabled() { return false; } }"),
                "fn = p.Holder:fn", (hints, loader) -> {
                    assertThat(this.reflection.onMethodInvocation(method(loader, "p.Base", "fn"))).accepts(hints);
                    assertThat(this.reflection.onMethodInvocation(method(loader, "p.Base", "enabled")))
                        .accepts(hints);
                });
    }

    private static Class<?> type(ClassLoader loader, String className) {
        try {
            return Class.forName(className, false, loader);
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Method method(ClassLoader loader, String className, String name) {
        try {
            return Class.forName(className, false, loader).getMethod(name);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** As {@link #withCompiled}, with a class {@code p.Optional} that is deleted once compiled (an optional dependency). */
    private void withCompiledWithoutOptional(Path directory, Map<String, String> classes, String entry,
            BiConsumer<RuntimeHints, ClassLoader> check) throws Exception {
        Map<String, String> all = new HashMap<>(classes);
        all.put("Optional", "public class Optional {}");
        withCompiled(directory, all, entry, check, "p/Optional.class");
    }

    /**
     * Compiles classes of package {@code p} (by simple name) with an index of namespace {@code test.hints.compiled}
     * holding {@code entry}, and hands their hints and class loader to {@code check}.
     */
    private void withCompiled(Path directory, Map<String, String> classes, String entry,
            BiConsumer<RuntimeHints, ClassLoader> check, String... deletedClassFiles) throws Exception {
        Path sources = Files.createDirectories(directory.resolve("src/p"));
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-cp", System.getProperty("java.class.path"),
                "-d", directory.resolve("classes").toString()));
        for (Map.Entry<String, String> source : classes.entrySet()) {
            Path file = sources.resolve(source.getKey() + ".java");
            Files.writeString(file, "package p; " + source.getValue());
            arguments.add(file.toString());
        }
        Files.createDirectories(directory.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)))
            .isZero();
        for (String deleted : deletedClassFiles) {
            Files.delete(directory.resolve("classes").resolve(deleted));
        }
        Path index = Files.createDirectories(directory.resolve("classes/META-INF/plux")).resolve("entry_points.txt");
        Files.writeString(index, "[test.hints.compiled]\n" + entry + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] { directory.resolve("classes").toUri().toURL() },
                getClass().getClassLoader())) {
            MockEnvironment environment = new MockEnvironment().withProperty("plux.namespaces", "test.hints.compiled");
            RuntimeHints hints = new RuntimeHints();
            new PluginRuntimeHints(loader, lazyProxies()).register(hints, PluxSettings.bind(environment, loader));
            check.accept(hints, loader);
        }
    }

    @Test
    void fieldEntryGetsTheField() {
        RuntimeHints hints = hints("plux.namespaces", "test.spring.aot");
        assertThat(this.reflection.onFieldAccess(AotPlugins.class, "FIELD")).accepts(hints);
        assertThat(this.reflection.onType(AotPlugins.class)).accepts(hints);
    }

    @Test
    void methodEntryGetsTheMethodForInvocation() {
        RuntimeHints hints = hints("plux.namespaces", "test.spring.aot");
        assertThat(this.reflection.onMethodInvocation(AotPlugins.class, "method")).accepts(hints);
    }

    @Test
    void functionEntryGetsTheFunctionAndItsShouldLoadMethodForInvocation() {
        RuntimeHints hints = hints("plux.namespaces", "test.spring.aot");
        assertThat(this.reflection.onMethodInvocation(AotPlugins.class, "function")).accepts(hints);
        assertThat(this.reflection.onMethodInvocation(AotPlugins.class, "functionEnabled")).accepts(hints);
    }

    @Test
    void onlyConfiguredNamespacesGetHints() {
        RuntimeHints hints = hints("plux.namespaces", "test.spring.cli");
        assertThat(this.reflection.onType(HelloCliPlugin.class)).accepts(hints);
        assertThat(this.reflection.onType(AotPlugins.class)).rejects(hints);
        assertThat(this.reflection.onType(S3ServicePlugin.class)).rejects(hints);
    }

    @Test
    void pluginTypeAndPropertiesAreReachableForBindingAtRunTime() {
        RuntimeHints hints = hints("plux.namespaces[0].namespace", "test.spring.services",
                "plux.namespaces[0].plugin-type", ServicePlugin.class.getName());
        assertThat(this.reflection.onType(ServicePlugin.class)).accepts(hints);
        assertThat(this.reflection.onType(SqsServicePlugin.class)).accepts(hints);
        assertThat(this.reflection.onType(PluxProperties.Namespace.class)).accepts(hints);
    }

    @Test
    void missingClassGetsNoHintAndAWarning(CapturedOutput output) {
        RuntimeHints hints = hints("plux.namespaces", "test.spring.unresolvable,test.spring.cli");
        assertThat(this.reflection.onType(
                TypeReference.of("dev.plux.spring.boot.autoconfigure.fixtures.DoesNotExist"))).rejects(hints);
        // the others still get theirs
        assertThat(this.reflection.onType(HelloCliPlugin.class)).accepts(hints);
        assertThat(output).contains("No native-image hints for plux plugin test.spring.unresolvable:ghost")
            .contains("class dev.plux.spring.boot.autoconfigure.fixtures.DoesNotExist is not on the class path");
    }

    private static RuntimeHints hints(String... properties) {
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < properties.length; i += 2) {
            environment.setProperty(properties[i], properties[i + 1]);
        }
        ClassLoader classLoader = PluginRuntimeHintsTests.class.getClassLoader();
        RuntimeHints hints = new RuntimeHints();
        new PluginRuntimeHints(classLoader, lazyProxies()).register(hints, PluxSettings.bind(environment, classLoader));
        return hints;
    }
}
