package dev.plux.spring.boot.autoconfigure;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.CodeBlock;

/**
 * Writes the resource description of each {@code PluginManager} bean definition ({@link PluginManagerDefinitions}: its
 * {@code plux.namespaces} item, namespace and plugin type) into the code Spring AOT generates for it (registered in
 * {@code META-INF/spring/aot.factories}). Spring writes no resource description, so an AOT-processed application's
 * {@code /actuator/beans} showed the managers without one, and Spring's bean creation failures without where the
 * manager is defined.
 */
final class PluginManagerDefinitionAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        RootBeanDefinition definition = registeredBean.getMergedBeanDefinition();
        String resource = definition.getResourceDescription();
        if (!PluginManagerFactory.BEAN_NAME.equals(definition.getFactoryBeanName()) || resource == null) {
            return null;
        }
        return BeanRegistrationAotContribution.withCustomCodeFragments(
                (fragments) -> new ResourceDescriptionFragments(fragments, resource));
    }

    /** Adds the resource description to the properties Spring sets; the rest is written as Spring writes it. */
    private static final class ResourceDescriptionFragments extends BeanRegistrationCodeFragmentsDecorator {

        private final String resource;

        ResourceDescriptionFragments(BeanRegistrationCodeFragments delegate, String resource) {
            super(delegate);
            this.resource = resource;
        }

        @Override
        public CodeBlock generateSetBeanDefinitionPropertiesCode(GenerationContext generationContext,
                BeanRegistrationCode beanRegistrationCode, RootBeanDefinition beanDefinition,
                Predicate<String> attributeFilter) {
            CodeBlock.Builder code = CodeBlock.builder()
                .add(super.generateSetBeanDefinitionPropertiesCode(generationContext, beanRegistrationCode,
                        beanDefinition, attributeFilter));
            code.addStatement("$L.setResourceDescription($S)", BEAN_DEFINITION_VARIABLE, this.resource);
            return code.build();
        }
    }
}
