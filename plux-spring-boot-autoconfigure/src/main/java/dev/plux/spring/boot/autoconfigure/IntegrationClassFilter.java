package dev.plux.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionMessage.Style;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Drops plux's integration auto-configurations (Actuator, Micrometer, Spring Cloud), and their nested
 * configuration classes, whose {@code @ConditionalOnClass} names a class the application does not have, by looking
 * for the class file, before Boot's {@code OnClassCondition} would load the class to find out.
 *
 * <p>Why: a class that is not there is the most expensive thing to look for. The class loader searches its parents
 * and every jar of the class path, and then two {@code ClassNotFoundException}s are made, with their stack traces,
 * under Boot's deep stack. An application without Actuator, Micrometer's auto-configuration or Spring Cloud paid
 * three such look-ups at every start for plux's integrations, about 1% of a small application's start
 * (benchmarks/README.md, "Eighteenth session"); the same class files looked for as resources cost a third of that.
 * For the class loaders applications run on (the JDK's, Boot's executable jar and devtools loaders, a servlet
 * container's, the module path) the answer is the one loading the class would give: the class comes from that
 * class file. A loader that defines classes it does not show as class files (one that decrypts them, or a test's
 * {@code FilteredClassLoader} hiding the resource) makes the integration count as missing; Spring's own reading of
 * configuration classes and component scanning need the class files as resources too.
 *
 * <p>It runs before Boot's own filters, whatever the class path's order, because it is {@link PriorityOrdered},
 * which Spring sorts before every plain order ({@code OnClassCondition} has {@code @Order(HIGHEST_PRECEDENCE)}).
 * A name it drops is handed on as {@code null}, which Boot's filters skip; one it keeps is checked by them as before
 * (a class that is there is cheap to load). Boot asks its filters about the auto-configuration candidates and, one
 * at a time, about every configuration class it imports (its exclusion filter), so plux's nested configurations
 * with a {@code @ConditionalOnClass} of their own (the metrics part of the Micrometer integration, the health part
 * of the Actuator one) are decided here too. Names outside plux's package pass through untouched. Each name it
 * drops is recorded in Boot's condition evaluation report with {@code OnClassCondition}'s message, so
 * {@code --debug} and the {@code conditions} endpoint still say why the integration is off.
 */
final class IntegrationClassFilter implements AutoConfigurationImportFilter, Condition, PriorityOrdered,
        BeanFactoryAware, BeanClassLoaderAware {

    private static final String PLUX_PACKAGE = "dev.plux.spring.boot.autoconfigure.";

    private static final String CONDITIONAL_ON_CLASS = "ConditionalOnClass";

    private @Nullable BeanFactory beanFactory;

    private @Nullable ClassLoader classLoader;

    /**
     * Created by Boot from {@code META-INF/spring.factories}.
     */
    IntegrationClassFilter() {
    }

    @Override
    public boolean[] match(@Nullable String[] candidates, AutoConfigurationMetadata metadata) {
        boolean[] match = new boolean[candidates.length];
        ConditionEvaluationReport report = null;
        for (int i = 0; i < candidates.length; i++) {
            String candidate = candidates[i];
            List<String> missing = (candidate != null && candidate.startsWith(PLUX_PACKAGE))
                    ? missingClasses(metadata.get(candidate, CONDITIONAL_ON_CLASS)) : List.of();
            match[i] = missing.isEmpty();
            if (!match[i]) {
                report = (report != null) ? report : report();
                if (report != null) {
                    report.recordConditionEvaluation(candidate, this, ConditionOutcome.noMatch(ConditionMessage
                        .forCondition(ConditionalOnClass.class)
                        .didNotFind("required class", "required classes")
                        .items(Style.QUOTE, missing)));
                }
            }
        }
        return match;
    }

    private List<String> missingClasses(@Nullable String classNames) {
        if (classNames == null || classNames.isEmpty()) {
            return List.of();
        }
        ClassLoader loader = (this.classLoader != null) ? this.classLoader : ClassUtils.getDefaultClassLoader();
        List<String> missing = new ArrayList<>(1);
        for (String className : classNames.split(",")) {
            String name = className.strip();
            // a binary name ('$' for a nested class) is also the class file's name; a loader-less JVM has none
            if (loader != null && loader.getResource(ClassUtils.convertClassNameToResourcePath(name)
                    + ClassUtils.CLASS_FILE_SUFFIX) == null) {
                missing.add(name);
            }
        }
        return missing;
    }

    private @Nullable ConditionEvaluationReport report() {
        return (this.beanFactory instanceof ConfigurableListableBeanFactory factory)
                ? ConditionEvaluationReport.find(factory) : null;
    }

    /**
     * Not a condition to put on a class: Boot's condition evaluation report records a filter's outcome against a
     * {@link Condition}, and shows its class name, so the filter is one (as the report's own condition for an
     * ancestor's outcome, which does not match anything either).
     *
     * @param context unused
     * @param metadata unused
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        throw new UnsupportedOperationException("IntegrationClassFilter is an auto-configuration import filter");
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }
}
