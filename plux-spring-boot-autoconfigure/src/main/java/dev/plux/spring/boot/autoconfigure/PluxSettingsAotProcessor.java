package dev.plux.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.InstanceSupplier;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.javapoet.CodeBlock;

/**
 * Writes the instance supplier of plux's settings bean when an application is AOT-processed (registered in
 * {@code META-INF/spring/aot.factories}): a call of {@link PluxSettings#fromRegisteredBean} with the namespaces and
 * plugin types the registrar defined managers for, instead of Spring's generic factory-method supplier, whose
 * autowired {@code ConfigurableListableBeanFactory} parameter costs a scan of every bean definition by type each
 * time the processed application starts.
 */
final class PluxSettingsAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        if (!PluxSettings.BEAN_NAME.equals(registeredBean.getBeanName())) {
            return null;
        }
        ConstructorArgumentValues arguments = registeredBean.getMergedBeanDefinition().getConstructorArgumentValues();
        String[] namespaces = strings(arguments, 2);
        String[] pluginTypes = strings(arguments, 3);
        return BeanRegistrationAotContribution.withCustomCodeFragments(
                (fragments) -> new SettingsSupplierFragments(fragments, namespaces, pluginTypes));
    }

    private static String[] strings(ConstructorArgumentValues arguments, int index) {
        ConstructorArgumentValues.ValueHolder holder = arguments.getIndexedArgumentValue(index, String[].class);
        if (holder == null || !(holder.getValue() instanceof String[] values)) {
            throw new IllegalStateException("plux settings bean definition without argument " + index
                    + ": registered by another version of PluginManagerRegistrar?");
        }
        return values;
    }

    /** Replaces only the instance supplier; the rest of the bean definition is written as Spring writes it. */
    private static final class SettingsSupplierFragments extends BeanRegistrationCodeFragmentsDecorator {

        private final String[] namespaces;

        private final String[] pluginTypes;

        SettingsSupplierFragments(BeanRegistrationCodeFragments delegate, String[] namespaces,
                String[] pluginTypes) {
            super(delegate);
            this.namespaces = namespaces;
            this.pluginTypes = pluginTypes;
        }

        @Override
        public CodeBlock generateInstanceSupplierCode(GenerationContext generationContext,
                BeanRegistrationCode beanRegistrationCode, boolean allowDirectSupplierShortcut) {
            return CodeBlock.of("$T.<$T>of((registeredBean) -> $T.fromRegisteredBean(registeredBean, $L, $L))",
                    InstanceSupplier.class, PluxSettings.class, PluxSettings.class, array(this.namespaces),
                    array(this.pluginTypes));
        }

        private static CodeBlock array(String[] values) {
            CodeBlock.Builder code = CodeBlock.builder().add("new String[] {");
            for (int i = 0; i < values.length; i++) {
                code.add((i > 0) ? ", $S" : " $S", values[i]);
            }
            return code.add(" }").build();
        }
    }
}
