package dev.plux.spring.boot.diagnostics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.plux.core.Plugin;
import dev.plux.core.NoSuchPluginException;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;
import dev.plux.core.PluginTypeMismatchException;
import dev.plux.runtime.PluginManager;
import dev.plux.spring.PluxNamespace;
import dev.plux.spring.boot.autoconfigure.PluginStartupException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginStartupFailureAnalyzerTests {

    private final PluginStartupFailureAnalyzer analyzer = new PluginStartupFailureAnalyzer(new MockEnvironment());

    @Test
    void failFastFailureNamesNamespacePluginRootCauseAndTheExcludeProperty() {
        Throwable failure = new IllegalStateException("context refresh failed",
                startupFailure(new BeanCreationException("db", "Error creating bean with name 'db'",
                        new IllegalStateException("no database"))));

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getCause()).isSameAs(failure);
        assertThat(analysis.getDescription())
            .contains("Plugin 'db' of plux namespace 'test.ns' failed while the application started")
            .contains("Namespace: test.ns (plux.namespaces[1])")
            .contains("Plugin: db")
            .contains("Root cause: java.lang.IllegalStateException: no database")
            .doesNotContain("Missing bean");
        assertThat(analysis.getAction()).startsWith("Fix the plugin")
            .contains("add 'db' to plux.namespaces[1].exclude")
            .contains("set plux.namespaces[1].fail-fast=false");
    }

    @Test
    void failFastFailureNamesTheLineOfThePluginThatThrew() {
        // as a plugin's constructor fails when Spring creates it: the JDK's and Spring's reflection, called by plux
        IllegalStateException thrown = new IllegalStateException("no license key");
        thrown.setStackTrace(new StackTraceElement[] {
                frame("java.util.Objects", "requireNonNull", "Objects.java", 259),
                frame("com.example.LicenseCheck", "verify", "LicenseCheck.java", 31),
                frame("com.example.LicensedPlugin", "<init>", "LicensedPlugin.java", 9),
                frame("jdk.internal.reflect.NativeConstructorAccessorImpl", "newInstance0", null, -2),
                frame("org.springframework.beans.BeanUtils", "instantiateClass", "BeanUtils.java", 207),
                frame("dev.plux.spring.boot.autoconfigure.CreatedPlugins", "create", "CreatedPlugins.java", 49),
                frame("dev.plux.runtime.LoadLifecycle", "create", "LoadLifecycle.java", 267),
                frame("com.example.Application", "main", "Application.java", 12) });

        FailureAnalysis analysis = this.analyzer.analyze(startupFailure(
                new BeanCreationException("licensed", "Error creating bean with name 'licensed'", thrown)));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
            .contains("Root cause: java.lang.IllegalStateException: no license key")
            .contains("Thrown at: com.example.LicenseCheck.verify(LicenseCheck.java:31)")
            .doesNotContain("Objects.java")
            .doesNotContain("Application.java");
    }

    @Test
    void aRootCauseThrownBeforeAnyPluginCodeRanNamesNoLine() {
        // Spring failing to create the plugin (a missing bean) has no frame of plugin code to point at; the frames
        // below plux's (the application's main) did not throw it
        IllegalStateException thrown = new IllegalStateException("cannot create");
        thrown.setStackTrace(new StackTraceElement[] {
                frame("org.springframework.beans.factory.support.ConstructorResolver", "resolve", null, 10),
                frame("dev.plux.runtime.LoadLifecycle", "create", "LoadLifecycle.java", 267),
                frame("com.example.Application", "main", "Application.java", 12) });

        FailureAnalysis analysis = this.analyzer.analyze(startupFailure(thrown));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("Root cause: java.lang.IllegalStateException: cannot create")
            .doesNotContain("Thrown at");
    }

    private static StackTraceElement frame(String className, String method, @Nullable String file, int line) {
        return new StackTraceElement(className, method, file, line);
    }

    @Test
    void timeoutNamesThePluginsStillLoadingAndTheTimeoutProperty() {
        PluginStartupException timeout = new PluginStartupException("timed out", "test.ns", "plux.namespaces[0]",
                List.of("slow", "waiting"), true, null);

        FailureAnalysis analysis = this.analyzer.analyze(timeout);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("plux.namespaces[0].startup-timeout")
            .contains("Plugins still loading or waiting to load: slow, waiting");
        assertThat(analysis.getAction()).contains("raise plux.namespaces[0].startup-timeout")
            .contains("plux.namespaces[0].exclude")
            .doesNotContain("fail-fast");
    }

    @Test
    void aTimeoutWithFiveThousandPluginsWaitingNamesTheFirstFewAndTheCount() {
        List<String> plugins = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            plugins.add("p" + i);
        }
        PluginStartupException timeout = new PluginStartupException("timed out", "test.ns", "plux.namespaces[0]",
                plugins, true, null);

        FailureAnalysis analysis = this.analyzer.analyze(timeout);

        // before, the report named all 5,000 (about 34,000 characters)
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
            .contains("Plugins still loading or waiting to load: p0, p1, p2, ", ", p19, ... (5000 in all)")
            .doesNotContain("p20,", "p4999");
        assertThat(analysis.getDescription().length()).isLessThan(1_000);
    }

    @Test
    void aTimeoutWithoutAUnitIsShownWithWhereItWasSetAndThatItIsMilliseconds() {
        // startup-timeout: 30, meant as seconds, is 30 ms: startup fails at once, and the report blamed the plugins
        MockEnvironment environment = new MockEnvironment().withProperty("plux.namespaces[1].startup-timeout", "30");
        PluginStartupException timeout = new PluginStartupException("timed out", "test.ns", "plux.namespaces[1]",
                List.of("slow"), true, null);

        FailureAnalysis analysis = new PluginStartupFailureAnalyzer(environment).analyze(timeout);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("Plux namespace 'test.ns' did not finish loading within"
                + " plux.namespaces[1].startup-timeout (30, set in \"plux.namespaces[1].startup-timeout\" from property"
                + " source \"mockProperties\"; a number without a unit is milliseconds).");
        assertThat(analysis.getAction()).startsWith("If 30 was meant as seconds, write 30s.");
        // with a unit, the value and where it was set, nothing about units
        environment.setProperty("plux.namespaces[1].startup-timeout", "2s");
        FailureAnalysis withUnit = new PluginStartupFailureAnalyzer(environment).analyze(timeout);
        assertThat(withUnit.getDescription()).contains("plux.namespaces[1].startup-timeout (2s, set in")
            .doesNotContain("without a unit");
        assertThat(withUnit.getAction()).doesNotContain("meant as seconds");
    }

    @Test
    void aTimeoutWhileThePluginsWereStillBeingListedSaysSo() {
        PluginStartupException timeout = new PluginStartupException("timed out", "test.ns", "plux.namespaces[0]",
                List.of(), true, null);

        FailureAnalysis analysis = this.analyzer.analyze(timeout);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
            .contains("Plugins still loading or waiting to load: none yet: its plugins had not been listed");
        // no plugin to look into or exclude: what was slow is the listing
        assertThat(analysis.getAction()).contains("listing the namespace's plugins", "PluginFinder",
                "raise plux.namespaces[0].startup-timeout")
            .doesNotContain("these plugins")
            .doesNotContain("exclude");
    }

    @Test
    void aTimeoutWhoseUnfinishedPluginsWereSkippedAfterAFailFastFailureBlamesThatFailureNotTheListing() {
        PluginStartupException timeout = new PluginStartupException("timed out", "test.ns", "plux.namespaces[1]",
                List.of(), true, new IllegalStateException("boom"));

        FailureAnalysis analysis = this.analyzer.analyze(timeout);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("had not been listed")
            .contains("Plugins still loading or waiting to load: none")
            .contains("skipped after a fail-fast failure")
            .contains("Root cause: java.lang.IllegalStateException: boom");
        // what fails startup in any case is the plugin that failed; no listing was slow
        assertThat(analysis.getAction()).startsWith("Fix the plugin that failed").doesNotContain("PluginFinder");
    }

    @Test
    void aTimeoutWithPluginsStillLoadingAndOthersSkippedAfterAFailFastFailureNamesBoth() {
        PluginStartupException timeout = new PluginStartupException("timed out", "test.ns", "plux.namespaces[0]",
                List.of("slow"), true, new IllegalStateException("boom"));

        FailureAnalysis analysis = this.analyzer.analyze(timeout);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("Plugins still loading or waiting to load: slow")
            .contains("Plugins skipped after a fail-fast failure")
            .contains("Root cause: java.lang.IllegalStateException: boom");
        assertThat(analysis.getAction()).contains("raise plux.namespaces[0].startup-timeout")
            .contains("The plugin that failed");
    }

    @Test
    void interruptedStartupLoadingAdvisesNoPluginChange() {
        PluginStartupException interrupted = new PluginStartupException("interrupted", "test.ns",
                "plux.namespaces[0]", List.of("slow"), false, new InterruptedException());

        FailureAnalysis analysis = this.analyzer.analyze(interrupted);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("Loading plux namespace 'test.ns' on startup was interrupted"
                + " while these plugins were still loading or waiting to load: slow.");
        assertThat(analysis.getAction()).doesNotContain("exclude").doesNotContain("fail-fast");
    }

    @Test
    void anInterruptAfterAFailFastFailureAdvisesFixingThatPluginNotStartingAgain() {
        PluginStartupException interrupted = new PluginStartupException("interrupted", "test.ns",
                "plux.namespaces[0]", List.of("slow"), false, new InterruptedException());
        interrupted.addSuppressed(new IllegalStateException("boom"));

        FailureAnalysis analysis = this.analyzer.analyze(interrupted);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("Loading plux namespace 'test.ns' on startup was interrupted"
                + " while these plugins were still loading or waiting to load: slow.")
            .contains("Root cause: java.lang.IllegalStateException: boom");
        // starting again would fail with that plugin: the advice is to fix or exclude it
        assertThat(analysis.getAction()).doesNotContain("Nothing to fix").contains("Fix the plugin that failed");
    }

    @Test
    void aNamespaceWhosePluginsCouldNotBeListedNamesTheRootCauseAndNoPlugin() {
        PluginStartupException unlisted = new PluginStartupException("unlisted", "test.ns", "plux.namespaces[0]",
                List.of(), false, new PluginException("plugin finder failed",  "test.ns", null,
                        new IllegalStateException("registry unreachable")));

        FailureAnalysis analysis = this.analyzer.analyze(unlisted);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
            .contains("The plugins of plux namespace 'test.ns' could not be listed while the application started")
            .contains("Root cause: java.lang.IllegalStateException: registry unreachable")
            .doesNotContain("Plugin '");
        assertThat(analysis.getAction()).contains("PluginFinder").contains("plux.namespaces[0].fail-fast=false")
            .doesNotContain("exclude");
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(this.analyzer.analyze(new IllegalStateException("boom"))).isNull();
        assertThat(this.analyzer.analyze(new PluginException("plugin failed", "test.ns", "db"))).isNull();
    }

    /**
     * A fail-fast plugin whose constructor needs a bean that does not exist: plux's report wins over Spring Boot's
     * NoSuchBeanDefinitionFailureAnalyzer, and names the namespace, the plugin, the missing bean and the exclude.
     */
    @Test
    void missingBeanOfAFailFastPluginGetsThePluxReport(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MissingBeanApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("plux.namespaces[0].namespace", "test.spring.inject",
                "plux.namespaces[0].include", "missing"));

        assertThatThrownBy(application::run).hasRootCauseInstanceOf(
                org.springframework.beans.factory.NoSuchBeanDefinitionException.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Plugin 'missing' of plux namespace 'test.spring.inject' failed while the application started")
            .contains("Namespace: test.spring.inject (plux.namespaces[0])")
            .contains("Root cause: org.springframework.beans.factory.NoSuchBeanDefinitionException: No qualifying"
                    + " bean of type 'dev.plux.spring.boot.autoconfigure.fixtures.UnregisteredService'")
            .contains("Missing bean: Parameter 0 of constructor in"
                    + " dev.plux.spring.boot.autoconfigure.fixtures.MissingBeanPlugin required a bean of type"
                    + " 'dev.plux.spring.boot.autoconfigure.fixtures.UnregisteredService' that could not be found")
            .contains("Define the missing bean the plugin needs")
            .contains("add 'missing' to plux.namespaces[0].exclude")
            .contains("set plux.namespaces[0].fail-fast=false")
            .doesNotContain("Consider defining a bean");
    }

    @Test
    void pluginNotOfTheDefaultPluginTypeSaysThatPluginTypeIsUnsetOrPlugin() {
        // with plugin-type unset the type is dev.plux.core.Plugin: only a plugin with its own copy of it fails so
        PluginTypeMismatchException mismatch = new PluginTypeMismatchException("plugin test.ns:db is a "
                + DbPlugin.class.getName() + ", which is not a dev.plux.core.Plugin (the plugin type of this"
                + " manager); it implements another dev.plux.core.Plugin, of class loader plugin-loader (the manager's"
                + " is of app): a plugin must not carry its own copy of the plugin type; remove dev.plux.core.Plugin"
                + " from the plugin's bundle or jar", "test.ns", "db", Plugin.class, DbPlugin.class, OtherCopy.class);
        PluginStartupException failure = new PluginStartupException("plugin test.ns:db failed on startup", "test.ns",
                "plux.namespaces[1]", List.of("db"), false, mismatch);

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("Root cause: dev.plux.core.PluginTypeMismatchException: plugin"
                + " test.ns:db is a " + DbPlugin.class.getName() + ", which is not a dev.plux.core.Plugin");
        assertThat(analysis.getAction()).startsWith("Plugin 'db' is not a dev.plux.core.Plugin, the plugin type of"
                + " plux.namespaces[1] (plux.namespaces[1].plugin-type is unset or names it): fix the plugin (see the"
                + " root cause above)")
            .contains("add 'db' to plux.namespaces[1].exclude")
            .contains("set plux.namespaces[1].fail-fast=false");
    }

    @Test
    void pluginWithItsOwnCopyOfThePluginTypeIsToldToDropTheCopyNotToImplementTheType() {
        // the plugin does implement Service, another copy of it: neither implementing it nor changing plugin-type
        // helps, only removing the copy from the plugin's bundle
        PluginTypeMismatchException copy = new PluginTypeMismatchException("plugin test.ns:db is a "
                + DbPlugin.class.getName() + ", which is not a " + Service.class.getName() + " (the plugin type of"
                + " this manager); it implements another " + Service.class.getName() + ", of class loader"
                + " plugin-loader (the manager's is of app): a plugin must not carry its own copy of the plugin type;"
                + " remove " + Service.class.getName() + " from the plugin's bundle or jar", "test.ns", "db",
                Service.class, DbPlugin.class, OtherCopy.class);
        PluginStartupException failure = new PluginStartupException("plugin test.ns:db failed on startup", "test.ns",
                "plux.namespaces[1]", List.of("db"), false, copy);

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction()).doesNotContain("make the plugin implement it")
            .doesNotContain("set plux.namespaces[1].plugin-type to")
            .startsWith("Plugin 'db' carries its own copy of " + Service.class.getName() + ", the plugin type"
                    + " plux.namespaces[1].plugin-type sets: remove " + Service.class.getName() + " from the plugin's"
                    + " bundle or jar (see the root cause above)")
            .contains("add 'db' to plux.namespaces[1].exclude");
    }

    @Test
    void aPluginTypeMismatchIsToldApartByTheExceptionNotByItsMessage() {
        // plux-core's wording may change (or be escaped: a quoted namespace): the types come from the exception
        PluginTypeMismatchException mismatch = new PluginTypeMismatchException("plugin 'test.ns':'db' has the wrong"
                + " type", "test.ns", "db", Service.class, DbPlugin.class, null);
        PluginStartupException failure = new PluginStartupException("plugin test.ns:db failed on startup", "test.ns",
                "plux.namespaces[1]", List.of("db"), false, mismatch);

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction()).startsWith("Plugin 'db' is not a " + Service.class.getName() + ", the plugin"
                + " type plux.namespaces[1].plugin-type sets: make the plugin implement it, or set"
                + " plux.namespaces[1].plugin-type to a type that all the namespace's plugins implement");
    }

    @Test
    void aMismatchOfAnotherPluginThatThePluginLoadedIsNotBlamedOnThisNamespacesPluginType() {
        // db's load() loaded cache, of another namespace, which is not of that namespace's plugin type: db's
        // plugin-type is not what is wrong
        PluginTypeMismatchException cacheMismatch = new PluginTypeMismatchException("plugin other.ns:cache is a "
                + DbPlugin.class.getName() + ", which is not a " + Service.class.getName()
                + " (the plugin type of this manager)", "other.ns", "cache", Service.class, DbPlugin.class, null);
        PluginException dbFailure = new PluginException("plugin test.ns:db failed to load: plugin other.ns:cache"
                + " failed to initialize", "test.ns", "db",
                new PluginException("plugin other.ns:cache failed to initialize", "other.ns", "cache",
                        cacheMismatch));
        PluginStartupException failure = new PluginStartupException("plugin test.ns:db failed on startup", "test.ns",
                "plux.namespaces[1]", List.of("db"), false, dbFailure);

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction()).startsWith("Fix the plugin (see the root cause above)")
            .doesNotContain("plugin-type");
    }

    @Test
    void aFailureOfAnotherPluginThatThePluginLoadedNamesThatPluginAsTheOneToFix() {
        // db's load() loaded cache, which threw: the root cause is cache's, and "fix the plugin db" would send the
        // operator to the wrong plugin's team
        PluginException cacheFailure = new PluginException("plugin other.ns:cache failed to load:"
                + " java.lang.IllegalArgumentException: load broke", "other.ns", "cache",
                new IllegalArgumentException("load broke"));
        PluginException dbFailure = new PluginException("plugin test.ns:db failed to load: plugin other.ns:cache"
                + " failed to load: java.lang.IllegalArgumentException: load broke", "test.ns", "db", cacheFailure);
        PluginStartupException failure = new PluginStartupException("plugin test.ns:db failed on startup", "test.ns",
                "plux.namespaces[1]", List.of("db"), false, dbFailure);

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("Plugin: db")
            .contains("Failed in: plugin 'cache' of plux namespace 'other.ns', which plugin 'db' loads")
            .contains("Root cause: java.lang.IllegalArgumentException: load broke");
        assertThat(analysis.getAction()).contains("Plugin 'db' failed because plugin 'cache' of plux namespace"
                + " 'other.ns', which it loads, failed: fix 'cache' (the root cause above is its failure);"
                + " excluding 'cache' would still fail 'db'");
    }

    @Test
    void theExceptionCarriesTheFailureOfTheLoadedPluginButNotForATimeout() {
        PluginException cacheFailure = new PluginException("cache broke", "other.ns", "cache",
                new IllegalArgumentException("load broke"));
        PluginException dbFailure = new PluginException("db failed", "test.ns", "db", cacheFailure);

        assertThat(new PluginStartupException("db failed on startup", "test.ns", "plux.namespaces[1]", List.of("db"),
                false, dbFailure).loadedPluginFailure()).isSameAs(cacheFailure);
        // a timeout's cause is the fail-fast failure of another plugin, not one that a still-loading plugin loaded
        assertThat(new PluginStartupException("slow timed out", "test.ns", "plux.namespaces[1]", List.of("slow"),
                true, dbFailure).loadedPluginFailure()).isNull();
        assertThat(new PluginStartupException("db failed on startup", "test.ns", "plux.namespaces[1]", List.of("db"),
                false, new IllegalStateException("own")).loadedPluginFailure()).isNull();
    }

    @Test
    void aDisabledPluginThatThePluginLoadedIsNotCalledFailedNorToBeFixed() {
        // cache is excluded (or its condition is false): "fix 'cache'" and "excluding 'cache' would still fail"
        // would be wrong; it is to be enabled, or db excluded
        PluginException cacheDisabled = new PluginDisabled("other.ns", "cache", "A plugin filter disabled this"
                + " plugin before it was initialized: plux.namespaces[0].exclude 'cache'");
        PluginException dbFailure = new PluginException("plugin test.ns:db failed to load: " + cacheDisabled.getMessage(),
                "test.ns", "db", cacheDisabled);
        PluginStartupException failure = new PluginStartupException("plugin test.ns:db failed on startup", "test.ns",
                "plux.namespaces[1]", List.of("db"), false, dbFailure);

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("Failed in:")
            .contains("Disabled: plugin 'cache' of plux namespace 'other.ns', which plugin 'db' loads");
        assertThat(analysis.getAction()).contains("Plugin 'db' failed because plugin 'cache' of plux namespace"
                + " 'other.ns', which it loads, is disabled: enable 'cache' (the root cause above says why it is"
                + " disabled), or exclude 'db'")
            .doesNotContain("fix 'cache'");
    }

    @Test
    void aPluginNameThatThePluginLoadedAndNoIndexDeclaresIsNotCalledAFailedPlugin() {
        PluginException missing = new NoSuchPluginException("other.ns", "cahce");
        PluginException dbFailure = new PluginException("plugin test.ns:db failed to load: " + missing.getMessage(),
                "test.ns", "db", missing);
        PluginStartupException failure = new PluginStartupException("plugin test.ns:db failed on startup", "test.ns",
                "plux.namespaces[1]", List.of("db"), false, dbFailure);

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("Failed in:")
            .contains("Missing plugin: 'cahce' of plux namespace 'other.ns', which plugin 'db' loads");
        assertThat(analysis.getAction()).contains("Plugin 'db' failed because plugin 'cahce' of plux namespace"
                + " 'other.ns', which it loads, does not exist: correct the name 'db' loads, or add a plugin of"
                + " that name")
            .doesNotContain("fix 'cahce'");
    }

    @Test
    void aPlainPluginExceptionThatReadsLikeAMismatchIsAnOrdinaryFailure() {
        // text alone (another component's message quoting plux's) does not make a plugin-type mismatch
        PluginException lookalike = new PluginException("plugin test.ns:db is a com.example.DbPlugin, which is not a"
                + " com.example.Service (the plugin type of this manager)", "test.ns", "db");
        PluginStartupException failure = new PluginStartupException("plugin test.ns:db failed on startup", "test.ns",
                "plux.namespaces[1]", List.of("db"), false, lookalike);

        FailureAnalysis analysis = this.analyzer.analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction()).startsWith("Fix the plugin (see the root cause above)")
            .doesNotContain("plugin-type");
    }

    /** A custom plugin type, as {@code plux.namespaces[i].plugin-type} names one. */
    interface Service extends Plugin {
    }

    /** A plugin that is not a {@link Service}. */
    static class DbPlugin implements Plugin {
    }

    /** Stands for the plugin's own copy of the plugin type (the analysis only asks whether there is one). */
    interface OtherCopy extends Plugin {
    }

    private static PluginStartupException startupFailure(Throwable cause) {
        PluginException failure = new PluginException("plugin test.ns:db failed to initialize", "test.ns", "db",
                cause);
        return new PluginStartupException("plugin test.ns:db failed on startup", "test.ns", "plux.namespaces[1]",
                List.of("db"), false, failure);
    }

    /**
     * Loads a plugin that needs a missing bean and fails as the startup loader of a fail-fast namespace does: the
     * real failure of the plugin, wrapped in the exception the loader throws.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class MissingBeanApplication {

        @Bean
        Object startupLoading(@PluxNamespace("test.spring.inject") PluginManager<?> inject) {
            try {
                inject.load("missing");
            }
            catch (PluginException ex) {
                throw new PluginStartupException("plugin test.spring.inject:missing failed on startup",
                        "test.spring.inject", "plux.namespaces[0]", List.of("missing"), false, ex);
            }
            throw new AssertionError("plugin 'missing' loaded");
        }
    }
}
