package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import dev.plux.runtime.PluginManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * {@link SpringStartupBenchmark} with AOT on: at trial setup the application is processed by Spring AOT (as
 * {@code spring-boot:process-aot} would at build time, with the same properties), the output compiled and put on
 * the application class loader; each measurement then starts and closes the context with
 * {@code spring.aot.enabled=true}, so Boot applies the generated {@code __ApplicationContextInitializer} instead of
 * evaluating configuration classes and conditions. The variants are two applications, processed with
 * {@code plux.enabled=false} (the plain application: under AOT nothing of plux is left in it) and with one
 * namespace of 1,000 plugins or 10 namespaces x 100 configured, nothing loaded ({@link AotPlainApplication},
 * {@link AotPluxApplication}: top-level classes, because Boot looks up
 * {@code <main class name>__ApplicationContextInitializer} while AOT names a nested class's {@code Outer_Inner__...}).
 * JMH runs each variant in its own JVM, so their generated classes never meet; do not run it with
 * {@code -f 0}.
 */
@Measurement(iterations = 30)
public class SpringStartupAotBenchmark extends FreshClassLoaderState {

    private static final String AOT_ENABLED = "spring.aot.enabled";

    /**
     * {@code withoutPlux} (the plain application), {@code pluxOneNamespace} (one namespace of 1,000 plugins) or
     * {@code pluxUnloaded} (10 namespaces x 100).
     */
    @Param({ "withoutPlux", "pluxOneNamespace", "pluxUnloaded" })
    public String variant;

    private Class<?> application = AotPlainApplication.class;

    private String[] properties = new String[0];

    @Override
    protected int namespaceCount() {
        return "pluxOneNamespace".equals(this.variant) ? 1 : 10;
    }

    /**
     * Processes, compiles and defines the variant's application, then turns AOT on for the trial's JVM.
     *
     * @throws IOException if the generated files cannot be written or read
     */
    @Setup(Level.Trial)
    public void processAheadOfTime() throws IOException {
        boolean plux = !"withoutPlux".equals(this.variant);
        this.application = !plux ? AotPlainApplication.class
                : (namespaceCount() == 1) ? AotPluxOneNamespaceApplication.class : AotPluxApplication.class;
        this.properties = properties(plux ? SpringStartupBenchmark.namespaces(namespaceCount(), false)
                : List.of("plux.enabled=false"));
        // JMH runs the superclass's trial setup (the jars) first; the plux processor records hints for their plugins
        try (URLClassLoader processingLoader = this.generated.newClassLoader()) {
            AotArtifacts.processCompileAndDefine(this.application, this.properties, processingLoader);
        }
        System.setProperty(AOT_ENABLED, "true");
        checkOneStart(plux ? namespaceCount() : 0);
    }

    /** Guards the numbers: the context did start from the generated initializer, with the expected managers. */
    private void checkOneStart(int managers) throws IOException {
        newLoader();
        try (ConfigurableApplicationContext context = builder(this.application, this.properties, this.loader).run()) {
            // only a context refreshed from its AOT initializer lacks the configuration class parser
            if (context.containsBeanDefinition(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME)) {
                throw new IllegalStateException("the context was not started from its AOT initializer");
            }
            // an initializer generated without Spring's bean registrations processor registers next to nothing
            if (context.getBeanDefinitionCount() < 20) {
                throw new IllegalStateException("the AOT initializer registered " + context.getBeanDefinitionCount()
                        + " beans: were Spring's META-INF/spring/aot.factories merged?");
            }
            int found = context.getBeanNamesForType(PluginManager.class).length;
            if (found != managers) {
                throw new IllegalStateException(found + " PluginManager beans, expected " + managers + " (of "
                        + context.getBeanDefinitionCount() + " beans)");
            }
        }
        finally {
            closeLoader();
        }
    }

    /** Turns AOT off again. */
    @TearDown(Level.Trial)
    public void aotOff() {
        System.clearProperty(AOT_ENABLED);
    }

    /**
     * Starts and closes the AOT-processed context of the variant.
     *
     * @return the started context's bean count
     */
    @Benchmark
    public int start() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(this.loader);
        try (ConfigurableApplicationContext context = builder(this.application, this.properties, this.loader).run()) {
            return context.getBeanDefinitionCount();
        }
        finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String[] properties(List<String> variant) {
        List<String> all = new ArrayList<>(variant);
        all.add("spring.main.banner-mode=off");
        all.add("spring.main.log-startup-info=false");
        all.add("logging.level.root=WARN");
        return all.toArray(String[]::new);
    }

    /** The application as both AOT processing (through {@code main}) and the measurement build it. */
    static SpringApplicationBuilder builder(Class<?> application, String[] properties, ClassLoader loader) {
        // main(...) names the class whose __ApplicationContextInitializer Boot looks up under AOT
        return new SpringApplicationBuilder(application).main(application)
            .resourceLoader(new DefaultResourceLoader(loader))
            .web(WebApplicationType.NONE)
            .properties(properties);
    }
}
